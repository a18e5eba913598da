/*
 * The rule list, sorted by id.  Each line:
 *
 *   RULE(ENUM, "id", severity, flags, "cite", "summary",
 *       "explain", "bad example", "good example",
    NULL, NULL, NULL)
 *
 * "explain" says what is wrong and why it matters in delivery; the
 * examples are header lines (with \n between lines) that fire the rule
 * and their repaired form.  --explain and man/mhlint-rules.7 show them.
 * A rule lands with its tests and its man-page entry (man/mhlint-rules.7).
 */
RULE(R_AMAVIS_8BIT, "amavis-8bit", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 5322 §2.2",
    "Amavis: non-encoded non-ASCII data that is not UTF-8",
    NULL, NULL, NULL)
RULE(R_AMAVIS_C1, "amavis-c1", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 6532 §3.1",
    "Amavis: UTF-8 string holds C1 controls",
    NULL, NULL, NULL)
RULE(R_AMAVIS_CONTROL, "amavis-control", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 5322 §2.2",
    "Amavis: improper use of a control character (NUL or CR)",
    NULL, NULL, NULL)
RULE(R_AMAVIS_EMPTY, "amavis-empty", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 5322 §3.2.2",
    "Amavis: folded field with a line made up entirely of whitespace",
    NULL, NULL, NULL)
RULE(R_AMAVIS_LONG, "amavis-long", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 5322 §2.1.1",
    "Amavis: header line longer than 998 characters",
    NULL, NULL, NULL)
RULE(R_AMAVIS_MISSING, "amavis-missing", MHL_ERROR,
    MHL_RULE_AMAVIS | MHL_RULE_MESSAGE, "RFC 5322 §3.6",
    "Amavis: missing required header field (Date, From)",
    NULL, NULL, NULL)
RULE(R_AMAVIS_MULTIPLE, "amavis-multiple", MHL_ERROR,
    MHL_RULE_AMAVIS | MHL_RULE_MESSAGE, "RFC 5322 §3.6",
    "Amavis: header field occurs more than once",
    NULL, NULL, NULL)
RULE(R_AMAVIS_NAME_8BIT, "amavis-name-8bit", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 5322 §3.6.8",
    "Amavis: field name contains a non-ASCII byte",
    NULL, NULL, NULL)
RULE(R_AMAVIS_SYNTAX, "amavis-syntax", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 5322 §2.2",
    "Amavis: invalid header field syntax",
    NULL, NULL, NULL)
RULE(R_AMAVIS_TEMPFAIL, "amavis-tempfail", MHL_ERROR,
    MHL_RULE_AMAVIS | MHL_RULE_TEMPFAIL | MHL_RULE_MESSAGE,
    "RFC 5322 §2.2.3",
    "Amavis: leading continuation line makes Amavis temp-fail the message",
    NULL, NULL, NULL)
RULE(R_AMAVIS_UTF8, "amavis-utf8", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 6532 §3.2",
    "Amavis: non-encoded UTF-8 in a message without SMTPUTF8",
    NULL, NULL, NULL)
RULE(R_DATE_MISSING, "date-missing", MHL_ERROR, MHL_RULE_MESSAGE,
    "RFC 5322 §3.6",
    "no Date field: the origination date is required",
    NULL, NULL, NULL)
RULE(R_EOL_BARE_LF, "eol-bare-lf", MHL_ERROR, 0,
    "RFC 5321 §2.3.8",
    "line ends in a bare LF where SMTP needs CRLF (with --crlf)",
    NULL, NULL, NULL)
RULE(R_EOL_MIXED, "eol-mixed", MHL_WARNING, MHL_RULE_MESSAGE,
    "RFC 5322 §2.1",
    "header lines end in both CRLF and bare LF",
    NULL, NULL, NULL)
RULE(R_EW_B_INVALID, "ew-b-invalid", MHL_ERROR, 0,
    "RFC 2047 §4.1",
    "\"B\" encoded-word text is not valid base64",
    "The text of a \"B\" encoded-word must be base64 (RFC 2045 §6.8): only "
    "the 64 alphabet characters, a length that is a multiple of 4, and at "
    "most two \"=\" padding characters at the end.  Readers decode broken "
    "base64 differently: some drop the word, some show it raw, some show "
    "garbage, and spam filters score the mismatch.",
    "Subject: =?UTF-8?B?SGVsbG8?=",
    "Subject: =?UTF-8?B?SGVsbG8=?=")
RULE(R_EW_CHARSET_UNKNOWN, "ew-charset-unknown", MHL_WARNING, 0,
    "RFC 2047 §3",
    "encoded-word charset is not a registered charset name",
    "The charset of an encoded-word should be a name or alias from the "
    "IANA \"Character Sets\" registry.  A reader that does not know the "
    "name cannot decode the word and shows it raw, or guesses.",
    "Subject: =?utf8?Q?caf=C3=A9?=",
    "Subject: =?UTF-8?Q?caf=C3=A9?=")
RULE(R_EW_DECODED_INVALID, "ew-decoded-invalid", MHL_ERROR, 0,
    "RFC 2047 §5",
    "encoded-word decodes to bytes invalid in its charset (UTF-8, "
    "US-ASCII)",
    "The decoded bytes of an encoded-word must be text in its charset, "
    "and each word must hold whole characters: a UTF-8 character may not "
    "be split across two encoded-words.  Invalid UTF-8 or 8-bit bytes "
    "labelled US-ASCII are shown as replacement characters or make the "
    "reader refuse the word.",
    "Subject: =?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?=",
    "Subject: =?UTF-8?Q?caf=C3=A9?=")
RULE(R_EW_IN_PARAMETER, "ew-in-parameter", MHL_ERROR, 0,
    "RFC 2047 §5",
    "encoded-word in a MIME parameter value (use RFC 2231)",
    "An encoded-word \"MUST NOT appear within a 'quoted-string'\" and is "
    "not allowed in a parameter of Content-Type or Content-Disposition.  "
    "Many readers decode it anyway, others show the raw =?...?= as the "
    "file name.  Non-ASCII parameter values are written with RFC 2231's "
    "name*=charset'lang'value form.",
    "Content-Disposition: attachment; filename=\"=?UTF-8?Q?r=C3=A9sum=C3="
    "A9.pdf?=\"",
    "Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")
RULE(R_EW_LINE_LONG, "ew-line-long", MHL_INFO, 0,
    "RFC 2047 §2",
    "line holding encoded-words is longer than 76 characters",
    "Each line of a header field that holds an encoded-word is limited to "
    "76 characters, two less than the usual 78.  Generators fold between "
    "encoded-words to stay within it; longer lines are rewrapped by some "
    "relays, which can break the words apart.",
    "Subject: =?UTF-8?Q?aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?= "
    "=?UTF-8?Q?bbbbbbbbbbbbbbbbbb?=",
    "Subject: =?UTF-8?Q?aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?=\n"
    " =?UTF-8?Q?bbbbbbbbbbbbbbbbbb?=")
RULE(R_EW_NOT_SEPARATED, "ew-not-separated", MHL_ERROR, 0,
    "RFC 2047 §5",
    "encoded-word not separated by whitespace from adjacent text",
    "In unstructured text such as Subject an encoded-word must be "
    "separated from any adjacent text or encoded-word by whitespace.  "
    "Conforming readers do not decode a word glued to other text, so the "
    "recipient sees the raw =?...?= sequence.",
    "Subject: Re:=?UTF-8?Q?caf=C3=A9?=",
    "Subject: Re: =?UTF-8?Q?caf=C3=A9?=")
RULE(R_EW_Q_INVALID, "ew-q-invalid", MHL_ERROR, 0,
    "RFC 2047 §4.2",
    "\"Q\" encoded-word text is not valid Q encoding",
    "The text of a \"Q\" encoded-word holds printable ASCII other than "
    "\"?\" and SPACE, \"_\" for a space, and \"=\" followed by two "
    "hexadecimal digits for any other octet.  A lone \"=\" or a bad "
    "escape is decoded differently by different readers.",
    "Subject: =?ISO-8859-1?Q?100=_sure?=",
    "Subject: =?ISO-8859-1?Q?100=3D_sure?=")
RULE(R_EW_SYNTAX, "ew-syntax", MHL_ERROR, 0,
    "RFC 2047 §2",
    "malformed encoded-word (charset, encoding or terminator)",
    "An encoded-word is =?charset?encoding?encoded-text?= where the "
    "charset is a token (optionally with *language, RFC 2231 §5), the "
    "encoding is B or Q, and the text is not empty.  Anything else is "
    "not an encoded-word: readers show the raw bytes.",
    "Subject: =?UTF-8?X?caf=C3=A9?=",
    "Subject: =?UTF-8?Q?caf=C3=A9?=")
RULE(R_EW_TOO_LONG, "ew-too-long", MHL_INFO, 0,
    "RFC 2047 §2",
    "encoded-word longer than 75 characters",
    "An encoded-word may not be more than 75 characters long, delimiters "
    "included; longer text is split into several encoded-words separated "
    "by folding whitespace.  Strict readers leave over-long words "
    "undecoded.",
    "Subject: =?UTF-8?Q?aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "aaaaaaaaaaaaaaa?=",
    "Subject: =?UTF-8?Q?aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?=\n"
    " =?UTF-8?Q?aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?=")
RULE(R_FIELD_DUPLICATE, "field-duplicate", MHL_ERROR, MHL_RULE_MESSAGE,
    "RFC 5322 §3.6",
    "a field allowed at most once occurs more than once",
    NULL, NULL, NULL)
RULE(R_FIELD_NAME_8BIT, "field-name-8bit", MHL_ERROR, 0,
    "RFC 5322 §3.6.8",
    "field name contains a non-ASCII byte",
    NULL, NULL, NULL)
RULE(R_FIELD_NAME_DASHDASH, "field-name-dashdash", MHL_WARNING, 0,
    "RFC 2046 §5.1.1",
    "field name starts with \"--\", like a MIME boundary line",
    NULL, NULL, NULL)
RULE(R_FIELD_NAME_SPACE, "field-name-space", MHL_WARNING, 0,
    "RFC 5322 §4.5",
    "whitespace between field name and colon (obsolete syntax)",
    NULL, NULL, NULL)
RULE(R_FIELD_SYNTAX, "field-syntax", MHL_ERROR, 0,
    "RFC 5322 §2.2",
    "line is not a header field: no name or no colon",
    NULL, NULL, NULL)
RULE(R_FOLD_LEADING, "fold-leading", MHL_ERROR, 0,
    "RFC 5322 §2.2.3",
    "continuation line before the first field",
    NULL, NULL, NULL)
RULE(R_FOLD_WHITESPACE_ONLY, "fold-whitespace-only", MHL_ERROR, 0,
    "RFC 5322 §3.2.2",
    "folded field has a line made up entirely of whitespace",
    NULL, NULL, NULL)
RULE(R_FROM_MISSING, "from-missing", MHL_ERROR, MHL_RULE_MESSAGE,
    "RFC 5322 §3.6",
    "no From field: the originator is required",
    NULL, NULL, NULL)
RULE(R_HEADER_8BIT, "header-8bit", MHL_ERROR, 0,
    "RFC 5322 §2.2",
    "non-encoded non-ASCII data that is not UTF-8",
    NULL, NULL, NULL)
RULE(R_HEADER_BARE_CR, "header-bare-cr", MHL_ERROR, 0,
    "RFC 5322 §2.2",
    "CR not followed by LF",
    NULL, NULL, NULL)
RULE(R_HEADER_CONTROL, "header-control", MHL_ERROR, 0,
    "RFC 5322 §3.2.5",
    "control character (C0 other than TAB, or DEL)",
    NULL, NULL, NULL)
RULE(R_HEADER_NUL, "header-nul", MHL_ERROR, 0,
    "RFC 5322 §2.2",
    "NUL byte",
    NULL, NULL, NULL)
RULE(R_HEADER_UTF8, "header-utf8", MHL_ERROR, 0,
    "RFC 6532 §3.2",
    "raw UTF-8 where only US-ASCII is allowed (without --smtputf8)",
    NULL, NULL, NULL)
RULE(R_HEADER_UTF8_C1, "header-utf8-c1", MHL_ERROR, 0,
    "RFC 6532 §3.1",
    "UTF-8 encoded C1 control character (U+0080..U+009F)",
    NULL, NULL, NULL)
RULE(R_LINE_LONG, "line-long", MHL_WARNING, 0,
    "RFC 5322 §2.1.1",
    "header line longer than 78 characters",
    NULL, NULL, NULL)
RULE(R_LINE_TOO_LONG, "line-too-long", MHL_ERROR, 0,
    "RFC 5322 §2.1.1",
    "header line longer than 998 characters",
    NULL, NULL, NULL)
RULE(R_MIME_BOUNDARY_INVALID, "mime-boundary-invalid", MHL_ERROR, 0,
    "RFC 2046 §5.1.1",
    "multipart boundary is empty, over 70 characters, ends in a space or "
    "holds a character outside bchars",
    "A boundary is 1 to 70 characters from a fixed set (letters, digits "
    "and '()+_,-./:=? and space), not ending in a space, so that it "
    "survives gateways.  Parsers that meet a boundary outside these "
    "rules split the body differently, which hides or exposes parts.",
    "Content-Type: multipart/mixed; boundary=\"b#1 \"",
    "Content-Type: multipart/mixed; boundary=\"b_1\"")
RULE(R_MIME_BOUNDARY_MISSING, "mime-boundary-missing", MHL_ERROR, 0,
    "RFC 2046 §5.1.1",
    "multipart Content-Type has no boundary parameter",
    "The boundary parameter is required for every multipart type: "
    "without it no reader can find the body parts, and the whole body "
    "is shown as one block of text or dropped.",
    "Content-Type: multipart/mixed",
    "Content-Type: multipart/mixed; boundary=\"=_part_1\"")
RULE(R_MIME_CTE_INVALID, "mime-cte-invalid", MHL_ERROR, 0,
    "RFC 2045 §6.1",
    "Content-Transfer-Encoding is not 7bit, 8bit, binary, "
    "quoted-printable, base64 or an X-token",
    "Content-Transfer-Encoding takes exactly one of the five registered "
    "mechanisms (any case) or a private X- token.  Readers treat an "
    "unknown encoding as application/octet-stream, so the body is "
    "offered as an attachment or not shown.",
    "Content-Transfer-Encoding: 8-bit",
    "Content-Transfer-Encoding: 8bit")
RULE(R_MIME_DISPOSITION_SYNTAX, "mime-disposition-syntax", MHL_ERROR, 0,
    "RFC 2183 §2",
    "Content-Disposition does not start with a disposition type token",
    "Content-Disposition is a disposition type (inline, attachment or an "
    "extension token) followed by parameters.  Without the type readers "
    "ignore the field, and the file name in it is lost.",
    "Content-Disposition: filename=\"a.pdf\"",
    "Content-Disposition: attachment; filename=\"a.pdf\"")
RULE(R_MIME_PARAM_DUPLICATE, "mime-param-duplicate", MHL_ERROR, 0,
    "RFC 2045 §5.1",
    "MIME parameter given twice",
    "A parameter of Content-Type or Content-Disposition appears once; "
    "with two values readers pick different ones (the first or the "
    "last), a known way to slip content past filters, for example two "
    "charsets or two boundaries.",
    "Content-Type: text/plain; charset=us-ascii; charset=utf-8",
    "Content-Type: text/plain; charset=utf-8")
RULE(R_MIME_PARAM_SYNTAX, "mime-param-syntax", MHL_ERROR, 0,
    "RFC 2045 §5.1",
    "MIME parameter list is malformed (attribute=value, value a token or "
    "quoted-string)",
    "Parameters are \";\" attribute \"=\" value, where the value is a "
    "token or a quoted-string; a value holding a tspecial such as \"=\", "
    "\"/\", \"@\" or a space must be quoted.  Parsers recover from "
    "malformed lists in different ways, so the charset, boundary or "
    "file name each reader sees can differ.",
    "Content-Type: multipart/mixed; boundary=----=_Part_1",
    "Content-Type: multipart/mixed; boundary=\"----=_Part_1\"")
RULE(R_MIME_RFC2231_CONTINUATION, "mime-rfc2231-continuation", MHL_ERROR,
    0, "RFC 2231 §3",
    "RFC 2231 parameter continuations not numbered 0, 1, 2... without "
    "gaps or repeats",
    "A long parameter value may be split into name*0, name*1, ... which "
    "readers join in order.  A missing, repeated or malformed section "
    "number (leading zeros are not allowed) makes readers drop the "
    "parameter or join the wrong pieces.",
    "Content-Disposition: attachment; filename*0=\"long\"; "
    "filename*2=\".pdf\"",
    "Content-Disposition: attachment; filename*0=\"long\"; "
    "filename*1=\".pdf\"")
RULE(R_MIME_RFC2231_VALUE, "mime-rfc2231-value", MHL_ERROR, 0,
    "RFC 2231 §4",
    "RFC 2231 extended value is malformed (charset'language' prefix, "
    "%-encoding)",
    "An extended value (name*= or name*0*=) starts with charset'language' "
    "(either may be empty, the two quotes may not); only the first "
    "section carries them, and every octet outside attribute-char is "
    "written %XX.  Readers fail to decode a malformed value and show the "
    "raw text or no file name.",
    "Content-Disposition: attachment; filename*=r%C3%A9sum%C3%A9.pdf",
    "Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")
RULE(R_MIME_TYPE_SYNTAX, "mime-type-syntax", MHL_ERROR, 0,
    "RFC 2045 §5.1",
    "Content-Type is not type/subtype (two tokens)",
    "Content-Type starts with a type and a subtype, both tokens, "
    "separated by \"/\".  RFC 2045 §5.2 makes readers treat a malformed "
    "Content-Type as text/plain; charset=us-ascii, so HTML or "
    "attachments are shown as raw text.",
    "Content-Type: text; charset=utf-8",
    "Content-Type: text/plain; charset=utf-8")
RULE(R_MIME_VERSION_INVALID, "mime-version-invalid", MHL_ERROR, 0,
    "RFC 2045 §4",
    "MIME-Version is not 1.0",
    "The only MIME version is 1.0 (comments may follow, as in \"1.0 "
    "(produced by X)\").  Readers that do not see 1.0 may not treat the "
    "message as MIME at all.",
    "MIME-Version: 1.1",
    "MIME-Version: 1.0 (produced by MetaSend Vx.x)")
RULE(R_MIME_VERSION_MISSING, "mime-version-missing", MHL_WARNING,
    MHL_RULE_MESSAGE, "RFC 2045 §4",
    "Content-Type or Content-Transfer-Encoding without MIME-Version",
    "MIME fields have their meaning only in a message that declares "
    "MIME-Version: 1.0.  Strict readers ignore Content-Type and "
    "Content-Transfer-Encoding without it and show the body as plain "
    "US-ASCII text.",
    "Content-Type: text/plain; charset=utf-8",
    "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8")
RULE(R_SEPARATOR_MISSING, "separator-missing", MHL_ERROR, MHL_RULE_MESSAGE,
    "RFC 5322 §2.1",
    "no empty line between the header section and the body",
    NULL, NULL, NULL)
RULE(R_SEPARATOR_WHITESPACE, "separator-whitespace", MHL_ERROR,
    MHL_RULE_MESSAGE, "RFC 5322 §2.1",
    "whitespace-only line where the empty line belongs",
    NULL, NULL, NULL)
