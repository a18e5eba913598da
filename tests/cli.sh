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

# ok NAME CONDITION...: pass if the command succeeds.
ok() {
	name=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $name"
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
# both streams to one file: the message stands between the findings of
# the files around it, however much standard output buffers
"$bin" "$g/8bit-received.eml" "$tmp/nope.eml" "$g/8bit-received.eml" \
    > "$tmp/both" 2>&1
if printf '%s\n%s\n%s\n' "$g/8bit-received.eml: BAD HEADER SECTION, $survey" \
    "mhlint: $tmp/nope.eml: No such file or directory" \
    "$g/8bit-received.eml: BAD HEADER SECTION, $survey" |
    cmp -s - "$tmp/both"; then
	pass=$((pass + 1))
else
	echo "FAIL: missing-order: streams out of order"
	cat "$tmp/both"
	fail=$((fail + 1))
fi
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

# --template[=STYLE], --assume
check template-off 1 - "$bin" --format=text "$g/template-assume.eml"
grep_out template-off-out "address-syntax" out
check template-on 1 - "$bin" --format=text --template "$g/template-assume.eml"
if grep -q "address-syntax" "$tmp/out"; then
	echo "FAIL: template-on still reports address-syntax"
	fail=$((fail + 1))
fi
grep_out template-on-missing "date-missing" out
check template-style 0 "" "$bin" --template=handlebars --assume=date,from \
    "$g/template-assume.eml"
check template-style-other 1 - "$bin" --template=shell --assume=date,from \
    "$g/template-assume.eml"
check template-bad 2 "" "$bin" --template=liquid "$g/template-assume.eml"
grep_out template-bad-msg "unknown template style: liquid" err
check assume 0 "" "$bin" --template --assume "Date, From" \
    "$g/template-assume.eml"
check assume-bad 2 "" "$bin" --assume=Subject "$g/template-assume.eml"
grep_out assume-bad-msg "unknown field: Subject" err
check assume-amavis 1 - "$bin" -p amavis --assume=Date,From \
    "$g/template-assume.eml"
grep_out assume-amavis-out "Missing required header field" out
printf 'template = mustache\nassume = Date, From\n' > "$tmp/tmpl.rc"
check template-config 0 "" "$bin" --config="$tmp/tmpl.rc" \
    "$g/template-assume.eml"
printf 'template = liquid\n' > "$tmp/tmpl-bad.rc"
check template-config-bad 2 "" "$bin" --config="$tmp/tmpl-bad.rc" \
    "$g/template-assume.eml"
grep_out template-config-bad-msg "tmpl-bad.rc:1: unknown template style" err

# --list-rules: one line per rule, sorted, id severity summary
check list-rules 0 - "$bin" --list-rules
grep_out list-rules-out "^header-8bit  *error  *non-encoded" out
grep_out list-rules-warning "^line-long  *warning  *header line longer than 78" out
if ! LC_ALL=C sort -c "$tmp/out" 2>/dev/null ||
    grep -v -q '^[a-z0-9-]*  *\(info\|warning\|error\)  *[^ ]' "$tmp/out"; then
	echo "FAIL: list-rules: lines not sorted or not ID SEVERITY SUMMARY"
	fail=$((fail + 1))
else
	pass=$((pass + 1))
fi

# --explain: id, severity, cite, summary, explanation, escaped examples
check explain 0 "header-nul (error): NUL byte
Standard: RFC 5322 section 2.2

A field holds a NUL byte, which RFC 5322 does not allow anywhere in a
message.  Programs written in C see the field end at the NUL, so what a
filter checks and what a client shows can differ; some MTAs strip the
byte or refuse the message, and Amavis reports \"Improper use of control
character\".

Bad:
    Subject: a\\x{00}b

Good:
    Subject: ab
" "$bin" --explain header-nul
check explain-equals 0 - "$bin" --explain=header-utf8
grep_out explain-8bit-escaped "^    Subject: caf\\\\x{C3}\\\\x{A9}$" out
check explain-amavis 0 - "$bin" --explain amavis-utf8
grep_out explain-amavis-out "^Mirrors amavisd-new" out
STDIN=/dev/null check explain-every-rule 0 - sh -c \
    'for r in $("$1" --list-rules | cut -d" " -f1); do
	"$1" --explain "$r" || exit 1; done' sh "$bin"
if LC_ALL=C grep -q "$(printf '[^ -~]')" "$tmp/out"; then
	echo "FAIL: explain-every-rule: a byte outside printable ASCII"
	fail=$((fail + 1))
else
	pass=$((pass + 1))
fi
check explain-unknown 2 "" "$bin" --explain no-such-rule
grep_out explain-unknown-msg "unknown rule: no-such-rule" err
check explain-missing-arg 2 "" "$bin" --explain

# --help, --version, bad usage
check help 0 - "$bin" --help
for opt in --profile --format --smtputf8 --crlf --enable --disable \
    --fail-on --list-rules --explain --quiet --help --version --color \
    --show-source --select --ignore --config --no-config json sarif github --fix \
    --annotate --annotate-field --output --in-place --eol --fix-body-eol \
    --assume-charset --mbox --no-mbox --all --follow --jobs --summary \
    --template --assume; do
	grep_out "help$opt" "$opt" out
done
check help-short 0 - "$bin" -h
check version 0 - "$bin" --version
grep_out version-out "^mhlint [0-9]" out
check version-short 0 - "$bin" -V
check bad-option 2 "" "$bin" --no-such-option
grep_out bad-option-usage "usage: mhlint" err

# no_match NAME PATTERN FILE: the last run's FILE (out/err) does not match.
no_match() {
	if grep -q -e "$2" "$tmp/$3"; then
		echo "FAIL: $1: '$2' in std$3"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

# check_file NAME STATUS WANT-FILE -- command...: stdout equals a file
check_file() {
	name=$1 want_status=$2 wantf=$3
	shift 3
	"$@" > "$tmp/out" 2> "$tmp/err" < "${STDIN:-/dev/null}"
	status=$?
	if [ "$status" -ne "$want_status" ]; then
		echo "FAIL: $name: exit $status, want $want_status"
		head -5 "$tmp/err"
		fail=$((fail + 1))
	elif ! cmp -s "$wantf" "$tmp/out"; then
		echo "FAIL: $name: output differs"
		diff "$wantf" "$tmp/out" | head -10
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

esc=$(printf '\033')

# --format=json, sarif, github (their output is in the golden tests)
check format-json 1 - "$bin" -f json "$g/8bit-received.eml"
grep_out format-json-out '^{"file":".*8bit-received.eml","msgno":0,' out
check format-sarif 1 - "$bin" --format=sarif "$g/8bit-received.eml"
grep_out format-sarif-out '"version":"2.1.0"' out
check format-sarif-clean 0 - "$bin" --format=sarif "$g/clean-crlf.eml"
grep_out format-sarif-clean-out '"results":\[' out
check format-github 1 - "$bin" --format=github "$g/8bit-received.eml"
grep_out format-github-out '^::error file=.*,line=1,col=11,title=header-8bit::' out

# safe output: no control byte of the message reaches the output raw,
# in any format (only LF ends lines)
for f in amavis text json sarif github; do
	for extra in "" --show-source; do
		check "safe-$f$extra" 1 - "$bin" --format=$f $extra \
		    "$g/terminal-escape.eml"
		if LC_ALL=C tr -d '\n' < "$tmp/out" | LC_ALL=C grep -q \
		    "$(printf '[\001-\037\177]')"; then
			echo "FAIL: safe-$f$extra: a raw control byte"
			fail=$((fail + 1))
		else
			pass=$((pass + 1))
		fi
	done
done

# --color: never on a pipe unless asked; always; NO_COLOR; a terminal
check color-auto-pipe 1 - "$bin" "$g/8bit-received.eml"
no_match color-auto-pipe-out "$esc" out
check color-always 1 - "$bin" --color=always "$g/8bit-received.eml"
grep_out color-always-out "$esc\[1;31mBAD HEADER SECTION$esc\[0m" out
check color-always-text 1 - "$bin" --color=always -f text \
    "$g/8bit-received.eml"
grep_out color-always-rule "\[$esc\[35mheader-8bit$esc\[0m\]" out
grep_out color-always-bytes "$esc\[7m\\\\x{9C}$esc\[0m" out
check color-never 1 - "$bin" --color=never "$g/8bit-received.eml"
no_match color-never-out "$esc" out
check color-json 1 - "$bin" --color=always -f json "$g/8bit-received.eml"
no_match color-json-out "$esc" out
check color-bad 2 "" "$bin" --color=sometimes "$g/8bit-received.eml"
grep_out color-bad-msg "unknown --color" err
if command -v script >/dev/null; then
	# script(1) gives mhlint a terminal.
	tty_run() {
		env "$@" script -qec "'$bin' '$g/8bit-received.eml'" /dev/null \
		    > "$tmp/out" 2>&1 < /dev/null
	}
	tty_run
	grep_out color-auto-tty "$esc\[1;31m" out
	tty_run NO_COLOR=1
	no_match color-no-color "$esc\[1;31m" out
	tty_run TERM=dumb
	no_match color-dumb "$esc\[1;31m" out
	env NO_COLOR=1 script -qec "'$bin' --color=always \
	    '$g/8bit-received.eml'" /dev/null > "$tmp/out" 2>&1 < /dev/null
	grep_out color-always-wins "$esc\[1;31m" out
fi

# --show-source: the line and a caret under the column
check show-source 1 - "$bin" -f text --show-source "$g/8bit-received.eml"
grep_out show-source-line '^     1 | Received: \\x{9C}by v1' out
grep_out show-source-caret '^       |           \^$' out
check show-source-amavis 1 - "$bin" --show-source "$g/8bit-received.eml"
no_match show-source-amavis-out '|' out

# --select / --ignore by id or prefix; --enable and --disable win
check select-prefix 1 - "$bin" -f text --select=header- "$g/suppress.eml"
grep_out select-prefix-out "header-control" out
no_match select-prefix-none "line-long\|date-missing" out
check select-family 1 - "$bin" -f text --select=line "$g/long-lines.eml"
grep_out select-family-out "\[line-long\]" out
check select-none 0 "" "$bin" --select=date- "$g/8bit-received.eml"
check select-bad 2 "" "$bin" --select=head "$g/8bit-received.eml"
grep_out select-bad-msg "no rule id is or starts with: head" err
check select-enable 1 - "$bin" -f text --select=date- --enable=header-8bit \
    "$g/8bit-received.eml"
grep_out select-enable-out "\[header-8bit\]" out
check ignore 0 "" "$bin" --ignore=header-8bit "$g/8bit-received.eml"
check ignore-prefix 0 "" "$bin" --ignore=header "$g/8bit-received.eml"
check ignore-enable 1 - "$bin" --ignore=header- --enable=header-8bit \
    "$g/8bit-received.eml"
check select-ignore 0 "" "$bin" --select=header- --ignore=header-8bit \
    "$g/8bit-received.eml"

# .mhlintrc: found here or in a parent up to the .git root; --config,
# --no-config; the command line wins; bad keys and ids are errors
mkdir -p "$tmp/repo/.git" "$tmp/repo/sub/deep"
cat > "$tmp/repo/.mhlintrc" <<'RC'
# a comment
format = text   # after a value too
disable = header-control
fail-on = warning
RC
cp "$g/suppress.eml" "$g/8bit-received.eml" "$tmp/repo/sub/deep/"
cd "$tmp/repo/sub/deep" || exit 2
check config-found 1 "8bit-received.eml:1:11: error: $survey [header-8bit]
" "$bin" 8bit-received.eml
STDIN=8bit-received.eml check config-cmdline-wins 1 "BAD HEADER SECTION, $survey
" "$bin" --format=amavis
STDIN=$g/mixed-eol.eml check config-fail-on 1 - "$bin"
STDIN=$g/mixed-eol.eml check config-no-config 0 - "$bin" --no-config
check config-disable 0 "" "$bin" --select=header-control suppress.eml
check config-enable-wins 1 - "$bin" --enable=header-control suppress.eml
grep_out config-enable-wins-out "\[header-control\]" out
printf 'format = json\nselect = date-\n' > "$tmp/other.rc"
check config-file 0 - "$bin" --config "$tmp/other.rc" 8bit-received.eml
no_match config-file-out "." out
check config-file-select 1 - "$bin" --config="$tmp/other.rc" \
    --select=header-8bit 8bit-received.eml
grep_out config-file-select-out '"rule":"header-8bit"' out
check config-missing 2 "" "$bin" --config "$tmp/nope.rc" 8bit-received.eml
grep_out config-missing-msg "nope.rc: No such file" err
mkdir -p "$tmp/outside/.git"
cp "$tmp/repo/.mhlintrc" "$tmp/.mhlintrc"
cd "$tmp/outside" || exit 2
check config-stops-at-git 1 "$g/8bit-received.eml: BAD HEADER SECTION, $survey
" "$bin" "$g/8bit-received.eml"
rm -f "$tmp/.mhlintrc"
for bad in "colour = always:unknown key: colour" \
    "disable = no-such-rule:unknown rule or Amavis test: no-such-rule" \
    "help = yes:help is not allowed in a config file" \
    "explain = header-nul:explain is not allowed in a config file" \
    "smtputf8 = maybe:smtputf8: want yes or no, not: maybe" \
    "format =:format wants a value"; do
	printf '# line 1\n%s\n' "${bad%%:*}" > "$tmp/bad.rc"
	check "config-bad-${bad%% *}" 2 "" "$bin" --config "$tmp/bad.rc" \
	    "$g/8bit-received.eml"
	grep_out "config-bad-${bad%% *}-msg" "bad.rc:2: ${bad#*:}" err
done
mkdir -p "$tmp/broken/.git"
printf 'bogus = 1\n' > "$tmp/broken/.mhlintrc"
cd "$tmp/broken" || exit 2
check config-broken 2 "" "$bin" "$g/clean-crlf.eml"
grep_out config-broken-msg "^mhlint: .*/broken/.mhlintrc:1: unknown key: bogus" err
check config-broken-help 0 - "$bin" --help
check config-broken-version 0 - "$bin" -V
check config-broken-no-config 0 "" "$bin" --no-config "$g/clean-crlf.eml"
printf 'smtputf8 = yes\ncrlf = no\nshow-source\n' > "$tmp/flags.rc"
check config-flags 1 - "$bin" --config "$tmp/flags.rc" -f text \
    "$g/utf8.eml"
no_match config-flags-out "header-utf8\]" out
grep_out config-flags-source "^       | " out
cd "$top" || exit 2

# X-Mhlint-Disable: the same from a file and from standard input; the
# Amavis profile ignores it; past the hold bound, only later findings
check suppress-file 1 - "$bin" -f text "$g/suppress.eml"
no_match suppress-file-8bit "header-8bit\|line-long" out
grep_out suppress-file-kept "header-control" out
STDIN=$g/suppress.eml check suppress-stdin 1 \
    "$(sed 's|^[^:]*suppress.eml|<stdin>|' "$tmp/out")
" "$bin" -f text
i=0
{
	printf 'Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@b\n'
	while [ $i -lt 300 ]; do
		printf 'X-%d: caf\351\n' $i
		i=$((i + 1))
	done
	printf 'X-Mhlint-Disable: header-8bit\n\n'
} > "$tmp/many.eml"
check suppress-bound 1 - "$bin" -f json "$tmp/many.eml"
if [ "$(wc -l < "$tmp/out")" -eq 256 ] &&
    grep -q '"field":"X-255"' "$tmp/out" &&
    ! grep -q '"field":"X-256"' "$tmp/out"; then
	pass=$((pass + 1))
else
	echo "FAIL: suppress-bound: $(wc -l < "$tmp/out") findings"
	fail=$((fail + 1))
fi
# unannotate FILE: the message without the X-Mhlint-Alert fields in front
unannotate() {
	awk 'BEGIN { a = 1 }
	    a && /^X-Mhlint-Alert: / { next }
	    a && /^[ \t]/ { next }
	    { a = 0; print }' "$1"
}

# --fix: the repaired message on stdout, notes and what remains on stderr
printf 'Date: Mon, 1 Jan 2024 10:00:00 +0000\r\nFrom: a@example.com\r\nSubject: nulhere\r\nX-CR: barecr\r\nX-Esc: [31mred[0m and del\r\n\r\nbody\n' > "$tmp/controls.fixed"
check_file fix-stdout 0 "$tmp/controls.fixed" "$bin" --fix "$g/controls.eml"
grep_out fix-notes "controls.eml:3: fixed: Subject: removed 1 control" err
STDIN=$g/controls.eml check_file fix-stdin 0 "$tmp/controls.fixed" \
    "$bin" --fix
grep_out fix-stdin-notes "^<stdin>:3: fixed:" err
check fix-quiet 0 - "$bin" --fix --quiet "$g/controls.eml"
if [ -s "$tmp/err" ]; then
	echo "FAIL: fix-quiet: stderr"; fail=$((fail + 1))
fi
# what cannot be fixed stays, is reported, and sets the exit status
check fix-remains 1 - "$bin" --fix "$g/8bit-received.eml"
grep_out fix-remains-err "not fixed: Received: raw non-ASCII" err
grep_out fix-remains-finding "BAD HEADER SECTION, Non-encoded" err
check fix-remains-fail-on 0 - "$bin" --fix --disable=header-8bit \
    "$g/8bit-received.eml"

# --eol, --fix-body-eol, --assume-charset
nodf="--disable=date-missing,from-missing"
printf 'A: 1\r\nB: x\n\nb\r\n\r\n' > "$tmp/eol.eml"
printf 'A: 1\nB: x\n\nb\r\n\r\n' > "$tmp/want"
check_file fix-eol-lf 0 "$tmp/want" "$bin" --fix --eol=lf $nodf "$tmp/eol.eml"
printf 'A: 1\nB: x\n\nb\n\n' > "$tmp/want"
check_file fix-body-eol 0 "$tmp/want" "$bin" --fix --eol=lf --fix-body-eol \
    $nodf "$tmp/eol.eml"
grep_out fix-body-eol-note "2 body line ending(s) made LF" err
printf 'Subject: \200\n\n' > "$tmp/cs.eml"
printf 'Subject: =?WINDOWS-1252?Q?=80?=\r\n\r\n' > "$tmp/want"
check_file fix-charset 0 "$tmp/want" "$bin" --fix \
    --assume-charset=windows-1252 $nodf "$tmp/cs.eml"
printf 'Subject: =?ISO-8859-1?Q?=80?=\r\n\r\n' > "$tmp/want"
check_file fix-charset-default 0 "$tmp/want" "$bin" --fix $nodf "$tmp/cs.eml"
grep_out fix-charset-default-note "taken as ISO-8859-1" err
printf 'Subject: K\303\266ln\n\n' > "$tmp/u8.eml"
printf 'Subject: K\303\266ln\r\n\r\n' > "$tmp/want"
check_file fix-smtputf8 0 "$tmp/want" "$bin" --fix --smtputf8 $nodf \
    "$tmp/u8.eml"
check fix-charset-bad 2 "" "$bin" --fix --assume-charset=Shift_JIS \
    "$g/utf8.eml"
grep_out fix-charset-bad-msg "unsupported charset" err
check fix-eol-bad 2 "" "$bin" --fix --eol=cr "$g/utf8.eml"
grep_out fix-eol-bad-msg "unknown --eol" err
check fix-needs-mode 2 "" "$bin" --eol=lf "$g/utf8.eml"
grep_out fix-needs-mode-msg "need --fix or --annotate" err
check fix-charset-needs-fix 2 "" "$bin" --annotate --assume-charset=koi8-r \
    "$g/utf8.eml"
check fix-two-paths 2 "" "$bin" --fix "$g/utf8.eml" "$g/controls.eml"
grep_out fix-two-paths-msg "one message at a time" err

# -o FILE: written through a temporary file and renamed; mode 0666 less
# the umask; never the input
cp "$g/controls.eml" "$tmp/in.eml"
(umask 022; "$bin" --fix -o "$tmp/fixed.eml" "$tmp/in.eml" 2>/dev/null)
if [ "$(stat -c %a "$tmp/fixed.eml")" = 644 ] &&
    cmp -s "$tmp/controls.fixed" "$tmp/fixed.eml" &&
    cmp -s "$g/controls.eml" "$tmp/in.eml" &&
    [ -z "$(ls -A "$tmp" | grep '^\.mhlint-')" ]; then
	pass=$((pass + 1))
else
	echo "FAIL: fix-o"; fail=$((fail + 1))
fi
check fix-output 0 "" "$bin" --fix --output="$tmp/fixed2.eml" "$tmp/in.eml"
if ! cmp -s "$tmp/fixed.eml" "$tmp/fixed2.eml"; then
	echo "FAIL: fix-output file"; fail=$((fail + 1))
fi
check fix-o-input 2 "" "$bin" --fix -o "$tmp/in.eml" "$tmp/in.eml"
grep_out fix-o-input-msg "would overwrite the input" err
if ! cmp -s "$g/controls.eml" "$tmp/in.eml"; then
	echo "FAIL: fix-o-input changed the input"; fail=$((fail + 1))
fi
check fix-o-baddir 2 "" "$bin" --fix -o "$tmp/nodir/x.eml" "$tmp/in.eml"

# --in-place: each PATH, keeping its mode
cp "$g/controls.eml" "$tmp/a.eml"
cp "$g/glued-body.eml" "$tmp/b.eml"
chmod 640 "$tmp/a.eml"
check in-place 0 "" "$bin" --fix --in-place "$tmp/a.eml" "$tmp/b.eml"
if [ "$(stat -c %a "$tmp/a.eml")" = 640 ] &&
    cmp -s "$tmp/a.eml" "$tmp/controls.fixed" &&
    grep -q "^Hello Bob,$" "$tmp/b.eml"; then
	pass=$((pass + 1))
else
	echo "FAIL: in-place result"; fail=$((fail + 1))
fi
check in-place-stdin 2 "" "$bin" --fix --in-place
check in-place-and-o 2 "" "$bin" --fix --in-place -o "$tmp/x" "$tmp/a.eml"

# --annotate[=first|all], --annotate-field
check annotate 1 - "$bin" --annotate "$g/controls.eml"
if [ "$(grep -c '^X-Mhlint-Alert: ' "$tmp/out")" -ne 3 ] ||
    ! unannotate "$tmp/out" | cmp -s - "$g/controls.eml"; then
	echo "FAIL: annotate: 3 fields, then the message"; fail=$((fail + 1))
fi
check annotate-first 1 - "$bin" --annotate=first "$g/controls.eml"
if [ "$(grep -c '^X-Mhlint-Alert: ' "$tmp/out")" -ne 1 ]; then
	echo "FAIL: annotate-first"; fail=$((fail + 1))
fi
check annotate-all 1 - "$bin" --annotate=all "$g/controls.eml"
check_file annotate-clean 0 "$g/clean-crlf.eml" "$bin" --annotate \
    "$g/clean-crlf.eml"
check annotate-field 1 - "$bin" -p amavis --annotate=first \
    --annotate-field=X-Amavis-Alert "$g/controls.eml"
grep_out annotate-field-out '^X-Amavis-Alert: BAD HEADER SECTION, Improper use of control character (char 00$' out
grep_out annotate-field-nul '^ hex): Subject: nul\\x{00}here$' out
STDIN=$g/controls.eml check annotate-stdin 1 - "$bin" --annotate=first
grep_out annotate-stdin-out "^X-Mhlint-Alert: BAD HEADER SECTION, Improper use" out
check annotate-bad 2 "" "$bin" --annotate=some "$g/controls.eml"
check annotate-field-bad 2 "" "$bin" --annotate --annotate-field="A B" \
    "$g/controls.eml"
grep_out annotate-field-bad-msg "bad field name" err
# on a CRLF message the field's lines end in CRLF
printf 'A: 1\r\n' > "$tmp/crlf1.eml"
printf 'X-Mhlint-Alert: BAD HEADER SECTION, Missing required header field: "Date"\r\nA: 1\r\n' > "$tmp/want"
check_file annotate-eol 1 "$tmp/want" "$bin" --annotate=first \
    "$tmp/crlf1.eml"
check fix-annotate 1 - "$bin" --fix --annotate "$g/8bit-received.eml"
grep_out fix-annotate-out "^X-Mhlint-Alert: BAD HEADER SECTION, Non-encoded" out
grep_out fix-annotate-crlf "^Date: Mon, 1 Jan 2024 10:00:00 +0000.$" out
# ---- batch inputs: directories, Maildir, symlinks, mbox, -j, --summary
bad8=$g/8bit-received.eml
d=$tmp/tree
mkdir -p "$d/sub" "$d/.hid"
cp "$bad8" "$d/b.eml"; cp "$bad8" "$d/a.eml"; cp "$bad8" "$d/B.eml"
cp "$bad8" "$d/sub/c.eml"; cp "$bad8" "$d/.dot.eml"; cp "$bad8" "$d/.hid/h.eml"
cp "$bad8" "$d/sub.eml"
# directory order: sorted by name, bytewise ("B" < "a" < "sub" < "sub.eml")
check dir-order 0 "$d/B.eml:1:11
$d/a.eml:1:11
$d/b.eml:1:11
$d/sub/c.eml:1:11
$d/sub.eml:1:11
" sh -c "\"$bin\" -f text \"$d\" | cut -d: -f1-3"
check dir-slash 1 - "$bin" -f text "$d/"
grep_out dir-slash-out "^$d/a.eml:1:11" out
# --all: dot files and dot directories too
check all 0 "$d/.dot.eml
$d/.hid/h.eml
$d/B.eml
$d/a.eml
$d/b.eml
$d/sub/c.eml
$d/sub.eml
" sh -c "\"$bin\" --all -f text \"$d\" | cut -d: -f1"

# Maildir: cur and new, never tmp nor the files beside them
m=$tmp/Maildir
mkdir -p "$m/cur" "$m/new" "$m/tmp" "$m/.Sent/cur" "$m/.Sent/new" \
    "$m/.Sent/tmp"
cp "$bad8" "$m/cur/1:2,S"; cp "$bad8" "$m/new/2"; cp "$bad8" "$m/tmp/3"
cp "$bad8" "$m/dovecot-uidlist"; cp "$bad8" "$m/.Sent/cur/4"
cp "$bad8" "$m/cur/.5"
# a Maildir message that looks like an mbox is still one message
printf 'From a\nDate: 1 Jan 2024 00:00 +0000\nFrom: a@example.com\n\nFrom b\nSubject: \351\n\n' > "$m/new/6"
check maildir 0 "$m/cur/1:2,S
$m/new/2
" sh -c "\"$bin\" -f text \"$m\" | sed 's/:1:11:.*//'"
check maildir-all 0 "$m/.Sent/cur/4
$m/cur/.5
$m/cur/1:2,S
$m/new/2
" sh -c "\"$bin\" --all -f text \"$m\" | sed 's/:1:11:.*//'"
check maildir-cur 0 "$m/cur/1:2,S
" sh -c "\"$bin\" -f text \"$m/cur\" | sed 's/:1:11:.*//'"

# symbolic links: not followed unless -L; a loop is not entered twice
s=$tmp/links
mkdir -p "$s/real"
cp "$bad8" "$s/real/x.eml"
ln -s "$bad8" "$s/link.eml"
ln -s .. "$s/real/up"
check symlink-skip 0 "$s/real/x.eml
" sh -c "\"$bin\" -f text \"$s\" | cut -d: -f1"
check symlink-follow 0 "$s/link.eml
$s/real/x.eml
" sh -c "\"$bin\" -L -f text \"$s\" 2>/dev/null | cut -d: -f1"
check symlink-loop 1 - "$bin" -L -f text "$s"
grep_out symlink-loop-msg "mhlint: $s/real/up: directory loop, not followed" err
# an entry that fails (a dangling link, as root too): reported, the rest
# checked, exit 2 at the end
ln -s "$tmp/nowhere" "$s/dangling.eml"
check dangling 2 - "$bin" -L -f text "$s"
grep_out dangling-msg "mhlint: $s/dangling.eml: No such file or directory" err
grep_out dangling-rest "^$s/real/x.eml:1:11" out
rm "$s/dangling.eml"

# a FIFO met while walking: skipped with a warning, nothing read
f=$tmp/fifo
mkdir -p "$f"
mkfifo "$f/pipe"
cp "$bad8" "$f/z.eml"
check fifo 1 - "$bin" "$f"
grep_out fifo-msg "mhlint: $f/pipe: a FIFO, skipped" err
grep_out fifo-rest "^$f/z.eml: BAD" out

# a directory whose names outgrow the walk's 3 MiB: read in several passes,
# still in order, each file once
big=$tmp/bigdir
mkdir -p "$big"
pad=$(printf '%0200d' 0)
awk -v pad="$pad" 'BEGIN { for (i = 0; i < 16000; i++)
    printf "%s%05d\n", pad, (i * 7919) % 16000 }' |
    (cd "$big" && xargs touch)
(cd "$big" && ls -f | grep -v '^\.' | LC_ALL=C sort) |
    sed "s|^|$big/|" > "$tmp/bigwant"
"$bin" -j1 --no-mbox -f text "$big" | cut -d: -f1 | uniq > "$tmp/biggot"
if cmp -s "$tmp/bigwant" "$tmp/biggot" &&
    [ "$(wc -l < "$tmp/biggot")" -eq 16000 ]; then
	pass=$((pass + 1))
else
	echo "FAIL: big-directory: not every file once, in order"
	diff "$tmp/bigwant" "$tmp/biggot" | head -5
	fail=$((fail + 1))
fi
rm -rf "$big"

# mbox: PATH:N, line numbers in the message, >From is body
x=$tmp/box
printf 'From a Mon Jan  1 00:00:00 2024\nDate: 1 Jan 2024 00:00 +0000\nFrom: a@example.com\n\n>From me\nFrom b Mon Jan  1 00:00:00 2024\nDate: 1 Jan 2024 00:00 +0000\nFrom: b@example.com\nSubject: \351\n\n' > "$x"
check mbox-text 1 "$x:2:4:10: error: Non-encoded non-ASCII data (and not UTF-8) (char E9 hex): Subject: \\x{E9} [header-8bit]
" "$bin" -f text "$x"
check mbox-none 0 "" "$bin" --no-mbox "$x"
STDIN=$x check mbox-stdin 1 "<stdin>:2: BAD HEADER SECTION, Non-encoded non-ASCII data (and not UTF-8) (char E9 hex): Subject: \\x{E9}
" "$bin"
STDIN=$x check mbox-stdin-none 0 "" "$bin" --no-mbox -
# --mbox: split a file whose first line is not "From "
printf 'Date: 1 Jan 2024 00:00 +0000\nFrom: a@example.com\n\nFrom b\nDate: 1 Jan 2024 00:00 +0000\nFrom: b@example.com\nSubject: \351\n\n' > "$x"
check mbox-force 1 "$x:2:4:10: error: Non-encoded non-ASCII data (and not UTF-8) (char E9 hex): Subject: \\x{E9} [header-8bit]
" "$bin" --mbox -f text "$x"
check mbox-auto 0 "" "$bin" -f text "$x"

# more findings in an mbox's first message than are held back while it is
# not known whether a second follows: a file is scanned ahead to tell
h=$tmp/hold
{ printf 'From a\n'; i=0
  while [ $i -lt 3000 ]; do printf 'X-%d: caf\351\n' $i; i=$((i + 1)); done
  printf '\nbody\n'; } > "$h"
check hold-single 1 - "$bin" "$h"
[ "$(grep -c "^$h: BAD" "$tmp/out")" -eq 3002 ] && pass=$((pass + 1)) ||
    { echo "FAIL: hold-single: not 3002 findings as $h"; fail=$((fail + 1)); }
STDIN=$h check hold-stdin 1 - "$bin"
grep_out hold-stdin-out '^BAD HEADER SECTION, Missing required header field: "Date"' out
printf 'From b\nSubject: \351\n\n' >> "$h"
check hold-two 1 - "$bin" -j2 "$h"
[ "$(grep -c "^$h:1: BAD" "$tmp/out")" -eq 3002 ] &&
    [ "$(grep -c "^$h:2: BAD" "$tmp/out")" -eq 3 ] && pass=$((pass + 1)) ||
    { echo "FAIL: hold-two: numbering"; fail=$((fail + 1)); }

# -j: output identical to -j1, byte for byte, over a few hundred files
p=$tmp/many
mkdir -p "$p"
i=0
while [ $i -lt 300 ]; do
	case $((i % 5)) in
	0) cp "$bad8" "$p/m$i" ;;
	1) printf 'Date: 1 Jan 2024 00:00 +0000\nFrom: y@example.com\n\n' > "$p/m$i" ;;
	2) printf 'From a\nSubject: \351%d\n\nFrom b\nX: \001\n\n' $i > "$p/m$i" ;;
	3) printf 'Subject: %d\n x\n \n\n' $i > "$p/m$i" ;;
	4) cp "$g/mixed-eol.eml" "$p/m$i" ;;
	esac
	i=$((i + 1))
done
ln -s "$tmp/nowhere" "$p/m150x"
"$bin" -L -j1 -f text --summary "$p" > "$tmp/j1" 2> "$tmp/j1e"
for j in 2 3 8; do
	"$bin" -L -j$j -f text --summary "$p" > "$tmp/jn" 2> "$tmp/jne"
	status=$?
	sed -i '/^summary: .* messages checked/d' "$tmp/jn"
	sed '/^summary: .* messages checked/d' "$tmp/j1" > "$tmp/j1s"
	if [ $status -eq 2 ] && cmp -s "$tmp/j1s" "$tmp/jn" &&
	    cmp -s "$tmp/j1e" "$tmp/jne" && [ -s "$tmp/jn" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL: jobs-$j: output differs from -j1 (exit $status)"
		diff "$tmp/j1s" "$tmp/jn" | head -5
		fail=$((fail + 1))
	fi
done
check jobs-bad 2 "" "$bin" -j 0 "$bad8"
grep_out jobs-bad-msg "bad number of jobs" err
check jobs-long 1 - "$bin" --jobs=2 "$bad8"

# -j over one big mbox: a regular file of at least SPLIT_MIN bytes is cut
# into ranges of SPLIT_BYTES, one per job (src/inputs.c).  The file below
# puts a tricky line at each range boundary (and where reads end: a range
# is read 128 KiB at a time, past its end 16 KiB first, as long as its
# last message wants bytes); every format, --summary and the exit status
# must be as with -j1.
range=$(sed -n 's/^#define SPLIT_BYTES ((off_t)\([0-9]*\) << 10)$/\1/p' \
    "$top/src/inputs.c")
smin=$(sed -n 's/^#define SPLIT_MIN ((off_t)\([0-9]*\) << 20)$/\1/p' \
    "$top/src/inputs.c")
if [ -z "$range" ] || [ -z "$smin" ]; then
	echo "FAIL: split: SPLIT_BYTES or SPLIT_MIN not found in src/inputs.c"
	fail=$((fail + 1))
	range=256 smin=4
fi
range=$((range * 1024)) smin=$((smin * 1048576))
sp=$tmp/split
mkdir -p "$sp"
# gensplit PREAMBLE: the mbox on standard output, the number of its
# messages in $sp/count.  With PREAMBLE the file starts with a message
# without a "From " line (--mbox splits it all the same).
gensplit() {
	LC_ALL=C awk -v R="$range" -v S="$smin" \
	    -v pre="$1" -v cf="$sp/count" '
	function out(s) { printf "%s", s; pos += length(s) }
	# body lines until pos is to
	function pad(to,  n) {
		while (to - pos > 200)
			out(sprintf("%079d\n", pos))
		n = to - pos
		if (n > 100) {
			out(sprintf("%0" (n - 51) "d\n", 0))
			n = 50
		}
		if (n > 0)
			out(sprintf("%" (n - 1) "s\n", ""))
	}
	# header fields until pos is to (at least 8 bytes away)
	function padh(to,  n) {
		while (to - pos > 200)
			out(sprintf("X-Pad: %072d\n", pos))
		n = to - pos
		if (n > 100) {
			out(sprintf("X-Pad: %0" (n - 58) "d\n", 0))
			n = 50
		}
		out(sprintf("X-Pad: %0" (n - 8) "d\n", 0))
	}
	function sep() {
		msgs++
		out("From sender" msgs " Mon Jan  1 00:00:00 2024\n")
	}
	# a whole message; some miss a Date, some have 8-bit in Subject
	function msg() {
		sep()
		if (msgs % 3 != 0)
			out("Date: 1 Jan 2024 00:00 +0000\n")
		out("From: a" msgs "@example.com\n")
		if (msgs % 2)
			out("Subject: caf\351 " msgs "\n")
		else
			out("Subject: ok " msgs "\n")
		out("\nbody " msgs "\n>From quoted " msgs "\nFrom\n")
	}
	BEGIN {
		sp64 = sprintf("%64s", "")
		if (pre != "")
			out("Date: 1 Jan 2024 00:00 +0000\nFrom: pre@example.com\nSubject: pre\351\n\nno From line before this one\n")
		else
			msg()
		# One case at each boundary b, in turn; a case that runs
		# past the next boundary takes it too.
		k = 1
		for (c = 0; c < 15; c++) {
			b = k++ * R
			if (c == 0) {		# a separator at the boundary
				pad(b); msg()
			} else if (c == 1) {	# one byte before it
				pad(b - 1); msg()
			} else if (c == 2) {	# one byte after it
				pad(b + 1); msg()
			} else if (c == 3) {	# "From " across it
				pad(b - 3); msg(); msg()
			} else if (c == 4) {	# a quoted >From at it
				pad(b); out(">From me\n"); msg()
			} else if (c == 5) {	# header fields "From :" at it
				pad(b - 400); sep(); padh(b)
				out("From : colon@example.com\nFrom \t : tab@example.com\nSubject: \351\n\n")
				msg()
			} else if (c == 6) {	# a field across it
				pad(b - 400); sep(); padh(b - 9)
				out("Subject: \351\351 across\n\n"); msg()
			} else if (c == 7) {	# no separator in a range at all
				pad(b + R + 100); msg(); k++
			} else if (c == 8) {	# 64 SP/TAB and a byte: a separator
				pad(b); msgs++
				out("From " sp64 ":\nSubject: \351\n\n")
				msgs++
				out("From " sp64 "x\nDate: 1 Jan 2024 00:00 +0000\n\n")
			} else if (c == 9) {	# 63 SP and a colon: body
				pad(b); out("From " substr(sp64, 2) ":x\n")
				out("From \t:x\nFrom\tx\n"); msg()
			} else if (c == 10) {	# "From " not at a line start
				pad(b - 400); sep(); padh(b - 3)
				out("X:\tFrom \351 mid-line\n\n"); msg()
			} else if (c == 11) {	# CRLF
				pad(b); msgs++
				out("From crlf\r\nDate: 1 Jan 2024 00:00 +0000\r\nSubject: \351\r\n\r\n")
			} else if (c == 12) {	# across a read of a range
				pad(b + 131072 - 3); msg(); k++
			} else if (c == 13) {	# a field "From :" across it, a
				# header section across the first read past it
				pad(b - 400); sep(); padh(b - 3)
				out("From : across@example.com\n")
				padh(b + 16384 - 4)
				out("Subject: \351 across a read\n\n"); msg()
			} else {		# a separator line with no LF
				pad(b); msg(); pad(b + 1000); sep()
				out("\n")
			}
		}
		# The last message runs over the last range, which holds
		# no separator; the file ends in a line that would be one
		# if a byte followed.
		sep()
		out("Subject: \351 last\n\n")
		e = k * R + R + R / 2
		if (e < S + R / 2)
			e = S + R / 2
		pad(e)
		out("From " sp64)
		print msgs > cf
	}'
}
# split_same NAME ARGS...: -j2, -j3 and -j4 as -j1, in every format,
# with --summary (but its elapsed time) and the exit status.  With eio
# set, reads fail from that byte on (tests/eio.so).
eio=
split_same() {
	name=$1
	shift
	for f in amavis text json sarif github; do
		env ${eio:+"LD_PRELOAD=$top/tests/eio.so"} \
		    ${eio:+"MHLINT_EIO_AT=$eio"} "$bin" -j1 -f $f --summary "$@" \
		    > "$tmp/s1" 2> "$tmp/s1e" < "${STDIN:-/dev/null}"
		st1=$?
		sed -i '/^summary: .* messages checked/d' "$tmp/s1" "$tmp/s1e"
		for j in 2 3 4; do
			env ${eio:+"LD_PRELOAD=$top/tests/eio.so"} \
			    ${eio:+"MHLINT_EIO_AT=$eio"} "$bin" -j$j -f $f \
			    --summary "$@" > "$tmp/sn" 2> "$tmp/sne" \
			    < "${STDIN:-/dev/null}"
			stn=$?
			sed -i '/^summary: .* messages checked/d' "$tmp/sn" \
			    "$tmp/sne"
			if [ $stn -eq $st1 ] && cmp -s "$tmp/s1" "$tmp/sn" &&
			    cmp -s "$tmp/s1e" "$tmp/sne" &&
			    [ -s "$tmp/s1" ]; then
				pass=$((pass + 1))
			else
				echo "FAIL: $name-$f-j$j: differs from -j1" \
				    "(exit $stn, want $st1)"
				diff "$tmp/s1" "$tmp/sn" | head -5
				diff "$tmp/s1e" "$tmp/sne" | head -5
				fail=$((fail + 1))
			fi
		done
	done
}
gensplit "" > "$sp/big.mbox"
nsplit=$(cat "$sp/count")
ok split-size test "$(wc -c < "$sp/big.mbox")" -ge "$smin"
split_same split "$sp/big.mbox"
split_same split-amavis --profile=amavis "$sp/big.mbox"
split_same split-amavis-mbox --profile=amavis --mbox "$sp/big.mbox"
STDIN=$sp/big.mbox split_same split-stdin
check split-count 1 - "$bin" -j3 -f text --summary "$sp/big.mbox"
grep_out split-count-msgs "^summary: $nsplit messages checked" out
grep_out split-count-last "^$sp/big.mbox:$nsplit:" out
# A read error in mid-file: said once, in its place (before the next
# file's findings), exit 2, whichever worker meets it; the rest of the
# file is not checked.  At 6R + 20 within a header section that began in
# the range before; at 8R + 5000 in a body that did.
for eio in $((range * 6 + 20)) $((range * 8 + 5000)); do
	split_same split-eio "$sp/big.mbox" "$bad8"
	for j in 1 2 4; do
		env LD_PRELOAD="$top/tests/eio.so" MHLINT_EIO_AT=$eio "$bin" \
		    -j$j -f text "$sp/big.mbox" "$bad8" > "$tmp/eio$j" 2>&1
		echo "exit $?" >> "$tmp/eio$j"
	done
	if [ "$(grep -c "^mhlint: $sp/big.mbox: Input/output error$" \
	    "$tmp/eio1")" -eq 1 ] && tail -1 "$tmp/eio1" | grep -q "exit 2" &&
	    tail -2 "$tmp/eio1" | grep -q "^$bad8:" &&
	    cmp -s "$tmp/eio1" "$tmp/eio2" && cmp -s "$tmp/eio1" "$tmp/eio4"
	then
		pass=$((pass + 1))
	else
		echo "FAIL: split-eio-$eio: the error not once, in place"
		diff "$tmp/eio1" "$tmp/eio2" | head -5
		fail=$((fail + 1))
	fi
done
eio=
# the same file met while walking a directory, after a small one
cp "$bad8" "$sp/a.eml"
split_same split-walk "$sp"
rm "$sp/a.eml"
# --mbox: the first message has no "From " line; without --mbox the
# file is one message
gensplit pre > "$sp/big.mbox"
nsplit=$(cat "$sp/count")
split_same split-pre --mbox "$sp/big.mbox"
check split-pre-count 1 - "$bin" -j2 --mbox -f text --summary "$sp/big.mbox"
grep_out split-pre-msgs "^summary: $((nsplit + 1)) messages checked" out
grep_out split-pre-first "^$sp/big.mbox:1:3:13: error: Non-encoded" out
split_same split-pre-auto "$sp/big.mbox"
check split-pre-one 1 - "$bin" -j2 -f text --summary "$sp/big.mbox"
grep_out split-pre-one-msgs "^summary: 1 messages checked" out
# A big file of one message keeps its plain path; one whose first
# message runs over many ranges is still numbered from 1.
{ printf 'From a\nSubject: caf\351\n\n'
  LC_ALL=C awk -v n=$((smin / 80 + 100)) 'BEGIN {
    for (i = 0; i < n; i++) printf "%079d\n", i }'; } > "$sp/one.mbox"
split_same split-one "$sp/one.mbox"
check split-one-path 1 - "$bin" -j2 "$sp/one.mbox"
grep_out split-one-plain "^$sp/one.mbox: BAD HEADER SECTION" out
printf 'From b\nSubject: \351\n\n' >> "$sp/one.mbox"
split_same split-two "$sp/one.mbox"
check split-two-path 1 - "$bin" -j2 "$sp/one.mbox"
grep_out split-two-first "^$sp/one.mbox:1: BAD HEADER SECTION" out
grep_out split-two-second "^$sp/one.mbox:2: BAD HEADER SECTION" out
rm -rf "$sp"

# --summary: after the findings, on standard output
check summary 1 - "$bin" --summary -f text "$p"
grep_out summary-count "^summary: 360 messages checked, 300 with findings" out
grep_out summary-sev "^summary: [0-9]* errors, [0-9]* warnings, 0 infos" out
grep_out summary-rule "^summary:  *120 header-8bit$" out
# no progress line on a standard error that is not a terminal
[ ! -s "$tmp/err" ] && pass=$((pass + 1)) ||
    { echo "FAIL: progress: stderr not empty"; fail=$((fail + 1)); }
check summary-quiet 1 - "$bin" --summary -q "$p"
grep_out summary-quiet-out "^summary: 360 messages checked" out
[ "$(grep -vc '^summary:' "$tmp/out")" -eq 0 ] && pass=$((pass + 1)) ||
    { echo "FAIL: summary-quiet: findings printed"; fail=$((fail + 1)); }

# --summary beside a machine format goes to standard error; findings left
# out by X-Mhlint-Disable are counted
check summary-json 1 - "$bin" --summary -f json "$bad8"
no_match summary-json-out "^summary:" out
grep_out summary-json-err "^summary: 1 messages checked, 1 with findings" err
printf 'Date: 1 Jan 2024 00:00 +0000\nFrom: y@example.com\nX-Mhlint-Disable: header-8bit\nSubject: \351\n\n' \
    > "$tmp/sup.eml"
check summary-suppressed 0 - "$bin" --summary "$tmp/sup.eml"
grep_out summary-suppressed-out "^summary: 1 findings left out by X-Mhlint-Disable" out

# only_printable FILE: nothing but 0x20..0x7E and LF, byte for byte.
only_printable() {
	[ "$(LC_ALL=C tr -d '\n -~' < "$1" | wc -c)" -eq 0 ]
}

# terminal_safe FILE: no C0 control but LF, no DEL, valid UTF-8 and no
# C1 control in it (JSON and SARIF carry UTF-8 text: rule cites hold "§").
c1=$(printf '\302[\200-\237]')
terminal_safe() {
	[ "$(LC_ALL=C tr -d '\n\040-\176\200-\377' < "$1" | wc -c)" -eq 0 ] &&
	    iconv -f UTF-8 -t UTF-8 < "$1" > /dev/null 2>&1 &&
	    ! LC_ALL=C grep -q "$c1" "$1"
}

# Safe output: terminal escapes, CR and the rest of C0/C1, DEL and bad
# UTF-8 in a header, and in a file name, never reach any output raw.
# Each format escapes in its own way; the path's escaped form in each:
formats="amavis text json sarif github"
path_amavis='evil\\x{1B}]0;pwned\\x{07}\\x{1B}\[2J\\x{0D}\\x{7F}\\x{C2}\\x{85}\\x{FF}\.eml'
path_text=$path_amavis
path_github=$path_amavis
path_json='evil\\u001B]0;pwned\\u0007\\u001B\[2J\\u000D\\u007F\\u0085\\\\x{FF}\.eml'
path_sarif='evil%1B%5D0%3Bpwned%07%1B%5B2J%0D%7F%C2%85%FF\.eml'
evil=$(printf 'evil\033]0;pwned\007\033[2J\r\177\302\205\377.eml')
printf 'Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@example.com\nSubject: \033]0;pwned\007 \033[2J x\r y \177 \302\205 \377\n\n' \
    > "$tmp/$evil"
for fmt in $formats; do
	for prof in default amavis; do
		check "safe-$fmt-$prof" 1 - "$bin" --format=$fmt \
		    --profile=$prof "$tmp/$evil"
		case $fmt in
		json|sarif) ok "safe-$fmt-$prof-bytes" terminal_safe "$tmp/out" ;;
		*) ok "safe-$fmt-$prof-bytes" only_printable "$tmp/out" ;;
		esac
		ok "safe-$fmt-$prof-stderr" test ! -s "$tmp/err"
		eval "want=\$path_$fmt"
		grep_out "safe-$fmt-$prof-path" "$want" out
	done
done
# the same on standard input, with no path
STDIN=$tmp/$evil check safe-stdin 1 - "$bin" --format=text
ok safe-stdin-bytes only_printable "$tmp/out"
grep_out safe-stdin-osc 'Subject: \\x{1B}]0;pwned\\x{07} \\x{1B}\[2J' out
# a directory walked: the names found in it are escaped as well
mkdir -p "$tmp/walk"
cp "$tmp/$evil" "$tmp/walk/"
check safe-walk 1 - "$bin" --format=text "$tmp/walk"
ok safe-walk-bytes only_printable "$tmp/out"
grep_out safe-walk-path "/walk/$path_text:" out
# paths in error messages are escaped too
check safe-missing-path 2 "" "$bin" "$tmp/no$evil"
ok safe-missing-path-bytes only_printable "$tmp/err"
grep_out safe-missing-path-msg 'noevil\\x{1B}]0;pwned.*No such file' err
check safe-bad-arg 2 "" "$bin" --format="$evil"
ok safe-bad-arg-bytes only_printable "$tmp/err"
check safe-bad-key 2 "" "$bin" --disable="$evil" "$g/clean-crlf.eml"
ok safe-bad-key-bytes only_printable "$tmp/err"
# --fix's notes name the file, escaped; so do its errors
check safe-fix-notes 0 - "$bin" --fix "$tmp/$evil"
ok safe-fix-notes-bytes only_printable "$tmp/err"
grep_out safe-fix-notes-path "/$path_amavis:3: fixed: " err
check safe-fix-missing 2 "" "$bin" --fix "$tmp/no$evil"
ok safe-fix-missing-bytes only_printable "$tmp/err"
grep_out safe-fix-missing-msg 'noevil\\x{1B}]0;pwned.*No such file' err
check safe-annotate-field 2 "" "$bin" --annotate --annotate-field="$evil" \
    "$g/clean-crlf.eml"
ok safe-annotate-field-bytes only_printable "$tmp/err"

# mhlint never writes to its inputs: every input's bytes are the same
# after runs in every format and profile, and it opens them read-only.
for f in "$g"/*.eml "$tmp/$evil"; do cksum < "$f"; done > "$tmp/sum.before"
for fmt in $formats; do
	for prof in default amavis; do
		"$bin" --format=$fmt --profile=$prof "$g"/*.eml "$tmp/$evil" \
		    > /dev/null 2>&1
	done
done
for mode in --fix --annotate; do
	for f in "$g"/*.eml "$tmp/$evil"; do
		"$bin" $mode "$f" > /dev/null 2>&1
	done
done
for f in "$g"/*.eml "$tmp/$evil"; do cksum < "$f"; done > "$tmp/sum.after"
ok inputs-unchanged cmp -s "$tmp/sum.before" "$tmp/sum.after"
cp "$g/8bit-received.eml" "$tmp/ro.eml"
chmod 444 "$tmp/ro.eml"
check read-only-input 1 - "$bin" "$tmp/ro.eml"

# Many copies of one message with findings: more output than a stdio
# buffer or a pipe holds (600 findings, about 90 KiB).
many=
i=0
while [ $i -lt 600 ]; do many="$many $g/8bit-received.eml"; i=$((i + 1)); done

# A full disk: exit 2 and a clear message, once.
if [ -w /dev/full ]; then
	check full-disk 2 - sh -c '"$@" > /dev/full' sh "$bin" \
	    "$g/8bit-received.eml"
	grep_out full-disk-msg "^mhlint: standard output: No space left on device$" err
	ok full-disk-once test "$(wc -l < "$tmp/err")" -eq 1
	# shellcheck disable=SC2086
	check full-disk-big 2 - sh -c '"$@" > /dev/full' sh "$bin" $many
	grep_out full-disk-big-msg "^mhlint: standard output: No space left on device$" err
	ok full-disk-big-once test "$(wc -l < "$tmp/err")" -eq 1
	# --fix: the repaired message cannot be written
	check full-disk-fix 2 - sh -c '"$@" > /dev/full' sh "$bin" --fix \
	    "$g/8bit-received.eml"
	grep_out full-disk-fix-msg "standard output: No space left on device" err
	for opt in --help --version --list-rules; do
		check "full-disk$opt" 2 - sh -c '"$@" > /dev/full' sh \
		    "$bin" "$opt"
		grep_out "full-disk$opt-msg" "No space left on device" err
	done
fi

# Standard output closed: exit 2 and a message, no crash.
check closed-stdout 2 - sh -c '"$@" >&-' sh "$bin" "$g/8bit-received.eml"
grep_out closed-stdout-msg "^mhlint: standard output: " err

# A closed pipe (the reader went away, as with "| head -1"): mhlint
# stops, prints no message and exits 2, since its check was cut short.
# shellcheck disable=SC2086
{ "$bin" $many 2> "$tmp/err"; echo $? > "$tmp/status"; } | head -1 \
    > "$tmp/out"
ok closed-pipe-status test "$(cat "$tmp/status")" -eq 2
ok closed-pipe-quiet test ! -s "$tmp/err"
grep_out closed-pipe-first-line "BAD HEADER SECTION" out

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
