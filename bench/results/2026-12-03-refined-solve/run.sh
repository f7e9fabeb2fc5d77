#!/usr/bin/env bash
# Issue 19 item 3: the float32 EGN step at b = 128, 256, 512 (784-256-256-10, ce: m = 1,152, 2,304, 4,608),
# before (BEFORE: the float64 factor from 512 rows) and after (AFTER: the float32 factor refined in float64),
# each with --solvers cholesky and auto, beside the PyTorch peer (float32 Cholesky, no refinement), in
# interleaved rounds. Default threads (the cores). Run from the repository root with nothing else running.
set -u
BEFORE=${BEFORE:?the jar before}; AFTER=${AFTER:-cli/target/gn4j.jar}; O=${O:-/tmp/refined}
PEER=${PEER:-../shared/anchors/torch_egn_step.py}
mkdir -p $O
date -u +%FT%TZ > $O/started
for round in 1 2 3; do
  for side in before after; do
    jar=$BEFORE; [ $side = after ] && jar=$AFTER
    java -jar $jar bench -q --devices cpu --optimizers egn --model 256-tanh-256-tanh --inputs 784 --outputs 10 \
      --loss ce --batch 128,256,512 --dtypes f32 --solvers cholesky,auto --steps 8 --warmup 2 --warmup-seconds 1 \
      --out $O/gn4j-$side-r$round > $O/gn4j-$side-r$round.txt 2>&1
  done
  for b in 128 256 512; do
    /usr/bin/python3 $PEER --sizes 784,256,256,10 --batch $b --loss ce --device cpu --dtype f32 \
      --methods structured --reps 8 > $O/peer-b$b-r$round.jsonl 2>&1
  done
done
date -u +%FT%TZ > $O/ended
