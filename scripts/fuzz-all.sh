#!/usr/bin/env bash
# Runs every cargo-fuzz target for the given seconds each (default 60), one after another on one core,
# and prints a line per target: runs, crashes, corpus size. Builds the targets with libFuzzer's
# coverage flags on the stable toolchain (no sanitizer, so no nightly is needed); `cargo fuzz run`
# on nightly works too. Corpora grow in target/fuzz-corpus/ (seeds from fuzz/corpus/ are read, not
# written); crashes land in target/fuzz-artifacts/.
#   scripts/fuzz-all.sh 600                 # every target, 10 minutes each
#   scripts/fuzz-all.sh 300 system session  # just these
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-60}; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(system session questionnaire record answers engine duration lens)
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks"
cargo build --release --bins -q --target x86_64-unknown-linux-gnu
for t in "${targets[@]}"; do
  work=../target/fuzz-corpus/$t; art=../target/fuzz-artifacts/$t
  mkdir -p "$work" "$art"
  log=../target/fuzz-$t.log
  ./target/x86_64-unknown-linux-gnu/release/$t -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$art/" "$work" "corpus/$t" >"$log" 2>&1 || true
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  crashes=$(find "$art" -type f | wc -l)
  size=$(find "$work" -type f | wc -l)
  echo "$t: $secs s, $runs runs, $crashes crashes, corpus $size files"
done
