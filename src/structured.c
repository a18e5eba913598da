/*
 * Dispatch of structured-field checks by field name.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "chars.h"
#include "internal.h"
#include "rfc2047.h"
#include "sf_mime.h"

typedef void field_check(struct mhl_checker *, const struct mhl_field *);

/* What a field name is known as. */
enum { NK_STRUCT = 1, NK_TEXT };

/*
 * The names known here, lower case (letters, digits and "-" only: lookup()
 * folds case by OR-ing 0x20 into the name's bytes, which is exact for
 * these, as a name holds no control character), grouped by length.
 * NK_TEXT: unstructured text (RFC 5322 §3.6.5, RFC 2045 §8, and
 * Microsoft's Thread-Topic, a copy of the Subject).
 * NK_STRUCT: a known structure, checked by 'check' when there is one, and
 * otherwise left alone (no guessing about encoded-words in it).  Any other
 * name is taken as unstructured but not text.  Filled in by the topic
 * files.
 */
#define K(name, check, kind, tracked) \
	{ name, sizeof(name) - 1, check, kind, tracked }

static const struct sf_known {
	const char *name;
	size_t len;
	field_check *check;
	int kind;
	int tracked;            /* enum tracked, or -1 */
} known[] = {
	K("cc", sf_address_list, NK_STRUCT, T_CC),
	K("to", sf_address_list, NK_STRUCT, T_TO),
	K("bcc", sf_bcc, NK_STRUCT, T_BCC),
	K("date", sf_date, NK_STRUCT, T_DATE),
	K("from", sf_from, NK_STRUCT, T_FROM),
	K("sender", sf_sender, NK_STRUCT, T_SENDER),
	K("list-id", NULL, NK_STRUCT, -1),
	K("subject", NULL, NK_TEXT, T_SUBJECT),
	K("arc-seal", NULL, NK_STRUCT, -1),
	K("comments", NULL, NK_TEXT, -1),
	K("keywords", NULL, NK_STRUCT, -1),
	K("received", sf_received, NK_STRUCT, -1),
	K("reply-to", sf_address_list, NK_STRUCT, T_REPLY_TO),
	K("errors-to", NULL, NK_STRUCT, -1),
	K("list-help", NULL, NK_STRUCT, -1),
	K("list-post", NULL, NK_STRUCT, -1),
	K("resent-cc", sf_address_list, NK_STRUCT, -1),
	K("resent-to", sf_address_list, NK_STRUCT, -1),
	K("content-id", sf_message_id, NK_STRUCT, T_CONTENT_ID),
	K("list-owner", NULL, NK_STRUCT, -1),
	K("message-id", sf_message_id, NK_STRUCT, T_MESSAGE_ID),
	K("references", sf_msgid_list, NK_STRUCT, T_REFERENCES),
	K("resent-bcc", sf_bcc, NK_STRUCT, -1),
	K("x-received", NULL, NK_STRUCT, -1),
	K("content-md5", NULL, NK_STRUCT, -1),
	K("envelope-to", NULL, NK_STRUCT, -1),
	K("in-reply-to", sf_msgid_list, NK_STRUCT, T_IN_REPLY_TO),
	K("resent-date", sf_date, NK_STRUCT, -1),
	K("resent-from", sf_resent_from, NK_STRUCT, -1),
	K("return-path", sf_return_path, NK_STRUCT, -1),
	K("content-type", mhl_mime_type, NK_STRUCT, T_CONTENT_TYPE),
	K("delivered-to", NULL, NK_STRUCT, -1),
	K("list-archive", NULL, NK_STRUCT, -1),
	K("mime-version", mhl_mime_version, NK_STRUCT, T_MIME_VERSION),
	K("received-spf", NULL, NK_STRUCT, -1),
	K("thread-topic", NULL, NK_TEXT, -1),
	K("resent-sender", sf_resent_sender, NK_STRUCT, -1),
	K("x-original-to", NULL, NK_STRUCT, -1),
	K("auto-submitted", NULL, NK_STRUCT, T_AUTO_SUBMITTED),
	K("dkim-signature", NULL, NK_STRUCT, -1),
	K("list-subscribe", NULL, NK_STRUCT, -1),
	K("content-language", NULL, NK_STRUCT, -1),
	K("content-location", NULL, NK_STRUCT, -1),
	K("list-unsubscribe", NULL, NK_STRUCT, -1),
	K("resent-message-id", sf_message_id, NK_STRUCT, -1),
	K("return-receipt-to", NULL, NK_STRUCT, -1),
	K("content-description", NULL, NK_TEXT, T_CONTENT_DESCRIPTION),
	K("content-disposition", mhl_mime_disposition, NK_STRUCT,
	    T_CONTENT_DISPOSITION),
	K("domainkey-signature", NULL, NK_STRUCT, -1),
	K("arc-message-signature", NULL, NK_STRUCT, -1),
	K("list-unsubscribe-post", NULL, NK_STRUCT, -1),
	K("authentication-results", NULL, NK_STRUCT, -1),
	K("content-transfer-encoding", mhl_mime_cte, NK_STRUCT, T_CTE),
	K("arc-authentication-results", NULL, NK_STRUCT, -1),
	K("disposition-notification-to", NULL, NK_STRUCT, -1),
};

#undef K

#define NAME_MAX_KNOWN 27       /* "disposition-notification-to" */

#define NKNOWN (sizeof(known) / sizeof(known[0]))

static const struct sf_known *lookup(const unsigned char *, size_t);

/*
 * Every field is looked up, so the lookup is a hash of the name's length
 * and three of its bytes, case folded, into a table of slots a few times
 * larger than the names (open addressing, linear probing), filled once
 * by mhl_structured_init(), which every checker calls when it is made,
 * before any lookup of its own: so the lookup, run for every field, need
 * not ask (a pthread_once(3) call in it was 2% of an mbox run).
 * pthread_once(3), not C11's call_once: ThreadSanitizer sees through
 * the one, not the other, which glibc does not route through the same
 * entry.
 * A name not known ends at an empty slot after a probe or two.
 */
#define NSLOTS 256
static unsigned char slot[NSLOTS];      /* index + 1 into known[]; 0: empty */
static pthread_once_t slot_once = PTHREAD_ONCE_INIT;

static unsigned int
name_hash(const unsigned char *p, size_t n)
{
	return ((unsigned int)n * 37 + (p[0] | 0x20u) * 7 +
	    (p[n / 2] | 0x20u) * 3 + (p[n - 1] | 0x20u)) % NSLOTS;
}

static void
slot_fill(void)
{
	unsigned int h;
	size_t i;

	for (i = 0; i < NKNOWN; i++) {
		h = name_hash((const unsigned char *)known[i].name,
		    known[i].len);
		while (slot[h] != 0)
			h = (h + 1) % NSLOTS;
		slot[h] = (unsigned char)(i + 1);
	}
}

/* Eight bytes of p and of s equal, p's case folded. */
static int
same8(const unsigned char *p, const char *s)
{
	uint64_t x, y;

	memcpy(&x, p, 8);
	memcpy(&y, s, 8);
	return (x | MHL_ONES * 0x20) == y;
}

/* p[0..n) equals the known name s in any case: eight bytes at a time,
 * the last eight overlapping those before. */
static int
same_folded(const unsigned char *p, const char *s, size_t n)
{
	size_t i;

	if (n < 8) {
		for (i = 0; i < n; i++)
			if ((p[i] | 0x20) != (unsigned char)s[i])
				return 0;
		return 1;
	}
	for (i = 0; i + 8 < n; i += 8)
		if (!same8(p + i, s + i))
			return 0;
	return same8(p + n - 8, s + n - 8);
}

int
mhl_sf_table_ok(void)
{
	size_t i, j;
	char c;

	for (i = 0; i < NKNOWN; i++) {
		if (known[i].len == 0 || known[i].len > NAME_MAX_KNOWN ||
		    strlen(known[i].name) != known[i].len)
			return 0;
		for (j = 0; j < known[i].len; j++) {
			c = known[i].name[j];
			if (c != '-' && (c < 'a' || c > 'z') &&
			    (c < '0' || c > '9'))
				return 0;
		}
		for (j = 0; j < i; j++)
			if (strcmp(known[i].name, known[j].name) == 0)
				return 0;
	}
	return NKNOWN < NSLOTS / 2;
}

void
mhl_structured_init(void)
{
	(void)pthread_once(&slot_once, slot_fill);
}

/* Each name is found as itself, in upper case too (for the tests). */
int
mhl_sf_table_found(void)
{
	unsigned char up[NAME_MAX_KNOWN];
	size_t i, j;

	mhl_structured_init();

	for (i = 0; i < NKNOWN; i++) {
		for (j = 0; j < known[i].len; j++)
			up[j] = (unsigned char)(known[i].name[j] >= 'a' ?
			    known[i].name[j] - 'a' + 'A' : known[i].name[j]);
		if (lookup((const unsigned char *)known[i].name,
		    known[i].len) != &known[i] ||
		    lookup(up, known[i].len) != &known[i] ||
		    lookup(up, known[i].len - 1) == &known[i])
			return 0;
	}
	return 1;
}

/* The entry for a field name, in any case, or NULL. */
static const struct sf_known *
lookup(const unsigned char *name, size_t n)
{
	const struct sf_known *k;
	unsigned int h;

	if (n == 0 || n > NAME_MAX_KNOWN)
		return NULL;
	for (h = name_hash(name, n); slot[h] != 0; h = (h + 1) % NSLOTS) {
		k = &known[slot[h] - 1];
		if (k->len == n && same_folded(name, k->name, n))
			return k;
	}
	return NULL;
}

int
mhl_tracked(const unsigned char *name, size_t n)
{
	return mhl_sf_tracked(lookup(name, n));
}

const struct sf_known *
mhl_sf_lookup(const struct mhl_field *f)
{
	return lookup(f->name, f->name_len);
}

int
mhl_sf_tracked(const struct sf_known *k)
{
	return k != NULL ? k->tracked : -1;
}

/* RFC 2047 §5 (1): encoded-words in a field without a check of its own. */
static void
unstructured(struct mhl_checker *c, const struct mhl_field *f, int text)
{
	size_t end = f->kept < f->len ? f->kept : f->len;

	/* cheap first: most fields hold no "=?" at all */
	if (f->value_off >= end || memchr(f->buf + f->value_off, '?',
	    end - f->value_off) == NULL)
		return;
	mhl_ew_unstructured(c, f, f->value_off, end, text);
}

int
mhl_sf_first(struct mhl_checker *c, const struct mhl_field *f, int rule)
{
	struct sf_state *s = &c->sf;
	int i;

	/* fields are told apart by their first line */
	if (s->once_line != f->line) {
		s->once_line = f->line;
		s->once_n = 0;
	}
	for (i = 0; i < s->once_n; i++)
		if (s->once_rule[i] == rule)
			return 0;
	if (s->once_n < SF_ONCE_MAX)
		s->once_rule[s->once_n++] = rule;
	return 1;
}

void
mhl_emit_span_once(struct mhl_checker *c, enum rule_index ri,
    const struct mhl_field *f, size_t off, size_t len, const char *text)
{
	if (mhl_sf_first(c, f, (int)ri))
		mhl_emit_span(c, ri, f, off, len, text);
}

void
mhl_structured_begin(struct mhl_checker *c)
{
	mhl_zero(&c->sf, sizeof(c->sf));
}

void
mhl_structured_field(struct mhl_checker *c, const struct mhl_field *f,
    const struct sf_known *k)
{
	if (f->kind != MHL_FIELD_OK)
		return;
	if (k == NULL)
		unstructured(c, f, 0);
	else if (k->check != NULL)
		k->check(c, f);
	else if (k->kind == NK_TEXT)
		unstructured(c, f, 1);
}

void
mhl_structured_end(struct mhl_checker *c, const struct mhl_header_end *e)
{
	(void)e;
	mhl_mime_end(c);
	sf_address_end(c);
}
