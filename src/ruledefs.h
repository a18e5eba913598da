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
