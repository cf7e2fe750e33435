package com.checkup.gateway.web;

import com.checkup.contracts.error.ErrorCode;

/** A failure with the code and message the client gets in the envelope. */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final int status;

    public ApiError(ErrorCode code, String message) {
        this(code.name(), code.httpStatus(), message);
    }

    /** A code from a service, kept as sent (a newer service may know codes this gateway does not). */
    public ApiError(String wireCode, int status, String message) {
        super(message, null, false, false);
        this.code = wireCode;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
