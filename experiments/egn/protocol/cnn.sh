#!/usr/bin/env bash
# The EGN paper's MNIST claim under its authors' protocol (issue 18), at the settings their harness settled on
# (cor3bit/somax benchmarks/search_hp_sl_clf.py): each method at its own batch and rate (the *-mnist-cnn.yaml files),
# the CNN conv 32 → pool → conv 32 → pool → dense 64, the full test set tracked, 5 seeds.
#   docs/results/egn-protocol-mnist-cnn.png   test accuracy against steps and against training seconds
#   docs/results/egn-protocol-mnist-cnn.md    the table
# The protocol's budget is 10,000 steps and its ladder tunes every method; on a GPU host:
#   DEVICE=gpu experiments/egn/protocol/cnn.sh
# A 2-core CPU does an EGN step of this network in about a tenth of a second, so it runs a shorter budget here:
#   STEPS=2000 EVAL_EVERY=250 experiments/egn/protocol/cnn.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../lib.sh"
cd "$ROOT"
HERE=experiments/egn/protocol
DEVICE="${DEVICE:-cpu}"
STEPS="${STEPS:-10000}"
EVAL_EVERY="${EVAL_EVERY:-50}"
SEEDS="${SEEDS:-1 2 3 4 5}"
gn4j data fetch mnist
name="egn-protocol-mnist-cnn"
groups=()
declare -A label=([egn]="EGN (batch 32, step 0.5)" [sgd]="SGD (batch 64, rate 0.05)" [adam]="Adam (batch 32, rate 0.005)")
for opt in egn sgd adam; do
  runs="$OUT/$name-$STEPS-$opt"
  # A diverged seed is the method's result: compare counts it and leaves it out of the means.
  repeat "$name-$STEPS-$opt" "$HERE/$opt-mnist-cnn.yaml" "$SEEDS" --steps "$STEPS" --val test \
    --log-every "$EVAL_EVERY" --device "$DEVICE" || true
  groups+=(--group "${label[$opt]}=$runs")
done
gn4j compare "${groups[@]}" --x step,train_s --y val_accuracy --y-scale linear \
  --title "MNIST, the authors' CNN at their settings, $STEPS steps: test accuracy, mean and range over $(wc -w <<< "$SEEDS") seeds" \
  --summary final_val_accuracy,final_val_loss,final_train_loss,train_seconds,median_step_seconds \
  --out "$FIGS/$name.png" --table "$FIGS/$name.md"
finish "$name"
