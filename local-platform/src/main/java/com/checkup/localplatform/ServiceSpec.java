package com.checkup.localplatform;

import java.nio.file.Path;
import java.util.List;

/**
 * A service module the platform can start: where its jar is, its ports, its database, and the command line.
 *
 * @param name      module name, e.g. {@code booking-service}
 * @param httpPort  actuator / HTTP port (readiness is probed there)
 * @param dubboPort Dubbo protocol port, 0 for a module without Dubbo provider
 * @param database  its own database on the shared MariaDB, null for none
 * @param command   the full command line (java, flags, jar, arguments)
 * @param readinessPath HTTP path answering 200 when ready
 */
public record ServiceSpec(String name, int httpPort, int dubboPort, String database, List<String> command,
                          String readinessPath, Path logFile) {
}
