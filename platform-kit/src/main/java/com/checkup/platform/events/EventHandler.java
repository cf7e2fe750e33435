package com.checkup.platform.events;

/** Handles one event inside the transaction that also records it as processed. Throwing means: redeliver. */
@FunctionalInterface
public interface EventHandler {
    void handle(ReceivedEvent event) throws Exception;
}
