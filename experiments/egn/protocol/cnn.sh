#!/usr/bin/env bash
# The EGN paper's MNIST and Fashion-MNIST claims under its authors' protocol (issue 18), at the settings their harness
# settled on for each (cor3bit/somax benchmarks/search_hp_sl_clf.py): each method at its own batch and rate (the
# *-DATASET-cnn.yaml files), the CNN conv 32 → pool → conv 32 → pool → dense 64, the full test set tracked, 5 seeds.
#   docs/results/egn-protocol-DATASET-cnn.png   test accuracy against steps and against training seconds
#   docs/results/egn-protocol-DATASET-cnn.md    the table
# DATASET is mnist (default) or fashion-mnist. The protocol's budget is 10,000 steps and its ladder tunes every
# method; on a GPU host:
#   DEVICE=gpu experiments/egn/protocol/cnn.sh
#   DATASET=fashion-mnist DEVICE=gpu experiments/egn/protocol/cnn.sh
# A 2-core CPU does an EGN step of this network in a quarter to half a second, so it runs a shorter budget here:
#   STEPS=1000 EVAL_EVERY=100 experiments/egn/protocol/cnn.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../lib.sh"
cd "$ROOT"
HERE=experiments/egn/protocol
DEVICE="${DEVICE:-cpu}"
STEPS="${STEPS:-10000}"
EVAL_EVERY="${EVAL_EVERY:-50}"
SEEDS="${SEEDS:-1 2 3 4 5}"
DATASET="${DATASET:-mnist}"
case $DATASET in
  mnist) title=MNIST ;;
  fashion-mnist) title=Fashion-MNIST ;;
  *) echo "cnn.sh: DATASET is mnist or fashion-mnist, not '$DATASET'" >&2; exit 2 ;;
esac
gn4j data fetch "$DATASET"
name="egn-protocol-$DATASET-cnn"
groups=()
declare -A method=([egn]=EGN [sgd]=SGD [adam]=Adam) rate=([egn]=step [sgd]=rate [adam]=rate)
# setting OPT: a config's value of KEY, for the figure's legend.
setting() { awk -v k="$2:" '$1 == k { print $2; exit }' "$HERE/$1-$DATASET-cnn.yaml"; }
for opt in egn sgd adam; do
  runs="$OUT/$name-$STEPS-$opt"
  # A diverged seed is the method's result: compare counts it and leaves it out of the means.
  repeat "$name-$STEPS-$opt" "$HERE/$opt-$DATASET-cnn.yaml" "$SEEDS" --steps "$STEPS" --val test \
    --log-every "$EVAL_EVERY" --device "$DEVICE" || true
  groups+=(--group "${method[$opt]} (batch $(setting $opt batch), ${rate[$opt]} $(setting $opt lr))=$runs")
done
gn4j compare "${groups[@]}" --x step,train_s --y val_accuracy --y-scale linear \
  --title "$title, the authors' CNN at their settings, $STEPS steps: test accuracy, mean and range over $(wc -w <<< "$SEEDS") seeds" \
  --summary final_val_accuracy,final_val_loss,final_train_loss,train_seconds,median_step_seconds \
  --out "$FIGS/$name.png" --table "$FIGS/$name.md"
finish "$name"
