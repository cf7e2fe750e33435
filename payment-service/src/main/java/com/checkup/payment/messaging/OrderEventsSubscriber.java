package com.checkup.payment.messaging;

import com.checkup.contracts.event.Topics;
import com.checkup.contracts.order.OrderEvent;
import com.checkup.payment.app.ClosedOrders;
import com.checkup.platform.events.ReceivedEvent;
import com.checkup.platform.spring.EventSubscriptions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** order.closed → its pending payment's trade closed at the channel ({@link ClosedOrders}). Idempotent. */
@Component
public class OrderEventsSubscriber {
    static final String GROUP = "payment-service-orders";
    private static final Logger log = LoggerFactory.getLogger(OrderEventsSubscriber.class);

    private final ObjectProvider<EventSubscriptions> subscriptions;
    private final ClosedOrders closedOrders;

    public OrderEventsSubscriber(ObjectProvider<EventSubscriptions> subscriptions, ClosedOrders closedOrders) {
        this.subscriptions = subscriptions;
        this.closedOrders = closedOrders;
    }

    /** Subscribe once the service is fully started (database migrated, Dubbo exported). */
    @EventListener(ApplicationReadyEvent.class)
    public void subscribe() {
        EventSubscriptions subs = subscriptions.getIfAvailable();
        if (subs == null) {
            log.warn("No RocketMQ name server configured (checkup.rocketmq.name-server): closed orders' trades are"
                    + " closed by the pending-payments pass only");
            return;
        }
        subs.subscribe(GROUP, Topics.ORDER, Set.of(OrderEvent.CLOSED), this::on);
    }

    /** Runs in the transaction that records the event as handled; an exception means "deliver again". */
    void on(ReceivedEvent e) {
        closedOrders.closed(e.payload(OrderEvent.class).getOrderId());
    }
}
