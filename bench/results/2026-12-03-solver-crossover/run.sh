#!/usr/bin/env bash
# Issue 17: step time and modelled memory of cholesky, cg, param and what auto picks, over m from
# 256 to about 100,000 rows and P from about 10³ to 10⁶ (CPU, f32, one EGN step from the same θ).
# Cells too slow for a 2-core VM are left out by their batch lists, not by the bench; cells that
# cannot fit are refused by the bench itself. Run from the repository root, nothing else running.
set -u
J=${J:-cli/target/gn4j.jar}; O=${O:-/tmp/crossover}
mkdir -p $O
b() { name=$1; shift; /usr/bin/time -f "%M KB peak, %e s" java -jar $J bench --devices cpu --optimizers egn --dtypes f32 \
      --steps 4 --warmup 1 --warmup-seconds 1 --out $O/$name "$@" > $O/$name.txt 2> $O/$name.err; }
date -u +%FT%TZ > $O/started
# P = 836 (8-64-4, mse, 4 rows a sample): m = 256 … 100,000
b p1e3 --model 64-tanh --inputs 8 --outputs 4 --loss mse --batch 64,256,1024,4096,25000 --solvers cholesky,cg,param,auto
# P = 8,612 (32-64-100, ce, 99 rows a sample): m = 396 … 101,376
b p1e4 --model 64-tanh --inputs 32 --outputs 100 --loss ce --batch 4,16,64,256,1024 --solvers cholesky,cg,param,auto
# P = 101,770 (784-128-10, ce, 9 rows a sample): m = 288 … 99,999
b p1e5 --model 128-tanh --inputs 784 --outputs 10 --loss ce --batch 32,128,512,2048,11111 --solvers cholesky,cg,auto
# P = 1,011,010 (1000-1000-10, ce): m = 288 … 99,999
b p1e6 --model 1000-tanh --inputs 1000 --outputs 10 --loss ce --batch 32,128,512,2048,11111 --solvers cholesky,cg,auto
date -u +%FT%TZ > $O/ended
