#!/bin/sh
# The command line over all of ../shared/corpus (or a sample of it) under
# a memory checker, in both profiles and every output format, then --fix
# and --annotate over copies of every tenth message: there must be no
# report at all.
#
#   tests/memcheck.sh asan BIN        BIN built with ASan + UBSan
#   tests/memcheck.sh valgrind BIN [EVERY]
#                                     BIN under valgrind --leak-check=full;
#                                     with EVERY, only every EVERY-th message
#
# Nothing may appear on standard error (neither mhlint's own messages nor
# a checker's) and every run must exit 0 or 1.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
mode=$1
bin=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
every=${3:-1}
shared=${SHARED:-$top/../shared}
formats=${FORMATS:-amavis text json sarif github}
if [ ! -d "$shared/corpus" ]; then
	echo "memcheck: $shared/corpus not found"
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$shared/corpus" || exit 2
find . -type f -name '*.eml' | LC_ALL=C sort |
    awk -v n="$every" '(NR - 1) % n == 0' | tr '\n' '\0' > "$tmp/list"
count=$(tr -cd '\0' < "$tmp/list" | wc -c)

case $mode in
asan)
	# A report exits 86, never 1 (which is "findings").
	ASAN_OPTIONS=exitcode=86:detect_leaks=1:abort_on_error=0
	UBSAN_OPTIONS=exitcode=86:print_stacktrace=1:halt_on_error=1
	export ASAN_OPTIONS UBSAN_OPTIONS
	set -- "$bin"
	;;
valgrind)
	set -- valgrind -q --error-exitcode=86 --leak-check=full \
	    --show-leak-kinds=all --errors-for-leak-kinds=all "$bin"
	;;
*)
	echo "usage: memcheck.sh asan|valgrind BIN [EVERY]" >&2
	exit 2
	;;
esac

fail=0
for prof in default amavis; do
	for fmt in $formats; do
		# Each xargs batch is one mhlint run; a status above 1 is
		# written to standard error, which must stay empty.
		xargs -0 sh -c '"$@"; s=$?; [ $s -le 1 ] ||
		    echo "exit status $s" >&2; exit 0' sh "$@" \
		    --profile=$prof --format=$fmt < "$tmp/list" \
		    > /dev/null 2> "$tmp/err"
		if [ -s "$tmp/err" ]; then
			echo "FAIL: $mode: $prof/$fmt:"
			head -30 "$tmp/err"
			fail=$((fail + 1))
		else
			echo "$mode: $prof/$fmt: $count messages, no report"
		fi
	done
done
# --fix and --annotate, on copies (--in-place takes many files at once).
mkdir "$tmp/fix"
tr '\0' '\n' < "$tmp/list" | awk -v n=10 '(NR - 1) % n == 0' |
    while read -r f; do
	cp "$f" "$tmp/fix/$(printf '%s' "${f#./}" | tr '/' '_')"
done
nfix=$(ls "$tmp/fix" | wc -l)
for mode in --fix --annotate "--fix --annotate"; do
	# shellcheck disable=SC2086
	find "$tmp/fix" -type f -print0 | xargs -0 sh -c '"$@"; s=$?;
	    [ $s -le 1 ] || echo "exit status $s" >&2; exit 0' sh "$@" \
	    $mode --in-place -q > /dev/null 2> "$tmp/err"
	if [ -s "$tmp/err" ]; then
		echo "FAIL: $mode: $mode --in-place:"
		head -30 "$tmp/err"
		fail=$((fail + 1))
	else
		echo "$mode: $mode --in-place: $nfix messages, no report"
	fi
done
[ $fail -eq 0 ]
