package com.checkup.contracts.error;

/**
 * Stable error codes shared by every service and the gateway. The name is the wire code (clients match on it),
 * the HTTP status is what the gateway answers with. Never rename a constant; add new ones.
 */
public enum ErrorCode {
    /** Malformed request: bad JSON, wrong type, missing parameter. */
    BAD_REQUEST(400),
    /** Well-formed but invalid input (a field fails a rule). */
    VALIDATION_FAILED(400),
    /** No or bad credentials. */
    UNAUTHENTICATED(401),
    /** Authenticated but not allowed (persona or scope). */
    FORBIDDEN(403),
    NOT_FOUND(404),
    /** The route exists, but not for this HTTP method. */
    METHOD_NOT_ALLOWED(405),
    /** The request conflicts with the current state (illegal transition, stale data). */
    CONFLICT(409),
    /** The same Idempotency-Key was used with a different request body. */
    IDEMPOTENCY_CONFLICT(409),
    /** No place left for the requested slot (or one of the resources it needs). */
    SOLD_OUT(409),
    /** A company's campaign has no quota or budget left for another booking. */
    QUOTA_EXHAUSTED(409),
    /** The consumer already has as many unpaid holds as one may have: pay or cancel one first. */
    TOO_MANY_HOLDS(409),
    /** The examinee does not meet the package's limits (gender, age). */
    NOT_ELIGIBLE(422),
    PAYLOAD_TOO_LARGE(413),
    /** A flow rule rejected the call (Sentinel). */
    TOO_MANY_REQUESTS(429),
    /** Unexpected failure inside a service; details are in its log under the trace id. */
    INTERNAL(500),
    /** A downstream service or resource is not reachable right now. */
    UNAVAILABLE(503),
    /** A downstream call did not answer in time. */
    TIMEOUT(504);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The code for a wire name, or {@link #INTERNAL} for a name this build does not know. */
    public static ErrorCode fromWire(String code) {
        if (code != null) {
            for (ErrorCode c : values()) {
                if (c.name().equals(code)) {
                    return c;
                }
            }
        }
        return INTERNAL;
    }
}
