package com.checkup.sync.app;

import com.checkup.platform.context.Callers;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of worker threads that only ever gets as much work as it has idle threads: a pass claims
 * {@link #idle()} items from the database and {@link #start starts} each, so nothing waits in a memory queue where a
 * restart would forget it (an unfinished claim lapses and the item is claimed again). Work runs as this service.
 */
public final class Workers {
    private static final Logger log = LoggerFactory.getLogger(Workers.class);

    private final ExecutorService threads;
    private final Semaphore idle;

    public Workers(ExecutorService threads, int size) {
        this.threads = threads;
        this.idle = new Semaphore(size);
    }

    public int idle() {
        return idle.availablePermits();
    }

    /** Runs {@code work} on an idle thread (bound as this service); a failure is logged and left to the claim lapsing. */
    public void start(String what, Runnable work) {
        idle.acquireUninterruptibly();
        try {
            threads.execute(() -> {
                try (var ignored = Callers.bindSystem(HospitalSync.SERVICE, null)) {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("{} failed unexpectedly; it is taken up again when its claim lapses", what, e);
                } finally {
                    idle.release();
                }
            });
        } catch (RuntimeException e) {
            idle.release();
            throw e;
        }
    }
}
