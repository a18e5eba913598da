#!/bin/sh
# man/mhlint-rules.7 is generated from the rule table by tools/mkrules7:
# fail when the page in the tree is not what the table generates (run
# `make man`), or when mandoc finds fault with it.
#
#   tests/man-rules.sh            compare
#   tests/man-rules.sh --update   regenerate the page (`make man`)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
gen=$top/tools/mkrules7
page=$top/man/mhlint-rules.7
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# Keep the page's date unless its text changes.
date=$(sed -n 's/^\.Dd //p' "$page" 2>/dev/null)
[ -n "$date" ] || date=none
"$gen" "$date" > "$tmp" || exit 2
if [ "${1:-}" = "--update" ]; then
	if ! cmp -s "$tmp" "$page"; then
		date=$(LC_ALL=C date -u '+%B %d, %Y' | sed 's/ 0\([0-9],\)/ \1/')
		"$gen" "$date" > "$page" || exit 2
		echo "man-rules: wrote $page"
	else
		echo "man-rules: $page is up to date"
	fi
	exit 0
fi
if ! cmp -s "$tmp" "$page"; then
	echo "FAIL: man/mhlint-rules.7 differs from the rule table;" \
	    "run 'make man' and review the diff:"
	diff "$page" "$tmp" | head -20
	exit 1
fi
if command -v mandoc >/dev/null 2>&1 &&
    ! mandoc -Tlint -W warning "$page"; then
	echo "FAIL: mandoc -Tlint -W warning man/mhlint-rules.7"
	exit 1
fi
echo "man-rules: ok"
