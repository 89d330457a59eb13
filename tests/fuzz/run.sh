#!/bin/sh
# Run one libFuzzer target for N seconds: tests/fuzz/run.sh TARGET SECONDS
# The growing corpus lives in build/fuzz/corpus-TARGET (not committed);
# crashes are written to build/fuzz/crash-TARGET-*.  Prints the exec count.
cd "$(dirname "$0")/../.." || exit 1
t=$1
secs=${2:-60}
bin=build/fuzz/fuzz-$t
corpus=build/fuzz/corpus-$t
log=build/fuzz/$t.log
mkdir -p "$corpus"
start=$(date +%s)
"$bin" -max_total_time="$secs" -print_final_stats=1 -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="build/fuzz/crash-$t-" "$corpus" "tests/fuzz/seeds-$t" \
    >"$log" 2>&1
rc=$?
took=$(( $(date +%s) - start ))
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -n 1)
echo "fuzz-$t: ${execs:-?} execs in ${took}s, $cov, corpus $(ls "$corpus" | wc -l) files, exit $rc"
if [ "$rc" -ne 0 ]; then
	grep -E 'ERROR|promise broken|SUMMARY|Test unit written' "$log" | head -n 20
	exit 1
fi
