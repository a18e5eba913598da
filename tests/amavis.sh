#!/bin/sh
# Amavis parity: the 40 edge cases of ../shared/amavis (three variants
# each) and the whole ../shared/corpus, byte for byte.  Needs ../shared
# beside the checkout (as CI has it); says so and fails without it.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${MHLINT:-$top/mhlint}
shared=${SHARED:-$top/../shared}
pass=0
fail=0
if [ ! -d "$shared/amavis/cases" ] || [ ! -d "$shared/corpus" ]; then
	echo "amavis: $shared not found"
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$shared/amavis/cases" || exit 2
for eml in *.eml; do
	name=${eml%.eml}
	for v in plain utf8 smtputf8; do
		case $v in
		plain) set -- ; want=$name.expected ;;
		utf8) set -- --enable utf8; want=$name.utf8.expected ;;
		smtputf8) set -- --smtputf8 --enable utf8
			want=$name.smtputf8.expected ;;
		esac
		"$bin" --profile=amavis "$@" "$eml" > "$tmp/out" 2>&1
		if cmp -s "$tmp/out" "$want"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL: case $name ($v)"
			diff "$want" "$tmp/out" | head -6
		fi
	done
done

cd "$shared/corpus" || exit 2
find . -name '*.eml' | sed 's|^\./||' | LC_ALL=C sort > "$tmp/list"
ncorpus=$(wc -l < "$tmp/list")
for v in plain utf8; do
	case $v in
	plain) set -- ; want=AMAVIS.expected ;;
	utf8) set -- --enable utf8; want=AMAVIS-utf8.expected ;;
	esac
	tr '\n' '\0' < "$tmp/list" |
	    xargs -0 "$bin" --profile=amavis "$@" > "$tmp/out" 2> "$tmp/err"
	if cmp -s "$tmp/out" "$want" && [ ! -s "$tmp/err" ]; then
		pass=$((pass + 1))
		echo "corpus ($v): $ncorpus messages, $(wc -l < "$want") findings, identical"
	else
		fail=$((fail + 1))
		echo "FAIL: corpus ($v): $(diff "$want" "$tmp/out" | grep -c '^[<>]') lines differ"
		diff "$want" "$tmp/out" | head -10
		head -5 "$tmp/err"
	fi
done
echo "amavis: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
