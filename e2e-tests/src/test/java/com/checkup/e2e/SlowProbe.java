package com.checkup.e2e;

/**
 * A Dubbo service the tests provide themselves, registered like any service of the platform, that answers only after
 * {@link #DELAY_MS}: a route with a shorter time budget times out every time, not by luck of a timer tick.
 */
public interface SlowProbe {
    long DELAY_MS = 3_000;

    String answerLate();

    final class Impl implements SlowProbe {
        @Override
        public String answerLate() {
            try {
                Thread.sleep(DELAY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        }
    }
}
