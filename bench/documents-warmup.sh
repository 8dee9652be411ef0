#!/usr/bin/env bash
# Start-up crypto warm-up with and without the launcher's AOT cache: starts the server RUNS times
# each way, alternating (cache, no cache, cache, ...) on one data folder, uploads a FIRST_MIB file
# (default 256 MiB, "%PDF-1.7\n" + random bytes) as soon as /actuator/health answers, then waits
# for the "Document encryption warmed up in ..." log line (at most 100 s) and stops the server.
# Prints a Markdown table: start, time to health, first upload MB/s, the warm-up log line.
# Usage: bench/documents-warmup.sh    Settings: RUNS=3 FIRST_MIB=256 PORT=9753
#   WORK=target/docbench-warmup (wiped at every run). Build first: mvn -B -q -o -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-3}"
FIRST_MIB="${FIRST_MIB:-256}"
PORT="${PORT:-9753}"
WORK="${WORK:-$PWD/target/docbench-warmup}"
[ -f target/strongroom.jar ] || { echo "build first: mvn -B -q -o -DskipTests package" >&2; exit 1; }

server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null || true' EXIT
rm -rf "$WORK"
mkdir -p "$WORK"
data="$WORK/data"
email="bench.owner@example.org"
head -c 24 /dev/urandom | base64 >"$WORK/owner-password"
./strongroom init --data-dir "$data" --owner-email "$email" --owner-name "Bench Owner" \
  --owner-password-file "$WORK/owner-password" >"$WORK/init.log" 2>&1
token="$(./strongroom token create --data-dir "$data" --user "$email" \
  --scopes clients.read,clients.write,documents.read,documents.write --expires 1d 2>>"$WORK/init.log" | tail -1)"
{ printf '%%PDF-1.7\n'; head -c $(( FIRST_MIB * 1048576 - 9 )) /dev/urandom; } >"$WORK/first.pdf"
cert="$data/tls/server.crt"
base="https://localhost:$PORT"
client=""

echo "| # | launcher | load (1 min) | health after | first upload | warm-up log line |"
echo "|---|---|---|---|---|---|"
for i in $(seq 1 $(( RUNS * 2 ))); do
  mode=cache; nocache=0
  [ $(( i % 2 )) = 0 ] && { mode="no cache"; nocache=1; }
  log="$WORK/server-$i.log"
  load="$(cut -d' ' -f1 /proc/loadavg)"
  cat "$WORK/first.pdf" >/dev/null
  started=$(date +%s%N)
  STRONGROOM_NO_CACHE=$nocache ./strongroom serve --data-dir "$data" --port "$PORT" \
    --set strongroom.documents.max-size=2GB >"$log" 2>&1 &
  server_pid=$!
  until [ -f "$cert" ] && curl -sf --cacert "$cert" -o /dev/null "$base/actuator/health" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited; see $log" >&2; exit 1; }
    sleep 0.05
  done
  ready=$(( ($(date +%s%N) - started) / 1000000 ))
  java="$(readlink -f "/proc/$server_pid/exe")"
  if [ -z "$client" ]; then
    client="$(curl -sS --cacert "$cert" -H "Authorization: Bearer $token" -o /dev/null -w '%header{location}' \
      -H 'Content-Type: application/json' \
      -d '{"status":"ACTIVE","values":{"given_name":"Bench","family_name":"Mark"},"acknowledgeDuplicates":true}' \
      "$base/api/v1/clients" | sed 's#.*/##')"
  fi
  t0=$(date +%s%N)
  code=$(curl -sS --http1.1 --cacert "$cert" -H "Authorization: Bearer $token" -T "$WORK/first.pdf" -X POST \
    -H 'Content-Type: application/pdf' -o /dev/null -w '%{http_code}' \
    "$base/api/v1/clients/$client/documents?folder=reports&type=report&fileName=first.pdf")
  t1=$(date +%s%N)
  rate=$(awk -v b="$(stat -c %s "$WORK/first.pdf")" -v n=$(( t1 - t0 )) 'BEGIN { printf "%.0f MB/s (%.1f s)", b / (n / 1e9) / 1e6, n / 1e9 }')
  for _ in $(seq 1 1000); do grep -q 'Document encryption warm' "$log" && break; sleep 0.1; done
  line="$(grep -o 'Document encryption warm.*' "$log" || echo 'none within 100 s')"
  echo "| $i | $mode | $load | $ready ms | $rate, HTTP $code | $line |"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
done
echo
echo "JDK: $("$java" -version 2>&1 | sed -n 2p) ($java); load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
