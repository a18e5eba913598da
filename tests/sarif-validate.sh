#!/bin/sh
# --format=sarif through Microsoft's SARIF validator (npm package
# @microsoft/sarif-multitool, command "validate", which ships a native
# build of the .NET tool): zero errors allowed.  Installs the package
# with npm into a cache directory when SARIF_MULTITOOL does not name the
# tool already.  Run by .ci/run; needs npm and the npm registry.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${MHLINT:-$top/mhlint}
version=5.7.0
cache=${MHLINT_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mhlint-ci}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The tool needs no ICU for what it does here.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1

tool=${SARIF_MULTITOOL:-}
if [ -z "$tool" ]; then
	dir=$cache/sarif-multitool-$version
	tool=$dir/node_modules/.bin/sarif-multitool
	if [ ! -x "$tool" ]; then
		mkdir -p "$dir" || exit 2
		npm install --prefix "$dir" --no-audit --no-fund --silent \
		    "@microsoft/sarif-multitool@$version" || {
			echo "sarif: npm install failed"; exit 2; }
	fi
	# npm may skip the package's postinstall chmod.
	for b in "$dir"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool; do
		[ -f "$b" ] && chmod u+x "$b"
	done
fi

# The logs: many messages and rules in one run; standard input; a clean
# run (no results); paths that need percent-encoding, outside the working
# directory and under it by an absolute path.
g=$top/testdata/golden
mkdir -p "$tmp/in/dir with space"
cp "$g/controls.eml" "$tmp/in/dir with space/a%b#c.eml"
(cd "$g" && "$bin" --format=sarif ./*.eml) > "$tmp/golden.sarif"
"$bin" --format=sarif < "$g/terminal-escape.eml" > "$tmp/stdin.sarif"
"$bin" --format=sarif "$g/clean-crlf.eml" > "$tmp/clean.sarif"
(cd "$tmp/in" && "$bin" --format=sarif "dir with space/a%b#c.eml" \
    "$g/8bit-received.eml" "$tmp/in/dir with space/a%b#c.eml") \
    > "$tmp/paths.sarif"
logs="golden stdin clean paths"
# Real messages, when ../shared is there (as in CI), in one run.
corpus=${SHARED:-$top/../shared}/corpus
if [ -d "$corpus" ]; then
	(cd "$corpus" && find . -mindepth 2 -type f -print0 | sort -z |
	    xargs -0 -s 1000000 "$bin" --format=sarif) > "$tmp/corpus.sarif"
	logs="$logs corpus"
fi

pass=0
fail=0
for log in $logs; do
	# The validator reads the first JSON value and ignores the rest:
	# check first that the file is one JSON document.
	if ! python3 -c 'import json, sys; json.load(open(sys.argv[1], "rb"))' \
	    "$tmp/$log.sarif"; then
		echo "FAIL: sarif $log: not one JSON document"
		fail=$((fail + 1))
		continue
	fi
	rm -f "$tmp/$log.out"
	# The corpus log is over the tool's default 10,000 KB limit.
	if ! "$tool" validate --max-file-size-in-kb 1000000 \
	    -o "$tmp/$log.out" "$tmp/$log.sarif" \
	    > "$tmp/$log.log" 2>&1 || [ ! -s "$tmp/$log.out" ]; then
		echo "FAIL: sarif $log: the validator did not run"
		cat "$tmp/$log.log"
		fail=$((fail + 1))
		continue
	fi
	# The validator's own SARIF output: its results of level error.
	n=$(python3 -c '
import json, sys
log = json.load(open(sys.argv[1]))
errs = [r for run in log["runs"] for r in run.get("results", [])
        if r.get("level") == "error"]
for r in errs:
    print("  %s: %s" % (r.get("ruleId"), r["message"].get("text",
          r["message"].get("id"))), file=sys.stderr)
print(len(errs))' "$tmp/$log.out")
	if [ "$n" = "0" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL: sarif $log: $n errors"
		grep ': error ' "$tmp/$log.log" | head -20
		fail=$((fail + 1))
	fi
done
echo "sarif: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
