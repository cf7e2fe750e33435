#!/usr/bin/env bash
# Holds per second on one hot slot through Dubbo vs the raw database limit (same conditional update + insert), plus
# an oversell check, in one run: real ZooKeeper, RocketMQ and MariaDB embedded on free loopback ports.
# Options (system properties): -Dbench.threads=16 -Dbench.holds=5000 (per run) -Dbench.rounds=5 -Dbench.warmup=60000
# -Dbench.seconds=60 (time limit of one run).
# The JVM runs with the full tiered JIT, as a service does in production (tests use C1 only, for start-up speed);
# -Dtest.jvm.flags="..." overrides that.
# Result: printed and written to booking-service/target/hold-benchmark.txt.
# Fails (after printing the result) when the goal is missed or a request failed.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install -pl booking-service -am
status=0
mvn -B -q surefire:test -pl booking-service -Dtest=HoldThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  "-Dtest.jvm.flags=-Xmx768m -XX:+UseSerialGC" "$@" || status=$?
cat booking-service/target/hold-benchmark.txt
exit $status
