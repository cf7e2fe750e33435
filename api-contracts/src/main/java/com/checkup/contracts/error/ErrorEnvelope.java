package com.checkup.contracts.error;

import java.io.Serializable;
import java.util.Objects;

/** The one error body of the public HTTP API: {@code {code, message, traceId}}. */
public final class ErrorEnvelope implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String message;
    private final String traceId;

    public ErrorEnvelope(String code, String message, String traceId) {
        this.code = Objects.requireNonNull(code, "code");
        this.message = message == null ? "" : message;
        this.traceId = traceId;
    }

    public static ErrorEnvelope of(BusinessException e, String traceId) {
        return new ErrorEnvelope(e.getCode(), e.getMessage(), traceId);
    }

    public String getCode() {
        return code;
    }

    public String getMessage() {
        return message;
    }

    public String getTraceId() {
        return traceId;
    }

    @Override
    public String toString() {
        return "ErrorEnvelope{code=" + code + ", message=" + message + ", traceId=" + traceId + "}";
    }
}
