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
           continuation lines removed: those are repairs of their own);
           in a structured field, its phrases (quoted-strings unquoted)
           and comments decoded, item by item (canon()).
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


# Fields --fix takes apart with the RFC 5322 lexer (src/fix_struct.c):
# their display names and comments are encoded, not their whole text.
STRUCT_FIELDS = {
    b"bcc", b"cc", b"disposition-notification-to", b"errors-to", b"from",
    b"list-id", b"mail-followup-to", b"mail-reply-to", b"reply-to",
    b"resent-bcc", b"resent-cc", b"resent-from", b"resent-reply-to",
    b"resent-sender", b"resent-to", b"return-path", b"return-receipt-to",
    b"sender", b"to", b"content-disposition", b"content-id",
    b"content-language", b"content-transfer-encoding", b"content-type",
    b"date", b"in-reply-to", b"message-id", b"mime-version", b"references",
    b"resent-date", b"resent-message-id"}
EW_WHOLE = re.compile(rb"=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=\Z")
SPECIALS = b"()<>[]:;@\\,"


def ew_text(word, utf8):
    m = EW_WHOLE.match(word)
    if m is None:
        return None
    try:
        return dec_word(*m.groups())
    except (LookupError, ValueError, binascii.Error):
        return None


def as_text(b, utf8):
    b = bytes(c for c in b if c >= 0x20 and c != 0x7f or c == 9)
    return b.decode("utf-8" if utf8 else "iso-8859-1", "replace")


def unpair(b):
    return re.sub(rb"\\(.)", rb"\1", b, flags=re.S)


def comment_text(body, utf8):
    """A comment's inside: its encoded-words (each a word between blanks
    or parentheses) decoded, blanks between two of them dropped."""
    toks = re.findall(rb"[ \t]+|[()]|(?:\\.|[^ \t()\\])+|\\", body, re.S)
    out, prev_ew, gap = [], False, ""
    for t in toks:
        if t[:1] in (b" ", b"\t"):
            gap = as_text(t, utf8)
            continue
        d = ew_text(t, utf8) if t not in (b"(", b")") else None
        if gap and not (prev_ew and d is not None):
            out.append(gap)
        gap = ""
        out.append(d if d is not None else as_text(unpair(t), utf8))
        prev_ew = d is not None
    out.append(gap)
    return "".join(out)


def canon(value, utf8):
    """A structured field as items: each phrase (words and dots with the
    blanks between them, quoted-strings unquoted, encoded-words decoded),
    comment, special and literal; blanks between items do not count."""
    v = value.replace(b"\r", b"").replace(b"\n", b"")
    items, i, n = [], 0, len(v)
    phrase, prev_ew, gap = None, False, b""
    while i < n:
        c = v[i:i + 1]
        if c in (b" ", b"\t"):
            j = i
            while j < n and v[j:j + 1] in (b" ", b"\t"):
                j += 1
            gap, i = v[i:j], j
            continue
        if c in (b"(", b'"', b"[") or c in SPECIALS and c != b".":
            if c == b"(":
                depth, j = 0, i
                while j < n:
                    if v[j:j + 1] == b"\\":
                        j += 2
                        continue
                    depth += {b"(": 1, b")": -1}.get(v[j:j + 1], 0)
                    j += 1
                    if depth == 0:
                        break
                item = ("comment", comment_text(v[i + 1:j - 1], utf8))
            elif c == b'"':
                j = i + 1
                while j < n and v[j:j + 1] != b'"':
                    j += 2 if v[j:j + 1] == b"\\" else 1
                j += 1
                word = as_text(unpair(v[i + 1:j - 1]), utf8)
                if phrase is not None and gap:
                    phrase.append(as_text(gap, utf8))
                if phrase is None:
                    phrase = []
                    items.append(("phrase", phrase))
                phrase.append(word)
                prev_ew, gap, i = False, b"", j
                continue
            elif c == b"[":
                j = v.find(b"]", i)
                j = n if j < 0 else j + 1
                item = ("literal", as_text(v[i:j], utf8))
            else:
                j = i + 1
                item = ("special", c.decode("latin-1"))
            phrase, prev_ew, gap, i = None, False, b"", j
            items.append(item)
            continue
        j = i
        while j < n and v[j:j + 1] not in b" \t()\"[]<>:;@\\,":
            j += 1
        word = v[i:j]
        d = ew_text(word, utf8)
        if phrase is None:
            phrase = []
            items.append(("phrase", phrase))
        elif gap and not (prev_ew and d is not None):
            phrase.append(as_text(gap, utf8))
        phrase.append(d if d is not None else as_text(word, utf8))
        prev_ew, gap, i = d is not None, b"", j
    return [(k, "".join(t) if k == "phrase" else t) for k, t in items]


def valid_utf8(b):
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


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
                   amavis_before=0, amavis_after=0, structured=0)
    why = {}
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
        for n in notes:
            m = re.search(r"structured field left as it is \((.*)\)$", n)
            if m:
                why[m.group(1)] = why.get(m.group(1), 0) + 1
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
                nb = name.encode("latin-1")
                if nb in STRUCT_FIELDS:
                    figures["structured"] += 1
                    a = [canon(v, valid_utf8(v)) for n, v in mf if n == nb]
                    b = [canon(v, True) for n, v in ff if n == nb]
                else:
                    a = [decode(v) for n, v in mf if n == nb]
                    b = [decode(v) for n, v in ff if n == nb]
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
    print("fix: %(structured)d structured fields encoded (display names "
          "and comments)" % figures)
    for w in sorted(why, key=lambda k: -why[k]):
        print("fix: structured fields left with raw 8-bit: %d %s" %
              (why[w], w))
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
