#!/usr/bin/env bash
# The first GPU session in one device call (docs/gpu-validation.md). Runs on the GPU host,
# from the repository root, with .bundle/ carried (bench/gpu-prepare.sh made it here):
#
#   run(carry [".bundle"], timeout_s 540, "bash bench/gpu-one-call.sh")
#
# Modes: (none) the checks below, most decisive first; `diagnose` reruns the first failing
# test class with CUDA_LAUNCH_BLOCKING=1 and under compute-sanitizer memcheck; `bench-full`
# runs the whole default bench matrix on cpu and gpu. Use a second mode only while the
# machine is still warm and device time is left.
#
# An overall deadline (GN4J_DEADLINE_S, default 420 s, below the call's timeout) bounds the
# whole call: a step starts only with its minimum time left and never runs past the deadline.
# After every step the results are packed again, so a call killed at its limit still brings
# back all that finished. $OUT receives three files: summary.txt (one line a step),
# session.log (everything printed) and results.tgz (each step's log and files).
set -uo pipefail
mode=${1:-checks}
deadline_s=${GN4J_DEADLINE_S:-420}
out=${OUT:-/tmp/gn4j-gpu-out}
work=/tmp/gn4j-gpu
results=$work/results
start=$SECONDS
# A rerun of the checks on a warm machine starts clean; diagnose reads what the checks left.
[ "$mode" != checks ] || rm -rf "$results"
mkdir -p "$out" "$work" "$results"
summary=$out/summary.txt
exec > >(tee -a "$out/session.log") 2>&1
: > "$summary"

note() { echo "$*" | tee -a "$summary"; }
pack() { tar czf "$out/results.tgz.tmp" -C "$work" results && mv "$out/results.tgz.tmp" "$out/results.tgz"; }
left() { echo $((deadline_s - (SECONDS - start))); }

# step NAME LIMIT_S MIN_LEFT_S COMMAND...: runs COMMAND with its own log under results/,
# for at most LIMIT_S and never past the deadline; skipped when under MIN_LEFT_S are left.
step() {
  local name=$1 limit=$2 need=$3
  shift 3
  local remaining
  remaining=$(left)
  if [ "$remaining" -lt "$need" ]; then
    note "$(printf '%-20s skipped: %ss left, needs %ss' "$name" "$remaining" "$need")"
    return 1
  fi
  [ "$limit" -le "$remaining" ] || limit=$remaining
  local t0=$SECONDS
  timeout -k 5 "$limit" "$@" > "$results/$name.log" 2>&1
  local rc=$?
  local cmd="$*"
  note "$(printf '%-20s rc=%-3s %4ss  %s' "$name" "$rc" $((SECONDS - t0)) "${cmd:0:150}")"
  pack
  return $rc
}

[ -f .bundle/gn4j-bundle-linux-x86_64.tar.xz ] || { note "no .bundle/: run bench/gpu-prepare.sh here and carry .bundle"; exit 2; }
[ -x "$work/gn4j-bundle/bin/gn4j" ] || tar xJf .bundle/gn4j-bundle-linux-x86_64.tar.xz -C "$work"
note "gn4j $(cat .bundle/commit.txt 2>/dev/null) mode $mode deadline ${deadline_s}s"
bundle=$work/gn4j-bundle
gn4j=$bundle/bin/gn4j

host_facts() {
  date -u
  nvidia-smi
  nvidia-smi --query-gpu=name,driver_version,compute_mode,memory.total,clocks.max.sm,clocks.max.mem --format=csv
  echo "--- glibc"; ldd --version | head -1
  echo "--- /tmp"; findmnt -no SOURCE,FSTYPE,OPTIONS /tmp || mount | grep ' /tmp '
  echo "--- CUDA libraries (paths, sonames)"
  ldconfig -p | grep -E 'libcu(blas|blasLt|solver|sparse|rand|dart|da)\.so|libnvJitLink|libnvrtc' || true
  find /usr /opt /lib /lib64 \( -name 'libcublas.so*' -o -name 'libcusolver.so*' -o -name 'libcudart.so*' -o -name 'libcuda.so*' \) \
    2>/dev/null | sort -u | while read -r f; do
      printf '%s -> %s  soname %s\n' "$f" "$(readlink -f "$f")" "$(objdump -p "$f" 2>/dev/null | awk '/SONAME/ {print $2}')"
    done
  echo "--- tools"
  command -v nvcc && nvcc --version | tail -2
  command -v compute-sanitizer || ls /usr/local/cuda*/bin/compute-sanitizer 2>/dev/null
  command -v java && java -version 2>&1
  command -v python3 && python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())'
  nproc; free -g
}

# The bundled runtime is jlinked on Debian 12 (glibc 2.36; it needs 2.34 or newer). Without it,
# a host Java 17+ runs the same jars (GN4J_JAVA is read by the bundle's launcher).
pick_java() {
  if "$bundle/runtime/bin/java" -version > "$results/java.log" 2>&1; then
    echo "$bundle/runtime/bin/java"
    return
  fi
  local host
  host=$(command -v java || true)
  if [ -n "$host" ] && "$host" -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])'; then
    echo "$host"
  fi
}

# The loss columns of two metrics.csv files, step by step: the largest relative difference.
compare_losses() {
  paste -d, <(cut -d, -f1,6 "$1") <(cut -d, -f1,6 "$2") | awk -F, 'NR > 1 && $1 == $3 {
      d = $2 - $4; if (d < 0) d = -d; s = $4 < 0 ? -$4 : $4; r = s > 0 ? d / s : d
      if (r > worst) { worst = r; at = $1 }
      n++ }
    END { if (at == "") at = "-"; printf "%d steps compared; largest relative train-loss difference %.3g at step %s\n", n, worst, at }'
}

# The gpu-tagged tests through the JUnit console. The launcher goes on the class path with the
# tests (not java -jar): Cuda13HostTest starts a child JVM on java.class.path to find its probe.
test_cp() {
  echo "$(ls .bundle/junit-platform-console-standalone-*.jar):.bundle/tests:$(ls "$bundle"/lib/*.jar | paste -sd:)"
}

# gpu_tests JAVA REPORTS_DIR SELECTORS...
gpu_tests() {
  local java=$1 reports=$2
  shift 2
  "$java" -cp "$(test_cp)" org.junit.platform.console.ConsoleLauncher execute "$@" --details tree \
    --disable-ansi-colors --disable-banner --reports-dir "$reports"
}
export -f host_facts gpu_tests test_cp
export bundle results

java_bin=
case "$mode" in
  checks)
    step host 30 10 bash -c host_facts
    java_bin=$(pick_java)
    if [ -z "$java_bin" ]; then
      note "java: neither the bundled runtime ($(head -1 "$results/java.log")) nor a host Java 17+ starts; stopping"
      pack
      exit 3
    fi
    note "java: $java_bin"
    export GN4J_JAVA=$java_bin
    step info 60 20 env GN4J_SHIM_VERBOSE=1 "$gn4j" info
    # What Cuda13HostTest's child JVM runs, on the class path the tests get: it must find the probe class.
    step probe 30 10 "$java_bin" -cp "$(test_cp)" dev.gn4j.nativecuda.Cuda13HostProbe
    note "probe: $(grep -m1 -E '^ready|ClassNotFound' "$results/probe.log")"
    step gpu-tests 200 60 bash -c 'gpu_tests "$@"' gpu_tests "$java_bin" "$results/junit" --select-class dev.gn4j.nativecuda.CudaBackendOpsTest \
      --select-class dev.gn4j.nativecuda.OptimizerStepGpuTest --select-class dev.gn4j.nativecuda.Cuda13HostTest
    grep -E 'tests (successful|failed|aborted|skipped)' "$results/gpu-tests.log" | tr -s ' ' | tee -a "$summary"
    grep -E '✘' "$results/gpu-tests.log" | head -20 | tee -a "$summary"
    for dev in gpu cpu; do
      rm -rf "$work/train-$dev" "$results/train-$dev" # a rerun on a warm machine starts over
      step "train-$dev" 60 20 "$gn4j" train --dataset kin32fm --model 64-tanh-64-tanh --steps 200 --dtype f64 \
        --device "$dev" --seed 1 --out "$work/train-$dev" -q
      mkdir -p "$results/train-$dev"
      cp "$work/train-$dev"/{metrics.csv,summary.json,config.json} "$results/train-$dev/" 2>/dev/null
    done
    if [ -f "$results/train-gpu/metrics.csv" ] && [ -f "$results/train-cpu/metrics.csv" ]; then
      note "losses gpu vs cpu: $(compare_losses "$results/train-gpu/metrics.csv" "$results/train-cpu/metrics.csv")"
    fi
    step bench 150 60 "$gn4j" bench --devices cpu,gpu --optimizers egn,sgd --model 256-tanh-256-tanh --inputs 784 \
      --outputs 10 --loss ce --batch 128 --dtypes f32,f64 --rounds 4 --out "$results/bench"
    grep -E 'egn|sgd|GFLOP|ceiling' "$results/bench.log" | head -16 >> "$summary"
    if [ -f .bundle/torch_egn_step.py ] && python3 -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null; then
      for dt in f32 f64; do
        step "peer-$dt" 60 25 python3 .bundle/torch_egn_step.py --sizes 784,256,256,10 --batch 128 --loss ce \
          --device cuda --dtype "$dt" --methods sgd,structured,jacobian --reps 30
        grep -iE 'median|ms' "$results/peer-$dt.log" | head -6 >> "$summary"
      done
    else
      note "peer: skipped (no .bundle/torch_egn_step.py or no torch with CUDA)"
    fi
    # Issue 17 on the GPU: cholesky against cg and what auto picks, from m = 1,152 to 99,999 rows (last: time allowing).
    step solvers 90 40 "$gn4j" bench --devices gpu --optimizers egn --model 128-tanh --inputs 784 --outputs 10 --loss ce \
      --batch 128,2048,11111 --dtypes f32 --solvers cholesky,cg,auto --steps 4 --warmup 1 --out "$results/solvers"
    grep -E 'egn|fit' "$results/solvers.log" | head -12 >> "$summary"
    ;;
  diagnose)
    java_bin=$(pick_java)
    [ -n "$java_bin" ] || { note "java: none starts"; exit 3; }
    failing=$(grep -l -E 'failures="[1-9]|errors="[1-9]' "$results"/junit/TEST-*.xml 2>/dev/null | head -1 | sed -E 's/.*TEST-(.*)\.xml/\1/')
    failing=${failing:-dev.gn4j.nativecuda.CudaBackendOpsTest}
    note "diagnose: $failing"
    step blocking 150 40 env CUDA_LAUNCH_BLOCKING=1 bash -c 'gpu_tests "$0" "$results/junit-blocking" --select-class "$1"' \
      "$java_bin" "$failing"
    sanitizer=$(command -v compute-sanitizer || ls /usr/local/cuda*/bin/compute-sanitizer 2>/dev/null | head -1)
    if [ -n "$sanitizer" ]; then
      step memcheck 240 60 "$sanitizer" --tool memcheck --target-processes all --print-limit 50 \
        bash -c 'gpu_tests "$0" "$results/junit-memcheck" --select-class "$1"' "$java_bin" "$failing"
    else
      note "memcheck: no compute-sanitizer on this host"
    fi
    ;;
  bench-full)
    step bench-full 400 120 "$gn4j" bench --devices cpu,gpu --out "$results/bench-full"
    ;;
  *)
    note "usage: gpu-one-call.sh [checks|diagnose|bench-full]"
    exit 2
    ;;
esac
pack
note "done in $((SECONDS - start)) s"
