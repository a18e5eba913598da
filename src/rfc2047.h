/*
 * RFC 2047 encoded-words:
 *
 *   encoded-word = "=?" charset "?" encoding "?" encoded-text "?="
 *   charset      = token    ; RFC 2231 §5 adds an optional "*" language
 *   encoding     = token    ; "B" or "Q", either case
 *   encoded-text = 1*<Any printable ASCII character other than "?"
 *                     or SPACE>
 *
 * "An 'encoded-word' may not be more than 75 characters long, including
 * 'charset', 'encoding', 'encoded-text', and delimiters." (§2)
 */
#ifndef MHL_RFC2047_H
#define MHL_RFC2047_H

#include <stddef.h>

struct mhl_checker;
struct mhl_field;

/*
 * The length of the encoded-word candidate that starts at p (p holds n
 * bytes, the first two being "=?"), or 0 when the bytes cannot be meant
 * as one.  A candidate is "=?", a charset and an encoding (each one or
 * more bytes other than "?", whitespace and controls) each followed by
 * "?", then everything up to and including the first "?=", or, when no
 * "?=" comes before whitespace or the end, up to that point (an
 * unterminated word, which mhl_ew_check reports).  Never reads past n.
 */
size_t mhl_ew_span(const unsigned char *p, size_t n);

/*
 * Checks ONE encoded-word: the field's kept bytes f->buf[off, off + len),
 * where len = mhl_ew_span(f->buf + off, f->kept - off) > 0 (so
 * off + len <= f->kept).  Emits, at the word's line and column, findings
 * of the rules ew-syntax, ew-too-long, ew-b-invalid, ew-q-invalid,
 * ew-decoded-invalid and ew-charset-unknown.  It says nothing about
 * where the word stands (whitespace around it, line length, being in a
 * quoted-string or addr-spec): that is the caller's business.  Returns
 * 1 when the bytes are an encoded-word by syntax (decoders will try to
 * decode it; its text or charset may still be wrong), else 0.  An
 * unterminated word that reaches the end of a truncated field (f->len >
 * f->kept) is not reported.  Allocation-free; no recursion.
 */
int mhl_ew_check(struct mhl_checker *, const struct mhl_field *, size_t,
    size_t);

/*
 * Checks unstructured text (RFC 5322 §3.2.5, RFC 2047 §5 (1)): the
 * field's kept bytes [off, end): every encoded-word with mhl_ew_check,
 * each separated from neighbouring text by whitespace (ew-not-separated),
 * and the lines holding encoded-words at most 76 characters long
 * (ew-line-long).  With 'text' 0 (a field of unknown structure) an
 * RFC 5322 special next to a word also separates it, as in a phrase.
 */
void mhl_ew_unstructured(struct mhl_checker *, const struct mhl_field *,
    size_t, size_t, int);

/*
 * Returns 1 when the charset name (n bytes, any case) is an IANA
 * registered name or alias the table knows, else 0.
 */
int mhl_charset_known(const unsigned char *, size_t);

#endif /* MHL_RFC2047_H */
