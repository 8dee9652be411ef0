#!/usr/bin/env bash
# Measures the time from `./strongroom serve` (jar already built) to the first successful HTTPS
# health response, and the resident memory (VmRSS) of the server once it answers and after 10 s.
# Usage: bench/startup.sh [runs] [port]     Each run uses a fresh data folder (first start, the
# slowest: certificate generation and migrations included) unless WARM=1 reuses one.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
port="${2:-9643}"
[ -f target/strongroom.jar ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for i in $(seq 1 "$runs"); do
  data="$work/data-$i"
  [ "${WARM:-0}" = 1 ] && data="$work/data"
  start=$(date +%s%N)
  STRONGROOM_DATA_DIR="$data" ./strongroom serve --port "$port" >"$work/log-$i" 2>&1 &
  launcher=$!
  until curl -skf -o /dev/null "https://localhost:$port/actuator/health/readiness"; do
    kill -0 "$launcher" 2>/dev/null || { echo "server exited; log:" >&2; tail -5 "$work/log-$i" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  pid=$(pgrep -f "strongroom.jar serve --port $port" | head -1)
  rss_ready=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  sleep 10
  rss_settled=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  printf 'run %d: ready after %d ms, RSS %d MiB at ready, %d MiB 10 s later\n' "$i" \
    $(( (end - start) / 1000000 )) $(( rss_ready / 1024 )) $(( rss_settled / 1024 ))
  kill "$pid"
  wait "$launcher" 2>/dev/null || true
done
