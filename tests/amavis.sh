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

# The alert field: --annotate=first reads as Amavis's X-Amavis-Alert
# (NAME.alert), but for two things mhlint does on purpose: NUL and CR
# show as \x{00} and \x{0D}, and on a CRLF message the field's lines end
# in CRLF.  Where Amavis temp-fails (its .alert holds the TEMPFAIL
# reply, no field), mhlint's field carries that reply.
for eml in *.eml; do
	name=${eml%.eml}
	"$bin" --profile=amavis --annotate=first \
	    --annotate-field=X-Amavis-Alert "$eml" > "$tmp/$name.ann" 2>&1
done
if python3 - "$tmp" > "$tmp/alert" <<'PY'
import glob, os, sys
tmp = sys.argv[1]
exact = crlf = tempfail = bad = 0
for eml in sorted(glob.glob("*.eml")):
    name = eml[:-4]
    want = open(name + ".alert", "rb").read()
    got = open(os.path.join(tmp, name + ".ann"), "rb").read()
    msg = open(eml, "rb").read()
    if want and not want.startswith(b"X-Amavis-Alert:"):
        # Amavis temp-failed: its report line, not a field.
        reply = want.split(b": ", 1)[1].rstrip(b"\n")
        flat = got.split(b"\n", 3)
        head = b" ".join(l.strip() for l in flat[:3])
        if head.startswith(b"X-Amavis-Alert: " + reply[:60]):
            tempfail += 1
        else:
            bad += 1
            print("FAIL: alert %s (TEMPFAIL): %r" % (name, got[:120]))
        continue
    w = want.replace(b"\x00", b"\\x{00}").replace(b"\r", b"\\x{0D}")
    nl = msg.find(b"\n")
    if nl > 0 and msg[nl - 1:nl] == b"\r":
        w = w.replace(b"\n", b"\r\n")
        kind = "crlf"
    else:
        kind = "exact"
    if got.startswith(w) and got[len(w):] == msg:
        if kind == "crlf":
            crlf += 1
        else:
            exact += 1
    else:
        bad += 1
        print("FAIL: alert %s: want %r got %r" % (name, w[:100], got[:100]))
print("alert: %d cases: %d identical, %d identical but CRLF, %d TEMPFAIL "
    "(no field in Amavis), %d failed" % (exact + crlf + tempfail + bad,
    exact, crlf, tempfail, bad))
sys.exit(1 if bad else 0)
PY
then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
fi
cat "$tmp/alert"

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
