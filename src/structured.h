/*
 * Checks of structured field bodies: RFC 5322 §3.3-3.6 (dates,
 * addresses, message identifiers, trace fields), MIME (RFC 2045, 2046,
 * 2183, 2231) and RFC 2047 encoded-words.  The default profile calls
 * these after the byte-level checks of each field.
 */
#ifndef MHL_STRUCTURED_H
#define MHL_STRUCTURED_H

#include <stddef.h>
#include <stdint.h>

struct mhl_checker;
struct mhl_field;
struct mhl_header_end;

#define SF_ONCE_MAX 32

/* Per-message state of the structured checks (cross-field facts). */
struct sf_state {
	int from_mailboxes;   /* mailboxes in From (Sender is needed if > 1) */
	int have_sender;
	/* MIME (sf_mime.c) */
	int mime_version;          /* a MIME-Version field was seen */
	const char *mime_content;  /* the first Content-Type or CTE field */
	uint64_t mime_content_line, mime_content_off;
	/* rules already reported for the current field (mhl_sf_first) */
	uint64_t once_line;
	int once_rule[SF_ONCE_MAX];
	int once_n;
	uint64_t from_line, from_off; /* where that From is */
};

/*
 * Returns 1 the first time a rule is reported for field f, 0 after:
 * the default profile reports each kind of problem once per field.
 */
int mhl_sf_first(struct mhl_checker *, const struct mhl_field *, int);

/* Whether the table of known field names is as lookup() needs it: lower
 * case letters, digits and "-", no name twice (for the tests). */
int mhl_sf_table_ok(void);
/* Whether every known name is found, in lower and upper case. */
int mhl_sf_table_found(void);
/* Fills the table of known names, once for the process: every checker
 * calls it when it is made, before it looks up a name. */
void mhl_structured_init(void);

/* What a field's name is known as (NULL: nothing known), looked up once
 * per field; its enum tracked index, or -1. */
struct sf_known;
const struct sf_known *mhl_sf_lookup(const struct mhl_field *);
int mhl_sf_tracked(const struct sf_known *);

void mhl_structured_begin(struct mhl_checker *);
void mhl_structured_field(struct mhl_checker *, const struct mhl_field *,
    const struct sf_known *);
void mhl_structured_end(struct mhl_checker *, const struct mhl_header_end *);

/* The checks of each topic, by field (sf_*.c). */
void sf_date(struct mhl_checker *, const struct mhl_field *);
/* A date-time from logical offset start to end of a field (Received). */
void sf_date_at(struct mhl_checker *, const struct mhl_field *, size_t,
    size_t);
void sf_from(struct mhl_checker *, const struct mhl_field *);
void sf_resent_from(struct mhl_checker *, const struct mhl_field *);
void sf_sender(struct mhl_checker *, const struct mhl_field *);
void sf_resent_sender(struct mhl_checker *, const struct mhl_field *);
void sf_address_list(struct mhl_checker *, const struct mhl_field *);
void sf_bcc(struct mhl_checker *, const struct mhl_field *);
void sf_return_path(struct mhl_checker *, const struct mhl_field *);
void sf_address_end(struct mhl_checker *);
void sf_message_id(struct mhl_checker *, const struct mhl_field *);
void sf_msgid_list(struct mhl_checker *, const struct mhl_field *);
void sf_received(struct mhl_checker *, const struct mhl_field *);

#endif /* MHL_STRUCTURED_H */
