package com.checkup.localplatform;

import java.time.Instant;

/**
 * A supervised service as {@code status} shows it.
 *
 * @param pid          its current process
 * @param ready        its current process got ready and has not died since
 * @param restarts     how often supervision restarted it (rolling updates are not restarts)
 * @param lastExitCode how its last process died (128 + signal, e.g. 137 for SIGKILL); null if none has
 * @param lastExitAt   when that was; null if never
 */
public record ServiceState(String name, long pid, int httpPort, int dubboPort, boolean ready, int restarts,
                           Integer lastExitCode, Instant lastExitAt) {
}
