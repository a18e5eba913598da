/*
 * The rule list, sorted by id.  Each line:
 *
 *   RULE(ENUM, "id", severity, flags, "cite", "summary",
 *       "explain", "bad example", "good example")
 *
 * "explain" says in two to four sentences what is wrong and why it
 * matters in delivery: who objects (receivers, filters, SMTP servers).
 * The examples are header lines, with \n between lines and no line end
 * after the last; a header section may go on to an empty line and body
 * text.  The bad example fires the rule and the good one, its repaired
 * form, does not (tests/test_rules.c feeds both).  "[...]" in an
 * example stands for text cut for brevity (the test puts 1,000
 * characters in its place).  All three texts are string literals: NULL
 * does not compile.  --explain and man/mhlint-rules.7 (`make man`)
 * show them.
 */
RULE(R_ADDRESS_DOMAIN_LONG, "address-domain-long", MHL_WARNING, 0,
    "RFC 5321 §4.5.3.1.2",
    "domain of an address longer than 255 octets",
    "SMTP servers need not accept a domain over 255 octets, and DNS "
    "cannot resolve one: mail to or from it is refused or bounces.",
    "To: a@[...].example",
    "To: a@example.com")
RULE(R_ADDRESS_EMPTY, "address-empty", MHL_ERROR, 0,
    "RFC 5322 §3.6.3",
    "address field without any address (only Bcc may be empty)",
    "From, Sender, Reply-To, To and Cc need at least one address; an "
    "empty one is a syntax error that strict servers reject.  To hide "
    "the recipients, use a group such as \"undisclosed-recipients:;\".",
    "To:",
    "To: undisclosed-recipients:;")
RULE(R_ADDRESS_GROUP_NOT_ALLOWED, "address-group-not-allowed", MHL_ERROR, 0,
    "RFC 5322 §3.6.2",
    "group syntax in From or Sender, which hold mailboxes only",
    "From and Sender are mailbox lists: a group (\"name: ...;\") gives "
    "no address to reply to, and most software cannot read it (RFC 6854 "
    "allows it only in narrow cases).",
    "From: Team: a@example.com, b@example.com;",
    "From: a@example.com, b@example.com\nSender: a@example.com")
RULE(R_ADDRESS_LOCAL_PART_LONG, "address-local-part-long", MHL_WARNING, 0,
    "RFC 5321 §4.5.3.1.1",
    "local part of an address longer than 64 octets",
    "SMTP servers need not accept a local part over 64 octets; many "
    "refuse the recipient, so replies to the address may bounce.",
    "Reply-To: [...]@example.com",
    "Reply-To: short@example.com")
RULE(R_ADDRESS_OBSOLETE, "address-obsolete", MHL_WARNING, 0,
    "RFC 5322 §4.4",
    "obsolete address syntax: unquoted '.' in a name, route, empty list "
    "element",
    "Readers must accept the obsolete forms of RFC 5322 §4.4, but "
    "writers must not produce them; some parsers split such a name or "
    "list differently and show or reply to the wrong thing.",
    "From: John Q. Public <jqp@example.com>",
    "From: \"John Q. Public\" <jqp@example.com>")
RULE(R_ADDRESS_PHRASE_SPECIAL, "address-phrase-special", MHL_ERROR, 0,
    "RFC 5322 §3.2.5",
    "unquoted special character (@ , : ; < > etc.) in a display name",
    "A display name is a phrase: specials must be inside a quoted "
    "string.  Unquoted, a comma splits the name into a second, broken "
    "address and an '@' makes the name look like an address, so "
    "replies go astray and filters see a spoofed sender.",
    "From: Smith, John <js@example.com>",
    "From: \"Smith, John\" <js@example.com>")
RULE(R_ADDRESS_SYNTAX, "address-syntax", MHL_ERROR, 0,
    "RFC 5322 §3.4",
    "address field does not follow the address grammar",
    "A mailbox is \"name <local@domain>\" or \"local@domain\".  A "
    "missing '@', an unbalanced quote, bracket or comment, or stray text "
    "makes the field unreadable: replies fail and spam filters score it.",
    "To: John <john.example.com>",
    "To: John <john@example.com>")
RULE(R_ADDRESS_UTF8, "address-utf8", MHL_ERROR, 0,
    "RFC 6532 §3.2",
    "non-ASCII address (local part or domain) without SMTPUTF8",
    "An address with raw UTF-8 can only travel with SMTPUTF8 (RFC "
    "6531); elsewhere it cannot be delivered or replied to.  Use an "
    "ASCII address (an IDNA A-label domain) or send with SMTPUTF8.",
    "To: j\xc3\xb6rg@example.com",
    "To: joerg@example.com")
RULE(R_AMAVIS_8BIT, "amavis-8bit", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 5322 §2.2",
    "Amavis: non-encoded non-ASCII data that is not UTF-8",
    "Mirrors amavisd-new's header check: a field holds a byte of 0x80 or "
    "above that is not part of valid UTF-8, such as Latin-1 or "
    "Windows-1252 text pasted into a header.  Amavis files the message "
    "under BAD HEADER SECTION (\"Non-encoded non-ASCII data\"), adds an "
    "X-Amavis-Alert field and by default quarantines a copy; sites that "
    "set $final_bad_header_destiny to D_BOUNCE or D_DISCARD bounce or drop "
    "it.  Encode such text as an RFC 2047 encoded-word.",
    "Subject: caf\xe9",
    "Subject: =?ISO-8859-1?Q?caf=E9?=")
RULE(R_AMAVIS_C1, "amavis-c1", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 6532 §3.1",
    "Amavis: UTF-8 string holds C1 controls",
    "Mirrors amavisd-new's header check: a field is valid UTF-8 but holds "
    "a C1 control character (U+0080 to U+009F, bytes C2 80 to C2 9F), "
    "usually Windows-1252 text converted to UTF-8 as if it were "
    "ISO-8859-1.  Amavis reports \"UTF-8 string contains C1 Controls\" "
    "under BAD HEADER SECTION.  C1 controls are invisible in mail "
    "clients, and U+009B (CSI) acts as a terminal escape.",
    "Subject: \xc2\x93Hello\xc2\x94",
    "Subject: =?UTF-8?Q?=E2=80=9CHello=E2=80=9D?=")
RULE(R_AMAVIS_CONTROL, "amavis-control", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 5322 §2.2",
    "Amavis: improper use of a control character (NUL or CR)",
    "Mirrors amavisd-new's header check: a field holds a NUL or a CR that "
    "is not part of a CRLF line end.  Amavis reports \"Improper use of "
    "control character\" under BAD HEADER SECTION.  Both bytes are cut, "
    "kept or taken for a line end differently by different programs, "
    "which is what SMTP smuggling exploits, so some MTAs strip them or "
    "refuse the message.",
    "Subject: a\rb",
    "Subject: a b")
RULE(R_AMAVIS_EMPTY, "amavis-empty", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 5322 §3.2.2",
    "Amavis: folded field with a line made up entirely of whitespace",
    "Mirrors amavisd-new's header check: a continuation line of a field "
    "holds only spaces or tabs.  RFC 5322 forbids generating such lines, "
    "and many parsers take them for the empty line that ends the header "
    "section, so the fields after them land in the body.  Amavis reports "
    "\"Improper folded header field made up entirely of whitespace\".",
    "Subject: a\n \n b",
    "Subject: a\n b")
RULE(R_AMAVIS_LONG, "amavis-long", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 5322 §2.1.1",
    "Amavis: header line longer than 998 characters",
    "Mirrors amavisd-new's header check: a header line is longer than the "
    "998 characters RFC 5322 allows (RFC 5321 limits an SMTP text line "
    "to 1,000 octets with its CRLF).  Relays may refuse the message or "
    "break the line, which changes the field and invalidates DKIM "
    "signatures; Amavis reports \"Header line longer than 998 "
    "characters\".  Fold the field at whitespace.",
    "References: <a1@example.com> [...] <a99@example.com>",
    "References: <a1@example.com>\n <a2@example.com>\n <a99@example.com>")
RULE(R_AMAVIS_MISSING, "amavis-missing", MHL_ERROR,
    MHL_RULE_AMAVIS | MHL_RULE_MESSAGE, "RFC 5322 §3.6",
    "Amavis: missing required header field (Date, From)",
    "Mirrors amavisd-new's header check: the header section has no Date "
    "or no From field, both required by RFC 5322.  Amavis reports "
    "\"Missing required header field\" under BAD HEADER SECTION, "
    "SpamAssassin scores MISSING_DATE and MISSING_FROM, and large mailbox "
    "providers such as Gmail refuse mail without a From field.",
    "From: a@example.com\nSubject: hi",
    "Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@example.com\n"
    "Subject: hi")
RULE(R_AMAVIS_MULTIPLE, "amavis-multiple", MHL_ERROR,
    MHL_RULE_AMAVIS | MHL_RULE_MESSAGE, "RFC 5322 §3.6",
    "Amavis: header field occurs more than once",
    "Mirrors amavisd-new's header check: a field allowed at most once "
    "(Date, From, Sender, Reply-To, To, Cc, Bcc, Subject, Message-ID, "
    "References, In-Reply-To, the MIME fields, Auto-Submitted) occurs "
    "twice or more.  Amavis reports \"Duplicate header field\"; receivers "
    "disagree on which copy counts, and Gmail refuses such messages as "
    "not RFC 5322 compliant.",
    "To: a@example.com\nTo: b@example.com",
    "To: a@example.com, b@example.com")
RULE(R_AMAVIS_NAME_8BIT, "amavis-name-8bit", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 5322 §3.6.8",
    "Amavis: field name contains a non-ASCII byte",
    "Mirrors amavisd-new's header check: a field name holds a byte of "
    "0x80 or above.  Field names are printable US-ASCII, also in SMTPUTF8 "
    "mail, so no parser recognises the field; Amavis reports \"Invalid "
    "header field name, contains non-ASCII char\" under BAD HEADER "
    "SECTION.",
    "X-Cat\xc3\xa9gorie: news",
    "X-Categorie: news")
RULE(R_AMAVIS_SYNTAX, "amavis-syntax", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 5322 §2.2",
    "Amavis: invalid header field syntax",
    "Mirrors amavisd-new's header check: a line of the header section is "
    "not a field, because it has no name followed by a colon or its name "
    "starts with \"--\".  Such a line usually means the empty line before "
    "the body is missing or a program wrote text into the header, and "
    "receivers stop reading the header there or drop the line.  Amavis "
    "reports \"Invalid header field syntax\" under BAD HEADER SECTION.",
    "Subject: hi\nThis line is not a field",
    "Subject: hi\n\nThis line is not a field")
RULE(R_AMAVIS_TEMPFAIL, "amavis-tempfail", MHL_ERROR,
    MHL_RULE_AMAVIS | MHL_RULE_TEMPFAIL | MHL_RULE_MESSAGE,
    "RFC 5322 §2.2.3",
    "Amavis: leading continuation line makes Amavis temp-fail the message",
    "Mirrors amavisd-new on a message whose first line starts with a "
    "space or tab: Amavis dies in its header parser and answers 451 "
    "4.5.0, so the sending MTA retries until the message expires and "
    "bounces days later.  RFC 5322 allows folding only inside a field.  "
    "Remove the stray line or its leading whitespace.",
    " Subject: hi\nFrom: a@example.com",
    "Subject: hi\nFrom: a@example.com")
RULE(R_AMAVIS_UTF8, "amavis-utf8", MHL_ERROR, MHL_RULE_AMAVIS,
    "RFC 6532 §3.2",
    "Amavis: non-encoded UTF-8 in a message without SMTPUTF8",
    "Mirrors amavisd-new's optional utf8 test (off by default): a field "
    "body holds raw UTF-8 in a message that did not come with SMTPUTF8.  "
    "Raw UTF-8 is allowed only when every hop supports SMTPUTF8 (RFC "
    "6531); a relay whose next hop does not must bounce the message.  "
    "Amavis reports \"Non-encoded UTF-8 string in non-EAI mail\"; use RFC "
    "2047 encoded-words instead.",
    "Subject: caf\xc3\xa9",
    "Subject: =?UTF-8?Q?caf=C3=A9?=")
RULE(R_DATE_INVALID, "date-invalid", MHL_ERROR, 0,
    "RFC 5322 §3.3",
    "date-time out of range: day of month, hour, minute, second, zone "
    "or year",
    "A date such as 31 Feb or 25:61 is no moment in time: clients sort "
    "the message wrongly and spam filters treat a bad date as a sign of "
    "forged mail.",
    "Date: Sat, 31 Feb 2024 25:61:00 +0000",
    "Date: Thu, 29 Feb 2024 23:59:00 +0000")
RULE(R_DATE_MISSING, "date-missing", MHL_ERROR, MHL_RULE_MESSAGE,
    "RFC 5322 §3.6",
    "no Date field: the origination date is required",
    "The header section has no Date field; RFC 5322 requires exactly one, "
    "the time the author sent the message.  Some MTAs add one on "
    "submission with their own clock, SpamAssassin scores MISSING_DATE, "
    "and Amavis reports the message under BAD HEADER SECTION.",
    "From: a@example.com\nSubject: hi",
    "Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@example.com\n"
    "Subject: hi")
RULE(R_DATE_OBSOLETE, "date-obsolete", MHL_WARNING, 0,
    "RFC 5322 §4.3",
    "obsolete date-time syntax: two-digit year, alphabetic zone, "
    "comments",
    "Readers must accept the obsolete forms, but writers must not "
    "produce them: a two-digit year or a zone like EST is ambiguous, "
    "and military zones have no agreed meaning.",
    "Date: Mon, 1 Jan 24 10:00:00 EST",
    "Date: Mon, 1 Jan 2024 10:00:00 -0500")
RULE(R_DATE_SYNTAX, "date-syntax", MHL_ERROR, 0,
    "RFC 5322 §3.3",
    "date-time does not follow the grammar",
    "Date and Resent-Date (and the end of Received) must be \"[Day,] DD "
    "Mon YYYY hh:mm[:ss] +zzzz\".  Anything else is parsed differently "
    "by each client, or not at all, and scores as spam.",
    "Date: 2024-01-01 10:00:00",
    "Date: Mon, 1 Jan 2024 10:00:00 +0000")
RULE(R_DATE_WEEKDAY, "date-weekday", MHL_ERROR, 0,
    "RFC 5322 §3.3",
    "day of the week does not match the date",
    "The day-of-week MUST be the day implied by the date.  A mismatch "
    "shows a broken or forged date, and spam filters score it.",
    "Date: Tue, 1 Jan 2024 10:00:00 +0000",
    "Date: Mon, 1 Jan 2024 10:00:00 +0000")
RULE(R_ENCODED_WORD_MISPLACED, "encoded-word-misplaced", MHL_ERROR, 0,
    "RFC 2047 §5",
    "encoded-word inside an addr-spec, a quoted-string or a msg-id",
    "An encoded-word (=?charset?B|Q?...?=) is decoded only in "
    "unstructured text, comments and phrases.  Inside quotes, an "
    "address or a msg-id it stays as raw =?...?= text, or is decoded by "
    "some clients only, which forgers use to disguise a sender.",
    "From: \"=?UTF-8?Q?J=C3=B6rg?=\" <j@example.com>",
    "From: =?UTF-8?Q?J=C3=B6rg?= <j@example.com>")
RULE(R_EOL_BARE_LF, "eol-bare-lf", MHL_ERROR, 0,
    "RFC 5321 §2.3.8",
    "line ends in a bare LF where SMTP needs CRLF (with --crlf)",
    "With --crlf (the input is SMTP DATA), a line ends in LF without the "
    "CR that SMTP requires.  Since the SMTP smuggling attacks of 2023, "
    "servers refuse bare LF: Postfix with smtpd_forbid_bare_newline "
    "rejects it and sendmail 8.18 can drop the session with 421; others "
    "convert it, which changes the bytes a DKIM signature covers.",
    "Subject: hi\nFrom: a@example.com",
    "Subject: hi\r\nFrom: a@example.com")
RULE(R_EOL_MIXED, "eol-mixed", MHL_WARNING, MHL_RULE_MESSAGE,
    "RFC 5322 §2.1",
    "header lines end in both CRLF and bare LF",
    "Some header lines end in CRLF and others in a bare LF, a sign that "
    "parts of the header were written by different programs.  Whatever "
    "sends the message over SMTP must convert the bare LFs or is refused "
    "(see eol-bare-lf), so filters, DKIM verifiers and the receiver may "
    "each see different bytes.",
    "From: a@example.com\r\nSubject: hi\nTo: b@example.com",
    "From: a@example.com\r\nSubject: hi\r\nTo: b@example.com")
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
    "A field that RFC 5322 allows at most once (Date, From, Sender, "
    "Reply-To, To, Cc, Bcc, Subject, Message-ID, References, In-Reply-To) "
    "or that MIME allows once (MIME-Version, Content-Type, "
    "Content-Transfer-Encoding, Content-ID, Content-Description) occurs "
    "more than once.  Receivers disagree on which copy counts, the "
    "classic way to show the reader one From and DMARC another, so Gmail "
    "refuses such messages as not RFC 5322 compliant and Amavis reports "
    "\"Duplicate header field\".",
    "Subject: hello\nSubject: hello again",
    "Subject: hello")
RULE(R_FIELD_NAME_8BIT, "field-name-8bit", MHL_ERROR, 0,
    "RFC 5322 §3.6.8",
    "field name contains a non-ASCII byte",
    "A field name holds a byte of 0x80 or above.  Field names are "
    "printable US-ASCII except the colon, also in SMTPUTF8 mail (RFC 6532 "
    "extends field bodies only), so no parser recognises the field and "
    "Amavis reports the message under BAD HEADER SECTION.",
    "X-Cat\xc3\xa9gorie: news",
    "X-Categorie: news")
RULE(R_FIELD_NAME_DASHDASH, "field-name-dashdash", MHL_WARNING, 0,
    "RFC 2046 §5.1.1",
    "field name starts with \"--\", like a MIME boundary line",
    "A field name starts with \"--\", as a MIME boundary line does.  RFC "
    "5322 allows the name, but it usually means that a MIME part's "
    "boundary and headers ended up in the top-level header section, for "
    "instance because an empty line was lost.  Amavis reports such a "
    "line as invalid header field syntax.",
    "Subject: report\n--X-Report-Type: weekly",
    "Subject: report\nX-Report-Type: weekly")
RULE(R_FIELD_NAME_SPACE, "field-name-space", MHL_WARNING, 0,
    "RFC 5322 §4.5",
    "whitespace between field name and colon (obsolete syntax)",
    "Whitespace stands between a field name and its colon, as in "
    "\"Subject :\".  RFC 5322 lists this only as obsolete syntax that must "
    "not be generated; a parser that takes the name up to the colon sees a "
    "field called \"Subject \" and misses the subject, while others do "
    "not, so filters and clients disagree about the message.",
    "Subject : hi",
    "Subject: hi")
RULE(R_FIELD_SYNTAX, "field-syntax", MHL_ERROR, 0,
    "RFC 5322 §2.2",
    "line is not a header field: no name or no colon",
    "A line of the header section is not a header field: it has no field "
    "name followed by a colon.  Usually the empty line before the body is "
    "missing or text was pasted into the header; receivers end the header "
    "section there or drop the line, so the fields after it may be lost.  "
    "Amavis reports \"Invalid header field syntax\".",
    "Subject: hi\nThis line is not a field\nFrom: a@example.com",
    "Subject: hi\nFrom: a@example.com\n\nThis line is not a field")
RULE(R_FOLD_LEADING, "fold-leading", MHL_ERROR, 0,
    "RFC 5322 §2.2.3",
    "continuation line before the first field",
    "The message starts with a continuation line (a line beginning with "
    "a space or tab) that has no field to continue; folding is allowed "
    "only inside a field.  Amavis temp-fails such a message (451 4.5.0) "
    "until it expires and bounces, and other parsers drop the line or "
    "misread the first field.",
    " Subject: hi\nFrom: a@example.com",
    "Subject: hi\nFrom: a@example.com")
RULE(R_FOLD_WHITESPACE_ONLY, "fold-whitespace-only", MHL_WARNING, 0,
    "RFC 5322 §3.2.2",
    "folded field has a line made up entirely of whitespace",
    "A folded field has a continuation line made up only of spaces and "
    "tabs: obsolete syntax (RFC 5322 §4.2, obs-FWS) that §3.2.2 forbids "
    "generating, hence a warning.  Many parsers take a line "
    "that looks empty for the end of the header section and move the "
    "remaining fields into the body; Amavis reports \"Improper folded "
    "header field made up entirely of whitespace\".",
    "Subject: a\n \n b",
    "Subject: a\n b")
RULE(R_FROM_MISSING, "from-missing", MHL_ERROR, MHL_RULE_MESSAGE,
    "RFC 5322 §3.6",
    "no From field: the originator is required",
    "The header section has no From field; RFC 5322 requires one, naming "
    "the author.  Without it DMARC has no domain to check, Gmail and "
    "other large providers refuse the message, SpamAssassin scores "
    "MISSING_FROM and Amavis reports it under BAD HEADER SECTION.",
    "Date: Mon, 1 Jan 2024 10:00:00 +0000\nSubject: hi",
    "Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@example.com\n"
    "Subject: hi")
RULE(R_HEADER_8BIT, "header-8bit", MHL_ERROR, 0,
    "RFC 5322 §2.2",
    "non-encoded non-ASCII data that is not UTF-8",
    "A field holds bytes of 0x80 or above that are not valid UTF-8: "
    "Latin-1 or Windows-1252 text, or damage done by a relay.  Header "
    "fields are US-ASCII (RFC 6532 adds UTF-8, nothing else), so "
    "receivers guess the charset and show mojibake, and Amavis files the "
    "message under BAD HEADER SECTION.  Encode the text as an RFC 2047 "
    "encoded-word.",
    "Subject: caf\xe9",
    "Subject: =?ISO-8859-1?Q?caf=E9?=")
RULE(R_HEADER_BARE_CR, "header-bare-cr", MHL_ERROR, 0,
    "RFC 5322 §2.2",
    "CR not followed by LF",
    "A CR byte is not followed by LF; RFC 5322 allows CR only in a CRLF "
    "line end.  Some programs take a lone CR for a line end and others do "
    "not, which SMTP smuggling exploits, so sendmail 8.18 can drop such "
    "sessions, other MTAs strip the CR, and Amavis reports \"Improper use "
    "of control character\".",
    "Subject: a\rb",
    "Subject: a b")
RULE(R_HEADER_CONTROL, "header-control", MHL_ERROR, 0,
    "RFC 5322 §3.2.5",
    "control character (C0 other than TAB, or DEL)",
    "A field holds a control character other than TAB: a C0 control "
    "(0x01 to 0x1F) or DEL (0x7F).  RFC 5322 allows them only in "
    "obsolete syntax that must not be generated.  Mail clients show them "
    "as nothing or as boxes, and ESC starts escape sequences in a "
    "terminal, so what a reader sees differs from what filters match.",
    "Subject: \x1b[1mSALE\x1b[0m",
    "Subject: SALE")
RULE(R_HEADER_NUL, "header-nul", MHL_ERROR, 0,
    "RFC 5322 §2.2",
    "NUL byte",
    "A field holds a NUL byte, which RFC 5322 does not allow anywhere in "
    "a message.  Programs written in C see the field end at the NUL, so "
    "what a filter checks and what a client shows can differ; some MTAs "
    "strip the byte or refuse the message, and Amavis reports \"Improper "
    "use of control character\".",
    "Subject: a\0b",
    "Subject: ab")
RULE(R_HEADER_UTF8, "header-utf8", MHL_ERROR, 0,
    "RFC 6532 §3.2",
    "raw UTF-8 where only US-ASCII is allowed (without --smtputf8)",
    "A field body holds raw UTF-8, but the message did not come with "
    "SMTPUTF8 (give --smtputf8 when it did).  Without that extension "
    "header fields are US-ASCII only: a relay whose next hop lacks "
    "SMTPUTF8 must bounce the message, and older clients show mojibake.  "
    "Encode the text as RFC 2047 encoded-words.",
    "Subject: caf\xc3\xa9",
    "Subject: =?UTF-8?Q?caf=C3=A9?=")
RULE(R_HEADER_UTF8_C1, "header-utf8-c1", MHL_ERROR, 0,
    "RFC 6532 §3.1",
    "UTF-8 encoded C1 control character (U+0080..U+009F)",
    "A field holds a UTF-8 encoded C1 control character (U+0080 to "
    "U+009F), never meant as text: it usually comes from Windows-1252 "
    "text converted as if it were ISO-8859-1, which turns curly quotes "
    "into U+0093 and U+0094.  Clients show nothing or boxes, U+009B acts "
    "as a terminal escape, and Amavis reports \"UTF-8 string contains C1 "
    "Controls\".",
    "Subject: \xc2\x93Hello\xc2\x94",
    "Subject: =?UTF-8?Q?=E2=80=9CHello=E2=80=9D?=")
RULE(R_LINE_LONG, "line-long", MHL_WARNING, 0,
    "RFC 5322 §2.1.1",
    "header line longer than 78 characters",
    "A header line is longer than 78 characters, not counting its line "
    "end.  RFC 5322 says lines SHOULD be no longer, so that they display "
    "well; it is a recommendation, not a limit, but a line that grows as "
    "programs add to it (References, Received) ends up over the hard "
    "limit of 998.  Fold the field at whitespace.",
    "Subject: This subject line is much longer than seventy-eight "
    "characters, so fold it",
    "Subject: This subject line is much longer than seventy-eight "
    "characters,\n so fold it")
RULE(R_LINE_TOO_LONG, "line-too-long", MHL_ERROR, 0,
    "RFC 5322 §2.1.1",
    "header line longer than 998 characters",
    "A header line is longer than 998 characters, the hard limit of RFC "
    "5322 (RFC 5321 limits an SMTP text line to 1,000 octets with its "
    "CRLF).  Servers may refuse the message as \"line too long\" or split "
    "the line, which changes the field and breaks DKIM signatures, and "
    "Amavis reports BAD HEADER SECTION.  Fold the field at whitespace.",
    "References: <a1@example.com> [...] <a99@example.com>",
    "References: <a1@example.com>\n <a2@example.com>\n <a99@example.com>")
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
RULE(R_MSGID_MULTIPLE, "msgid-multiple", MHL_ERROR, 0,
    "RFC 5322 §3.6.4",
    "Message-ID or Content-ID holds more than one msg-id",
    "A message has exactly one identifier; with several, threading and "
    "duplicate detection pick one at random or fail.",
    "Message-ID: <a@example.com> <b@example.com>",
    "Message-ID: <a@example.com>")
RULE(R_MSGID_OBSOLETE, "msgid-obsolete", MHL_WARNING, 0,
    "RFC 5322 §4.5.4",
    "obsolete msg-id syntax: comments, quoted strings or words in it",
    "Readers must accept the obsolete forms, writers must not produce "
    "them: words or spaces inside msg-ids make threading unreliable.",
    "In-Reply-To: Your message of Monday <a@example.com>",
    "In-Reply-To: <a@example.com>")
RULE(R_MSGID_SYNTAX, "msgid-syntax", MHL_ERROR, 0,
    "RFC 5322 §3.6.4",
    "msg-id does not follow the grammar \"<left@right>\"",
    "Message-ID, In-Reply-To, References and Content-ID hold msg-ids "
    "\"<id-left@id-right>\".  Without the brackets or the '@', "
    "threading breaks, multipart references (cid:) fail, and spam "
    "filters score the message.",
    "Message-ID: 1234.5678@example.com",
    "Message-ID: <1234.5678@example.com>")
RULE(R_RECEIVED_SYNTAX, "received-syntax", MHL_ERROR, 0,
    "RFC 5322 §3.6.7",
    "Received field without ';' and date-time, or with unbalanced "
    "comments or quotes",
    "A Received field ends in \"; date-time\".  Without it, loop "
    "detection, delay reports and forensic tools cannot read the trace.",
    "Received: from a.example by b.example",
    "Received: from a.example by b.example; Mon, 1 Jan 2024 10:00:00 +0000")
RULE(R_RETURN_PATH_SYNTAX, "return-path-syntax", MHL_WARNING, 0,
    "RFC 5322 §3.6.7",
    "Return-Path is not an address in angle brackets (or <>)",
    "The delivering server writes Return-Path from the envelope sender "
    "as \"<local@domain>\" or \"<>\".  Software that reads it to "
    "answer or to bounce may misread a malformed one; as it is written "
    "at final delivery, not by the sender, this is a warning.",
    "Return-Path: bounce@example.com",
    "Return-Path: <bounce@example.com>")
RULE(R_SENDER_MISSING, "sender-missing", MHL_ERROR, MHL_RULE_MESSAGE,
    "RFC 5322 §3.6.2",
    "From holds several mailboxes but there is no Sender field",
    "With more than one author in From, Sender MUST name the one who "
    "sent the message; DMARC and clients that show \"on behalf of\" "
    "need it.",
    "From: a@example.com, b@example.com",
    "From: a@example.com, b@example.com\nSender: a@example.com")
RULE(R_SENDER_MULTIPLE, "sender-multiple", MHL_ERROR, 0,
    "RFC 5322 §3.6.2",
    "Sender holds more than one mailbox",
    "Sender names the single agent responsible for sending; a list "
    "there is a syntax error and clients show no sender at all.",
    "Sender: a@example.com, b@example.com",
    "Sender: a@example.com")
RULE(R_SEPARATOR_MISSING, "separator-missing", MHL_ERROR, MHL_RULE_MESSAGE,
    "RFC 5322 §2.1",
    "no empty line between the header section and the body",
    "The header section ends in lines that are not fields and no empty "
    "line follows: the empty line that separates the header section from "
    "the body is missing.  The body is then read as header lines, each an "
    "invalid field (Amavis reports every one), and clients may show no "
    "body at all.",
    "Subject: hi\nHello Bob,\nsee you.",
    "Subject: hi\n\nHello Bob,\nsee you.")
RULE(R_SEPARATOR_WHITESPACE, "separator-whitespace", MHL_ERROR,
    MHL_RULE_MESSAGE, "RFC 5322 §2.1",
    "whitespace-only line where the empty line belongs",
    "The line where the empty line before the body belongs holds spaces "
    "or tabs.  It looks empty but is not: a line starting with whitespace "
    "continues the previous field, so Amavis and other strict parsers "
    "append it to the last field and read the body as header lines.",
    "Subject: hi\n \nHello Bob,",
    "Subject: hi\n\nHello Bob,")
