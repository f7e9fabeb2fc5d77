#!/usr/bin/env bash
# Issue 17: step time of the Cholesky, CG and parameter-space solves over m and P (CPU, f32, EGN).
set -u
J=/tmp/gn4j-sb.jar; O=/tmp/sb
b() { name=$1; shift; /usr/bin/time -f "%M KB peak, %e s" java -jar $J bench --devices cpu --optimizers egn --dtypes f32 --out $O/$name "$@" > $O/$name.txt 2> $O/$name.err; }
date -u +%FT%TZ > $O/started
# P = 269,322 (784-256-256-10, ce): m = 288, 1,152, 4,608
b mlp --model 256-tanh-256-tanh --inputs 784 --outputs 10 --loss ce --batch 32,128,512 --solvers cholesky,cg --steps 6 --warmup 2 --warmup-seconds 1
# P = 8,612 (32-64-100, ce, 100 classes): m = 3,168, 6,336; param as well
b many --model 64-tanh --inputs 32 --outputs 100 --loss ce --batch 32,64 --solvers cholesky,cg,param --steps 2 --warmup 1 --warmup-seconds 0
# P = 354 (8-32-2, mse): m = 512, 2,048, 8,192
b small --model 32-tanh --inputs 8 --outputs 2 --loss mse --batch 256,1024,4096 --solvers cholesky,cg,param --steps 4 --warmup 1 --warmup-seconds 0
# CG alone where K cannot be formed: 100 classes at b = 1,024 (m = 101,376)
b huge --model 64-tanh --inputs 32 --outputs 100 --loss ce --batch 1024 --solvers cg --steps 6 --warmup 2 --warmup-seconds 1
date -u +%FT%TZ > $O/ended
