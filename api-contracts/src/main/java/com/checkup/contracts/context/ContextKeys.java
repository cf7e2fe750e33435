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

    public static final String HTTP_REQUEST_ID = "X-Request-Id";
    public static final String HTTP_LANE = "X-Lane";

    private ContextKeys() {
    }
}
