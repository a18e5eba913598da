#!/bin/sh
# Golden end-to-end tests.  For each testdata/golden/NAME.eml, mhlint is
# run once per line of NAME.args (once with no options when there is no
# such file), from inside testdata/golden, and everything it printed on
# standard output, plus its exit status, must equal NAME.out byte for byte.
#
#   tests/golden.sh            compare
#   tests/golden.sh --update   rewrite the .out files (review the diff!)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${MHLINT:-$top/mhlint}
dir=$top/testdata/golden
update=0
[ "${1:-}" = "--update" ] && update=1
pass=0
fail=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
cd "$dir" || exit 2
for eml in *.eml; do
	name=${eml%.eml}
	: > "$tmp"
	if [ -f "$name.args" ]; then
		args_file=$name.args
	else
		args_file=/dev/null
	fi
	{ cat "$args_file"; [ -s "$args_file" ] || echo; } | while IFS= read -r args; do
		printf '$ mhlint %s%s\n' "${args:+$args }" "$eml"
		# shellcheck disable=SC2086
		"$bin" $args "$eml" 2>&1 </dev/null
		printf '[exit %d]\n' $?
	done > "$tmp"
	if [ $update -eq 1 ]; then
		cp "$tmp" "$name.out"
		continue
	fi
	if cmp -s "$tmp" "$name.out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: golden/$name"
		diff "$name.out" "$tmp" | head -20
	fi
done
[ $update -eq 1 ] && { echo "golden: updated"; exit 0; }
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
