#!/bin/sh
# Pathological inputs, generated on the fly by tests/hostile_gen and piped
# into mhlint (nothing big is ever written to disk).  Each case runs under
# both profiles and must:
#   - end normally (exit 0 or 1: a finding is not trouble, no signal),
#   - stay under a peak RSS ceiling (8 MiB; HOSTILE_MAXRSS_KB overrides,
#     for sanitizer builds whose shadow memory alone is more),
#   - give sensible findings: the rule the case is about, and a bounded
#     number of lines where the input repeats one problem.
# No timing is asserted here.
#
#   tests/hostile.sh           modest sizes (16-64 MiB), for make check
#   tests/hostile.sh --bench   full sizes (1 GiB, 10^6 ...), printing wall
#                              time and peak RSS from /usr/bin/time -v, at a
#                              quarter of the size and at the full size, so
#                              that linear time shows as a ratio near 4
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${MHLINT:-$top/mhlint}
gen=$top/tests/hostile_gen
maxrss=$top/tests/maxrss
limit=${HOSTILE_MAXRSS_KB:-8192}
bench=0
[ "${1:-}" = "--bench" ] && bench=1
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

MiB=1048576
GiB=1073741824

# The cases: NAME CHECK-SIZE BENCH-SIZE PATTERN MAX-LINES [OPTION]
# PATTERN must occur in the default profile's text output ("-": the
# output must be empty); MAX-LINES bounds the lines of both profiles'
# outputs ("-": no bound); OPTION is given to mhlint in both.
cases() {
	cat <<CASES
longline $((32 * MiB)) $GiB \[line-too-long\] 4
body $((64 * MiB)) $GiB - 0
fields 1000000 1000000 \[from-missing\] 4
subjects 100000 100000 occurs.100000.times 4
folded 1000000 1000000 - 0
comments 100000 100000 line-long 8
encwords 100000 100000 line-long 8
nuls $((16 * MiB)) $GiB \[header-nul\] 8
crs $((16 * MiB)) $GiB \[header-bare-cr\] 8
lfs $((16 * MiB)) $GiB \[date-missing\] 4
random $((16 * MiB)) $GiB \[field-syntax\] -
truncutf8 1 1 Subject:.caf.x{C3}.\[header-8bit\] 4
noend 1000000 10000000 - 0
mbox 100000 100000 <stdin>:100000:1:1:.error:.*\[from-missing\] 200000 --mbox
CASES
}

run_check() {
	name=$1 size=$2 pattern=$3 maxlines=$4 extra=$5
	for prof in default amavis; do
		if [ $prof = default ]; then
			set -- --format=text
		else
			set -- --profile=amavis
		fi
		[ -n "$extra" ] && set -- "$@" "$extra"
		"$gen" "$name" "$size" | "$maxrss" "$tmp/rss" "$bin" "$@" - \
		    > "$tmp/out" 2> "$tmp/err"
		status=$?
		rss=$(cat "$tmp/rss" 2>/dev/null || echo 999999999)
		lines=$(wc -l < "$tmp/out")
		why=
		if [ $status -gt 1 ]; then
			why="exit $status"
		elif [ -s "$tmp/err" ]; then
			why="stderr: $(head -c 200 "$tmp/err")"
		elif [ "$rss" -gt "$limit" ]; then
			why="peak RSS ${rss} KiB > ${limit} KiB"
		elif [ "$maxlines" != - ] && [ "$lines" -gt "$maxlines" ]; then
			why="$lines lines of output, want <= $maxlines"
		elif [ $prof = default ] && [ "$pattern" = - ] &&
		    [ -s "$tmp/out" ]; then
			why="findings where none belong: $(head -c 300 "$tmp/out")"
		elif [ $prof = default ] && [ "$pattern" != - ] &&
		    ! grep -q -e "$pattern" "$tmp/out"; then
			why="no '$pattern' in: $(head -c 300 "$tmp/out")"
		fi
		if [ -n "$why" ]; then
			echo "FAIL: hostile/$name ($prof, $size): $why"
			fail=$((fail + 1))
		else
			pass=$((pass + 1))
		fi
	done
}

# Wall time and peak RSS of one run, from /usr/bin/time -v.
measure() {
	"$gen" "$1" "$2" | /usr/bin/time -v -o "$tmp/time" "$bin" $3 - \
	    > /dev/null 2>&1
	wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$tmp/time")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' \
	    "$tmp/time")
	# m:ss.ss -> seconds
	secs=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++)
	    s = s * 60 + $i; printf "%.2f", s }')
}

run_bench() {
	name=$1 size=$2 extra=$3
	for prof in default amavis; do
		q=$((size / 4))
		[ $q -lt 1 ] && q=1
		measure "$name" "$q" "--profile=$prof $extra"
		qsecs=$secs
		measure "$name" "$size" "--profile=$prof $extra"
		ratio=$(awk -v a="$secs" -v b="$qsecs" 'BEGIN {
		    if (b > 0.05) printf "%.1f", a / b; else print "-" }')
		printf '%-10s %-8s %12s %9s %9s %6s %10s\n' "$name" "$prof" \
		    "$size" "$qsecs" "$secs" "$ratio" "$rss"
		[ "$rss" -gt "$limit" ] && fail=$((fail + 1))
	done
}

if [ $bench -eq 1 ]; then
	[ -x /usr/bin/time ] || { echo "need /usr/bin/time (Debian: time)"; exit 2; }
	printf '%-10s %-8s %12s %9s %9s %6s %10s\n' case profile size \
	    "1/4 s" "full s" ratio "RSS KiB"
fi
while read -r name csize bsize pattern maxlines extra; do
	if [ $bench -eq 1 ]; then
		run_bench "$name" "$bsize" "$extra"
	else
		run_check "$name" "$csize" "$pattern" "$maxlines" "$extra"
	fi
done <<EOF2
$(cases)
EOF2

if [ $bench -eq 1 ]; then
	[ $fail -eq 0 ] || echo "bench: $fail run(s) over ${limit} KiB"
	[ $fail -eq 0 ]
	exit
fi
echo "hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
