package com.checkup.platform.spring;

import com.checkup.platform.work.WorkLoop;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * When a service stops, its work loops claim nothing more before anything else closes (Dubbo and the config center
 * follow this event): what they started finishes, or its claims lapse and another instance takes it up. The outbox
 * relay is not one of these beans and keeps sending while in-flight calls finish.
 */
final class StopClaimingOnClose implements ApplicationListener<ContextClosedEvent>, Ordered {
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        event.getApplicationContext().getBeansOfType(WorkLoop.class, false, false).values().forEach(WorkLoop::stop);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
