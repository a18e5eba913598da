#!/bin/sh
# Machine formats must parse whatever bytes the messages hold: every line
# of --format=json is one JSON object (strict UTF-8, the documented keys
# and types), and --format=sarif is one JSON document.  Runs over every
# golden fixture and over messages made here from every byte value.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${MHLINT:-$top/mhlint}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Every byte value in field bodies and names, invalid UTF-8, overlong
# forms, surrogates, C1 controls, U+2028, and a backslash before "x{".
i=0
: > "$tmp/bytes.eml"
while [ $i -lt 256 ]; do
	o=$(printf '%03o' $i)
	# shellcheck disable=SC2059
	printf "Subject: a\\$o b\\nX-\\$o: v\\n" >> "$tmp/bytes.eml"
	i=$((i + 1))
done
printf 'Subject: \300\257 \355\240\200 \302\205 \342\200\250 \\x{41} \360\237\230\200 \364\220\200\200 \303\n\n' \
    > "$tmp/utf8.eml"
printf 'From: a@b\n\200\201: x\nX-A: \000\r\033]0;t\007\n\n' > "$tmp/mixed.eml"

cd "$top/testdata/golden" || exit 2
"$bin" --format=json ./*.eml "$tmp"/*.eml > "$tmp/out.jsonl" 2>/dev/null
"$bin" --format=json < "$tmp/bytes.eml" >> "$tmp/out.jsonl" 2>/dev/null
"$bin" --format=sarif ./*.eml "$tmp"/*.eml > "$tmp/out.sarif" 2>/dev/null
"$bin" --format=sarif < "$tmp/bytes.eml" > "$tmp/stdin.sarif" 2>/dev/null

exec python3 - "$tmp" <<'PY'
import json, re, sys

tmp = sys.argv[1]
passed = failed = 0
keys = {"file": (str, type(None)), "msgno": int, "line": int,
        "column": int, "offset": int, "field": (str, type(None)),
        "rule": str, "severity": str, "message": str,
        "sample": (str, type(None)), "rfc": str}

def fail(what):
    global failed
    failed += 1
    print("FAIL:", what)

def unescape(s):
    # The documented lossless form: \x{XX} is the byte XX.
    out = bytearray()
    for part in re.split(r"(\\x\{[0-9A-F]{2}\})", s):
        if part.startswith("\\x{") and len(part) == 6:
            out.append(int(part[3:5], 16))
        else:
            out += part.encode("utf-8")
    return bytes(out)

with open(tmp + "/out.jsonl", "rb") as f:
    lines = f.read().split(b"\n")
if lines[-1] != b"":
    fail("json: last line not ended")
lines = lines[:-1]
names = set()
for n, raw in enumerate(lines, 1):
    try:
        obj = json.loads(raw.decode("utf-8", errors="strict"))
    except (UnicodeDecodeError, ValueError) as e:
        fail("json line %d: %s: %r" % (n, str(e)[:100], raw[:80]))
        continue
    if set(obj) != set(keys):
        fail("json line %d: keys %s" % (n, sorted(obj)))
        continue
    bad = [k for k, t in keys.items() if not isinstance(obj[k], t)]
    if bad or obj["severity"] not in ("error", "warning", "info"):
        fail("json line %d: types of %s" % (n, bad))
        continue
    if obj["field"] is not None:
        names.add(unescape(obj["field"]))
    passed += 1

# Field names come back byte for byte: X-<every byte that can be in one>.
want = {b"X-" + bytes([i]) for i in range(128, 256)}
missing = want - names
if missing:
    fail("json: field names not recovered: %d, e.g. %r"
         % (len(missing), sorted(missing)[:3]))
else:
    passed += 1

for name in ("out.sarif", "stdin.sarif"):
    try:
        with open(tmp + "/" + name, "rb") as f:
            log = json.loads(f.read().decode("utf-8", errors="strict"))
        assert log["version"] == "2.1.0"
        run = log["runs"][0]
        assert run["tool"]["driver"]["name"] == "mhlint"
        assert len(run["results"]) > 0
        passed += 1
    except (UnicodeDecodeError, ValueError, KeyError, AssertionError) as e:
        fail("%s: %s" % (name, str(e)[:200]))

print("jsonlines: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
