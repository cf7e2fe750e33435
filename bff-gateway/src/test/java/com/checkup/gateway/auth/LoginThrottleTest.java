package com.checkup.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(5, 20, Duration.ofMinutes(1), 10_000, clock);

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private void fail(String user, InetAddress from) throws LoginThrottle.Locked {
        throttle.begin(user, from).failed();
    }

    @Test
    void fiveFailuresLockTheNameForTheRestOfTheMinuteAndNoOtherName() throws Exception {
        InetAddress a = ip("203.0.113.7");
        for (int i = 0; i < 5; i++) {
            fail("consumer1", a);
            clock.advance(Duration.ofSeconds(10));
        }
        // Failures at 0, 10, 20, 30, 40 s; now 50 s: the oldest leaves the window at 60 s.
        LoginThrottle.Locked locked = catchThrowableOfType(() -> throttle.begin("consumer1", ip("198.51.100.9")), LoginThrottle.Locked.class);
        assertThat(locked.retryAfterSeconds()).isEqualTo(10);
        assertThat(locked.getMessage()).contains("user name").contains("10 s");
        // Another name, even from the same address, is not locked.
        throttle.begin("consumer2", a).succeeded();
        clock.advance(Duration.ofSeconds(10));
        // Rolling: one slot free again, and only one.
        fail("consumer1", a);
        assertThat(catchThrowableOfType(() -> throttle.begin("consumer1", a), LoginThrottle.Locked.class)).isNotNull();
    }

    @Test
    void aSuccessfulLoginDoesNotCount() throws Exception {
        InetAddress a = ip("203.0.113.8");
        for (int i = 0; i < 50; i++) {
            throttle.begin("desk.h001", a).succeeded();
        }
        for (int i = 0; i < 4; i++) {
            fail("desk.h001", a);
        }
        throttle.begin("desk.h001", a).succeeded();
        assertThat(throttle.failuresOfUser("desk.h001")).isEqualTo(4);
        fail("desk.h001", a);
        assertThat(catchThrowableOfType(() -> throttle.begin("desk.h001", a), LoginThrottle.Locked.class)).isNotNull();
    }

    @Test
    void twentyFailuresFromOneAddressLockThatAddressNotOthers() throws Exception {
        InetAddress sprayer = ip("192.0.2.1");
        for (int i = 0; i < 20; i++) {
            fail("user" + i, sprayer);
        }
        LoginThrottle.Locked locked = catchThrowableOfType(() -> throttle.begin("someone-else", sprayer), LoginThrottle.Locked.class);
        assertThat(locked.getMessage()).contains("address");
        assertThat(locked.retryAfterSeconds()).isEqualTo(60);
        // Neither those names (one failure each) nor other addresses are locked.
        throttle.begin("user3", ip("192.0.2.2")).succeeded();
        clock.advance(Duration.ofMinutes(1));
        throttle.begin("someone-else", sprayer).succeeded();
    }

    @Test
    void anIpv6ClientCountsAsItsSlash64() throws Exception {
        for (int i = 1; i <= 20; i++) {
            fail("u" + i, ip("2001:db8:1:2::" + Integer.toHexString(i)));
        }
        assertThat(catchThrowableOfType(() -> throttle.begin("x", ip("2001:db8:1:2:ffff::1")), LoginThrottle.Locked.class)).isNotNull();
        throttle.begin("x", ip("2001:db8:1:3::1")).succeeded();
        assertThat(LoginThrottle.addressKey(ip("::ffff:10.0.0.1"))).isEqualTo("10.0.0.1");
    }

    @Test
    void sprayingNamesCannotGrowTheStatePastItsCap() throws Exception {
        LoginThrottle small = new LoginThrottle(5, 20, Duration.ofMinutes(1), 100, clock);
        for (int i = 0; i < 20_000; i++) {
            small.begin("spray-" + i, ip("10.1." + (i / 250 % 250) + "." + (i % 250))).failed();
        }
        assertThat(small.trackedUsers()).isLessThanOrEqualTo(100);
        assertThat(small.trackedAddresses()).isLessThanOrEqualTo(100);
        // And what is left is forgotten a window later.
        clock.advance(Duration.ofMinutes(2));
        assertThat(small.trackedUsers()).isZero();
    }

    @Test
    void concurrentGuessesAtOneNameCannotSlipPastTheLimit() throws Exception {
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        InetAddress a = ip("203.0.113.50");
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                go.await();
                try {
                    throttle.begin("ops1", a); // in flight: neither succeeded nor failed yet
                    return true;
                } catch (LoginThrottle.Locked e) {
                    return false;
                }
            }));
        }
        go.countDown();
        int admitted = 0;
        for (Future<Boolean> f : results) {
            admitted += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(admitted).isEqualTo(5);
    }
}
