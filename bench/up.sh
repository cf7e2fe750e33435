#!/usr/bin/env bash
# Cold start of the local platform: time from `./checkup up --fresh` to "All ready", and the resident memory (RSS)
# of every process it runs (launcher JVM with ZooKeeper + RocketMQ in-process, mariadbd, each service JVM).
# Builds first (not timed), stops the platform at the end. Uses the fixed local ports: nothing else may hold them.
set -euo pipefail
cd "$(dirname "$0")/.."
# BENCH_SKIP_BUILD=1: the jars as they are (a second `up` of the same build maps the class-data archives of the first).
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  mvn -B -q -DskipTests package
fi
./checkup down >/dev/null 2>&1 || true
log=$(mktemp)
start=$(date +%s.%N)
./checkup up --fresh >"$log" 2>&1 &
upid=$!
deadline=$((SECONDS + 300))
until grep -q "All ready in" "$log"; do
  if ! kill -0 "$upid" 2>/dev/null || [ $SECONDS -gt $deadline ]; then echo "up failed:"; cat "$log"; exit 1; fi
  sleep 0.2
done
ready=$(date +%s.%N)
sleep 5 # let the processes settle before reading memory
pids=$(ps -o pid= --ppid "$upid"; echo "$upid")
# children of children (a service may fork nothing today, mariadbd is a direct child)
for p in $pids; do pids="$pids $(ps -o pid= --ppid "$p" || true)"; done
total_kb=0
pss_kb=0
total_cpu=0
echo "process RSS:"
for p in $(echo $pids | tr ' ' '\n' | sort -u); do
  kb=$(ps -o rss= -p "$p" 2>/dev/null || echo 0); cmd=$(ps -o comm= -p "$p" 2>/dev/null || echo gone)
  # PSS: pages shared between processes (libjvm, the JDK's class archive) counted once, split among their users.
  pss=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
  # CPU seconds the process has used since it started (utime + stime, clock ticks): what the start cost it.
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / hz }' "/proc/$p/stat" 2>/dev/null || echo 0)
  name=$(tr '\0' '\n' < "/proc/$p/cmdline" 2>/dev/null | grep -o 'unpacked/[a-z-]*\|[a-z-]*\.jar$\|mariadbd$' | head -n1 | sed 's#unpacked/##; s#\.jar$##' || true)
  [ -n "$kb" ] && [ "$kb" -gt 0 ] && { printf "  %-22s pid %-8s %6d MB (PSS %d MB), CPU %s s\n" "${name:-$cmd}" "$p" $((kb / 1024)) $((${pss:-0} / 1024)) "$cpu"; total_kb=$((total_kb + kb)); pss_kb=$((pss_kb + ${pss:-0})); total_cpu=$(awk -v a="$total_cpu" -v b="$cpu" 'BEGIN{print a+b}'); }
done
grep "All ready in" "$log"
awk -v a="$start" -v b="$ready" 'BEGIN { printf "cold up to all-ready (wall, incl. JVM start): %.1f s\n", b - a }'
printf "total RSS: %d MB, total PSS: %d MB, CPU %s s\n" $((total_kb / 1024)) $((pss_kb / 1024)) "$total_cpu"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -n1)"
./checkup down >/dev/null
cp "$log" .local-platform/up-bench.log 2>/dev/null || true
rm -f "$log"
