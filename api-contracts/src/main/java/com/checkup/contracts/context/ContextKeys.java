package com.checkup.contracts.context;

/**
 * Names under which the call context travels: Dubbo attachments, RocketMQ user properties and HTTP headers.
 * The gateway sets them; platform-kit carries them across every hop.
 */
public final class ContextKeys {
    /** Dubbo's own tag attachment: the lane a call is routed in. */
    public static final String DUBBO_TAG = "dubbo.tag";
    /** RocketMQ user property holding the lane (SQL92-filtered by lane-aware consumers). */
    public static final String MQ_LANE = "lane";

    public static final String TRACE_ID = "checkup-trace-id";
    public static final String PERSONA = "checkup-persona";
    public static final String TENANT_ID = "checkup-tenant";
    public static final String USER_ID = "checkup-user";
    /** Event id as a RocketMQ user property; consumers deduplicate on it. */
    public static final String EVENT_ID = "checkup-event-id";
    public static final String EVENT_TYPE = "checkup-event-type";

    /** Set by the gateway: every provider on the way reports the lane it ran in (see LANE_PATH). */
    public static final String LANE_TRACE = "checkup-lane-trace";
    /** Response attachment: {@code service:lane} of the provider and, after a comma, of each hop it called. */
    public static final String LANE_PATH = "checkup-lane-path";
    /** Response attachment: the {@link com.checkup.contracts.error.ErrorCode} of a failed call (generic callers lose the exception type). */
    public static final String ERROR_CODE = "checkup-error-code";

    public static final String HTTP_REQUEST_ID = "X-Request-Id";
    /** Response header for testers: the lane each hop actually ran in. */
    public static final String HTTP_LANE_PATH = "X-Lane-Path";
    /** App build version; lane rules may send a build under store review to its own lane. */
    public static final String HTTP_APP_VERSION = "X-App-Version";
    public static final String HTTP_IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String HTTP_LANE = "X-Lane";

    private ContextKeys() {
    }
}
