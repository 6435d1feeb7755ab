#!/usr/bin/env bash
# Whole-process benchmarks with public tools, each next to the alternative a user would otherwise use.
#
#   apt-get install hyperfine adr-tools time tmux python3   (once)
#   scripts/bench.sh                                          (prints every figure and its budget)
#
# Measures: time to the first full wizard frame in a pty; `syskind classify` on an answers file;
# `syskind record check` over 10,000 records; `syskind adr new` beside adr-tools' `adr new` in the same
# folder of 500 ADRs; peak memory of a full wizard session driven through tmux.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine adr /usr/bin/time tmux python3; do
  command -v "$tool" >/dev/null || { echo "bench.sh: $tool is missing (apt-get install hyperfine adr-tools time tmux python3)" >&2; exit 2; }
done
cargo build --release --quiet
bin=$PWD/target/release/syskind
work=$(mktemp -d)
trap 'rm -rf "$work"; tmux kill-session -t syskind-bench 2>/dev/null || true' EXIT
verdict() { awk -v v="$1" -v b="$2" 'BEGIN { print (v < b ? "met" : "MISSED") }'; }
json_mean_ms() { python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['results'][${2:-0}]['mean']*1000, 2))" "$1"; }

echo "== machine"; echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo) GiB, $(uname -sr), $(date -u +%F)"

echo; echo "== first full frame (pty, 120x40)"
python3 scripts/first-frame.py "$bin" 30

echo; echo "== classify an answers file (whole process)"
hyperfine -N --warmup 5 --export-json "$work/classify.json" \
  "$bin classify -a questionnaires/examples/card-authorisation.toml" >/dev/null
ms=$(json_mean_ms "$work/classify.json"); echo "syskind classify: mean $ms ms (process start included)"

echo; echo "== record check over 10,000 records"
mkdir -p "$work/records"
"$bin" record new -a questionnaires/examples/checkout-page.toml --title "Decision 0" -o "$work/records/r0.toml" 2>/dev/null
python3 - "$work/records" <<'PY'
import sys, pathlib
d = pathlib.Path(sys.argv[1]); base = (d / "r0.toml").read_text()
for i in range(1, 10000):
    (d / f"r{i}.toml").write_text(base.replace("Decision 0", f"Decision {i}").replace("-decision-0", f"-decision-{i}"))
PY
hyperfine -N --warmup 1 --runs 5 --export-json "$work/check.json" "$bin record check $work/records" >/dev/null
ms=$(json_mean_ms "$work/check.json"); echo "10,000 records: mean $ms ms — budget 2000 ms: $(verdict "$ms" 2000)"

echo; echo "== ADR into a folder of 500 ADRs: syskind adr new vs adr-tools adr new"
repo="$work/repo"; mkdir -p "$repo/doc/adr"
for i in $(seq 1 500); do printf '# %d. Decision %d\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\nx\n\n## Consequences\n\nx\n' "$i" "$i" > "$repo/doc/adr/$(printf %04d "$i")-decision-$i.md"; done
cp "$work/records/r0.toml" "$repo/r.toml"
( cd "$repo" && VISUAL=true EDITOR=true hyperfine -N --warmup 2 --runs 20 --export-json "$work/adr.json" \
    "$bin adr new --from r.toml" "adr new Another decision" >/dev/null )
s=$(json_mean_ms "$work/adr.json" 0); a=$(json_mean_ms "$work/adr.json" 1)
echo "syskind adr new: $s ms; adr new (adr-tools): $a ms; ratio $(awk -v s="$s" -v a="$a" 'BEGIN { printf "%.1fx", a/s }') — budget: faster than adr new: $(verdict "$s" "$a")"

echo; echo "== peak memory of a full wizard session (tmux, 120x40)"
mkdir -p "$work/wiz/.git"
tmux -f /dev/null new-session -d -s syskind-bench -x 120 -y 40 -c "$work/wiz" \
  "XDG_STATE_HOME=$work/state /usr/bin/time -f %M -o $work/mem.txt $bin; sleep 5"
keys() { for k in "$@"; do tmux send-keys -t syskind-bench "$k"; sleep 0.08; done; }
text() { tmux send-keys -l -t syskind-bench "$1"; sleep 0.08; }
sleep 0.5
text "Card authorisation"; keys Enter Down Enter; text "2s"; keys Enter Enter Down Enter Enter
text "1s"; keys Enter; text "4000"; keys Enter; text "4"; keys Enter Enter Enter Enter Down Enter Down Enter
text "Card authorisation is request/reply"; keys C-s; sleep 0.5; keys q
for _ in $(seq 1 50); do [ -s "$work/mem.txt" ] && break; sleep 0.1; done
kib=$(tail -1 "$work/mem.txt"); mib=$(awk -v k="$kib" 'BEGIN { printf "%.1f", k/1024 }')
ls "$work/wiz/decisions/"*.toml >/dev/null && echo "record written: $(ls "$work/wiz/decisions/")"
echo "peak RSS: $mib MiB — budget 20 MiB: $(verdict "$mib" 20)"

echo; echo "== in-process figures: cargo bench (criterion) — classify, keystroke, record check; see docs/performance.md"
