#!/usr/bin/env bash
# Audit trail: appends per second with the chain (one transaction per entry) from 1 and 8 writers,
# then `audit verify` speed and heap on a large bulk-loaded trail (AuditTrailLoad under
# src/test/java/org/strongroom/audit/internal). The heap is capped (-Xmx256m) to show that the
# verifier streams.
# Usage: bench/audit.sh [sqlite|postgres] [seconds per writer level] [entries to verify]
#   defaults: sqlite 15 2000000.   JAVA_HOME picks the JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -Xmx256m -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.strongroom.audit.internal.AuditTrailLoad "${1:-sqlite}" "${2:-15}" "${3:-2000000}"
