#!/usr/bin/env python3
"""Properties of mhlint --fix over a set of messages (tests/fix-corpus.sh).

For each message M (fixed once to F, twice to FF):
  body     F's body (after its first empty line) is a byte-suffix of M and
           at least as long as M's body (after M's first empty line), so
           the body is byte-for-byte M's;
  lint     mhlint on F reports none of the findings --fix repairs, and
           no more RFC 2047 findings (ew-*) than on M;
  amavis   mhlint --profile=amavis on F reports nothing that was fixable;
  idem     FF == F;
  decode   for every field --fix encoded, decoding F's encoded-words
           gives M's text (its own encoded-words decoded, its raw bytes
           taken as UTF-8 or as ISO-8859-1, controls and whitespace-only
           continuation lines removed: those are repairs of their own).
Prints the figures and every violation; exits 1 on a violation.
"""
import base64, binascii, os, re, subprocess, sys, tempfile

BIN = os.environ.get("MHLINT") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "mhlint")
# Rules whose findings --fix removes (the 8-bit ones: in the fields it
# encodes; lines over 78: where there is a folding point).
FIXED_ALWAYS = {"eol-mixed", "eol-bare-lf", "fold-whitespace-only", "fold-leading",
                "header-nul", "header-bare-cr", "header-control",
                "separator-missing", "separator-whitespace"}
EIGHTBIT = {"header-8bit", "header-utf8", "header-utf8-c1"}
# RFC 2047 rules: the output may not have more of these than the input
# (the encoded-words --fix writes are valid, short and separated).
EW_RULES = {"ew-syntax", "ew-too-long", "ew-b-invalid", "ew-q-invalid",
            "ew-decoded-invalid", "ew-charset-unknown", "ew-line-long",
            "ew-not-separated", "ew-in-parameter"}
AMAVIS_ALWAYS = {"amavis-empty", "amavis-control", "amavis-tempfail"}
AMAVIS_8BIT = {"amavis-8bit", "amavis-c1", "amavis-utf8"}

EW = re.compile(rb"=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=")


def split(msg):
    """Header and body at the first empty line, or (msg, None)."""
    m = re.search(rb"(?:^|\n)(\r?\n)", msg)
    if m is None:
        return msg, None
    return msg[:m.end()], msg[m.end():]


def fields(header):
    """(name, value) in order; value unfolded, raw bytes."""
    out = []
    for line in re.split(rb"\r?\n", header):
        if line[:1] in (b" ", b"\t") and out:
            # a whitespace-only line is removed by --fix (another repair)
            if line.strip(b" \t\0"):
                out[-1][1] += line
        elif b":" in line and line[:1] not in (b"", b" ", b"\t"):
            n, v = line.split(b":", 1)
            out.append([n.strip().lower(), v])
    return out


def dec_word(cs, enc, text):
    cs = cs.decode("ascii").split("*")[0]
    if enc in b"Qq":
        raw = re.sub(rb"=([0-9A-Fa-f]{2})",
                     lambda m: bytes([int(m.group(1), 16)]),
                     text.replace(b"_", b" "))
    else:
        raw = base64.b64decode(text + b"=" * (-len(text) % 4))
    return raw.decode(cs, "replace")


def decode(value):
    """RFC 2047 §6.2: blanks between adjacent encoded-words go."""
    out, pos, last_ew = [], 0, False
    for m in EW.finditer(value):
        gap = value[pos:m.start()]
        if not (last_ew and gap.strip(b" \t") == b""):
            out.append(raw_text(gap))
        try:
            out.append(dec_word(*m.groups()))
        except (LookupError, ValueError, binascii.Error):
            out.append(raw_text(m.group(0)))
        pos, last_ew = m.end(), True
    out.append(raw_text(value[pos:]))
    return "".join(out)


def raw_text(b):
    b = bytes(c for c in b if c >= 0x20 and c != 0x7f or c == 9)
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("iso-8859-1")


def run(args, data=None):
    p = subprocess.run([BIN] + args, input=data, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr


def findings(path, profile):
    """Rule id of each finding (text format; with --crlf; one message,
    as --fix takes it, even when it starts with an mbox From line)."""
    _, out, _ = run(["--format=text", "--crlf", "--no-mbox",
                     "--profile=" + profile, path])
    res = []
    for line in out.decode("latin-1").splitlines():
        m = re.search(r"\[([a-z0-9-]+)\]$", line)
        if m:
            res.append((m.group(1), line))
    return res


def main(paths):
    tmp = tempfile.mkdtemp()
    figures = dict(messages=0, changed=0, fixed=0, notfixed=0,
                   encoded=0, violations=0, long78=0, long998=0,
                   eightbit=0, lint_before=0, lint_after=0,
                   amavis_before=0, amavis_after=0)
    bad = []
    for path in paths:
        figures["messages"] += 1
        msg = open(path, "rb").read()
        st, f1, err = run(["--fix", path])
        if st == 2:
            bad.append((path, "exit 2: " + err.decode("latin-1")[:200]))
            continue
        notes = err.decode("latin-1").splitlines()
        nfixed = sum(1 for n in notes if ": fixed: " in n)
        figures["fixed"] += nfixed
        figures["notfixed"] += sum(1 for n in notes if ": not fixed: " in n)
        if f1 != msg:
            figures["changed"] += 1
        fp = os.path.join(tmp, "f.eml")
        open(fp, "wb").write(f1)
        # body
        _, mbody = split(msg)
        _, fbody = split(f1)
        if mbody is not None and (fbody is None or not msg.endswith(fbody)
                                  or len(fbody) < len(mbody)):
            bad.append((path, "body changed"))
        elif fbody is not None and not msg.endswith(fbody):
            bad.append((path, "body not a suffix of the input"))
        # idempotence
        _, f2, _ = run(["--fix", fp])
        if f2 != f1:
            bad.append((path, "fixing twice differs from fixing once"))
        # lint and amavis
        encoded = {n.split(": ")[-2].split(":")[0].lower()
                   for n in notes if "encoded as RFC 2047" in n}
        before = {}
        for rule, line in findings(path, "default"):
            before[rule] = before.get(rule, 0) + 1
        after = {}
        for rule, line in findings(fp, "default"):
            after[rule] = after.get(rule, 0) + 1
            if rule in FIXED_ALWAYS:
                bad.append((path, "still: " + line))
            if rule in EW_RULES and after[rule] > before.get(rule, 0):
                bad.append((path, "new: " + line))
        figures["lint_before"] += sum(before.values())
        figures["lint_after"] += sum(after.values())
        figures["amavis_before"] += len(findings(path, "amavis"))
        for rule, line in findings(fp, "amavis"):
            figures["amavis_after"] += 1
            if rule in AMAVIS_ALWAYS:
                bad.append((path, "amavis still: " + line))
        # raw 8-bit left only where --fix said it could not encode
        fh, _ = split(f1)
        left = {n.split(": ")[-2].split(":")[0].lower()
                for n in notes if "structured field left" in n}
        for n, v in fields(fh):
            if any(c >= 0x80 for c in v):
                figures["eightbit"] += 1
                if n.decode("latin-1") not in left:
                    bad.append((path, "raw 8-bit left in " +
                                n.decode("latin-1")))
        for line in re.split(rb"\r?\n", fh):
            if len(line) > 998:
                figures["long998"] += 1
            elif len(line) > 78:
                figures["long78"] += 1
        # decode
        enc_lines = [n for n in notes if "encoded as RFC 2047" in n]
        if enc_lines:
            figures["encoded"] += len(enc_lines)
            mh, _ = split(msg)
            fh, _ = split(f1)
            mf, ff = fields(mh), fields(fh)
            for name in encoded:
                a = [decode(v) for n, v in mf
                     if n.decode("latin-1") == name]
                b = [decode(v) for n, v in ff
                     if n.decode("latin-1") == name]
                if a != b:
                    bad.append((path, "decoding %s: %r != %r" %
                                (name, b[:2], a[:2])))
    for p, why in bad:
        print("VIOLATION: %s: %s" % (p, why))
    figures["violations"] = len(bad)
    print("fix: %(messages)d messages, %(changed)d changed, %(fixed)d "
          "repairs, %(notfixed)d left unrepaired, %(encoded)d fields "
          "encoded, %(violations)d property violations; left: "
          "%(eightbit)d structured fields with raw 8-bit, %(long78)d "
          "lines over 78 and %(long998)d over 998 without a folding "
          "point" % figures)
    print("fix: findings (default profile, --crlf) %(lint_before)d before, "
          "%(lint_after)d after; --profile=amavis %(amavis_before)d before, "
          "%(amavis_after)d after" % figures)
    return 1 if bad else 0


if __name__ == "__main__":
    # Paths as arguments, or NUL-separated on standard input.
    args = sys.argv[1:]
    if not args:
        args = [p.decode() for p in sys.stdin.buffer.read().split(b"\0")
                if p]
    sys.exit(main(args))
