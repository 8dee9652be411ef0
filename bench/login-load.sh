#!/usr/bin/env bash
# How many password sign-ins per second the server sustains, and at what latency, as concurrency
# grows. Starts a server on a fresh data folder (SQLite), creates the owner with `init`, then runs
# LoginLoad (src/test/java/org/strongroom/identity/internal/LoginLoad.java) against it over HTTPS:
# GET /login (session + CSRF token), POST /login, expect the redirect to the second factor.
# Usage: bench/login-load.sh [levels] [seconds per level] [warm-up seconds] [port]
#   defaults: 1,2,4,8,16,32  20  20  9743.   The server runs on the newest JDK under /usr/lib/jvm
#   (as the launcher does) unless SERVER_JAVA is set; the load driver runs on JAVA_HOME or `java`.
#   The driver shares the machine's cores with the server: read the numbers with that in mind. The
#   last column (server CPU time per sign-in) is independent of other load on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
levels="${1:-1,2,4,8,16,32}"
seconds="${2:-20}"
warmup="${3:-20}"
port="${4:-9743}"

mvn -B -q -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
driver_java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
server_java="${SERVER_JAVA:-}"
if [ -z "$server_java" ]; then
  server_java="$driver_java"
  for candidate in /usr/lib/jvm/temurin-*/bin/java; do [ -x "$candidate" ] && server_java="$candidate"; done
fi

work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

email="load.test@example.org"
password="quiet-harbour-lantern-47"
printf '%s\n' "$password" > "$work/password.txt"
"$driver_java" -cp "$cp" org.strongroom.StrongroomApplication init --data-dir="$work/data" \
  --owner-email="$email" --owner-name="Load Test" --owner-password-file="$work/password.txt"

"$server_java" -Xmx1g -cp "$cp" org.strongroom.StrongroomApplication serve --port "$port" --data-dir="$work/data" \
  >"$work/server.log" 2>&1 &
server=$!
until curl -skf -o /dev/null "https://localhost:$port/actuator/health/readiness"; do
  kill -0 "$server" 2>/dev/null || { echo "server exited; log:" >&2; tail -20 "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
echo "server: $("$server_java" -version 2>&1 | head -1), pid $server, $(nproc) cores; driver: $("$driver_java" -version 2>&1 | head -1)"
"$driver_java" -cp "$cp" org.strongroom.identity.internal.LoginLoad "https://localhost:$port" "$work/data/tls/server.crt" \
  "$email" "$password" "$levels" "$seconds" "$warmup" "$server"
