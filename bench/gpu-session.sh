#!/usr/bin/env bash
# Runs on the GPU host, from the repository root, with .bundle/ carried (bench/gpu-prepare.sh).
#   gpu-session.sh checks   host facts, gn4j info, the gpu-tagged tests, 200 EGN steps GPU vs CPU
#   gpu-session.sh bench    gn4j bench on cpu and gpu: the default matrix and the one-output one
#   gpu-session.sh peer     the PyTorch peer on cuda, same sizes
# Everything lands under $OUT (the device tool brings it back). Each step has its own time
# limit and log; a failing step is recorded and the next one still runs. The limits of one
# part add up to under the device tool's 600 s per call.
set -uo pipefail
what=${1:?usage: gpu-session.sh checks|bench|peer}
out=${OUT:-/tmp/gn4j-gpu-out}
work=/tmp/gn4j-gpu
mkdir -p "$out" "$work"
[ -f .bundle/gn4j-bundle-linux-x86_64.tar.xz ] || { echo "no .bundle/: run bench/gpu-prepare.sh and carry .bundle" >&2; exit 2; }
[ -x "$work/gn4j-bundle/bin/gn4j" ] || tar xJf .bundle/gn4j-bundle-linux-x86_64.tar.xz -C "$work"
gn4j=$work/gn4j-bundle/bin/gn4j
java=$work/gn4j-bundle/runtime/bin/java
summary=$out/$what-summary.txt
: > "$summary"

# step NAME LIMIT_S COMMAND...: runs it with its own log, records rc and seconds.
step() {
  local name=$1 limit=$2
  shift 2
  local t0=$SECONDS
  timeout "$limit" "$@" > "$out/$name.log" 2>&1
  local rc=$?
  local cmd="$*"
  printf '%-22s rc=%-3s %4ss  %s\n' "$name" "$rc" $((SECONDS - t0)) "${cmd:0:160}" | tee -a "$summary"
}

host_facts() {
  date -u
  cat .bundle/commit.txt 2>/dev/null
  nvidia-smi
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.mem --format=csv
  echo "--- CUDA libraries (paths, sonames)"
  ldconfig -p | grep -E 'libcu(blas|blasLt|solver|sparse|rand|dart|da)\.so|libnvJitLink|libnvrtc' || true
  find /usr /opt /lib /lib64 \( -name 'libcublas.so*' -o -name 'libcusolver.so*' -o -name 'libcudart.so*' -o -name 'libcuda.so*' \) \
    2>/dev/null | sort -u | while read -r f; do
      printf '%s -> %s  soname %s\n' "$f" "$(readlink -f "$f")" "$(objdump -p "$f" 2>/dev/null | awk '/SONAME/ {print $2}')"
    done
  echo "--- tools"
  command -v nvcc && nvcc --version
  command -v gcc && gcc --version | head -1
  command -v java && java -version 2>&1
  command -v python3 && python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())'
  nproc
  free -g
}

# The loss columns of two metrics.csv files, step by step: the largest relative difference.
compare_losses() {
  paste -d, <(cut -d, -f1,6 "$1") <(cut -d, -f1,6 "$2") | awk -F, 'NR > 1 && $1 == $3 {
      d = $2 - $4; if (d < 0) d = -d; s = $4 < 0 ? -$4 : $4; r = s > 0 ? d / s : d
      if (r > worst) { worst = r; at = $1 }
      n++ }
    END { if (at == "") at = "-"; printf "%d steps compared; largest relative train-loss difference %.3g at step %s\n", n, worst, at }'
}

export -f host_facts

case "$what" in
  checks)
    step host 30 bash -c host_facts
    step info 60 env GN4J_SHIM_VERBOSE=1 "$gn4j" info
    cp=".bundle/tests:$(ls "$work"/gn4j-bundle/lib/*.jar | paste -sd:)"
    step gpu-tests 300 "$java" -jar .bundle/junit-platform-console-standalone-*.jar execute --class-path "$cp" \
      --select-class dev.gn4j.nativecuda.CudaBackendOpsTest --select-class dev.gn4j.nativecuda.OptimizerStepGpuTest \
      --select-class dev.gn4j.nativecuda.shim.Cuda13HostTest --details tree --disable-ansi-colors --disable-banner \
      --reports-dir "$out/junit"
    grep -E 'tests (successful|failed|aborted)' "$out/gpu-tests.log" | tee -a "$summary"
    for dev in gpu cpu; do
      rm -rf "$work/train-$dev" "$out/train-$dev" # a rerun on a warm machine starts over
      step "train-$dev" 90 "$gn4j" train --dataset kin32fm --model 64-tanh-64-tanh --steps 200 --dtype f64 \
        --device "$dev" --seed 1 --out "$work/train-$dev"
      mkdir -p "$out/train-$dev"
      cp "$work/train-$dev"/{metrics.csv,summary.json,config.json,loss.png} "$out/train-$dev/" 2>/dev/null
    done
    if [ -f "$out/train-gpu/metrics.csv" ] && [ -f "$out/train-cpu/metrics.csv" ]; then
      compare_losses "$out/train-gpu/metrics.csv" "$out/train-cpu/metrics.csv" | tee -a "$summary"
    fi
    ;;
  bench)
    step bench-default 360 "$gn4j" bench --devices cpu,gpu --out "$out/bench-default"
    step bench-one-output 150 "$gn4j" bench --devices cpu,gpu --optimizers egn,ggn,sgd --model 64-tanh-32-tanh \
      --inputs 32 --outputs 1 --loss mse --batch 128 --dtypes f32,f64 --steps 400 --rounds 4 --out "$out/bench-one-output"
    ;;
  peer)
    if [ -f .bundle/torch_egn_step.py ] && python3 -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null; then
      step peer-784-ce-f32 120 python3 .bundle/torch_egn_step.py --sizes 784,256,256,10 --batch 128 --loss ce \
        --device cuda --dtype f32 --methods sgd,structured,jacobian --reps 30
      step peer-784-ce-f64 120 python3 .bundle/torch_egn_step.py --sizes 784,256,256,10 --batch 128 --loss ce \
        --device cuda --dtype f64 --methods sgd,structured,jacobian --reps 30
      step peer-one-output 60 python3 .bundle/torch_egn_step.py --sizes 32,64,32,1 --batch 128 --loss mse \
        --device cuda --dtype f32 --methods sgd,structured --reps 200
    else
      echo "peer: skipped (no .bundle/torch_egn_step.py or no torch with CUDA)" | tee -a "$summary"
    fi
    ;;
  *)
    echo "usage: gpu-session.sh checks|bench|peer" >&2
    exit 2
    ;;
esac
cat "$summary"
