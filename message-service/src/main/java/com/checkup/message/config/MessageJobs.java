package com.checkup.message.config;

import com.checkup.message.app.InboxNotices;
import com.checkup.message.app.InboxWaiters;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * When message-service does work of its own. Each job is a use case in {@code app/} that does one pass; this is the one
 * place that says how often. (Due messages are leased work: the dispatch {@code WorkLoop} in MessageConfig drives them.)
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class MessageJobs {
    private static final Logger log = LoggerFactory.getLogger(MessageJobs.class);

    private final InboxWaiters waiters;
    private final InboxNotices notices;
    private final int lookbackSeconds;

    public MessageJobs(InboxWaiters waiters, InboxNotices notices,
                       @Value("${checkup.inbox.sweep-lookback}") Duration lookback) {
        this.waiters = waiters;
        this.notices = notices;
        this.lookbackSeconds = (int) Math.max(1, lookback.toSeconds());
    }

    /** Waiting polls learn of notices committed on other instances. */
    @Scheduled(fixedDelayString = "${checkup.inbox.sweep-interval}", initialDelayString = "${checkup.inbox.sweep-interval}")
    void wakeForOtherInstances() {
        try {
            waiters.wakeForOtherInstances(lookbackSeconds);
        } catch (RuntimeException e) {
            log.warn("Inbox sweep failed: {}", e.toString());
        }
    }

    @Scheduled(fixedDelayString = "${checkup.inbox.reminder-interval}", initialDelayString = "${checkup.inbox.reminder-interval}")
    void showDueReminders() {
        try {
            notices.showDueBacklog();
        } catch (RuntimeException e) {
            log.warn("Inbox reminders could not be shown now: {}", e.toString());
        }
    }

    /** Stopping: waiting polls are answered now (before Dubbo goes), so their clients poll another instance at once. */
    @EventListener(ContextClosedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void releaseWaitingPolls() {
        waiters.close();
    }
}
