package com.checkup.platform.events;

import com.checkup.platform.context.CallContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;

/** An event as a handler sees it: id, type, the publisher's context and the JSON payload. */
public record ReceivedEvent(String eventId, String eventType, String topic, CallContext context, String payloadJson) {

    public <T> T payload(Class<T> type) {
        try {
            return Json.MAPPER.readValue(payloadJson, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + eventId + " is not a " + type.getSimpleName(), e);
        }
    }

    static ReceivedEvent of(org.apache.rocketmq.common.message.MessageExt m) {
        return new ReceivedEvent(EventHeaders.eventIdOf(m), m.getTags(), m.getTopic(), EventHeaders.contextOf(m),
                new String(m.getBody(), StandardCharsets.UTF_8));
    }
}
