#!/usr/bin/env bash
# The booking flow at steady rates through the gateway (hold -> pay -> simulated channel callback -> CONFIRMED), the
# whole platform on free loopback ports with full tiered JIT: p50/p99 of hold, pay, callback -> CONFIRMED and end to end
# (the channel's own 2 s delay excluded) per rate, and the highest rate sustained. Fails when at 50 flows/s a flow
# fails or p99 callback -> CONFIRMED is over 300 ms.
# Options (system properties): -Dbench.rates=50,80,110 -Dbench.seconds=20 -Dbench.warmupSeconds=180 -Dbench.warmupRate=25
# (the warm-up lets the services' JIT finish compiling, as in a service that has run for a while).
# Result: printed and written to e2e-tests/target/flow-benchmark.txt. About 6 minutes after the build.
# Fails (after printing the result) when the goal is missed or a request failed.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
status=0
mvn -B -q test-compile surefire:test -pl e2e-tests -Dtest=FlowBench -Dsurefire.failIfNoSpecifiedTests=false "$@" || status=$?
cat e2e-tests/target/flow-benchmark.txt
exit $status
