#!/usr/bin/env bash
# The paper CNN bench of issue 16: gn4j (two rounds) and the PyTorch peer, interleaved.
set -u
J=/tmp/gn4j-now.jar; O=/tmp/cnnb
M=conv32k3-relu-maxpool2-conv32k3-relu-maxpool2-64-relu
bench() { java -jar $J bench --devices cpu --optimizers egn,sgd,adam --batch 32,64,128 --dtypes f32 --model $M --inputs 784 \
  --input-shape 1x28x28 --outputs 10 --loss ce --steps 10 --warmup 3 --rounds 2 --out $O/$1 > $O/$1.txt 2>&1; }
peer() { for b in 32 64 128; do OMP_NUM_THREADS=$1 /usr/bin/python3 /work/shared/anchors/torch_egn_step.py --arch mnist-cnn \
  --device cpu --dtype f32 --batch $b --methods sgd,jacobian --reps $2; done > $O/peer-omp$1-$3.jsonl 2>&1; }
date -u +%FT%TZ > $O/started
bench gn4j-a
peer 1 5 a
peer 2 5 a
bench gn4j-b
date -u +%FT%TZ > $O/ended
