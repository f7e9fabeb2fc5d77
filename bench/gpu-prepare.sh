#!/usr/bin/env bash
# Builds, on the development machine, what a GPU session carries (docs/gpu-validation.md):
# .bundle/ (git-ignored, 49 MiB of the device tool's 64) with the portable bundle's archive,
# the native module's test classes, the JUnit console launcher and the PyTorch peer script.
# Then, through the device tool, at once: run(carry [".bundle"], timeout_s 540,
# "bash bench/gpu-one-call.sh").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
peer=${GN4J_PEER:-$root/../shared/anchors/torch_egn_step.py}

# -DskipTests still compiles the test classes, which the gpu-tagged tests need.
./mvnw -q -B -Pbundle package -DskipTests
jupiter=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml)
platform="1.${jupiter#5.}" # JUnit Jupiter 5.x.y ships with Platform 1.x.y

rm -rf .bundle
mkdir -p .bundle/tests
cp bundle/target/gn4j-bundle-linux-x86_64.tar.xz .bundle/
cp -r native/target/test-classes/. .bundle/tests/
./mvnw -q -B dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$platform" -DoutputDirectory=.bundle
if [ -f "$peer" ]; then
  cp "$peer" .bundle/
else
  echo "gpu-prepare: no PyTorch peer at $peer (set GN4J_PEER): the session will skip it" >&2
fi
git rev-parse HEAD > .bundle/commit.txt 2>/dev/null || true
mib=$(du -sm .bundle | cut -f1)
echo "gpu-prepare: .bundle/ is $mib MiB: $(ls .bundle | paste -sd' ')"
[ "$mib" -lt 64 ] || { echo "gpu-prepare: .bundle/ is over the device tool's 64 MiB carry limit" >&2; exit 1; }
