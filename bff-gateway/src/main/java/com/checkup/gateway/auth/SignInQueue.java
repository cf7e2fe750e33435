package com.checkup.gateway.auth;

import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where sign-ins wait for their password hash: threads of their own (one per core: PBKDF2 is pure CPU) and at most
 * {@code admitted} sign-ins running or waiting. One more is refused at once (429) instead of queueing: on the shared
 * blocking pool a burst of logins (each ~1.5 s of CPU here) queued for minutes behind each other and behind registry
 * calls, and the gateway seemed not to answer POST /api/auth/login at all while every GET worked.
 */
public final class SignInQueue implements AutoCloseable {
    private final int admitted;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Scheduler hashing;

    public SignInQueue(int threads, int admitted) {
        if (threads < 1 || admitted < threads) {
            throw new IllegalArgumentException("sign-in queue: at least one thread, and admit at least as many as threads");
        }
        this.admitted = admitted;
        // The scheduler's own queue is as long as the admission: a task is never rejected by it.
        this.hashing = Schedulers.newBoundedElastic(threads, admitted, "sign-in", 60, true);
    }

    /** One thread per core, four sign-ins per thread admitted (a few seconds' wait at most). */
    public static SignInQueue forThisMachine() {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        return new SignInQueue(cores, cores * 4);
    }

    /** True when the sign-in may go on (then {@link #done()} once it ends); false: refuse it now. */
    public boolean admit() {
        if (inFlight.incrementAndGet() > admitted) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    public void done() {
        inFlight.decrementAndGet();
    }

    public Scheduler scheduler() {
        return hashing;
    }

    int inFlight() {
        return inFlight.get();
    }

    @Override
    public void close() {
        hashing.dispose();
    }
}
