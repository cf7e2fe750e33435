#!/usr/bin/env bash
# Gateway overhead in one run: requests/s, p50/p99 and the gateway process's CPU time per request (utime+stime from
# /proc/<pid>/stat over each round) for BookingService.cities through our gateway (all plugins), through a bare
# ShenYu Dubbo route (same jar, checkup.gateway.bare=true), and as a direct Dubbo call. Rounds of ours and bare are
# interleaved. The platform (ZooKeeper, RocketMQ, MariaDB, services, both gateways) runs on free loopback ports.
# Fails if ours spends more than 1.15x bare's CPU per request, or if any request failed.
# Options (system properties): -Dbench.concurrency=32 -Dbench.seconds=15 -Dbench.warmupRounds=6 -Dbench.rounds=3 -Dbench.jfr=true
#   -Dbench.gatewayFlags="-XX:MaxNewSize=86m" (JVM flags for both gateways, after the services' own).
# BENCH_SKIP_INSTALL=1: use the jars already installed (e.g. after `mvn -B -o -q install -DskipTests -pl bff-gateway`).
# Result: printed and written to e2e-tests/target/gateway-benchmark.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BENCH_SKIP_INSTALL:-}" ]; then
  mvn -B -q -DskipTests install
fi
status=0
mvn -B -q surefire:test -pl e2e-tests -Dtest=GatewayBench -Dsurefire.failIfNoSpecifiedTests=false "$@" || status=$?
cat e2e-tests/target/gateway-benchmark.txt
exit $status
