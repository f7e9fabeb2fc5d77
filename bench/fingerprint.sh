#!/usr/bin/env bash
# Final weights of fixed runs, one line each: the check that a refactoring left every CPU
# result bit-identical. Run it before and after, on the same machine, and diff the outputs:
#   bash bench/fingerprint.sh [JAR] > before.txt   ...   bash bench/fingerprint.sh > after.txt
# Each line is the run and the SHA-256 of its model's tensor bytes (the safetensors
# metadata key gn4j_tensors_sha256) and of metrics.csv without its clock columns.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${1:-$root/cli/target/gn4j.jar}"
work="$(mktemp -d "${TMPDIR:-/tmp}/gn4j-fingerprint.XXXXXX")"
trap 'rm -rf "$work"' EXIT
data="$root/datasets/diabetes.csv"
iris="$root/datasets/iris.csv"
run() {
  local name="$1"; shift
  java -jar "$jar" train -q --device cpu --seed 3 --out "$work/$name" "$@" >/dev/null 2>"$work/$name.err" \
    || { echo "$name: failed: $(tail -1 "$work/$name.err")"; return; }
  local tensors losses
  tensors=$(python3 -c "import json,struct,sys; f=open(sys.argv[1],'rb'); n=struct.unpack('<Q',f.read(8))[0]; print(json.loads(f.read(n))['__metadata__']['gn4j_tensors_sha256'])" "$work/$name/model.safetensors")
  losses=$(cut -d, -f1,2,6- "$work/$name/metrics.csv" | sha256sum | cut -c1-16)
  echo "$name $tensors $losses"
}
for dtype in f64 f32; do
  for opt in egn ggn smw-gn smw-ng lm sgd adam; do
    lr=1; [ "$opt" = sgd ] && lr=0.01
    run "diabetes-$opt-$dtype" --data "$data" --target progression --model 16-tanh-8-relu --optimizer "$opt" \
      --standardize all --lr "$lr" --dtype "$dtype" --steps 12 --batch 64
  done
  run "diabetes-egn-momentum-ls-$dtype" --data "$data" --target progression --model 16-tanh --optimizer egn \
    --momentum 0.9 --line-search --adaptive-lambda --dtype "$dtype" --steps 12 --batch 64
  for opt in egn smw-gn smw-ng lm; do
    run "iris-ce-$opt-$dtype" --data "$iris" --target species --loss ce --model 8-tanh --optimizer "$opt" \
      --dtype "$dtype" --steps 10 --batch 32
  done
  run "iris-ce-egn-explicit-$dtype" --data "$iris" --target species --loss ce --model 8-tanh --optimizer egn \
    --jacobian explicit --dtype "$dtype" --steps 10 --batch 32
  # The subsample, full-data gradient and sampled-label rows of the SMW methods.
  run "diabetes-smw-ng-sampled-semi-$dtype" --data "$data" --target progression --model 16-tanh --optimizer smw-ng \
    --fisher sampled --semi-stochastic --curvature-batch 16 --dtype "$dtype" --steps 12 --batch 64
  run "iris-ce-smw-ng-sampled-$dtype" --data "$iris" --target species --loss ce --model 8-tanh --optimizer smw-ng \
    --fisher sampled --curvature-batch 8 --dtype "$dtype" --steps 10 --batch 32
  run "iris-ce-smw-gn-semi-$dtype" --data "$iris" --target species --loss ce --model 8-tanh --optimizer smw-gn \
    --semi-stochastic --curvature-batch 8 --dtype "$dtype" --steps 10 --batch 32
done
# A float32 step with a float64 solve: K, r and t in different dtypes.
run "diabetes-egn-f32-solve-f64" --data "$data" --target progression --model 16-tanh-8-relu --optimizer egn \
  --standardize all --dtype f32 --solve-dtype f64 --steps 12 --batch 64
