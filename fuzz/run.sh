#!/bin/sh
# Runs one libFuzzer harness for a given time:
#
#   fuzz/run.sh NAME SECONDS
#
# The working corpus lives in fuzz/corpus/NAME (not committed), seeded
# from testdata/ (never from ../shared: the project stands alone) and
# from testdata/fuzz/NAME/ (the regression inputs).  New crashes land in
# fuzz/artifacts/.  The exit status is libFuzzer's: non-zero on any
# crash, leak, sanitizer report, timeout or out-of-memory.
set -eu
cd "$(dirname "$0")/.."
name=$1
secs=$2
bin=fuzz/$name.bin
corpus=fuzz/corpus/$name
seeds=fuzz/seeds/$name
mkdir -p "$corpus" "$seeds" fuzz/artifacts
# Seeds: every fixture message under testdata/, behind a prefix of zero
# option bytes so the harness sees it whole (see each harness's layout).
find testdata -type f -name '*.eml' | sort | while read -r f; do
	b=$(printf '%s' "$f" | tr '/' '_')
	{ printf '\000\000\000\000'; cat "$f"; } > "$seeds/$b"
done
regress=
[ -d "testdata/fuzz/$name" ] && regress=testdata/fuzz/$name
dict=
[ -f "fuzz/$name.dict" ] && dict=-dict=fuzz/$name.dict
[ -z "$dict" ] && [ -f fuzz/header.dict ] && dict=-dict=fuzz/header.dict
echo "== fuzz $name for ${secs}s"
# shellcheck disable=SC2086
exec "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 \
    -artifact_prefix=fuzz/artifacts/ $dict "$corpus" "$seeds" $regress
