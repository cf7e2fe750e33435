#!/usr/bin/env bash
# Gateway overhead in one run: requests/s and p50/p99 for BookingService.hospitals through our gateway (all plugins),
# through a bare ShenYu Dubbo route (same jar, checkup.gateway.bare=true), and as a direct Dubbo call. The platform
# (ZooKeeper, RocketMQ, MariaDB, services, both gateways) runs on free loopback ports.
# Options (system properties): -Dbench.concurrency=32 -Dbench.seconds=15 -Dbench.warmupRounds=3 -Dbench.rounds=3 -Dbench.jfr=true.
# Result: printed and written to e2e-tests/target/gateway-benchmark.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -q surefire:test -pl e2e-tests -Dtest=GatewayBench -Dsurefire.failIfNoSpecifiedTests=false "$@"
cat e2e-tests/target/gateway-benchmark.txt
