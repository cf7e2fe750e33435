package com.checkup.message.config;

import com.checkup.message.app.Catalogue;
import com.checkup.message.app.CatalogueNames;
import com.checkup.message.app.Inbox;
import com.checkup.message.app.InboxNotices;
import com.checkup.message.app.InboxStore;
import com.checkup.message.app.InboxWaiters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox: waiting polls (a timer thread and a few threads that read for polls, however many polls wait),
 * the periodic look for notices committed on other instances, and the reminders' showing.
 */
@Configuration(proxyBeanMethods = false)
public class InboxConfig {
    @Bean(destroyMethod = "shutdownNow")
    ScheduledThreadPoolExecutor inboxTimer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("inbox-timer"));
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /**
     * Every read of a poll (its first look and every re-read after a wake), off Dubbo's threads. A few threads are
     * enough (each read is one or two indexed queries); a burst waits in the queue, bounded: beyond it, polls are
     * answered TOO_MANY_REQUESTS.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService inboxReaders(@Value("${checkup.inbox.readers}") int readers, @Value("${checkup.inbox.read-queue}") int queue) {
        return new ThreadPoolExecutor(readers, readers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(queue), daemon("inbox-read"));
    }

    @Bean
    InboxWaiters inboxWaiters(InboxStore store, ScheduledThreadPoolExecutor inboxTimer, ExecutorService inboxReaders,
                              @Value("${checkup.inbox.max-waiting-per-user}") int perUser,
                              @Value("${checkup.inbox.max-waiting}") int total,
                              ObjectProvider<MeterRegistry> registry) {
        InboxWaiters w = new InboxWaiters(store, (delay, task) -> {
            var f = inboxTimer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        }, inboxReaders, perUser, total);
        registry.ifAvailable(r -> Gauge.builder("checkup.inbox.waiting", w, InboxWaiters::held)
                .description("Inbox polls waiting in this instance").register(r));
        return w;
    }

    @Bean
    Inbox inbox(InboxStore store, InboxWaiters waiters, ExecutorService inboxReaders) {
        return new Inbox(store, waiters, inboxReaders);
    }

    @Bean
    CatalogueNames catalogueNames(Catalogue catalogue, Clock clock) {
        return new CatalogueNames(catalogue, clock, Duration.ofMinutes(10), Duration.ofSeconds(30));
    }

    @Bean
    InboxNotices inboxNotices(InboxStore store, InboxWaiters waiters, CatalogueNames names, TransactionTemplate tx, Clock clock,
                              @Value("${checkup.message.zone}") String zone, @Value("${checkup.message.reminder-at}") String reminderAt) {
        return new InboxNotices(store, waiters, names, tx, clock, ZoneId.of(zone), LocalTime.parse(reminderAt));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
