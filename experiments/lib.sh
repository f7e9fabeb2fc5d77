# Shared by the experiments' run.sh scripts: where gn4j is, where runs and figures go, and the
# tune -> repeat over seeds -> compare pattern every figure follows.
#
#   GN4J  the gn4j command (default: the repository's ./gn4j launcher; e.g. "java -jar gn4j.jar")
#   OUT   run folders and sweeps (default: experiments/out, ignored by git)
#   FIGS  figures and tables (default: docs/results)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GN4J="${GN4J:-$ROOT/gn4j}"
OUT="${OUT:-$ROOT/experiments/out}"
FIGS="${FIGS:-$ROOT/docs/results}"
# Generated data sits at a fixed place, since sweep files name it by path (relative to the repository).
DATA="$ROOT/experiments/out/data"
mkdir -p "$OUT" "$FIGS" "$DATA"
STARTED=$(date +%s)
# One BLAS thread and one thread for the CPU backend's loops, unless set otherwise: every method then runs on the
# same single core, and a process elsewhere on the machine cannot stall a multi-threaded BLAS call on small matrices
# (measured: an SGD run on kin32fm took 7.5 s with 2 threads beside a busy process, 3.0 s with 1).
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

say() { echo "== $*" >&2; }

# gn4j ARGS...: run gn4j, echoing the command.
gn4j() {
  say "gn4j $*"
  # shellcheck disable=SC2086
  $GN4J "$@"
}

# tune NAME SWEEP_FILE: the sweep into $OUT/NAME, one worker so trials do not share the cores
# (reruns skip finished trials). Its best.yaml is $OUT/NAME/best.yaml.
tune() {
  gn4j sweep -q --config "$2" --out "$OUT/$1" --workers 1
}

# repeat NAME CONFIG SEEDS [TRAIN FLAGS...]: train CONFIG (a best.yaml or any --config file) once per
# seed into $OUT/NAME/seedS. A finished run is kept; an interrupted one is resumed.
repeat() {
  local name=$1 config=$2 seeds=$3
  shift 3
  for s in $seeds; do
    local dir="$OUT/$name/seed$s"
    if [ -f "$dir/summary.json" ] && grep -q '"interrupted" : false' "$dir/summary.json"; then
      say "$dir: done, kept"
    elif [ -f "$dir/checkpoint.safetensors" ]; then
      gn4j train -q --resume "$dir"
    else
      rm -rf "$dir"
      mkdir -p "$(dirname "$dir")"
      gn4j train -q --config "$config" --seed "$s" --out "$dir" "$@"
    fi
  done
}

# finish NAME: how long the script took, recorded beside its figures.
finish() {
  local took=$(( $(date +%s) - STARTED ))
  echo "$1: $took s on $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))" \
    > "$FIGS/$1.time.txt"
  say "$1 done in $took s"
}
