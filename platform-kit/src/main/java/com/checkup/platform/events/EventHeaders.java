package com.checkup.platform.events;

import com.checkup.contracts.context.ContextKeys;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.TraceIds;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/** The call context as RocketMQ user properties: {@code lane} (filtered by SQL92), trace id and caller. */
public final class EventHeaders {
    private static final java.util.regex.Pattern EVENT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private EventHeaders() {
    }

    public static Map<String, String> of(CallContext c, String eventId, String eventType) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(ContextKeys.EVENT_ID, eventId);
        h.put(ContextKeys.EVENT_TYPE, eventType);
        h.put(ContextKeys.TRACE_ID, c.traceId());
        if (c.lane() != null) {
            h.put(ContextKeys.MQ_LANE, c.lane());
        }
        if (c.persona() != null) {
            h.put(ContextKeys.PERSONA, c.persona());
        }
        if (c.tenantId() != null) {
            h.put(ContextKeys.TENANT_ID, c.tenantId());
        }
        if (c.userId() != null) {
            h.put(ContextKeys.USER_ID, c.userId());
        }
        return h;
    }

    public static void stamp(Message m, Map<String, String> headers) {
        headers.forEach(m::putUserProperty);
    }

    /** The context a consumer works in: the publisher's trace id, lane and caller. */
    public static CallContext contextOf(MessageExt m) {
        return new CallContext(
                TraceIds.acceptOrNew(m.getUserProperty(ContextKeys.TRACE_ID)),
                m.getUserProperty(ContextKeys.MQ_LANE),
                m.getUserProperty(ContextKeys.PERSONA),
                m.getUserProperty(ContextKeys.TENANT_ID),
                m.getUserProperty(ContextKeys.USER_ID));
    }

    /** Our event id, or RocketMQ's message id for a message not published through the outbox. */
    public static String eventIdOf(MessageExt m) {
        String id = m.getUserProperty(ContextKeys.EVENT_ID);
        // Ours are UUIDs; anything else (too long for processed_event, or with characters a log line must not carry)
        // is not an id we made: the broker's own message id stands in.
        return id != null && EVENT_ID.matcher(id).matches() ? id : m.getMsgId();
    }
}
