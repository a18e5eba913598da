/*
 * Dispatch of structured-field checks by field name.
 */
#include <string.h>

#include "internal.h"
#include "rfc2047.h"
#include "sf_mime.h"

typedef void field_check(struct mhl_checker *, const struct mhl_field *);

/* What a field name is known as. */
enum { NK_STRUCT = 1, NK_TEXT };

/*
 * The names known here, lower case, in strcmp() order for a binary
 * search.  NK_TEXT: unstructured text (RFC 5322 §3.6.5, RFC 2045 §8,
 * and Microsoft's Thread-Topic, a copy of the Subject).  NK_STRUCT: a
 * known structure, checked by 'check' when there is one, and otherwise
 * left alone (no guessing about encoded-words in it).  Any other name
 * is taken as unstructured but not text.  Filled in by the topic files.
 */
static const struct known {
	const char *name;
	field_check *check;
	int kind;
} known[] = {
	{ "arc-authentication-results", NULL, NK_STRUCT },
	{ "arc-message-signature", NULL, NK_STRUCT },
	{ "arc-seal", NULL, NK_STRUCT },
	{ "authentication-results", NULL, NK_STRUCT },
	{ "auto-submitted", NULL, NK_STRUCT },
	{ "bcc", sf_bcc, NK_STRUCT },
	{ "cc", sf_address_list, NK_STRUCT },
	{ "comments", NULL, NK_TEXT },
	{ "content-description", NULL, NK_TEXT },
	{ "content-disposition", mhl_mime_disposition, NK_STRUCT },
	{ "content-id", sf_message_id, NK_STRUCT },
	{ "content-language", NULL, NK_STRUCT },
	{ "content-location", NULL, NK_STRUCT },
	{ "content-md5", NULL, NK_STRUCT },
	{ "content-transfer-encoding", mhl_mime_cte, NK_STRUCT },
	{ "content-type", mhl_mime_type, NK_STRUCT },
	{ "date", sf_date, NK_STRUCT },
	{ "delivered-to", NULL, NK_STRUCT },
	{ "disposition-notification-to", NULL, NK_STRUCT },
	{ "dkim-signature", NULL, NK_STRUCT },
	{ "domainkey-signature", NULL, NK_STRUCT },
	{ "envelope-to", NULL, NK_STRUCT },
	{ "errors-to", NULL, NK_STRUCT },
	{ "from", sf_from, NK_STRUCT },
	{ "in-reply-to", sf_msgid_list, NK_STRUCT },
	{ "keywords", NULL, NK_STRUCT },
	{ "list-archive", NULL, NK_STRUCT },
	{ "list-help", NULL, NK_STRUCT },
	{ "list-id", NULL, NK_STRUCT },
	{ "list-owner", NULL, NK_STRUCT },
	{ "list-post", NULL, NK_STRUCT },
	{ "list-subscribe", NULL, NK_STRUCT },
	{ "list-unsubscribe", NULL, NK_STRUCT },
	{ "list-unsubscribe-post", NULL, NK_STRUCT },
	{ "message-id", sf_message_id, NK_STRUCT },
	{ "mime-version", mhl_mime_version, NK_STRUCT },
	{ "received", sf_received, NK_STRUCT },
	{ "received-spf", NULL, NK_STRUCT },
	{ "references", sf_msgid_list, NK_STRUCT },
	{ "reply-to", sf_address_list, NK_STRUCT },
	{ "resent-bcc", sf_bcc, NK_STRUCT },
	{ "resent-cc", sf_address_list, NK_STRUCT },
	{ "resent-date", sf_date, NK_STRUCT },
	{ "resent-from", sf_resent_from, NK_STRUCT },
	{ "resent-message-id", sf_message_id, NK_STRUCT },
	{ "resent-sender", sf_resent_sender, NK_STRUCT },
	{ "resent-to", sf_address_list, NK_STRUCT },
	{ "return-path", sf_return_path, NK_STRUCT },
	{ "return-receipt-to", NULL, NK_STRUCT },
	{ "sender", sf_sender, NK_STRUCT },
	{ "subject", NULL, NK_TEXT },
	{ "thread-topic", NULL, NK_TEXT },
	{ "to", sf_address_list, NK_STRUCT },
	{ "x-original-to", NULL, NK_STRUCT },
	{ "x-received", NULL, NK_STRUCT },
};

#define NAME_MAX_KNOWN 27       /* "disposition-notification-to" */

int
mhl_sf_table_sorted(void)
{
	size_t i;

	for (i = 1; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(known[i - 1].name, known[i].name) >= 0 ||
		    strlen(known[i].name) > NAME_MAX_KNOWN)
			return 0;
	return 1;
}

/* The entry for the field's name, or NULL. */
static const struct known *
lookup(const struct mhl_field *f)
{
	char low[NAME_MAX_KNOWN + 1];
	size_t i, lo = 0, hi = sizeof(known) / sizeof(known[0]), mid;
	unsigned char c;
	int d;

	if (f->name_len == 0 || f->name_len > NAME_MAX_KNOWN)
		return NULL;
	for (i = 0; i < f->name_len; i++) {
		c = f->name[i];
		if (c < 0x21 || c > 0x7e)
			return NULL;
		low[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	low[i] = '\0';
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((d = strcmp(low, known[mid].name)) == 0)
			return &known[mid];
		if (d < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
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
	memset(&c->sf, 0, sizeof(c->sf));
}

void
mhl_structured_field(struct mhl_checker *c, const struct mhl_field *f)
{
	const struct known *k;

	if (f->kind != MHL_FIELD_OK)
		return;
	if ((k = lookup(f)) == NULL)
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
