#!/usr/bin/env bash
# Roster import speed: a 10,000-row CSV through Dubbo into booking-service (first upload, then the same again),
# with the progress seen while it runs; real ZooKeeper, RocketMQ and MariaDB embedded on free loopback ports.
# Options (system properties): -Dbench.rows=10000 -Dbench.seconds=120.
# Result: printed and written to booking-service/target/roster-benchmark.txt.
# Fails (after printing the result) when the goal is missed or a request failed.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install -pl booking-service -am
status=0
mvn -B -q surefire:test -pl booking-service -Dtest=RosterImportBench -Dsurefire.failIfNoSpecifiedTests=false "$@" || status=$?
cat booking-service/target/roster-benchmark.txt
exit $status
