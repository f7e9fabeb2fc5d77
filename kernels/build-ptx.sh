#!/usr/bin/env bash
# Compiles kernels/*.cu to PTX for gn4j-native's resources: OUT/dev/gn4j/kernels/NAME.ptx,
# plus OUT/dev/gn4j/kernels/BUILD-INFO (compiler and target, shown by `gn4j info`).
# Called by native/pom.xml in generate-resources. Without nvcc on the PATH (or $NVCC) it
# logs one line and exits 0: the build still passes and the CUDA backend reports
# "kernels missing: built without nvcc". A .cu file that fails to compile fails the build.
#
# Target: PTX for the virtual architecture compute_75 (Turing), the lowest nvcc 13
# accepts, so the driver JIT-compiles it for any newer GPU (Ampere, Hopper, Blackwell).
# Override with GN4J_PTX_ARCH=compute_XX.
set -euo pipefail

out_root=${1:?usage: build-ptx.sh OUTPUT_DIR}
src_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out_dir="$out_root/dev/gn4j/kernels"
arch=${GN4J_PTX_ARCH:-compute_75}
nvcc_bin=${NVCC:-$(command -v nvcc || true)}

if [[ -z "$nvcc_bin" || ! -x "$nvcc_bin" ]]; then
    echo "[gn4j kernels] nvcc not found on the PATH: skipping PTX (the CUDA backend will report: kernels missing: built without nvcc)"
    exit 0
fi

mkdir -p "$out_dir"
version=$("$nvcc_bin" --version | grep -i 'release' | tail -1)
built=0
for cu in "$src_dir"/*.cu; do
    name=$(basename "$cu" .cu)
    ptx="$out_dir/$name.ptx"
    # Rebuild only when the source, the shared header or this script is newer (2-core machines).
    if [[ -f "$ptx" && "$ptx" -nt "$cu" && "$ptx" -nt "$src_dir/common.cuh" && "$ptx" -nt "${BASH_SOURCE[0]}" ]]; then
        continue
    fi
    "$nvcc_bin" -ptx -arch="$arch" -O3 -std=c++17 -I"$src_dir" -o "$ptx.tmp" "$cu"
    mv "$ptx.tmp" "$ptx"
    built=$((built + 1))
done
printf 'nvcc=%s\narch=%s\n' "$version" "$arch" > "$out_dir/BUILD-INFO.tmp"
mv "$out_dir/BUILD-INFO.tmp" "$out_dir/BUILD-INFO"
echo "[gn4j kernels] PTX for $arch in $out_dir ($built compiled, $(ls "$out_dir"/*.ptx | wc -l) in all; $version)"
