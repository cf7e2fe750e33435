package com.checkup.platform.work;

import com.checkup.platform.context.Callers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link WorkQueue}: every {@code every} (and on {@link #wakeUp}) a pass claims only as much work as it has idle
 * workers for — {@code batch} items per idle worker — and starts it. Nothing waits in a memory queue, so a restart
 * forgets nothing: an unfinished claim lapses and the item is claimed again, here or by another instance. A worker that
 * finished a full batch wakes the loop, since more is probably due. Work runs bound as the service ({@code runAs}), as
 * everything a service does on its own. {@link #stop} claims nothing more (what is running finishes); {@link #close}
 * also waits for it, a few seconds at most.
 */
public final class WorkLoop<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkLoop.class);

    /** How many workers, how many items each takes at once, how long a claim lasts, how often to look. */
    public record Settings(int workers, int batch, Duration lease, Duration every) {
        public Settings {
            if (workers < 1 || batch < 1 || lease.isNegative() || lease.isZero() || every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("bad work loop settings: " + workers + " workers, batch " + batch
                        + ", lease " + lease + ", every " + every);
            }
        }
    }

    /** Does one batch of claimed work; an exception leaves the batch to its claims lapsing. */
    public interface Worker<T> {
        void work(List<Lease<T>> batch) throws Exception;
    }

    /** A worker that takes its items one at a time. */
    public static <T> Worker<T> each(Consumer<Lease<T>> one) {
        return batch -> batch.forEach(one);
    }

    private final String name;
    private final WorkQueue<T> queue;
    private final Worker<T> worker;
    private final Settings settings;
    private final Clock clock;
    private final String runAs;
    private final ScheduledExecutorService passes;
    private final ExecutorService workers;
    private final Semaphore idle;
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    /** A pass found every worker busy: the next worker to finish looks again, so that pass's work is not left waiting. */
    private final AtomicBoolean missed = new AtomicBoolean();
    private volatile boolean stopping;

    /** {@code runAs}: the service the work is done as, or null to bind no caller (work that carries its own). */
    public WorkLoop(String name, WorkQueue<T> queue, Worker<T> worker, Settings settings, Clock clock, String runAs) {
        this.name = name;
        this.queue = queue;
        this.worker = worker;
        this.settings = settings;
        this.clock = clock;
        this.runAs = runAs;
        this.idle = new Semaphore(settings.workers());
        this.passes = Executors.newSingleThreadScheduledExecutor(daemon(name));
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.workers(), daemon(() -> name + "-" + n.incrementAndGet()));
        queue.whenWorkAdded(this::wakeUp);
    }

    public WorkLoop<T> start() {
        long every = settings.every().toMillis();
        passes.scheduleWithFixedDelay(this::safePass, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Looks for work now rather than at the next tick (after a commit that made some due). Wake-ups coalesce: at most one
     * pass waits, and one asked for after that pass began queues the next, so none is missed.
     */
    public void wakeUp() {
        if (!stopping && wakeUpQueued.compareAndSet(false, true)) {
            try {
                passes.execute(() -> {
                    wakeUpQueued.set(false);
                    safePass();
                });
            } catch (RejectedExecutionException closing) {
                wakeUpQueued.set(false); // closing: what is due is taken up by the next start, here or elsewhere
            }
        }
    }

    /** One pass: claims work for the idle workers and starts it; returns how many items were claimed. */
    public int pass() {
        if (stopping) {
            return 0;
        }
        int free = idle.availablePermits();
        if (free == 0) {
            missed.set(true);
            free = idle.availablePermits(); // a worker may have finished between the two reads, before it saw the flag
            if (free == 0) {
                return 0;
            }
        }
        List<Lease<T>> claimed = queue.claim(clock.instant(), free * settings.batch(), settings.lease());
        for (int from = 0; from < claimed.size(); from += settings.batch()) {
            start(claimed.subList(from, Math.min(claimed.size(), from + settings.batch())));
        }
        return claimed.size();
    }

    private void start(List<Lease<T>> batch) {
        idle.acquireUninterruptibly();
        try {
            workers.execute(() -> {
                try (var ignored = runAs == null ? null : Callers.bindSystem(runAs, null)) {
                    worker.work(batch);
                } catch (Exception e) {
                    log.error("{}: work on {} item(s) failed unexpectedly; taken up again when the claims lapse", name,
                            batch.size(), e);
                } finally {
                    idle.release();
                }
                // A full batch: more is probably due. A pass that found no idle worker: what woke it is still due.
                // (Both are evaluated, so the flag is cleared whichever holds.)
                if (batch.size() == settings.batch() | missed.getAndSet(false)) {
                    wakeUp();
                }
            });
        } catch (RejectedExecutionException closing) {
            idle.release(); // closing: the claims lapse and the items are worked again
        }
    }

    private void safePass() {
        try {
            pass();
        } catch (RuntimeException e) {
            log.warn("{}: a pass failed, trying again at the next: {}", name, e.toString());
        }
    }

    /** Claims nothing more; what was started finishes. */
    public void stop() {
        if (!stopping) {
            stopping = true;
            log.info("{}: stopping, nothing more is claimed here", name);
        }
    }

    /** Workers with nothing to do right now. */
    public int idleWorkers() {
        return idle.availablePermits();
    }

    public boolean stopping() {
        return stopping;
    }

    @Override
    public void close() {
        stop();
        passes.shutdown();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("{}: work still running at close; its claims lapse and it is done again", name);
                workers.shutdownNow();
            }
            passes.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return daemon(() -> name);
    }

    private static java.util.concurrent.ThreadFactory daemon(java.util.function.Supplier<String> name) {
        return r -> {
            Thread t = new Thread(r, name.get());
            t.setDaemon(true);
            return t;
        };
    }
}
