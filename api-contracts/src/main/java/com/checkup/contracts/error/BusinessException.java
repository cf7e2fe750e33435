package com.checkup.contracts.error;

/**
 * The one exception that crosses service boundaries. It carries a stable code and a message meant for the
 * caller (never internals). The code travels as a string so an older consumer can still read a newer code.
 * No stack trace is captured: it is an expected outcome, not a bug, and it must not leak internals over RPC.
 */
public class BusinessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int httpStatus;

    public BusinessException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code.name();
        this.httpStatus = code.httpStatus();
    }

    public String getCode() {
        return code;
    }

    public int getHttpStatus() {
        return httpStatus;
    }

    public ErrorCode errorCode() {
        return ErrorCode.fromWire(code);
    }

    @Override
    public String toString() {
        return "BusinessException[" + code + "]: " + getMessage();
    }
}
