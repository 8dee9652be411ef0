#!/usr/bin/env bash
# Runs the JMH benchmarks (src/test/java/**/*Benchmarks.java) in one JVM fork each.
# Usage: bench/jmh.sh [JMH options, e.g. CryptoBenchmarks -p size=1024]   JAVA_HOME picks the JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main -rf json -rff target/jmh-result.json "$@"
