#!/usr/bin/env bash
# Audit trail benchmark (AuditTrailLoad under src/test/java/org/strongroom/audit/internal).
# Usage:
#   bench/audit.sh appends [sqlite|postgres] [seconds per run]    appends/s, 1 and 8 writers (default 15 s)
#   bench/audit.sh verify  [sqlite|postgres] [entries]            verify speed and heap (default 2,000,000)
# The heap is capped (-Xmx256m; set HEAP to change it) to show that the verifier streams. On SQLite
# the verify trail is kept in target/audit-bench/verify-sqlite-ENTRIES (≈ 290 bytes per entry) and
# reused by the next run; delete it when done. JAVA_HOME picks the JDK; JAVA_OPTS adds JVM options
# (e.g. -XX:StartFlightRecording=filename=target/audit.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# shellcheck disable=SC2086
exec "$java" "-Xmx${HEAP:-256m}" ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.strongroom.audit.internal.AuditTrailLoad "${1:-appends}" "${2:-sqlite}" "${3:-}"
