#!/usr/bin/env bash
# The inbox under long polling, in one bounded run on loopback (ZooKeeper, RocketMQ, MariaDB, message-service and the
# gateway on free ports, as `up` starts them): how many waiting polls one gateway holds (2000 by default: RSS, live heap
# and threads of the gateway and of message-service before and while they wait), and the delay from an event (and from
# a commit on another replica) to the waiting poll's answer (p50/p99 over 200 and 100 notices).
# Options (system properties): -Dbench.polls=2000 -Dbench.notices=200 -Dbench.direct=100 -Dbench.spacingMs=50.
# Result: printed and written to e2e-tests/target/inbox-benchmark.txt. About 2 minutes after the build.
# Fails (after printing the result) when the goal is missed or a request failed.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install -pl message-service,bff-gateway,e2e-tests -am
status=0
mvn -B -q test-compile surefire:test -pl e2e-tests -Dtest=InboxBench -Dsurefire.failIfNoSpecifiedTests=false "$@" || status=$?
cat e2e-tests/target/inbox-benchmark.txt
exit $status
