#!/usr/bin/env bash
# The long fault suite: the build's FaultSuiteTest with thousands of loops in flight and a one-minute outage of
# object storage. Sizes are environment variables; the figures are printed on the line starting "fault suite:".
#   LOOPS (5000) predictions, each a loop; INTERVAL_MS (20) between two predictions; WORKERS (8) scripted workers;
#   S3_OUTAGE_SECONDS (60)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl standalone -am install -DskipTests
exec ./mvnw -B -pl standalone verify -Dtest=FaultSuiteTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfaults.loops="${LOOPS:-5000}" -Dfaults.prediction-interval-ms="${INTERVAL_MS:-20}" \
  -Dfaults.workers="${WORKERS:-8}" -Dfaults.s3-outage-seconds="${S3_OUTAGE_SECONDS:-60}"
