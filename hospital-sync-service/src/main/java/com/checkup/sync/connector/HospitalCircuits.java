package com.checkup.sync.connector;

import com.alibaba.csp.sentinel.Entry;
import com.alibaba.csp.sentinel.SphU;
import com.alibaba.csp.sentinel.Tracer;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRule;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRuleManager;
import com.alibaba.csp.sentinel.slots.block.degrade.circuitbreaker.CircuitBreaker;
import com.alibaba.csp.sentinel.slots.block.degrade.circuitbreaker.EventObserverRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Sentinel circuit breaker per hospital (resource {@code hospital:<id>}), so a broken or slow hospital fails fast
 * on its own while the others keep flowing: it opens on a high error ratio or a high ratio of slow calls, stays open
 * for a while, then lets one probe through. Plus a small per-hospital limit on calls in flight (a bulkhead), so a
 * slow hospital never holds every worker thread.
 */
public final class HospitalCircuits {
    private static final Logger log = LoggerFactory.getLogger(HospitalCircuits.class);
    private static final String PREFIX = "hospital:";

    /** Breaker settings (from {@code checkup.sync.breaker.*}). */
    public record Settings(double errorRatio, int minRequests, int statIntervalMs, int openSeconds, int slowCallMs,
                           int inFlightPerHospital) {
    }

    /** The call was not made: the circuit is open, or the hospital already has its share of calls in flight. */
    public static final class NotCalled extends Exception {
        private final boolean circuitOpen;

        NotCalled(String message, boolean circuitOpen) {
            super(message);
            this.circuitOpen = circuitOpen;
        }

        public boolean circuitOpen() {
            return circuitOpen;
        }
    }

    public interface Call {
        void run() throws Exception;
    }

    /**
     * Sentinel's rules are JVM-wide and loaded all at once: the rules of every instance's hospitals, so that two copies
     * in one JVM (tests) do not unload each other's. In a service there is one instance, serving its copy's hospitals.
     */
    private static final Map<String, List<DegradeRule>> ALL_RULES = new ConcurrentHashMap<>();

    private final Settings settings;
    /** The hospitals this instance has called (and holds a circuit for). */
    private final Set<String> hospitals = ConcurrentHashMap.newKeySet();
    private final Map<String, Semaphore> inFlight = new ConcurrentHashMap<>();
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final String observer = "checkup-hospital-circuits-" + UUID.randomUUID();
    private volatile BiConsumer<String, String> onChange = (hospital, state) -> { };

    public HospitalCircuits(Settings settings) {
        this.settings = settings;
        EventObserverRegistry.getInstance().addStateChangeObserver(observer, (prev, next, rule, value) -> {
            if (rule.getResource().startsWith(PREFIX) && hospitals.contains(rule.getResource().substring(PREFIX.length()))) {
                String hospital = rule.getResource().substring(PREFIX.length());
                states.put(hospital, next.name());
                if (next == CircuitBreaker.State.OPEN) {
                    log.warn("Circuit of hospital {} OPEN ({} was {}): its calls fail fast for {} s", hospital,
                            rule.getGrade() == RuleConstant.DEGRADE_GRADE_RT ? "slow-call ratio" : "error ratio", value,
                            settings.openSeconds());
                } else {
                    log.info("Circuit of hospital {} {}", hospital, next);
                }
                onChange.accept(hospital, next.name());
            }
        });
    }

    /** Told of every change of one of this instance's circuits (hospital, new state), on the calling thread. */
    public void onChange(BiConsumer<String, String> listener) {
        this.onChange = listener;
    }

    /** Runs a call to a hospital's system through its circuit; failures are counted against that hospital only. */
    public void call(String hospitalId, Call call) throws Exception {
        ensureRules(hospitalId);
        Semaphore permits = inFlight.computeIfAbsent(hospitalId, h -> new Semaphore(settings.inFlightPerHospital()));
        if (!permits.tryAcquire()) {
            throw new NotCalled("hospital " + hospitalId + " has " + settings.inFlightPerHospital() + " calls in flight", false);
        }
        try {
            Entry entry;
            try {
                entry = SphU.entry(PREFIX + hospitalId);
            } catch (BlockException e) {
                throw new NotCalled("circuit of hospital " + hospitalId + " is open", true);
            }
            try {
                call.run();
            } catch (Exception e) {
                Tracer.traceEntry(e, entry);
                throw e;
            } finally {
                entry.exit();
            }
        } finally {
            permits.release();
        }
    }

    /** CLOSED, OPEN or HALF_OPEN. */
    public String state(String hospitalId) {
        return states.getOrDefault(hospitalId, "CLOSED");
    }

    /** The circuits of this instance that are not CLOSED, by hospital. */
    public Map<String, String> notClosed() {
        Map<String, String> out = new TreeMap<>();
        states.forEach((hospital, state) -> {
            if (!"CLOSED".equals(state)) {
                out.put(hospital, state);
            }
        });
        return out;
    }

    /** The hospitals this instance has called since it started (only those of its copy's tier). */
    public Set<String> hospitals() {
        return Set.copyOf(hospitals);
    }

    /** Stops listening to Sentinel (the circuits themselves are JVM-wide and stay). */
    public void close() {
        EventObserverRegistry.getInstance().removeStateChangeObserver(observer);
    }

    private void ensureRules(String hospitalId) {
        if (hospitals.contains(hospitalId)) {
            return;
        }
        synchronized (ALL_RULES) {
            if (hospitals.contains(hospitalId)) {
                return;
            }
            String resource = PREFIX + hospitalId;
            DegradeRule errors = new DegradeRule(resource)
                    .setGrade(RuleConstant.DEGRADE_GRADE_EXCEPTION_RATIO)
                    .setCount(settings.errorRatio())
                    .setMinRequestAmount(settings.minRequests())
                    .setStatIntervalMs(settings.statIntervalMs())
                    .setTimeWindow(settings.openSeconds());
            DegradeRule slow = new DegradeRule(resource)
                    .setGrade(RuleConstant.DEGRADE_GRADE_RT)
                    .setCount(settings.slowCallMs())
                    .setSlowRatioThreshold(0.5)
                    .setMinRequestAmount(settings.minRequests())
                    .setStatIntervalMs(settings.statIntervalMs())
                    .setTimeWindow(settings.openSeconds());
            ALL_RULES.put(hospitalId, List.of(errors, slow));
            List<DegradeRule> all = new ArrayList<>();
            ALL_RULES.values().forEach(all::addAll);
            DegradeRuleManager.loadRules(all);
            hospitals.add(hospitalId);
        }
    }
}
