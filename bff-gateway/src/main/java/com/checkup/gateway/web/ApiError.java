package com.checkup.gateway.web;

import com.checkup.contracts.error.ErrorCode;

/** A failure with the code and message the client gets in the envelope. */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /**
     * 415: api-contracts' {@link ErrorCode} has no code for it (services never see a request's media type), so the
     * gateway answers it with this wire code of its own.
     */
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    private final String code;
    private final int status;
    private final long retryAfterSeconds;

    public ApiError(ErrorCode code, String message) {
        this(code.name(), code.httpStatus(), message);
    }

    /** A code from a service, kept as sent (a newer service may know codes this gateway does not). */
    public ApiError(String wireCode, int status, String message) {
        this(wireCode, status, message, 0);
    }

    private ApiError(String wireCode, int status, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.code = wireCode;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 415 with the envelope. */
    public static ApiError unsupportedMediaType(String message) {
        return new ApiError(UNSUPPORTED_MEDIA_TYPE, 415, message);
    }

    /** A 429 whose answer carries {@code Retry-After: seconds} (at least 1). */
    public static ApiError tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiError(ErrorCode.TOO_MANY_REQUESTS.name(), ErrorCode.TOO_MANY_REQUESTS.httpStatus(), message,
                Math.max(1, retryAfterSeconds));
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** Seconds for a {@code Retry-After} header; 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
