package com.checkup.gateway.auth;

import com.checkup.gateway.web.ClientAddress;
import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Failed logins per user name and per client address, each within a rolling window (default: 5 per user name and 20
 * per address in any minute). A name or address at its limit is refused before its password is hashed, until its
 * oldest failure leaves the window; a successful login does not count, and one name's lock never touches another's.
 *
 * <p>A user name's attempt is counted as it starts (and taken back if it succeeds): concurrent guesses at one name
 * cannot slip past the limit while the hashes run. An address's failures are counted when they happen (concurrent
 * attempts from one address are already capped by the route's per-address flow limit), so many people behind one
 * address logging in at once are not refused while their hashes run. IPv6 clients are counted per /64, the block one
 * client usually holds whole.
 *
 * <p>State is bounded: at most {@code maxTracked} names and as many addresses (least recently used first out), each
 * forgotten a window after its last use. An attacker spraying names can push old entries out, but never grow memory.
 */
public final class LoginThrottle {
    private final int perUser;
    private final int perAddress;
    private final long windowMillis;
    private final Clock clock;
    private final Cache<String, Failures> users;
    private final Cache<String, Failures> addresses;

    /** Failure times (epoch ms) in a small ring; 0 marks a free slot. */
    private static final class Failures {
        private final long[] times;

        Failures(int limit) {
            times = new long[limit];
        }

        /** Millis until a slot frees up, or 0 when one is free now. */
        synchronized long blockedFor(long now, long window) {
            long oldest = Long.MAX_VALUE;
            for (long t : times) {
                if (t == 0 || t <= now - window) {
                    return 0;
                }
                oldest = Math.min(oldest, t);
            }
            return oldest + window - now;
        }

        /** Records a failure at {@code now} in a free (or the oldest) slot. */
        synchronized void add(long now, long window) {
            int slot = 0;
            for (int i = 0; i < times.length; i++) {
                if (times[i] == 0 || times[i] <= now - window) {
                    slot = i;
                    break;
                }
                if (times[i] < times[slot]) {
                    slot = i;
                }
            }
            times[slot] = now;
        }

        /** Takes back one failure recorded at {@code at}. */
        synchronized void remove(long at) {
            for (int i = 0; i < times.length; i++) {
                if (times[i] == at) {
                    times[i] = 0;
                    return;
                }
            }
        }

        synchronized int count(long now, long window) {
            return (int) Arrays.stream(times).filter(t -> t != 0 && t > now - window).count();
        }
    }

    /** An attempt let through: report how it ended. */
    public final class Attempt {
        private final String address;
        private final Failures userFailures;
        private final long startedAt;

        private Attempt(String address, Failures userFailures, long startedAt) {
            this.address = address;
            this.userFailures = userFailures;
            this.startedAt = startedAt;
        }

        /** Right password: the attempt does not count against the name. */
        public void succeeded() {
            userFailures.remove(startedAt);
        }

        /** Wrong name or password: counts against the name (already) and the address. */
        public void failed() {
            long now = clock.millis();
            failures(addresses, address, perAddress).add(now, windowMillis);
        }
    }

    /** A refusal: who is locked and for how long. */
    public static final class Locked extends Exception {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;

        Locked(String message, long retryAfterSeconds) {
            super(message, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    public LoginThrottle(int perUser, int perAddress, Duration window, int maxTracked, Clock clock) {
        if (perUser < 1 || perAddress < 1 || window.isNegative() || window.isZero() || maxTracked < 1) {
            throw new IllegalArgumentException("login throttle: limits, window and size must be positive");
        }
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        Ticker ticker = new Ticker() {
            @Override
            public long read() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }
        };
        this.users = CacheBuilder.newBuilder().maximumSize(maxTracked).expireAfterAccess(window).ticker(ticker).build();
        this.addresses = CacheBuilder.newBuilder().maximumSize(maxTracked).expireAfterAccess(window).ticker(ticker).build();
    }

    /**
     * Lets an attempt for {@code user} from {@code address} start, counting it against the name; refused when the name
     * or the address is at its limit.
     */
    public Attempt begin(String user, InetAddress address) throws Locked {
        String addressKey = addressKey(address);
        long now = clock.millis();
        Failures byAddress = addresses.getIfPresent(addressKey);
        long addressWait = byAddress == null ? 0 : byAddress.blockedFor(now, windowMillis);
        if (addressWait > 0) {
            throw new Locked("Too many failed logins from this address; try again in " + seconds(addressWait) + " s",
                    seconds(addressWait));
        }
        Failures byUser = failures(users, user, perUser);
        synchronized (byUser) {
            long userWait = byUser.blockedFor(now, windowMillis);
            if (userWait > 0) {
                throw new Locked("Too many failed logins for this user name; try again in " + seconds(userWait) + " s",
                        seconds(userWait));
            }
            byUser.add(now, windowMillis);
        }
        return new Attempt(addressKey, byUser, now);
    }

    /** Failures within the window (for tests and diagnostics). */
    int failuresOfUser(String user) {
        Failures f = users.getIfPresent(user);
        return f == null ? 0 : f.count(clock.millis(), windowMillis);
    }

    long trackedUsers() {
        users.cleanUp();
        return users.size();
    }

    long trackedAddresses() {
        addresses.cleanUp();
        return addresses.size();
    }

    private static Failures failures(Cache<String, Failures> cache, String key, int limit) {
        try {
            return cache.get(key, () -> new Failures(limit));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    /** The address as counted ({@link ClientAddress#countedAs}: IPv6 by its /64). */
    static String addressKey(InetAddress address) {
        return ClientAddress.countedAs(address);
    }
}
