#!/usr/bin/env bash
# The EGN paper's claims (arXiv 2405.14402):
#   docs/results/egn-regression-kin32fm.png, -census-house.png   EGN vs tuned SGD and Adam, test R² against epochs and
#                                                                 training time, 3 seeds (64-tanh-32-tanh, batch 128)
#   docs/results/egn-classification-mnist.png, -fashion-mnist.png the same on MNIST / Fashion-MNIST (784-128-10, batch 64),
#                                                                 test accuracy
#   docs/results/egn-ablation.png, -r2.png                        line search, momentum, adaptive λ switched on one at a time
# Every method gets the same tuning budget: a sweep of 8 (regression) or 6 (classification) trials on a validation
# split of the training data; its best is then trained with 3 new seeds and tracked on the test split.
# One command: experiments/egn/run.sh   (about 25 minutes on 2 CPU cores)
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
HERE=experiments/egn
gn4j data fetch mnist && gn4j data fetch fashion-mnist

for ds in kin32fm census-house mnist fashion-mnist; do
  case $ds in mnist|fashion-mnist) epochs=(--epochs 3) ;; *) epochs=() ;; esac
  for opt in egn sgd adam; do
    tune "egn-$ds-tune-$opt" "$HERE/tune-$opt-$ds.yaml"
    repeat "egn-$ds-$opt" "$OUT/egn-$ds-tune-$opt/best.yaml" "1 2 3" --val test --val-split 0 "${epochs[@]}"
  done
done

declare -A r2lim=([kin32fm]=0.6,0.9 [census-house]=0,0.25)
for ds in kin32fm census-house; do
  gn4j compare --group "EGN=$OUT/egn-$ds-egn" --group "SGD=$OUT/egn-$ds-sgd" --group "Adam=$OUT/egn-$ds-adam" \
    --x epoch,train_s --y val_r2 --y-scale linear --y-limits "${r2lim[$ds]}" \
    --title "$ds, 64-tanh-32-tanh, batch 128, each method tuned by an 8-trial sweep: test R², mean and range over 3 seeds" \
    --summary test_r2,test_rmse,final_train_loss,train_seconds,median_step_seconds \
    --out "$FIGS/egn-regression-$ds.png" --table "$FIGS/egn-regression-$ds.md"
done
declare -A ylim=([mnist]=0.8,1 [fashion-mnist]=0.7,0.9)
for ds in mnist fashion-mnist; do
  gn4j compare --group "EGN=$OUT/egn-$ds-egn" --group "SGD=$OUT/egn-$ds-sgd" --group "Adam=$OUT/egn-$ds-adam" \
    --x epoch,train_s --y val_accuracy --y-scale linear --y-limits "${ylim[$ds]}" \
    --title "$ds, 784-128-10 tanh, batch 64, each method tuned by a 6-trial sweep: test accuracy, mean and range over 3 seeds" \
    --summary test_accuracy,test_loss,final_train_loss,train_seconds,median_step_seconds \
    --out "$FIGS/egn-classification-$ds.png" --table "$FIGS/egn-classification-$ds.md"
done

# Ablation on kin32fm at the paper's maximum step size 1 (a small tuned step would leave the line search nothing to do)
# and the tuned EGN's λ₀ (and β where momentum is on): each enhancement alone, then all three.
best="$OUT/egn-kin32fm-tune-egn/best.yaml"
beta=$(sed -n 's/^momentum: *//p' "$best")
repeat egn-ablation-plain "$best" "1 2 3" --val test --val-split 0 --lr 1 --no-line-search --no-adaptive-lambda --momentum 0
repeat egn-ablation-ls "$best" "1 2 3" --val test --val-split 0 --lr 1 --line-search --no-adaptive-lambda --momentum 0
repeat egn-ablation-momentum "$best" "1 2 3" --val test --val-split 0 --lr 1 --no-line-search --no-adaptive-lambda --momentum "$beta"
repeat egn-ablation-adaptive "$best" "1 2 3" --val test --val-split 0 --lr 1 --no-line-search --adaptive-lambda --momentum 0
repeat egn-ablation-all "$best" "1 2 3" --val test --val-split 0 --lr 1 --line-search --adaptive-lambda --momentum "$beta"
gn4j compare --group "plain=$OUT/egn-ablation-plain" --group "+ line search=$OUT/egn-ablation-ls" \
  --group "+ momentum=$OUT/egn-ablation-momentum" --group "+ adaptive λ=$OUT/egn-ablation-adaptive" \
  --group "all three=$OUT/egn-ablation-all" \
  --x epoch,train_s --y train_loss \
  --title "EGN ablation on kin32fm, step size 1, λ₀ and β of the tuned EGN: training loss, 3 seeds" \
  --summary test_r2,final_train_loss,train_seconds,median_step_seconds \
  --out "$FIGS/egn-ablation.png" --table "$FIGS/egn-ablation.md"
gn4j compare --group "plain=$OUT/egn-ablation-plain" --group "+ line search=$OUT/egn-ablation-ls" \
  --group "+ momentum=$OUT/egn-ablation-momentum" --group "+ adaptive λ=$OUT/egn-ablation-adaptive" \
  --group "all three=$OUT/egn-ablation-all" \
  --x epoch --y val_r2 --y-scale linear --y-limits 0.8,0.9 \
  --title "EGN ablation on kin32fm: test R², 3 seeds" --summary test_r2 \
  --out "$FIGS/egn-ablation-r2.png" --table "$FIGS/egn-ablation-r2.md"
finish egn
