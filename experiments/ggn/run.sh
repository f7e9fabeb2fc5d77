#!/usr/bin/env bash
# The GGN paper's claims (arXiv 1905.11675), in two figures:
#   docs/results/ggn-quadratic-{standard,ntk}.png  full-batch GGN on a synthetic teacher: log loss against iteration,
#                                    four widths, 5 seeds, standard and NTK parameterization; ggn-quadratic.md per step
#   docs/results/ggn-regression.png  mini-batch GGN against tuned SGD and Adam, census-house and a synthetic teacher,
#                                    test (or validation) R² against epochs and against training time, 3 seeds
# One command: experiments/ggn/run.sh   (about 10 minutes on 2 CPU cores); one part: run.sh quadratic | run.sh minibatch
PART="${1:-all}"
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
HERE=experiments/ggn

# Full batch: 64 teacher samples, λ = 1e-10, float64, 12 steps; students of width 64 to 16384, five seeds each, in the
# standard parameterization (He/Glorot) and in the NTK one the paper's analysis assumes (--parameterization ntk).
if [ "$PART" = all ] || [ "$PART" = quadratic ]; then
java experiments/data/Teacher.java "$DATA/teacher-64.csv" 64 8 16 0 7
WIDTHS="64 512 4096 16384"
for p in standard ntk; do
  groups=()
  for w in $WIDTHS; do
    for s in 1 2 3 4 5; do
      dir="$OUT/ggn-quadratic/$p/width$w/seed$s"
      [ -f "$dir/summary.json" ] || { rm -rf "$dir"; mkdir -p "$(dirname "$dir")"; gn4j train -q --data "$DATA/teacher-64.csv" \
          --target y --model "$w-tanh" --optimizer ggn --parameterization $p --lambda 1e-10 --batch full --steps 12 \
          --dtype f64 --device cpu --seed $s --out "$dir"; }
    done
    groups+=(--group "width $w=$OUT/ggn-quadratic/$p/width$w")
  done
  gn4j compare "${groups[@]}" --x step --y train_loss --y-scale log --y-limits 1e-33,1e5 \
    --title "Full-batch GGN, $p parameterization: 64 teacher samples, 8-W-tanh-1 students, λ=1e-10, f64, 5 seeds" \
    --summary initial_train_loss,final_train_loss,train_seconds \
    --out "$FIGS/ggn-quadratic-$p.png" --table "$FIGS/ggn-quadratic-$p.summary.md"
done
tables=()
for p in standard ntk; do for w in $WIDTHS; do tables+=("$p, W = $w=$OUT/ggn-quadratic/$p/width$w"); done; done
java "$HERE/LossPerStep.java" "$FIGS/ggn-quadratic.md" 6 1e-20 "${tables[@]}"
fi

if [ "$PART" = all ] || [ "$PART" = minibatch ]; then
# Mini-batch: each optimizer tuned by an 8-trial sweep on a validation split, then its best repeated for 3 seeds.
java experiments/data/Teacher.java "$DATA/teacher-4096.csv" 4096 16 32 0.05 11
for ds in census teacher; do
  for opt in ggn sgd adam; do
    tune "ggn-$ds-tune-$opt" "$HERE/tune-$opt-$ds.yaml"
    if [ $ds = census ]; then val=(--val test --val-split 0); else val=(); fi
    repeat "ggn-$ds-$opt" "$OUT/ggn-$ds-tune-$opt/best.yaml" "1 2 3" "${val[@]}"
  done
done
gn4j compare --group "GGN=$OUT/ggn-census-ggn" --group "SGD=$OUT/ggn-census-sgd" --group "Adam=$OUT/ggn-census-adam" \
  --x epoch,train_s --y val_r2 --y-scale linear \
  --title "census-house (11392 train / 11392 test), 16-64-64-1 tanh, batch 128: test R², mean and range over 3 seeds" \
  --summary test_r2,test_rmse,final_train_loss,train_seconds,median_step_seconds \
  --out "$FIGS/ggn-regression-census.png" --table "$FIGS/ggn-regression-census.md"
gn4j compare --group "GGN=$OUT/ggn-teacher-ggn" --group "SGD=$OUT/ggn-teacher-sgd" --group "Adam=$OUT/ggn-teacher-adam" \
  --x epoch,train_s --y val_loss --y-scale log \
  --title "Synthetic teacher (4096 rows, 20% validation), 16-64-64-1 tanh, batch 128: validation MSE, 3 seeds" \
  --summary final_val_loss,final_val_r2,final_train_loss,train_seconds,median_step_seconds \
  --out "$FIGS/ggn-regression-teacher.png" --table "$FIGS/ggn-regression-teacher.md"
fi
finish "ggn${1:+-$1}"
