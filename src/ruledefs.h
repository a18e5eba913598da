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
RULE(R_EW_LINE_LONG, "ew-line-long", MHL_WARNING, 0,
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
RULE(R_EW_TOO_LONG, "ew-too-long", MHL_WARNING, 0,
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
RULE(R_SEPARATOR_MISSING, "separator-missing", MHL_ERROR, MHL_RULE_MESSAGE,
    "RFC 5322 §2.1",
    "no empty line between the header section and the body",
    NULL, NULL, NULL)
RULE(R_SEPARATOR_WHITESPACE, "separator-whitespace", MHL_ERROR,
    MHL_RULE_MESSAGE, "RFC 5322 §2.1",
    "whitespace-only line where the empty line belongs",
    NULL, NULL, NULL)
