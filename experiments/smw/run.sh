#!/usr/bin/env bash
# The SMW-GN / SMW-NG paper's claim (arXiv 1906.02353): subsampled Gauss-Newton and natural-gradient steps with
# Levenberg-Marquardt damping (MATH.md's adaptive λ) against SGD with momentum and Adam on MNIST, 784-500-10.
#   docs/results/smw-mnist.png   test accuracy and training loss against epochs and training time, 3 seeds
# Each method: a 6-trial sweep (1 epoch, 10% validation), then its best for 3 epochs with 3 new seeds.
# One command: experiments/smw/run.sh   (about 15 minutes on 2 CPU cores)
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$ROOT"
HERE=experiments/smw
gn4j data fetch mnist

for opt in smw-ng smw-gn sgd adam; do
  tune "smw-tune-$opt" "$HERE/tune-$opt.yaml"
  repeat "smw-$opt" "$OUT/smw-tune-$opt/best.yaml" "1 2 3" --val test --val-split 0 --epochs 3
done
gn4j compare --group "SMW-NG=$OUT/smw-smw-ng" --group "SMW-GN=$OUT/smw-smw-gn" --group "SGD+momentum=$OUT/smw-sgd" \
  --group "Adam=$OUT/smw-adam" --x epoch,train_s --y val_accuracy --y-scale linear --y-limits 0.9,1 \
  --title "MNIST, 784-500-10 tanh, batch 128, each method tuned by a 6-trial sweep: test accuracy, 3 seeds" \
  --summary test_accuracy,test_loss,final_train_loss,train_seconds,median_step_seconds \
  --out "$FIGS/smw-mnist.png" --table "$FIGS/smw-mnist.md"
gn4j compare --group "SMW-NG=$OUT/smw-smw-ng" --group "SMW-GN=$OUT/smw-smw-gn" --group "SGD+momentum=$OUT/smw-sgd" \
  --group "Adam=$OUT/smw-adam" --x epoch --y train_loss \
  --title "MNIST, 784-500-10: training loss (full training set), 3 seeds" \
  --summary final_train_loss,final_train_accuracy \
  --out "$FIGS/smw-mnist-loss.png" --table "$FIGS/smw-mnist-loss.md"
finish smw
