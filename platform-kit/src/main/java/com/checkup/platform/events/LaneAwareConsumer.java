package com.checkup.platform.events;

import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.context.Callers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.header.QueryConsumerOffsetRequestHeader;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RocketMQ consumer that honours lanes (see docs/lanes.md).
 * <ul>
 * <li><b>Lane L</b>: group {@code <group>_lane_L}, SQL92 {@code lane = 'L'}; a new group starts at its own start
 * time, so nothing published after it started is missed.</li>
 * <li><b>Baseline</b>: group {@code <group>}, {@code lane IS NULL OR lane NOT IN (known lanes)}, where a lane is
 * known once its group exists on the broker. For every known lane that has no live consumer right now, the
 * baseline runs a <i>stand-in</i> in that lane's group, which resumes from the lane group's own offsets: a
 * message of a lane whose consumer has gone (or never came) is still handled, and nothing published while the
 * lane consumer was going away falls between the two groups. The set is re-read from the broker every refresh
 * interval and the subscriptions follow it.</li>
 * </ul>
 * Around a change the same message can reach two groups; every delivery goes through {@link ProcessedEvents}
 * under the <i>logical</i> group name (shared by the baseline and all its lanes), so it is handled once.
 */
public final class LaneAwareConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LaneAwareConsumer.class);
    private static final Pattern LANE_NAME = Pattern.compile("[A-Za-z0-9-]{1,32}");
    private static final String LANE_GROUP_INFIX = "_lane_";
    private static final String STANDIN = "standin-";

    private final String namesrvAddr;
    private final String group;
    private final String topic;
    private final String lane;
    private final EventHandler handler;
    private final ProcessedEvents processed;
    /** How far back a baseline group that has never consumed starts. */
    static final Duration NEW_GROUP_LOOKBACK = Duration.ofMinutes(10);
    private final Duration refreshInterval;
    private final Duration clientInterval;
    /** Event types (tags) this consumer wants; empty for all. Filtered by the broker, so others never arrive. */
    private final Set<String> eventTypes;
    private final String instanceId = UUID.randomUUID().toString().substring(0, 8);

    private DefaultMQPushConsumer main;
    private ScheduledExecutorService watcher;
    private volatile Set<String> knownLanes = Set.of();
    private volatile Set<String> liveLanes = Set.of();
    /** Whether the baseline's topic had a route when it started, or it has since had queues or asked for them. */
    private volatile boolean routeTaken;
    private final Map<String, DefaultMQPushConsumer> standIns = new ConcurrentHashMap<>();

    /** Started and not yet closed consumers of this JVM, for metrics (lag per group and topic). */
    private static final Set<LaneAwareConsumer> RUNNING = new java.util.LinkedHashSet<>();
    private static final List<Lifecycle> WATCHERS = new ArrayList<>();
    private static final long LAG_TIMEOUT_MS = 2000;

    private LaneAwareConsumer(Builder b) {
        this.namesrvAddr = Objects.requireNonNull(b.namesrvAddr, "namesrvAddr");
        this.group = Objects.requireNonNull(b.group, "group");
        this.topic = Objects.requireNonNull(b.topic, "topic");
        this.lane = b.lane;
        this.handler = Objects.requireNonNull(b.handler, "handler");
        this.processed = Objects.requireNonNull(b.processed, "processedEvents");
        this.refreshInterval = b.refreshInterval;
        this.clientInterval = b.clientInterval;
        this.eventTypes = Set.copyOf(b.eventTypes);
        for (String t : eventTypes) {
            if (!t.matches("[a-z0-9][a-z0-9.-]{0,63}")) {
                throw new IllegalArgumentException("Event types are lower-case words joined by '.' or '-': " + t);
            }
        }
        if (lane != null && !LANE_NAME.matcher(lane).matches()) {
            throw new IllegalArgumentException("Lane names are 1-32 letters, digits or '-': " + lane);
        }
    }

    public static Builder builder(String namesrvAddr, String group, String topic) {
        return new Builder(namesrvAddr, group, topic);
    }

    public static String laneGroup(String group, String lane) {
        return group + LANE_GROUP_INFIX + lane;
    }

    /** The baseline's SQL92 filter for a set of lanes that have a group of their own. */
    static String baselineExpression(Set<String> excludedLanes) {
        if (excludedLanes.isEmpty()) {
            return "lane IS NULL OR lane IS NOT NULL";
        }
        return "lane IS NULL OR lane NOT IN ("
                + excludedLanes.stream().sorted().map(l -> "'" + l + "'").collect(Collectors.joining(", ")) + ")";
    }

    /** The broker-side filter: the lane expression, narrowed to the wanted event types (the message tag). */
    private MessageSelector selector(String laneExpression) {
        if (eventTypes.isEmpty()) {
            return MessageSelector.bySql(laneExpression);
        }
        return MessageSelector.bySql("(" + laneExpression + ") AND TAGS IN ("
                + eventTypes.stream().sorted().map(t -> "'" + t + "'").collect(Collectors.joining(", ")) + ")");
    }

    public synchronized LaneAwareConsumer start() throws MQClientException {
        if (lane != null) {
            main = newConsumer(laneGroup(group, lane), "lane-" + lane + "-" + instanceId);
            main.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_TIMESTAMP);
            main.setConsumeTimestamp(UtilAll.timeMillisToHumanString3(System.currentTimeMillis() - 1000));
            main.subscribe(topic, selector("lane = '" + lane + "'"));
            main.start();
            log.info("Lane consumer {} started for topic {} in lane {}", main.getConsumerGroup(), topic, lane);
            announceStarted(this);
            return this;
        }
        // Until the broker has been asked, take everything: a duplicate is absorbed, a skipped message is lost.
        main = newConsumer(group, "baseline-" + instanceId);
        // A group with no offsets yet (first start of a service, fresh local data) would otherwise begin at the end
        // of each queue as of its first rebalance, silently skipping what was published in between. It starts a
        // while back instead; a group that has offsets resumes from them, and duplicates are absorbed.
        main.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_TIMESTAMP);
        main.setConsumeTimestamp(UtilAll.timeMillisToHumanString3(System.currentTimeMillis() - NEW_GROUP_LOOKBACK.toMillis()));
        main.subscribe(topic, selector(baselineExpression(Set.of())));
        main.start();
        // start() asked the name server for the route: if it had one, the client gets its queues as usual.
        routeTaken = main.getDefaultMQPushConsumerImpl().getRebalanceImpl().getTopicSubscribeInfoTable().containsKey(topic);
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lanes-" + group);
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::safeRefresh, 0, refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Baseline consumer {} started for topic {}", group, topic);
        announceStarted(this);
        return this;
    }

    private DefaultMQPushConsumer newConsumer(String consumerGroup, String instanceName) {
        DefaultMQPushConsumer c = new DefaultMQPushConsumer(consumerGroup);
        c.setNamesrvAddr(namesrvAddr);
        c.setInstanceName(instanceName);
        c.setPollNameServerInterval((int) clientInterval.toMillis());
        c.setHeartbeatBrokerInterval((int) clientInterval.toMillis());
        c.setConsumeThreadMin(2);
        c.setConsumeThreadMax(4);
        c.setMaxReconsumeTimes(16);
        // Shutdown lets the events being handled finish (their offsets then committed) instead of leaving them to be
        // redelivered to another instance; longer handling is cut and redelivered (handlers are idempotent). RocketMQ
        // waits this long, interrupts, and may wait as long again: 3 s keeps every consumer (closed in parallel) well
        // inside Dubbo's own 10 s shutdown wait and the pod's grace period.
        c.setAwaitTerminationMillisWhenShutdown(3_000);
        c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                if (!handle(m)) {
                    return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        return c;
    }

    private boolean handle(MessageExt m) {
        ReceivedEvent event = ReceivedEvent.of(m);
        // The handler acts as this service (SYSTEM, signed on its calls), in the publisher's trace and lane: a message's
        // persona properties are not signed, so whoever can publish to the broker must not become a user by them.
        try (CallContextHolder.Scope ignored = Callers.bindSystem(group, event.context())) {
            long start = System.nanoTime();
            ProcessedEvents.Outcome outcome = processed.process(group, event, handler);
            // One line per delivery, under the publisher's trace id (MDC): a trace can be followed into every consumer.
            log.info("Event {} ({}) {} by {} in {} ms", event.eventId(), event.eventType(),
                    outcome == ProcessedEvents.Outcome.DUPLICATE ? "skipped as duplicate" : "handled", group,
                    (System.nanoTime() - start) / 1_000_000);
            return true;
        } catch (RuntimeException e) {
            log.warn("Event {} ({}) failed in {} (delivery {}), will be redelivered: {}", event.eventId(),
                    event.eventType(), group, m.getReconsumeTimes() + 1, e.toString(), e);
            return false;
        }
    }

    private void safeRefresh() {
        try {
            refreshLanes();
        } catch (Exception e) {
            log.warn("Could not refresh lanes of {}: {}", group, e.toString());
        }
    }

    /** Re-reads the lane groups from the broker and adjusts the baseline's filter and stand-ins. */
    synchronized void refreshLanes() throws Exception {
        MQClientAPIImpl api = main.getDefaultMQPushConsumerImpl().getmQClientFactory().getMQClientAPIImpl();
        TopicRouteData route = api.getTopicRouteInfoFromNameServer(topic, 3000);
        takeLateRoute();
        String prefix = group + LANE_GROUP_INFIX;
        Set<String> known = new TreeSet<>();
        Set<String> live = new TreeSet<>();
        for (BrokerData bd : route.getBrokerDatas()) {
            String addr = bd.selectBrokerAddr();
            if (addr == null) {
                continue;
            }
            for (String g : api.getAllSubscriptionGroup(addr, 3000).getSubscriptionGroupTable().keySet()) {
                if (!g.startsWith(prefix)) {
                    continue;
                }
                String l = g.substring(prefix.length());
                if (!LANE_NAME.matcher(l).matches()) {
                    continue;
                }
                known.add(l);
                if (hasRealConsumer(api, addr, g)) {
                    live.add(l);
                }
            }
        }
        if (!known.equals(knownLanes)) {
            main.subscribe(topic, selector(baselineExpression(known)));
            log.info("Baseline {} now leaves lanes {} to their groups", group, known);
        }
        for (String l : known) {
            if (live.contains(l)) {
                stopStandIn(l);
            } else {
                startStandIn(l);
            }
        }
        for (String l : new ArrayList<>(standIns.keySet())) {
            if (!known.contains(l)) {
                stopStandIn(l);
            }
        }
        knownLanes = Set.copyOf(known);
        liveLanes = Set.copyOf(live);
    }

    /**
     * A baseline consumer started before its topic had a route (the broker came up after this service, as {@code up}
     * allows) gets queues only at the client's next rebalance (every 20 s) or route poll and heartbeat. Once the route
     * exists (the caller just read it), take it at once: route, heartbeat (the broker then counts this consumer in its
     * group), rebalance. Done once per consumer, when it has no queue yet: a consumer that has queues, or that took the
     * route once and got none (more instances than queues), is left to the client.
     *
     * <p>The rebalance runs on this thread, and the client's own rebalance thread (woken by the broker's notice of a new
     * consumer) may run at the same moment: the client adds a queue only if it is absent, so no queue is pulled twice;
     * at worst an offset is read again and an event is redelivered, which {@link ProcessedEvents} absorbs.
     */
    private void takeLateRoute() {
        if (routeTaken) {
            return;
        }
        if (!assignedQueues().isEmpty()) {
            routeTaken = true;
            return;
        }
        MQClientInstance client = main.getDefaultMQPushConsumerImpl().getmQClientFactory();
        client.updateTopicRouteInfoFromNameServer(topic);
        if (!client.sendHeartbeatToAllBrokerWithLock()) {
            return; // another heartbeat holds the lock: next refresh
        }
        main.getDefaultMQPushConsumerImpl().doRebalance();
        routeTaken = true;
        log.info("Consumer {} took the route of {}: {} queue(s)", group, topic, assignedQueues().size());
    }

    private static boolean hasRealConsumer(MQClientAPIImpl api, String addr, String laneGroup) {
        List<String> ids;
        try {
            ids = api.getConsumerIdListByGroup(addr, laneGroup, 3000);
        } catch (Exception noConsumers) {
            // The broker answers "not found" for a group without connections.
            return false;
        }
        return ids != null && ids.stream().anyMatch(id -> !id.contains("@" + STANDIN));
    }

    private void startStandIn(String l) throws MQClientException {
        if (standIns.containsKey(l)) {
            return;
        }
        DefaultMQPushConsumer c = newConsumer(laneGroup(group, l), STANDIN + instanceId);
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_TIMESTAMP);
        c.setConsumeTimestamp(UtilAll.timeMillisToHumanString3(System.currentTimeMillis() - 1000));
        c.subscribe(topic, selector("lane = '" + l + "'"));
        c.start();
        standIns.put(l, c);
        log.info("Baseline {} stands in for lane {} (no live consumer)", group, l);
    }

    private void stopStandIn(String l) {
        DefaultMQPushConsumer c = standIns.remove(l);
        if (c != null) {
            c.shutdown();
            log.info("Baseline {} hands lane {} back to its consumer", group, l);
        }
    }

    /**
     * Messages of the topic not yet consumed by this consumer's own group (filtered-out ones count as consumed):
     * the sum over queues of max offset minus consumed offset.
     */
    public long backlog(String topicName) throws MQClientException {
        long total = 0;
        for (MessageQueue mq : main.fetchSubscribeMessageQueues(topicName)) {
            long max = main.getDefaultMQPushConsumerImpl().maxOffset(mq);
            long done = main.getDefaultMQPushConsumerImpl().getOffsetStore()
                    .readOffset(mq, ReadOffsetType.MEMORY_FIRST_THEN_STORE);
            total += Math.max(0, max - Math.max(0, done));
        }
        return total;
    }

    /**
     * The lag of this consumer's own group (the lane group for a lane consumer) on its topic, asked of the broker: the
     * sum over the topic's queues of the broker's max offset minus the group's committed offset (this instance's
     * in-memory offset for a queue it consumes, the broker's for the others; a queue the group never committed on
     * counts 0). Throws when the broker cannot be asked.
     */
    public long committedLag() {
        DefaultMQPushConsumer c = main;
        if (c == null) {
            throw new IllegalStateException("not started");
        }
        var impl = c.getDefaultMQPushConsumerImpl();
        MQClientInstance factory = impl.getmQClientFactory();
        Set<MessageQueue> queues = impl.getRebalanceImpl().getTopicSubscribeInfoTable().get(topic);
        if (factory == null || queues == null || queues.isEmpty()) {
            throw new IllegalStateException("no route of " + topic + " yet");
        }
        MQClientAPIImpl api = factory.getMQClientAPIImpl();
        long total = 0;
        try {
            for (MessageQueue mq : queues) {
                String addr = factory.findBrokerAddressInPublish(factory.getBrokerNameFromMessageQueue(mq));
                if (addr == null) {
                    throw new IllegalStateException("no broker address for " + mq);
                }
                long max = api.getMaxOffset(addr, mq, LAG_TIMEOUT_MS);
                long done = impl.getOffsetStore().readOffset(mq, ReadOffsetType.READ_FROM_MEMORY);
                if (done < 0) {
                    done = brokerOffset(api, addr, c.getConsumerGroup(), mq, max);
                }
                total += Math.max(0, max - done);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return total;
    }

    private static long brokerOffset(MQClientAPIImpl api, String addr, String consumerGroup, MessageQueue mq, long max)
            throws Exception {
        QueryConsumerOffsetRequestHeader h = new QueryConsumerOffsetRequestHeader();
        h.setConsumerGroup(consumerGroup);
        h.setTopic(mq.getTopic());
        h.setQueueId(mq.getQueueId());
        h.setBrokerName(mq.getBrokerName());
        h.setSetZeroIfNotFound(false);
        try {
            return api.queryConsumerOffset(addr, h, LAG_TIMEOUT_MS);
        } catch (MQBrokerException e) {
            if (e.getResponseCode() == ResponseCode.QUERY_NOT_FOUND) {
                return max;
            }
            throw e;
        }
    }

    /** The queues of its topic this instance consumes now (none until its group's rebalance gave it some). */
    Set<MessageQueue> assignedQueues() {
        return main.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().keySet().stream()
                .filter(q -> q.getTopic().equals(topic)).collect(Collectors.toSet());
    }

    /** The consumer group this consumer commits under (its lane group for a lane consumer). */
    public String consumerGroup() {
        return lane == null ? group : laneGroup(group, lane);
    }

    public String topic() {
        return topic;
    }

    /** Told of every consumer of this JVM that starts or closes (for metrics); told at once of those running. */
    public interface Lifecycle {
        void started(LaneAwareConsumer consumer);

        void closed(LaneAwareConsumer consumer);
    }

    public static void watch(Lifecycle watcher) {
        synchronized (RUNNING) {
            WATCHERS.add(watcher);
            RUNNING.forEach(watcher::started);
        }
    }

    public static void unwatch(Lifecycle watcher) {
        synchronized (RUNNING) {
            WATCHERS.remove(watcher);
        }
    }

    private static void announceStarted(LaneAwareConsumer c) {
        synchronized (RUNNING) {
            if (RUNNING.add(c)) {
                WATCHERS.forEach(w -> w.started(c));
            }
        }
    }

    private static void announceClosed(LaneAwareConsumer c) {
        synchronized (RUNNING) {
            if (RUNNING.remove(c)) {
                WATCHERS.forEach(w -> w.closed(c));
            }
        }
    }

    /** Lanes that have a group of their own on the broker (baseline only). */
    public Set<String> knownLanes() {
        return knownLanes;
    }

    /** Lanes with a live consumer other than a stand-in (baseline only). */
    public Set<String> liveLanes() {
        return liveLanes;
    }

    /** Lanes the baseline is currently standing in for. */
    public Set<String> standingInFor() {
        return Set.copyOf(standIns.keySet());
    }

    public String lane() {
        return lane;
    }

    @Override
    public synchronized void close() {
        announceClosed(this);
        if (watcher != null) {
            watcher.shutdownNow();
        }
        standIns.keySet().forEach(this::stopStandIn);
        if (main != null) {
            main.shutdown();
        }
    }

    public static final class Builder {
        private final String namesrvAddr;
        private final String group;
        private final String topic;
        private String lane;
        private EventHandler handler;
        private ProcessedEvents processed;
        private Duration refreshInterval = Duration.ofSeconds(2);
        private Duration clientInterval = Duration.ofSeconds(5);
        private Set<String> eventTypes = Set.of();

        private Builder(String namesrvAddr, String group, String topic) {
            this.namesrvAddr = namesrvAddr;
            this.group = group;
            this.topic = topic;
        }

        /** The lane this consumer serves; null or blank for the baseline. */
        public Builder lane(String lane) {
            this.lane = lane == null || lane.isBlank() ? null : lane;
            return this;
        }

        /** Only these event types are delivered (none given: all). */
        public Builder eventTypes(Set<String> types) {
            this.eventTypes = types == null ? Set.of() : types;
            return this;
        }

        public Builder handler(EventHandler handler) {
            this.handler = handler;
            return this;
        }

        public Builder processedEvents(ProcessedEvents processed) {
            this.processed = processed;
            return this;
        }

        /** How often the baseline re-reads which lanes have consumers. */
        public Builder refreshInterval(Duration d) {
            this.refreshInterval = d;
            return this;
        }

        /** Name-server poll and broker heartbeat interval of the client. */
        public Builder clientInterval(Duration d) {
            this.clientInterval = d;
            return this;
        }

        public LaneAwareConsumer build() {
            return new LaneAwareConsumer(this);
        }
    }
}
