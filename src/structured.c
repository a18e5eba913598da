/*
 * Dispatch of structured-field checks by field name.
 */
#include <string.h>

#include "internal.h"
#include "rfc2047.h"
#include "sf_mime.h"

typedef void field_check(struct mhl_checker *, const struct mhl_field *);

/* Field name (lower case) -> its check.  Filled in by the topic files. */
static const struct {
	const char *name;
	field_check *check;
} checks[] = {
	{ "mime-version", mhl_mime_version },
	{ "content-type", mhl_mime_type },
	{ "content-transfer-encoding", mhl_mime_cte },
	{ "content-disposition", mhl_mime_disposition },
	{ "bcc", sf_bcc },
	{ "cc", sf_address_list },
	{ "content-id", sf_message_id },
	{ "date", sf_date },
	{ "from", sf_from },
	{ "in-reply-to", sf_msgid_list },
	{ "message-id", sf_message_id },
	{ "received", sf_received },
	{ "references", sf_msgid_list },
	{ "reply-to", sf_address_list },
	{ "resent-bcc", sf_bcc },
	{ "resent-cc", sf_address_list },
	{ "resent-date", sf_date },
	{ "resent-from", sf_resent_from },
	{ "resent-message-id", sf_message_id },
	{ "resent-sender", sf_resent_sender },
	{ "resent-to", sf_address_list },
	{ "return-path", sf_return_path },
	{ "sender", sf_sender },
	{ "to", sf_address_list },
	{ NULL, NULL }
};

static int
name_is(const struct mhl_field *f, const char *lname)
{
	size_t i, n;
	unsigned char c;

	/* Most names differ in the first byte: try that before strlen. */
	c = f->name[0];
	if (c >= 'A' && c <= 'Z')
		c = (unsigned char)(c - 'A' + 'a');
	if (f->name_len == 0 || c != (unsigned char)lname[0])
		return 0;
	if (f->name_len != (n = strlen(lname)))
		return 0;
	for (i = 1; i < n; i++) {
		c = f->name[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c != (unsigned char)lname[i])
			return 0;
	}
	return 1;
}

/*
 * Fields whose body is unstructured text (RFC 5322 §3.6.5, RFC 2045
 * §8), plus Microsoft's Thread-Topic, a copy of the Subject.
 */
static const char *const text_fields[] = {
	"subject", "comments", "content-description", "thread-topic", NULL
};

/*
 * Fields with a known structure that have no check of their own: no
 * guessing about encoded-words in them.
 */
static const char *const structured_fields[] = {
	"date", "from", "sender", "reply-to", "to", "cc", "bcc",
	"message-id", "in-reply-to", "references", "keywords", "received",
	"return-path", "resent-date", "resent-from", "resent-sender",
	"resent-to", "resent-cc", "resent-bcc", "resent-message-id",
	"mime-version", "content-type", "content-transfer-encoding",
	"content-id", "content-disposition", "content-language",
	"content-location", "content-md5", "dkim-signature",
	"domainkey-signature", "arc-seal", "arc-message-signature",
	"arc-authentication-results", "authentication-results",
	"received-spf", "list-id", "list-unsubscribe", "list-unsubscribe-post",
	"list-subscribe", "list-post", "list-help", "list-owner",
	"list-archive", "disposition-notification-to", "return-receipt-to",
	"errors-to", "delivered-to", "x-original-to", "envelope-to",
	"auto-submitted", "x-received", NULL
};

static int
name_in(const struct mhl_field *f, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (name_is(f, list[i]))
			return 1;
	return 0;
}

/* RFC 2047 §5 (1): encoded-words in a field without a check of its own. */
static void
unstructured(struct mhl_checker *c, const struct mhl_field *f)
{
	size_t end = f->kept < f->len ? f->kept : f->len;

	/* cheap first: most fields hold no "=?" at all */
	if (f->value_off >= end || memchr(f->buf + f->value_off, '?',
	    end - f->value_off) == NULL)
		return;
	if (name_in(f, text_fields))
		mhl_ew_unstructured(c, f, f->value_off, end, 1);
	else if (!name_in(f, structured_fields))
		mhl_ew_unstructured(c, f, f->value_off, end, 0);
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
	size_t i;

	if (f->kind != MHL_FIELD_OK)
		return;
	for (i = 0; checks[i].name != NULL; i++)
		if (name_is(f, checks[i].name)) {
			checks[i].check(c, f);
			return;
		}
	unstructured(c, f);
}

void
mhl_structured_end(struct mhl_checker *c, const struct mhl_header_end *e)
{
	(void)e;
	mhl_mime_end(c);
	sf_address_end(c);
}
