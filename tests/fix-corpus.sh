#!/bin/sh
# Properties of --fix (tests/fix-props.py says which) over messages:
#
#   tests/fix-corpus.sh            testdata/ (part of make check)
#   tests/fix-corpus.sh --corpus   all of ../shared/corpus (CI)
#
# Needs python3.  Prints the figures and every violation.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export MHLINT=${MHLINT:-$top/mhlint}
if ! command -v python3 > /dev/null; then
	echo "fix-corpus: python3 not found"
	exit 2
fi
if [ "${1:-}" = "--corpus" ]; then
	dir=${SHARED:-$top/../shared}/corpus
	if [ ! -d "$dir" ]; then
		echo "fix-corpus: $dir not found"
		exit 2
	fi
else
	dir=$top/testdata
fi
cd "$dir" || exit 2
find . -name '*.eml' -print0 | LC_ALL=C sort -z |
    python3 "$top/tests/fix-props.py"
