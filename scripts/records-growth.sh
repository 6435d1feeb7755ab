#!/usr/bin/env bash
# Records grown 10x at a time (issue 25): `syskind record check` over 1,000, 10,000 and 100,000
# records of today's size, on one thread and on every core, with the ratio to the size before
# (linear growth shows as x10) and the peak memory. Needs GNU time (apt-get install time).
#
#   cargo build --release && scripts/records-growth.sh [target/release/syskind] [SIZES...]
#
# 100,000 records are about 700 MB of files in a temporary folder, removed at the end.
set -euo pipefail
bin=$(realpath "${1:-target/release/syskind}")
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" record new -a questionnaires/examples/checkout-page.toml --title "Decision 0" -o "$work/r0.toml" 2>/dev/null
printf '%9s %9s %11s %7s %11s %7s %10s\n' records MB "1 thread" ratio "$(nproc) cores" ratio "peak MB"
prev1=; prevn=
for n in "${sizes[@]}"; do
  dir="$work/r$n"; mkdir -p "$dir"
  python3 - "$work/r0.toml" "$dir" "$n" <<'PY'
import sys, pathlib
base = pathlib.Path(sys.argv[1]).read_text(); d = pathlib.Path(sys.argv[2])
for i in range(int(sys.argv[3])):
    (d / f"r{i}.toml").write_text(base.replace("Decision 0", f"Decision {i}").replace("-decision-0", f"-decision-{i}"))
PY
  mb=$(du -sm "$dir" | cut -f1)
  "$bin" record check "$dir" >/dev/null 2>&1  # warm the page cache
  best() { # best wall time of three, in seconds, and the peak memory of the last
    local b=999 t m
    for _ in 1 2 3; do
      out=$( { /usr/bin/time -f '%e %M' env "$@" "$bin" record check "$dir" >/dev/null; } 2>&1 | tail -1)
      t=${out% *}; m=${out#* }
      b=$(python3 -c "print(min($b, $t))")
    done
    echo "$b $m"
  }
  read -r one _ < <(best RAYON_NUM_THREADS=1)
  read -r all peak < <(best RAYON_NUM_THREADS="$(nproc)")
  r1=$([ -n "$prev1" ] && python3 -c "print(f'x{$one/$prev1:.1f}')" || echo -)
  rn=$([ -n "$prevn" ] && python3 -c "print(f'x{$all/$prevn:.1f}')" || echo -)
  printf '%9s %9s %9s s %7s %9s s %7s %10s\n' "$n" "$mb" "$one" "$r1" "$all" "$rn" "$((peak / 1024))"
  prev1=$one; prevn=$all
  rm -rf "$dir"
done
