/*
 * Dispatch of structured-field checks by field name.
 */
#include <string.h>

#include "internal.h"

typedef void field_check(struct mhl_checker *, const struct mhl_field *);

/* Field name (lower case) -> its check.  Filled in by the topic files. */
static const struct {
	const char *name;
	field_check *check;
} checks[] = {
	{ NULL, NULL }
};

static int
name_is(const struct mhl_field *f, const char *lname)
{
	size_t i, n = strlen(lname);
	unsigned char c;

	if (f->name_len != n)
		return 0;
	for (i = 0; i < n; i++) {
		c = f->name[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c != (unsigned char)lname[i])
			return 0;
	}
	return 1;
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
}

void
mhl_structured_end(struct mhl_checker *c, const struct mhl_header_end *e)
{
	(void)c;
	(void)e;
}
