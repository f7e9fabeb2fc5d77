#!/usr/bin/env bash
# Assembles the portable bundle (docs/portable-bundle.md); run by the bundle module's `package` phase.
#   assemble.sh CLASSPATH_FILE BUNDLE_DIR ARCHIVE JDK_HOME BASE_MODULES MAX_MB
# Layout: bin/gn4j, lib/*.jar (runtime class path; natives for linux-x86_64 only, the PTX and CUDA 13 shims
# inside gn4j-native), runtime/ (jlink), README.md. Then a smoke run and the tar.xz, failing over MAX_MB (10^6 bytes).
set -euo pipefail
cp_file=$1 bundle=$2 archive=$3 jdk=$4 base_modules=$5 max_mb=$6
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
say() { echo "[gn4j bundle] $*"; }
die() { echo "[gn4j bundle] ERROR: $*" >&2; exit 1; }

for tool in "$jdk/bin/jlink" "$jdk/bin/jdeps" "$jdk/bin/jar"; do
  [ -x "$tool" ] || die "$tool not found: gn4j.bundle.jdk must be a full JDK 17 (with jmods), not a JRE"
done
command -v xz >/dev/null || die "xz not found (the archive is tar.xz)"

rm -rf "$bundle" "$archive"
mkdir -p "$bundle/bin" "$bundle/lib"

# 1. The jars, exactly the runtime class path Maven resolved.
IFS=':' read -r -a jars < "$cp_file" || true  # one line, maybe without a newline
for j in "${jars[@]}"; do
  [ -f "$j" ] || die "class path entry $j is not a file (run the reactor build with -Pbundle package)"
  cp "$j" "$bundle/lib/"
done
# JCuda's NVPTX-compiler binding is never loaded (gn4j hands PTX to the driver, which JIT-compiles
# it): without its 24 MB library the bundle is smaller, and a GPU session carries more headroom.
for j in "$bundle"/lib/jcuda-natives-*.jar; do
  [ -f "$j" ] || continue
  unpacked=$(mktemp -d)
  (cd "$unpacked" && "$jdk/bin/jar" xf "$j" && rm -f lib/libJNvPTXCompiler-*.so)
  rm "$j"
  "$jdk/bin/jar" --create --file "$j" --no-manifest -C "$unpacked" .
  rm -rf "$unpacked"
done
say "lib/: ${#jars[@]} jars, $(du -sm "$bundle/lib" | cut -f1) MiB"

# 2. A bundle is for GPU hosts: refuse one without the PTX kernels or the CUDA 13 shims.
native_jar=$(ls "$bundle"/lib/gn4j-native-*.jar)
listing=$("$jdk/bin/jar" tf "$native_jar")
grep -q '^dev/gn4j/shims/linux-x86_64/shims.list$' <<<"$listing" \
  || die "$(basename "$native_jar") has no CUDA 13 shims: gn4j-native was built without gcc"
grep -q '\.ptx$' <<<"$listing" \
  || die "$(basename "$native_jar") has no PTX kernels: gn4j-native was built without nvcc"
say "gn4j-native carries $(grep -c '\.ptx$' <<<"$listing") PTX files and $(grep -c '^dev/gn4j/shims/linux-x86_64/lib' <<<"$listing") shims"

# 3. The runtime: the base modules plus whatever jdeps finds the jars using.
found=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
          --class-path "$bundle/lib/*" "$bundle"/lib/gn4j-*.jar 2>/dev/null | tail -1 || true)
modules=$(tr ',' '\n' <<<"$base_modules,$found" | grep -E '^[a-z][a-z0-9.]*$' | sort -u | paste -sd, -)
say "runtime modules: $modules (jdeps: ${found:-nothing})"
# --compress=0: xz compresses the raw module image far better than jlink's zip (53 vs 65 MB measured).
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=0 \
  --output "$bundle/runtime"
say "runtime/: $(du -sm "$bundle/runtime" | cut -f1) MiB"

# 4. Launcher and instructions.
install -m 755 "$here/bin/gn4j" "$bundle/bin/gn4j"
cp "$repo/docs/portable-bundle.md" "$bundle/README.md"

# 5. It must start on its own runtime.
version=$(env -u JAVA_HOME "$bundle/bin/gn4j" --version) || die "bin/gn4j --version failed"
say "bin/gn4j --version: $version"

# 6. The archive.
tar -C "$(dirname "$bundle")" -cf - "$(basename "$bundle")" | xz -9 -T0 > "$archive"
bytes=$(stat -c %s "$archive")
say "$(basename "$archive"): $bytes bytes (folder: $(du -sm "$bundle" | cut -f1) MiB)"
[ "$bytes" -lt $((max_mb * 1000000)) ] || die "archive is not under the ${max_mb} MB limit"
