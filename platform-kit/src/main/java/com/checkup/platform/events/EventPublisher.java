package com.checkup.platform.events;

/** Publishes a domain event as part of the caller's database transaction. */
public interface EventPublisher {
    /**
     * Records the event so that it is published if and only if the surrounding transaction commits.
     *
     * @param topic     topic name (from api-contracts)
     * @param eventType event type, also the RocketMQ tag (e.g. {@code order.paid})
     * @param key       business key for lookups and ordering hints (e.g. the order id), may be null
     * @param payload   the event payload (an api-contracts type), serialised as JSON
     * @return the event id consumers deduplicate on
     */
    String publish(String topic, String eventType, String key, Object payload);

    /**
     * Like {@link #publish}, but consumers receive the event at {@code deliverAt} (the broker holds it until then;
     * RocketMQ timer messages, up to the broker's maximum delay, 3 days by default). Delivery may be up to a second
     * late and, like every event, may come more than once.
     */
    String publishAt(String topic, String eventType, String key, Object payload, java.time.Instant deliverAt);

    /**
     * Like {@link #publish} for many events of one type at once, written in one batched statement (a roster's
     * grants: thousands per transaction). Returns the event ids in the order given.
     */
    default java.util.List<String> publishAll(String topic, String eventType, java.util.List<Outgoing> events) {
        return events.stream().map(e -> publish(topic, eventType, e.key(), e.payload())).toList();
    }

    /** One event of a {@link #publishAll} batch: its business key and payload. */
    record Outgoing(String key, Object payload) {
    }
}
