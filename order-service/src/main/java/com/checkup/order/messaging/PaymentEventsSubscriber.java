package com.checkup.order.messaging;

import com.checkup.contracts.event.Topics;
import com.checkup.contracts.payment.PaymentEvent;
import com.checkup.order.app.OrderCommands;
import com.checkup.platform.events.ReceivedEvent;
import com.checkup.platform.spring.EventSubscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** payment.succeeded → order PAID; payment.refunded → order REFUNDED. Idempotent through platform-kit. */
@Component
public class PaymentEventsSubscriber {
    static final String GROUP = "order-service-payments";
    private static final Logger log = LoggerFactory.getLogger(PaymentEventsSubscriber.class);

    private final ObjectProvider<EventSubscriptions> subscriptions;
    private final OrderCommands commands;

    public PaymentEventsSubscriber(ObjectProvider<EventSubscriptions> subscriptions, OrderCommands commands) {
        this.subscriptions = subscriptions;
        this.commands = commands;
    }

    /** Subscribe once the service is fully started (database migrated, Dubbo exported). */
    @EventListener(ApplicationReadyEvent.class)
    public void subscribe() {
        EventSubscriptions subs = subscriptions.getIfAvailable();
        if (subs == null) {
            log.warn("No RocketMQ name server configured (checkup.rocketmq.name-server): payment events are not consumed");
            return;
        }
        subs.subscribe(GROUP, Topics.PAYMENT, this::on);
    }

    /** Runs in the transaction that records the event as handled; an exception means "deliver again". */
    void on(ReceivedEvent e) {
        switch (e.eventType()) {
            case PaymentEvent.SUCCEEDED -> commands.paymentSucceeded(e.payload(PaymentEvent.class));
            case PaymentEvent.REFUNDED -> commands.paymentRefunded(e.payload(PaymentEvent.class));
            default -> log.debug("Ignoring {} event {}", e.eventType(), e.eventId());
        }
    }
}
