#!/usr/bin/env bash
# The EGN paper's regression claim under its authors' protocol (issue 18; cor3bit/somax benchmarks/, May 2024):
#   their MLPRegressorMedium (hidden 32-64-32, ReLU), batch 64, 5,000 steps, test RMSE every 25 steps;
#   EGN with λ fixed at 1 over the learning-rate ladder 1 … 1e-5 × momentum {0, 0.9} × line search {off, on},
#   SGD over the ladder × momentum {0, 0.9}, Adam over the ladder; each ranked by its final validation loss (10% of
#   the training split), then its best trained again with 5 seeds (each seed shuffles and initializes anew) and
#   tracked on the fixed test split.
#   docs/results/egn-protocol-census-house.png   test RMSE against steps and against training seconds, 5 seeds
#   docs/results/egn-protocol-census-house.md    the table; egn-protocol-census-house-ladder.md every trial
# census-house stands in for California Housing (not in a reachable registry): both are US house prices from census
# block data, regressed from a few district features.
# One command: experiments/egn/protocol/run.sh   (DEVICE=gpu for a GPU host; about 15 minutes on 2 CPU cores)
source "$(dirname "${BASH_SOURCE[0]}")/../../lib.sh"
cd "$ROOT"
HERE=experiments/egn/protocol
DEVICE="${DEVICE:-cpu}"
ds=census-house
for opt in egn sgd adam; do
  gn4j sweep -q --config "$HERE/$opt-$ds.yaml" --out "$OUT/egn-protocol-$ds-tune-$opt" --workers 1 --devices "$DEVICE"
  repeat "egn-protocol-$ds-$opt" "$OUT/egn-protocol-$ds-tune-$opt/best.yaml" "1 2 3 4 5" --val test --val-split 0 \
    --device "$DEVICE"
done
{
  for opt in egn sgd adam; do
    echo "### $opt: every trial, final validation loss (lower is better)"
    echo
    echo '| trial | final_val_loss |'
    echo '|---|---|'
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "final_val_loss") c = i; next }
             { printf "| %s | %s |\n", $2, $c }' "$OUT/egn-protocol-$ds-tune-$opt/leaderboard.csv"
    echo
  done
} > "$FIGS/egn-protocol-$ds-ladder.md"
gn4j compare --group "EGN=$OUT/egn-protocol-$ds-egn" --group "SGD=$OUT/egn-protocol-$ds-sgd" \
  --group "Adam=$OUT/egn-protocol-$ds-adam" --x step,train_s --y val_rmse --y-scale linear \
  --title "$ds, 32-64-32 ReLU, batch 64, 5000 steps, each method's best on the ladder: test RMSE, mean and range over 5 seeds" \
  --summary test_rmse,test_r2,final_train_loss,train_seconds,median_step_seconds \
  --out "$FIGS/egn-protocol-$ds.png" --table "$FIGS/egn-protocol-$ds.md"
finish "egn-protocol-$ds"
