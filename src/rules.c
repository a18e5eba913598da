/*
 * The one table of rule descriptors.  The list itself is ruledefs.h.
 */
#include <string.h>

#include "internal.h"

const struct mhl_rule mhl_rule_table[R__COUNT] = {
/*
 * The "" before each text makes anything but a string literal (NULL
 * included) a compile error, and lets sizeof count examples that hold
 * a NUL byte.
 */
#define RULE(e, i, sev, fl, c, sum, ex, b, g) \
	[e] = { .id = i, .severity = sev, .cite = "" c, .summary = "" sum, \
	    .explain = "" ex, .bad = "" b, .good = "" g, \
	    .bad_len = sizeof("" b) - 1, .good_len = sizeof("" g) - 1, \
	    .flags = fl },
#include "ruledefs.h"
#undef RULE
};

const struct mhl_rule *
mhl_rules(size_t *n)
{
	*n = R__COUNT;
	return mhl_rule_table;
}

const struct mhl_rule *
mhl_rule_find(const char *id)
{
	size_t lo = 0, hi = R__COUNT, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(id, mhl_rule_table[mid].id);
		if (c == 0)
			return &mhl_rule_table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

size_t
mhl_rule_index(const struct mhl_rule *r)
{
	return (size_t)(r - mhl_rule_table);
}

/* In Amavis's order, which is also the order of its reports. */
const char *const mhl_tracked_names[T__COUNT] = {
	"Date", "From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Subject",
	"Message-ID", "References", "In-Reply-To", "MIME-Version",
	"Content-Type", "Content-Transfer-Encoding", "Content-ID",
	"Content-Description", "Content-Disposition", "Auto-Submitted"
};

