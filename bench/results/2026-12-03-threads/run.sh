#!/usr/bin/env bash
# Issue 19 item 1: EGN and SGD step times at 1 and 2 threads, quiet and beside a process spinning
# on one core, gn4j (--threads) beside the PyTorch peer (OMP_NUM_THREADS), in interleaved rounds.
# 784-256-256-10, ce, batch 128, float32, CPU. Run from the repository root with nothing else running.
set -u
J=${J:-cli/target/gn4j.jar}; O=${O:-/tmp/threads}; PEER=${PEER:-../shared/anchors/torch_egn_step.py}
mkdir -p $O
date -u +%FT%TZ > $O/started
for round in 1 2 3; do
  for load in quiet spin; do
    spinner=
    if [ $load = spin ]; then bash -c 'while :; do :; done' & spinner=$!; sleep 1; fi
    for t in 1 2; do
      java -jar $J bench -q --devices cpu --optimizers egn,sgd --model 256-tanh-256-tanh --inputs 784 --outputs 10 \
        --loss ce --batch 128 --dtypes f32 --steps 10 --warmup 3 --ceiling-gemm 512 --ceiling-copy 1000000 \
        --threads $t --out $O/gn4j-$load-t$t-r$round > $O/gn4j-$load-t$t-r$round.txt 2>&1
      OMP_NUM_THREADS=$t /usr/bin/python3 $PEER --sizes 784,256,256,10 --batch 128 --loss ce --device cpu --dtype f32 \
        --methods sgd,structured --reps 20 > $O/peer-$load-t$t-r$round.jsonl 2>&1
    done
    [ -n "$spinner" ] && kill $spinner
  done
done
date -u +%FT%TZ > $O/ended
