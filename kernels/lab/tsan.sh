#!/usr/bin/env bash
# The reductions of kernels/*.cu under ThreadSanitizer: the lab built with -fsanitize=thread
# runs every thread of a block at once (--parallel) with real barriers, so a shared-memory
# access that no barrier orders is reported as a data race. Not part of CI: TSan slows the
# lab down several times. Extra arguments go to Maven (e.g. -Dgn4j.kernelLab.grid=h200).
set -euo pipefail
cd "$(dirname "$0")/../.."
tests='EmulatedBackendOpsTest#axpyScalDotAndSumSquares+addBiasAndColumnSums+mseResidual+softmaxCrossEntropyAndAccuracy+addDiagonalAndTrace'
./mvnw -B -q -pl native -am test -Dgn4j.shims.skip -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false \
  -Dtest="$tests" -Dgn4j.kernelLab.sanitizer=thread -Dgn4j.kernelLab.parallel=true "$@"
echo "tsan.sh: the reductions ran race-free under ThreadSanitizer (reports: native/target/surefire-reports)"
