package com.checkup.sync.app;

/** fulfillment-service as the sync needs it: hands work to people. */
public interface FulfillmentTasks {
    /** Opens a task once per {@code key} (a retry gets the same task); returns its id. */
    String openTask(String key, String hospitalId, String bookingId, String kind, String reason);
}
