#!/usr/bin/env bash
# Availability for one package over 7 days with the large demo seed (2,000 hospitals in 200 cities, 30 days of
# capacity), through the gateway: the whole platform as `./checkup up --demo-size large` starts it, on free loopback
# ports, then 16 clients for up to 20,000 requests or 30 s. Reports p50/p99, requests/s, CPU per request (gateway and
# booking-service), the large seed's time, and every service's RSS, threads and sockets. Fails when p99 >= 50 ms or a
# request failed.
# Options (system properties): -Dbench.concurrency=16 -Dbench.requests=20000 -Dbench.seconds=30 -Dbench.warmup=2000.
# BENCH_SKIP_INSTALL=1: use the jars already installed.
# Result: printed and written to e2e-tests/target/availability-benchmark.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BENCH_SKIP_INSTALL:-}" ]; then
  mvn -B -q -DskipTests install
fi
status=0
mvn -B -q test-compile surefire:test -pl e2e-tests -Dtest=AvailabilityBench -Dsurefire.failIfNoSpecifiedTests=false "$@" || status=$?
cat e2e-tests/target/availability-benchmark.txt
exit $status
