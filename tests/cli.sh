#!/bin/sh
# End-to-end tests of the command line: every flag, standard input,
# several paths, errors and exit statuses.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${MHLINT:-$top/mhlint}
g=$top/testdata/golden
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect NAME STATUS WANT-STDOUT-FILE -- command...
check() {
	name=$1 want_status=$2 want=$3
	shift 3
	"$@" > "$tmp/out" 2> "$tmp/err" < "${STDIN:-/dev/null}"
	status=$?
	if [ "$status" -ne "$want_status" ]; then
		echo "FAIL: $name: exit $status, want $want_status"
		cat "$tmp/err"
		fail=$((fail + 1))
		return
	fi
	if [ "$want" != "-" ] && ! printf '%s' "$want" | cmp -s - "$tmp/out"; then
		echo "FAIL: $name: output differs"
		printf '%s' "$want" | diff - "$tmp/out" | head -10
		fail=$((fail + 1))
		return
	fi
	pass=$((pass + 1))
}

# grep_out NAME PATTERN FILE: the last run's FILE (out/err) matches.
grep_out() {
	if grep -q -e "$2" "$tmp/$3"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $1: no '$2' in std$3"
		cat "$tmp/$3" | head -5
		fail=$((fail + 1))
	fi
}

survey="Non-encoded non-ASCII data (and not UTF-8) (char 9C hex): Received: \\x{9C}by v1.mailservi[...]"

# standard input: no path, and "-"
STDIN=$g/8bit-received.eml check stdin-default 1 \
    "BAD HEADER SECTION, $survey
" "$bin"
STDIN=$g/8bit-received.eml check stdin-dash 1 \
    "BAD HEADER SECTION, $survey
" "$bin" -
STDIN=$g/8bit-received.eml check stdin-text 1 \
    "<stdin>:1:11: error: $survey [header-8bit]
" "$bin" --format=text
STDIN=$g/clean-crlf.eml check stdin-clean 0 "" "$bin"

# several paths, each reported with its path; a clean one prints nothing
check several 1 "$g/8bit-received.eml: BAD HEADER SECTION, $survey
" "$bin" "$g/clean-crlf.eml" "$g/8bit-received.eml"

# a missing file: message on stderr, the others still checked, exit 2
check missing 2 "$g/8bit-received.eml: BAD HEADER SECTION, $survey
" "$bin" "$tmp/nope.eml" "$g/8bit-received.eml"
grep_out missing-msg "mhlint: $tmp/nope.eml: No such file or directory" err
check directory 2 "" "$bin" "$g"
grep_out directory-msg "Is a directory" err
if [ "$(id -u)" -ne 0 ]; then
	cp "$g/clean-crlf.eml" "$tmp/locked.eml"
	chmod 000 "$tmp/locked.eml"
	check unreadable 2 "" "$bin" "$tmp/locked.eml"
	grep_out unreadable-msg "Permission denied" err
fi

# --quiet / -q: nothing printed, status kept
check quiet 1 "" "$bin" --quiet "$g/8bit-received.eml"
check quiet-short 1 "" "$bin" -q "$g/8bit-received.eml"

# --fail-on
check fail-on-error 0 - "$bin" "$g/mixed-eol.eml"
check fail-on-warning 1 - "$bin" --fail-on=warning "$g/mixed-eol.eml"
check fail-on-info 1 - "$bin" --fail-on=info "$g/mixed-eol.eml"
check fail-on-bad 2 "" "$bin" --fail-on=fatal "$g/mixed-eol.eml"
grep_out fail-on-bad-msg "unknown severity" err

# --profile / -p, --format / -f
check profile-amavis 1 - "$bin" -p amavis "$g/ws-separator.eml"
grep_out profile-amavis-out "Invalid header field syntax: This is the body" out
check profile-bad 2 "" "$bin" --profile=spamassassin "$g/clean-crlf.eml"
grep_out profile-bad-msg "unknown profile" err
check format-text 1 - "$bin" -f text "$g/8bit-received.eml"
grep_out format-text-out "8bit-received.eml:1:11: error:" out
check format-bad 2 "" "$bin" --format=xml "$g/clean-crlf.eml"
grep_out format-bad-msg "unknown format" err

# --smtputf8, --crlf
check smtputf8-off 1 - "$bin" "$g/utf8.eml"
grep_out smtputf8-off-out "header-utf8\|Non-encoded UTF-8" out
check smtputf8-on 1 - "$bin" --smtputf8 --format=text "$g/utf8.eml"
if grep -q "header-utf8]" "$tmp/out"; then
	echo "FAIL: smtputf8-on still reports header-utf8"
	fail=$((fail + 1))
fi
check crlf-off 0 - "$bin" "$g/mixed-eol.eml"
check crlf-on 1 - "$bin" --crlf --format=text "$g/mixed-eol.eml"
grep_out crlf-on-out "eol-bare-lf" out

# --enable / --disable: rules and Amavis tests; unknown keys are errors
check disable-rule 0 "" "$bin" --disable=header-8bit "$g/8bit-received.eml"
check disable-list 0 "" "$bin" --disable "date-missing, from-missing" \
    "$g/empty.eml"
check enable-utf8 1 - "$bin" -p amavis --enable=utf8 "$g/utf8.eml"
grep_out enable-utf8-out "Non-encoded UTF-8 string in non-EAI mail" out
check disable-amavis 0 "" "$bin" -p amavis --disable=8bit "$g/8bit-received.eml"
check enable-bad 2 "" "$bin" --enable=no-such-rule "$g/clean-crlf.eml"
grep_out enable-bad-msg "unknown rule or Amavis test: no-such-rule" err

# --list-rules, --help, --version, bad usage
check list-rules 0 - "$bin" --list-rules
grep_out list-rules-out "^header-8bit  *error  *non-encoded" out
check help 0 - "$bin" --help
for opt in --profile --format --smtputf8 --crlf --enable --disable \
    --fail-on --list-rules --quiet --help --version; do
	grep_out "help$opt" "$opt" out
done
check help-short 0 - "$bin" -h
check version 0 - "$bin" --version
grep_out version-out "^mhlint [0-9]" out
check version-short 0 - "$bin" -V
check bad-option 2 "" "$bin" --no-such-option
grep_out bad-option-usage "usage: mhlint" err

# output to a closed pipe: no crash, no message
"$bin" "$g/8bit-received.eml" "$g/8bit-received.eml" 2> "$tmp/err" | true
if [ -s "$tmp/err" ]; then
	echo "FAIL: closed-pipe: stderr not empty"; fail=$((fail + 1))
else
	pass=$((pass + 1))
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
