/*
 * mhlint: a linter for the header section of Internet mail.
 *
 * The library has three parts, used in this order:
 *
 *   reader    raw bytes -> header fields (streaming, bounded memory);
 *   checker   runs a profile's rules over the fields and emits findings;
 *   reporter  turns findings into text in one of several formats.
 *
 * Message bytes are passed as (pointer, length) pairs and are never
 * assumed to end in NUL.  The library never prints to the user and never
 * exits; it returns -1 with errno set on I/O or memory failure.  Bad input
 * is never an error: it is a finding.
 */
#ifndef MHLINT_H
#define MHLINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define MHL_VERSION "0.1.0"

/* Logical bytes of one field kept for rules and samples; the rest is scanned. */
#define MHL_FIELD_KEEP 65536
/* Field name bytes kept. */
#define MHL_NAME_KEEP 256
/* Line starts remembered per field, for mapping offsets to line and column. */
#define MHL_LINES_KEEP 1024

enum mhl_severity {
	MHL_INFO = 0,
	MHL_WARNING = 1,
	MHL_ERROR = 2
};

enum mhl_profile {
	MHL_PROFILE_DEFAULT = 0,
	MHL_PROFILE_AMAVIS = 1
};

/* Amavis's %allowed_header_tests keys, as bits. */
enum {
	MHL_AT_SYNTAX = 1 << 0,
	MHL_AT_EMPTY = 1 << 1,
	MHL_AT_LONG = 1 << 2,
	MHL_AT_CONTROL = 1 << 3,
	MHL_AT_8BIT = 1 << 4,
	MHL_AT_UTF8 = 1 << 5,
	MHL_AT_MISSING = 1 << 6,
	MHL_AT_MULTIPLE = 1 << 7,
	MHL_AT_DEFAULT = 0xff & ~(1 << 5)
};

/* Rule flags. */
enum {
	MHL_RULE_AMAVIS = 1 << 0,   /* belongs to --profile=amavis */
	MHL_RULE_TEMPFAIL = 1 << 1, /* a temporary failure, not a finding */
	MHL_RULE_MESSAGE = 1 << 2   /* about the message, not one field */
};

struct mhl_rule {
	const char *id;               /* stable kebab-case id */
	enum mhl_severity severity;   /* default severity */
	const char *cite;             /* "RFC 5322 §2.1.1" */
	const char *summary;          /* one line */
	const char *explain;          /* why it matters in delivery */
	const char *bad;              /* header lines that fire the rule */
	const char *good;             /* their repaired form */
	size_t bad_len, good_len;     /* examples may hold NUL */
	unsigned int flags;
};

/* The rule table, sorted by id. */
const struct mhl_rule *mhl_rules(size_t *);
const struct mhl_rule *mhl_rule_find(const char *);
size_t mhl_rule_index(const struct mhl_rule *);

/* ------------------------------------------------------------------ */
/* Reader */

/* How a line ended. */
enum mhl_eol {
	MHL_EOL_NONE = 0, /* end of input */
	MHL_EOL_LF = 1,
	MHL_EOL_CRLF = 2
};

/*
 * The first occurrence of something in a field, with the bytes around it
 * that a sample is made of.  Offsets are into the field's logical bytes:
 * the raw bytes with each CRLF taken as LF, and an LF supplied when the
 * input ends inside a line.  "pre" is the tail of the bytes before the
 * occurrence, "mid" the occurrence itself, "post" the head of the bytes
 * after it.
 */
#define MHL_PRE_KEEP 48
#define MHL_MID_KEEP 56
#define MHL_POST_KEEP 24

struct mhl_mark {
	int set;
	size_t count;        /* occurrences in the field */
	size_t pos;          /* logical offset of mid */
	uint64_t line;       /* 1-based line of mid in the input */
	uint64_t col;        /* 1-based byte column */
	uint64_t offset;     /* 0-based byte offset in the input */
	size_t mid_len;      /* full length of mid */
	size_t post_len;     /* full length of post, trailing LF removed */
	size_t pre_n, mid_n, post_n;
	unsigned char pre[MHL_PRE_KEEP];
	unsigned char mid[MHL_MID_KEEP];
	unsigned char post[MHL_POST_KEEP];
	int mid_open, post_open; /* still being captured */
};

enum mhl_mark_kind {
	MHL_MK_NUL,      /* NUL */
	MHL_MK_CR,       /* CR not followed by LF */
	MHL_MK_NULCR,    /* the first NUL or bare CR */
	MHL_MK_CTL,      /* other C0 control but TAB, and DEL */
	MHL_MK_8BIT,     /* the first byte >= 0x80 */
	MHL_MK_BADUTF8,  /* the first byte of an invalid UTF-8 sequence */
	MHL_MK_C1,       /* UTF-8 encoded C1 control, U+0080..U+009F */
	MHL_MK_UTF8,     /* the first multi-byte UTF-8 character */
	MHL_MK_WSLINE,   /* the first continuation line of only SP/TAB */
	MHL_MK_LONG998,  /* the first line of 999 octets or more */
	MHL_MK_LONG78,   /* the first line of 79 octets or more */
	MHL_MK_BARELF,   /* the first line ended by LF without CR */
	MHL_MK_COUNT
};

enum mhl_field_kind {
	MHL_FIELD_OK = 0,     /* name, optional SP/TAB, colon */
	MHL_FIELD_SYNTAX = 1, /* no name or no colon */
	MHL_FIELD_LEADING = 2 /* continuation lines before any field */
};

struct mhl_field {
	enum mhl_field_kind kind;
	const unsigned char *name; /* the name as parsed (may hold 8-bit): the
	                              first bytes of buf */
	size_t name_len;           /* full length; reports show at most
	                              MHL_NAME_KEEP bytes of it */
	int ws_before_colon;       /* "Subject :" */
	size_t value_off;          /* logical offset just past the colon */
	const unsigned char *buf;  /* the first kept logical bytes */
	size_t kept;               /* bytes in buf */
	size_t len;                /* full logical length, trailing LF included */
	uint64_t line;             /* first line number */
	uint64_t offset;           /* byte offset of the first byte */
	uint64_t nlines;
	size_t nline_starts;       /* line starts kept */
	const size_t *line_log;    /* logical offset of each kept line */
	const uint64_t *line_raw;  /* raw offset of each kept line */
	unsigned int marks;        /* bit k: mark[k] is set */
	struct mhl_mark mark[MHL_MK_COUNT];
	/* the last logical bytes of a field longer than its kept bytes (for
	 * Amavis's name quirk); tail_n is 0 when buf holds the whole field */
	size_t tail_n;
	unsigned char tail[MHL_PRE_KEEP];
	uint64_t sep_line;         /* if nonzero: its last line is the separator */
	uint64_t eol_lf, eol_crlf; /* line-ending counts in the field */
};

enum mhl_hdr_end {
	MHL_END_EMPTY_LINE = 0, /* the empty line */
	MHL_END_WS_LINE = 1,    /* a line of only SP/TAB before a non-field */
	MHL_END_EOF = 2         /* the input ended inside the header section */
};

struct mhl_header_end {
	enum mhl_hdr_end how;
	uint64_t line;      /* line of the separator, or the last line */
	uint64_t offset;    /* byte offset of the separator line */
	uint64_t body_offset;
	uint64_t nfields;
	int envelope;       /* a leading mbox "From " line was skipped */
	uint64_t eol_lf, eol_crlf; /* line ends in the header section */
	uint64_t mixed_line; /* first line ending unlike the first; or 0 */
};

struct mhl_reader_ops {
	void (*field)(void *, const struct mhl_field *);
	void (*header_end)(void *, const struct mhl_header_end *);
	/* Body bytes; when NULL the reader stops at the header's end. */
	void (*body)(void *, const unsigned char *, size_t);
};

struct mhl_reader_options {
	/* Amavis's reading: whitespace-only lines always continue a field. */
	int amavis;
	/* No MHL_MK_BARELF marks (LF-only files make one in every field);
	 * the counts of line endings are kept all the same. */
	int no_lf_mark;
};

struct mhl_reader;

struct mhl_reader *mhl_reader_new(const struct mhl_reader_options *,
    const struct mhl_reader_ops *, void *);
void mhl_reader_free(struct mhl_reader *);
void mhl_reader_reset(struct mhl_reader *);
/* Returns 1 while more input is wanted, 0 once the header section ended
 * and no body callback is set. */
int mhl_reader_feed(struct mhl_reader *, const void *, size_t);
void mhl_reader_finish(struct mhl_reader *);

/* ------------------------------------------------------------------ */
/* Checker */

struct mhl_finding {
	const struct mhl_rule *rule;
	enum mhl_severity severity;
	uint64_t line;            /* 1-based; 0 for the whole message */
	uint64_t col;             /* 1-based; 0 when unknown */
	uint64_t offset;          /* byte offset in the message */
	const unsigned char *field;
	size_t field_len;
	const char *message;      /* text, may hold message bytes */
	size_t message_len;
	const unsigned char *sample;
	size_t sample_len;
	/* Amavis escapes \x{ only in findings holding 8-bit data. */
	int amavis_escape;
	/*
	 * The finding's line, as far as the field's kept bytes hold it, cut
	 * to at most MHL_SOURCE_KEEP bytes around the column (for
	 * --show-source); src is NULL when the line is not known.  src_col
	 * is the 0-based index in src of the column's byte (src_len when
	 * it lies past the end); src_cut_head and src_cut_tail say bytes of
	 * the line were left out before or after.
	 */
	const unsigned char *src;
	size_t src_len;
	size_t src_col;
	int src_cut_head, src_cut_tail;
};

#define MHL_SOURCE_KEEP 160

typedef void mhl_finding_fn(void *, const struct mhl_finding *);

/* Template placeholder styles (--template). */
enum {
	MHL_TMPL_MUSTACHE = 1 << 0, /* {{ name }}, {{{ raw }}} */
	MHL_TMPL_JINJA = 1 << 1,    /* {{ name }}, {% stmt %}, {# c #} */
	MHL_TMPL_SHELL = 1 << 2,    /* ${var} */
	MHL_TMPL_PYTHON = 1 << 3,   /* %(var)s */
	MHL_TMPL_ERB = 1 << 4,      /* <%= expr %> */
	MHL_TMPL_ALL = 0x1f
};

/* Fields a template says are added later (--assume). */
enum {
	MHL_ASSUME_DATE = 1 << 0,
	MHL_ASSUME_FROM = 1 << 1,
	MHL_ASSUME_SENDER = 1 << 2,
	MHL_ASSUME_MESSAGE_ID = 1 << 3
};

/* Sets the MHL_TMPL_* bits of a style name ("all", "mustache",
 * "handlebars", "jinja", "shell", "python", "erb"); -1 if unknown. */
int mhl_template_style(const char *, unsigned int *);
/* The MHL_ASSUME_* bit of a field name (any case), or 0 if unknown. */
unsigned int mhl_assume_bit(const char *, size_t);

struct mhl_options {
	enum mhl_profile profile;
	int smtputf8;          /* the message came with SMTPUTF8 (RFC 6531) */
	int crlf;              /* every bare LF is an error (SMTP DATA) */
	unsigned int tmpl;     /* MHL_TMPL_* placeholder styles; 0: off */
	unsigned int assume;   /* MHL_ASSUME_*: fields added later */
	unsigned int amavis_tests; /* MHL_AT_* */
	/* Per-rule switch, indexed like mhl_rules(); NULL: all on. */
	const unsigned char *enabled;
};

void mhl_options_init(struct mhl_options *);

struct mhl_checker;

struct mhl_checker *mhl_checker_new(const struct mhl_options *,
    mhl_finding_fn *, void *);
void mhl_checker_free(struct mhl_checker *);
/* Start a new message. */
void mhl_checker_reset(struct mhl_checker *);
/* Returns 1 while more input is wanted, 0 when the rest can be skipped. */
int mhl_checker_feed(struct mhl_checker *, const void *, size_t);
void mhl_checker_finish(struct mhl_checker *);
/*
 * Findings left out, since the checker was made, because the message's
 * own X-Mhlint-Disable field switched their rule off (see mhlint(1)).
 */
uint64_t mhl_checker_suppressed(const struct mhl_checker *);
/* Reads fd to the end (or to the end of the header section) and checks
 * it as one message.  Returns 0, or -1 with errno on a read error. */
int mhl_check_fd(struct mhl_checker *, int);
/* Checks one message held in memory. */
void mhl_check_buf(struct mhl_checker *, const void *, size_t);

/* ------------------------------------------------------------------ */
/* Reporter */

enum mhl_format {
	MHL_FORMAT_AMAVIS = 0,
	MHL_FORMAT_TEXT = 1,
	MHL_FORMAT_JSON = 2,   /* JSON Lines, one object per finding */
	MHL_FORMAT_SARIF = 3,  /* one SARIF 2.1.0 log per run */
	MHL_FORMAT_GITHUB = 4  /* GitHub Actions workflow commands */
};

/* Reporter flags, for the formats meant for people (amavis, text). */
enum {
	MHL_REPORT_COLOR = 1 << 0,  /* ANSI colours */
	MHL_REPORT_SOURCE = 1 << 1  /* text: the line and a caret */
};

struct mhl_reporter;

struct mhl_reporter *mhl_reporter_new(enum mhl_format, FILE *);
void mhl_reporter_free(struct mhl_reporter *);
/*
 * One message: path NULL is standard input, reported without a path;
 * msgno is the message's 1-based number in an mbox, or 0 for a file that
 * holds one message.
 */
void mhl_reporter_begin(struct mhl_reporter *, const char *, uint64_t);
void mhl_reporter_finding(struct mhl_reporter *, const struct mhl_finding *);
void mhl_reporter_end(struct mhl_reporter *);
/* The end of the run: formats that write one document per run (SARIF)
 * write it here.  Returns -1 if the output stream failed. */
int mhl_reporter_finish(struct mhl_reporter *);
/* Suitable as an mhl_finding_fn with the reporter as argument. */
void mhl_report_cb(void *, const struct mhl_finding *);
int mhl_format_parse(const char *, enum mhl_format *);
/* The format's names, ", "-separated, for messages. */
const char *mhl_format_names(void);
/* 1 for formats read by programs (json, sarif, github): anything else a
 * run prints, such as a summary, belongs on standard error. */
int mhl_format_is_machine(enum mhl_format);
void mhl_reporter_set_flags(struct mhl_reporter *, unsigned int);

/* Escaping shared by the formats: bytes outside 0x20..0x7E as \x{XX}. */
size_t mhl_escape(FILE *, const unsigned char *, size_t, int);

/* ------------------------------------------------------------------ */
/* mbox splitter */

/*
 * Splits an mbox (RFC 4155; mboxo and mboxrd) into messages at its
 * separator lines: a line that starts "From " and is not a header field
 * named "From" (that is, after "From" and SP/TAB comes no colon).  A
 * quoted ">From " line is body content.  The first message starts at the
 * first byte, whether or not it is a separator line; each message's bytes
 * include its own separator line (the reader skips it as the envelope).
 *
 * The "bytes" callback gets the message's bytes in pieces; when it
 * returns 0 the rest of that message is not wanted and the splitter
 * skips it with a fast scan for the next separator.  Nothing depends on
 * how the input is cut into feeds.  Memory is a few dozen bytes.
 */
struct mhl_mbox_ops {
	void (*begin)(void *, uint64_t); /* message number, 1-based */
	int (*bytes)(void *, const unsigned char *, size_t);
	void (*end)(void *);
};

/* SP/TAB after "From " looked at before calling the line a separator. */
#define MHL_MBOX_HOLD 64

struct mhl_mbox {
	struct mhl_mbox_ops ops;
	void *arg;
	uint64_t msgno;  /* messages begun */
	int want;        /* the current message wants more bytes */
	int bol;         /* at the start of a line */
	size_t hold_n;   /* bytes of a possible separator held back */
	unsigned char hold[5 + MHL_MBOX_HOLD];
};

void mhl_mbox_init(struct mhl_mbox *, const struct mhl_mbox_ops *, void *);
void mhl_mbox_feed(struct mhl_mbox *, const void *, size_t);
/* Ends the input; returns the number of messages. */
uint64_t mhl_mbox_finish(struct mhl_mbox *);
/* Does the input start with an mbox separator line?  Returns 1 yes, 0 no,
 * -1 when more bytes are needed to tell. */
int mhl_mbox_is_separator(const void *, size_t);

#endif /* MHLINT_H */
