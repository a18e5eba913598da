/*
 * Library internals shared by the engine, the profiles and the rules.
 */
#ifndef MHL_INTERNAL_H
#define MHL_INTERNAL_H

#include "mhlint.h"
#include "structured.h"
#include "suppress.h"

enum rule_index {
#define RULE(e, id, sev, fl, cite, sum, ex, bad, good) e,
#include "ruledefs.h"
#undef RULE
	R__COUNT
};

extern const struct mhl_rule mhl_rule_table[R__COUNT];

/* Fields counted for "at most once" and "required" checks. */
enum tracked {
	T_DATE, T_FROM, T_SENDER, T_REPLY_TO, T_TO, T_CC, T_BCC, T_SUBJECT,
	T_MESSAGE_ID, T_REFERENCES, T_IN_REPLY_TO, T_MIME_VERSION,
	T_CONTENT_TYPE, T_CTE, T_CONTENT_ID, T_CONTENT_DESCRIPTION,
	T_CONTENT_DISPOSITION, T_AUTO_SUBMITTED,
	T__COUNT
};

extern const char *const mhl_tracked_names[T__COUNT];
/* Returns the tracked index of a field name, or -1. */
int mhl_tracked(const unsigned char *, size_t);

/* Sample and message buffers: big enough for any sample we build. */
#define SAMPLE_MAX (MHL_FIELD_KEEP + 512)
#define MESSAGE_MAX 512

struct mhl_checker {
	struct mhl_options opt;
	mhl_finding_fn *fn;
	void *arg;
	struct mhl_reader *reader;

	/* per message */
	uint64_t count[T__COUNT];
	uint64_t second_line[T__COUNT]; /* line of the second occurrence */
	uint64_t second_off[T__COUNT];
	uint64_t nfields;
	int tempfail;
	uint64_t nbad;       /* Amavis: findings so far */
	uint64_t hdr_size;   /* Amavis: header bytes counted */
	int run_open;        /* a run of non-field lines is open */
	uint64_t run_line, run_off, run_len;

	struct sf_state sf;  /* structured-field checks (structured.c) */

	/* X-Mhlint-Disable (suppress.c), default profile only */
	struct suppress *sup;
	int holding;         /* findings are held until the header ends */
	uint64_t suppressed; /* findings dropped, since mhl_checker_new */

	char msg[MESSAGE_MAX];
	unsigned char sample[SAMPLE_MAX];
};

/* Emits a finding; 'sample' may be NULL. */
void mhl_emit(struct mhl_checker *, enum rule_index,
    const struct mhl_field *, uint64_t, uint64_t, uint64_t,
    const char *, size_t, const unsigned char *, size_t);

/* Emits a finding at a mark, with Amavis's sample and " (char XX hex)". */
void mhl_emit_mark(struct mhl_checker *, enum rule_index,
    const struct mhl_field *, const struct mhl_mark *, const char *);

/* Emits a finding whose sample is the line of a mark (Amavis's test 4). */
void mhl_emit_line(struct mhl_checker *, enum rule_index,
    const struct mhl_field *, const struct mhl_mark *, const char *);

/* The line, column (0: unknown) and input offset of a field's logical
 * offset, from the field's line tables. */
void mhl_field_pos(const struct mhl_field *, size_t, uint64_t *,
    uint64_t *, uint64_t *);

/* Emits a finding at 'len' logical bytes of a field from offset 'off',
 * with an Amavis-style sample around them. */
void mhl_emit_at(struct mhl_checker *, enum rule_index,
    const struct mhl_field *, size_t, size_t, const char *);

/* mhl_emit_span, once per rule and field (the default profile's
 * convention; structured.c). */
void mhl_emit_span_once(struct mhl_checker *, enum rule_index,
    const struct mhl_field *, size_t, size_t, const char *);

/* Emits "Duplicate header field" or "occurs N times" for tracked field t,
 * at its second occurrence. */
void mhl_emit_multiple(struct mhl_checker *, enum rule_index, int);

/* Emits a finding whose sample is the whole field (as far as kept). */
void mhl_emit_field(struct mhl_checker *, enum rule_index,
    const struct mhl_field *, const char *);

/*
 * Emits a finding at logical offset 'off' of a field (line and column
 * mapped through the field's line starts) whose sample is the field's
 * kept bytes [off, off + n), cut to SPAN_SAMPLE_MAX bytes plus "[...]".
 */
#define SPAN_SAMPLE_MAX 200
void mhl_emit_span(struct mhl_checker *, enum rule_index,
    const struct mhl_field *, size_t, size_t, const char *);

/*
 * Amavis's sample: pre, mid and post cut as SPEC.md says.  'pre' holds
 * the last pre_n of pre_len bytes (all of them when pre_n == pre_len);
 * 'mid' and 'post' their first bytes.  Returns the length written to dst
 * (at least SAMPLE_MAX bytes).
 */
size_t mhl_sample(unsigned char *, const unsigned char *, size_t,
    const unsigned char *, size_t, size_t,
    const unsigned char *, size_t, size_t,
    const unsigned char *, size_t, size_t);

/* " (char XX YY hex)" for a mid of 1 to 4 bytes, else "". */
size_t mhl_char_hex(char *, size_t, const unsigned char *, size_t);

/* The profiles. */
void mhl_default_field(struct mhl_checker *, const struct mhl_field *);
void mhl_default_end(struct mhl_checker *, const struct mhl_header_end *);
void mhl_amavis_field(struct mhl_checker *, const struct mhl_field *);
void mhl_amavis_end(struct mhl_checker *, const struct mhl_header_end *);

#endif /* MHL_INTERNAL_H */
