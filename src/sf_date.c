/*
 * Date and Resent-Date (RFC 5322 §3.3, §3.6.1, §3.6.6), and the
 * date-time that ends a Received field (§3.6.7).
 *
 *   date-time       =   [ day-of-week "," ] date time [CFWS]
 *   day-of-week     =   ([FWS] day-name) / obs-day-of-week
 *   day-name        =   "Mon" / "Tue" / "Wed" / "Thu" /
 *                       "Fri" / "Sat" / "Sun"
 *   date            =   day month year
 *   day             =   ([FWS] 1*2DIGIT FWS) / obs-day
 *   month           =   "Jan" / "Feb" / "Mar" / "Apr" /
 *                       "May" / "Jun" / "Jul" / "Aug" /
 *                       "Sep" / "Oct" / "Nov" / "Dec"
 *   year            =   (FWS 4*DIGIT FWS) / obs-year
 *   time            =   time-of-day zone
 *   time-of-day     =   hour ":" minute [ ":" second ]
 *   hour            =   2DIGIT / obs-hour
 *   minute          =   2DIGIT / obs-minute
 *   second          =   2DIGIT / obs-second
 *   zone            =   (FWS ( "+" / "-" ) 4DIGIT) / obs-zone
 *
 *   obs-day-of-week =   [CFWS] day-name [CFWS]
 *   obs-day         =   [CFWS] 1*2DIGIT [CFWS]
 *   obs-year        =   [CFWS] 2*DIGIT [CFWS]
 *   obs-hour        =   [CFWS] 2DIGIT [CFWS]
 *   obs-minute      =   [CFWS] 2DIGIT [CFWS]
 *   obs-second      =   [CFWS] 2DIGIT [CFWS]
 *   obs-zone        =   "UT" / "GMT" / "EST" / "EDT" / "CST" / "CDT" /
 *                       "MST" / "MDT" / "PST" / "PDT" /
 *                       %d65-73 / %d75-90 / %d97-105 / %d107-122
 *
 * §3.3: "the day-of-week (if included) MUST be the day implied by the
 * date, the numeric day-of-month MUST be between 1 and the number of
 * days allowed for the specified month (in the specified year), the
 * time-of-day MUST be in the range 00:00:00 through 23:59:60 (the
 * number of seconds allowing for a leap second ...), and the last two
 * digits of the zone MUST be within the range 00 through 59."  "The
 * year is any numeric year 1900 or later."  §4.3: a two-digit year
 * 00-49 is 2000-2049, 50-99 and three-digit years add 1900.
 *
 * The names are ABNF literal strings, so case does not matter.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "lex5322.h"
#include "sf_address.h"
#include "sf_date.h"

struct dp {
	struct mhl_checker *c;
	const struct mhl_field *f;
	struct lx lx;
	struct lx_tok t;
	size_t obs_off, obs_len;
	const char *obs;  /* the first obsolete form met */
};

static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri",
	"Sat", "Sun" };
static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/*
 * Three bytes, each with its 0x20 bit set, in one int, to look the
 * names up without a loop of compares over the tables.  Only letters
 * become 'a'..'z' by that OR, so no other bytes match.
 */
#define K3(a, b, c) ((unsigned long)(a) << 16 | (unsigned long)(b) << 8 | \
	(unsigned long)(c))

static unsigned long
key3(const unsigned char *p)
{
	return K3(p[0] | 0x20, p[1] | 0x20, p[2] | 0x20);
}

/*
 * The names by a perfect hash of that int: the key times a multiplier,
 * shifted, puts each name in a slot of its own (the multipliers and
 * shifts were found by search); the name in the slot must then be the
 * key itself.  An empty slot's key is 0, which key3() never gives.
 */
struct name_slot {
	unsigned long key;
	int idx;
};

/* The day-name at p (3 bytes), 0 = Mon; -1 if none. */
static int
day_idx(const unsigned char *p)
{
	static const struct name_slot slot[8] = {
		{ K3('s', 'u', 'n'), 6 }, { 0, -1 },
		{ K3('m', 'o', 'n'), 0 }, { K3('w', 'e', 'd'), 2 },
		{ K3('t', 'h', 'u'), 3 }, { K3('t', 'u', 'e'), 1 },
		{ K3('s', 'a', 't'), 5 }, { K3('f', 'r', 'i'), 4 },
	};
	unsigned long k = key3(p);
	const struct name_slot *s = &slot[(k * 21 >> 16) & 7];

	return s->key == k ? s->idx : -1;
}

/* The month at p (3 bytes), 0 = Jan; -1 if none. */
static int
month_idx(const unsigned char *p)
{
	static const struct name_slot slot[16] = {
		{ K3('m', 'a', 'r'), 2 }, { 0, -1 },
		{ K3('a', 'p', 'r'), 3 }, { K3('j', 'u', 'l'), 6 },
		{ 0, -1 }, { K3('j', 'u', 'n'), 5 },
		{ K3('m', 'a', 'y'), 4 }, { K3('s', 'e', 'p'), 8 },
		{ K3('n', 'o', 'v'), 10 }, { 0, -1 },
		{ K3('f', 'e', 'b'), 1 }, { K3('d', 'e', 'c'), 11 },
		{ 0, -1 }, { K3('j', 'a', 'n'), 0 },
		{ K3('o', 'c', 't'), 9 }, { K3('a', 'u', 'g'), 7 },
	};
	unsigned long k = key3(p);
	const struct name_slot *s = &slot[(k * 111 >> 7) & 15];

	return s->key == k ? s->idx : -1;
}

/* Whether p (n bytes) is an obs-zone: a military letter (any but J),
 * "UT", "GMT" or a US zone. */
static int
is_obs_zone(const unsigned char *p, size_t n)
{
	if (n == 1)
		return (p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z' &&
		    (p[0] | 0x20) != 'j';
	if (n == 2)
		return (p[0] | 0x20) == 'u' && (p[1] | 0x20) == 't';
	if (n != 3)
		return 0;
	switch (key3(p)) {
	case K3('g', 'm', 't'):
	case K3('e', 's', 't'): case K3('e', 'd', 't'):
	case K3('c', 's', 't'): case K3('c', 'd', 't'):
	case K3('m', 's', 't'): case K3('m', 'd', 't'):
	case K3('p', 's', 't'): case K3('p', 'd', 't'):
		return 1;
	default:
		return 0;
	}
}

/* The current token as a day-name or month (the lookup given); -1 if
 * it is not one. */
static int
name_idx(const struct dp *d, int (*idx)(const unsigned char *))
{
	if (d->t.kind != LX_ATOM || d->t.len != 3)
		return -1;
	return idx(d->lx.p + d->t.off);
}

/* The value of an all-digit atom, its digit count in *nd; -1 if not. */
static long
number(const struct dp *d, size_t *nd)
{
	const unsigned char *p = d->lx.p + d->t.off;
	long v = 0;
	size_t i;

	*nd = 0;
	if (d->t.kind != LX_ATOM || d->t.len > 9)
		return -1;
	for (i = 0; i < d->t.len; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	*nd = d->t.len;
	return v;
}

static void
next(struct dp *d)
{
	lx_next(&d->lx, &d->t);
	/* A comment inside the date-time is obsolete CFWS. */
	if ((d->t.flags & LXF_COMMENT) && d->t.kind != LX_END &&
	    d->obs == NULL) {
		d->obs = "comment inside the date-time";
		d->obs_off = d->t.off;
		d->obs_len = d->t.len;
	}
}

static void
obsolete(struct dp *d, const char *why)
{
	if (d->obs != NULL)
		return;
	d->obs = why;
	d->obs_off = d->t.off;
	d->obs_len = d->t.len;
}

static int
syntax(struct dp *d, const char *what)
{
	char msg[MESSAGE_MAX];

	if (d->t.kind == LX_BAD)
		snprintf(msg, sizeof(msg), "Invalid date-time: %s", d->t.err);
	else if (d->t.kind == LX_END)
		snprintf(msg, sizeof(msg), "Invalid date-time: %s, found the "
		    "end of the field", what);
	else
		snprintf(msg, sizeof(msg), "Invalid date-time: %s, found "
		    "\"%.*s\"", what, (int)(d->t.len > 40 ? 40 : d->t.len),
		    (const char *)d->lx.p + d->t.off);
	mhl_emit_at(d->c, R_DATE_SYNTAX, d->f, d->t.off, d->t.len, msg);
	return -1;
}

static int
is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(long y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	return m == 1 && is_leap(y) ? 29 : dim[m];
}

/* 0 = Monday, for the proleptic Gregorian calendar.  The year is 1900
 * or later (both paths check it first), so all is unsigned: no sign
 * fix-ups in the divisions. */
static int
weekday(long y, int m, long dd)
{
	static const unsigned char t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2,
		4 };
	unsigned long u = (unsigned long)y - (m < 2);

	/* Sakamoto's method gives 0 = Sunday; 6 more makes Monday 0. */
	return (int)((u + u / 4 - u / 100 + u / 400 + t[m] +
	    (unsigned long)dd + 6) % 7);
}

static int
has_holder(const struct mhl_field *f, unsigned int tmpl, size_t start,
    size_t end)
{
	size_t i;

	if (tmpl == 0)
		return 0;
	for (i = start; i < end; i++)
		if (mhl_template_match(tmpl, f->buf + i, end - i) > 0)
			return 1;
	return 0;
}

static int
range(struct dp *d, size_t off, size_t len, const char *what, long v,
    const char *limits)
{
	char msg[MESSAGE_MAX];

	snprintf(msg, sizeof(msg), "Invalid date-time: %s %ld is out of "
	    "range (%s)", what, v, limits);
	mhl_emit_at(d->c, R_DATE_INVALID, d->f, off, len, msg);
	return -1;
}

/* Parses and checks one date-time; returns -1 after an error. */
static int
date_time(struct dp *d)
{
	struct lx_tok wtok, ytok, dtok;
	long dd, y, hh, mm, ss = 0, zz;
	size_t nd;
	int wd = -1, mon;
	char msg[MESSAGE_MAX];

	memset(&wtok, 0, sizeof(wtok));
	next(d);
	if (d->t.kind == LX_ATOM && (d->lx.p[d->t.off] | 0x20) >= 'a' &&
	    (d->lx.p[d->t.off] | 0x20) <= 'z') {
		wtok = d->t;
		if ((wd = name_idx(d, day_idx)) < 0)
			return syntax(d, "expected a day name (Mon..Sun) or "
			    "the day of the month");
		next(d);
		if (d->t.kind != LX_SPECIAL || d->t.ch != ',')
			return syntax(d, "expected ',' after the day name");
		if (d->t.flags & LXF_WS)
			obsolete(d, "space before ',' after the day name");
		next(d);
	}
	dtok = d->t;
	if ((dd = number(d, &nd)) < 0 || nd > 2)
		return syntax(d, "expected the day of the month (1 or 2 "
		    "digits)");
	next(d);
	if ((mon = name_idx(d, month_idx)) < 0)
		return syntax(d, "expected a month name (Jan..Dec)");
	next(d);
	ytok = d->t;
	if ((y = number(d, &nd)) < 0 || nd < 2)
		return syntax(d, "expected the year");
	if (nd == 2) {
		obsolete(d, "two-digit year");
		y += y < 50 ? 2000 : 1900;
	} else if (nd == 3) {
		obsolete(d, "three-digit year");
		y += 1900;
	}
	next(d);
	if ((hh = number(d, &nd)) < 0 || nd != 2)
		return syntax(d, "expected the hour (2 digits)");
	if (hh > 23)
		return range(d, d->t.off, d->t.len, "hour", hh, "00-23");
	next(d);
	if (d->t.kind != LX_SPECIAL || d->t.ch != ':')
		return syntax(d, "expected ':' after the hour");
	if (d->t.flags & LXF_WS)
		obsolete(d, "space inside the time of day");
	next(d);
	if (d->t.flags & LXF_WS)
		obsolete(d, "space inside the time of day");
	if ((mm = number(d, &nd)) < 0 || nd != 2)
		return syntax(d, "expected the minute (2 digits)");
	if (mm > 59)
		return range(d, d->t.off, d->t.len, "minute", mm, "00-59");
	next(d);
	if (d->t.kind == LX_SPECIAL && d->t.ch == ':') {
		if (d->t.flags & LXF_WS)
			obsolete(d, "space inside the time of day");
		next(d);
		if (d->t.flags & LXF_WS)
			obsolete(d, "space inside the time of day");
		if ((ss = number(d, &nd)) < 0 || nd != 2)
			return syntax(d, "expected the second (2 digits)");
		if (ss > 60)
			return range(d, d->t.off, d->t.len, "second", ss,
			    "00-60");
		next(d);
	}
	if (d->t.kind == LX_ATOM && d->t.len == 5 &&
	    (d->lx.p[d->t.off] == '+' || d->lx.p[d->t.off] == '-')) {
		d->t.off++;
		d->t.len--;
		zz = number(d, &nd);
		d->t.off--;
		d->t.len++;
		if (zz < 0)
			return syntax(d, "expected a zone (+hhmm or -hhmm)");
		if (zz % 100 > 59)
			return range(d, d->t.off, d->t.len, "zone minute",
			    zz % 100, "00-59");
		if (!(d->t.flags & LXF_WS))
			return syntax(d, "expected a space before the zone");
	} else if (d->t.kind == LX_ATOM && is_obs_zone(d->lx.p + d->t.off,
	    d->t.len))
		obsolete(d, "alphabetic time zone; use a numeric zone like "
		    "+0000");
	else
		return syntax(d, "expected a zone (+hhmm or -hhmm)");
	next(d);
	if (d->t.kind != LX_END)
		return syntax(d, "unexpected text after the zone");

	if (ytok.len >= 4 && y < 1900)
		return range(d, ytok.off, ytok.len, "year", y,
		    "1900 or later");
	if (dd < 1 || dd > month_days(y, mon)) {
		snprintf(msg, sizeof(msg), "Invalid date-time: %s has no day "
		    "%ld in %ld", months[mon], dd, y);
		mhl_emit_at(d->c, R_DATE_INVALID, d->f, dtok.off, dtok.len,
		    msg);
		return -1;
	}
	if (wd >= 0 && weekday(y, mon, dd) != wd) {
		snprintf(msg, sizeof(msg), "Day of week does not match the "
		    "date: %ld %s %ld is a %s, not a %s", dd, months[mon], y,
		    days[weekday(y, mon, dd)], days[wd]);
		mhl_emit_at(d->c, R_DATE_WEEKDAY, d->f, wtok.off, wtok.len,
		    msg);
	}
	(void)hh;
	(void)mm;
	(void)ss;
	return 0;
}

/*
 * The fast path.  Nearly every date-time met is in the strict form
 *
 *   [day-name ","] *WS 1*2DIGIT 1*WS month 1*WS 4DIGIT 1*WS
 *   2DIGIT ":" 2DIGIT [":" 2DIGIT] 1*WS ("+" / "-") 4DIGIT
 *   *(WS / comment)
 *
 * where WS is SP, TAB or a fold and a trailing comment holds no "(" and
 * no backslash.  sf_date_quick() reads that form in one pass, with the
 * checks date_time() makes (hour, minute, second and zone minute in
 * range, a year of 1900 or later, the day in its month, the day of the
 * week).  It returns 1 only when all of that holds: then
 * date_time() would find nothing either.  Anything else (obsolete
 * forms, a comment before the end, a value out of range, any other
 * byte) returns 0, and the general path reads the date-time token by
 * token and words what it finds.  A test in tests/test_rules.c runs
 * both paths over many date-times and compares them.
 */

/* The value of the two digits at p[i], both before end; -1 if not. */
static inline long
digits2(const unsigned char *p, size_t i, size_t end)
{
	unsigned int a, b;

	if (end - i < 2)
		return -1;
	/* Below '0' wraps around to more than 9. */
	a = (unsigned int)p[i] - '0';
	b = (unsigned int)p[i + 1] - '0';
	if (a > 9 || b > 9)
		return -1;
	return (long)(a * 10 + b);
}

/* The same for four digits. */
static inline long
digits4(const unsigned char *p, size_t i, size_t end)
{
	long hi, lo;

	if (end - i < 4 || (hi = digits2(p, i, end)) < 0 ||
	    (lo = digits2(p, i + 2, end)) < 0)
		return -1;
	return hi * 100 + lo;
}

int
sf_date_quick(const struct mhl_field *f, size_t start, size_t end)
{
	const unsigned char *p = f->buf;
	long dd, y, hh, mm, ss, zz;
	size_t i, j;
	int wd = -1, mon;

	/* The general path's bounds (lx_init_at()): the LF that ends
	 * the field is not part of the date-time. */
	if (f->len > f->kept)
		return 0;
	if (end > f->kept)
		end = f->kept;
	if (end == f->kept && end > 0 && p[end - 1] == '\n')
		end--;
	if (start >= end)
		return 0;
	i = sf_q_ws(p, start, end);
	if (end - i >= 4 && p[i + 3] == ',') {
		if ((wd = day_idx(p + i)) < 0)
			return 0;
		i = sf_q_ws(p, i + 4, end);
	}
	/* Day, month and year, each ended by white space. */
	if ((dd = digits2(p, i, end)) >= 0)
		j = i + 2;
	else if (i < end && p[i] >= '0' && p[i] <= '9') {
		dd = p[i] - '0';
		j = i + 1;
	} else
		return 0;
	if ((i = sf_q_ws(p, j, end)) == j)
		return 0;
	if (end - i < 3 || (mon = month_idx(p + i)) < 0)
		return 0;
	j = i + 3;
	if ((i = sf_q_ws(p, j, end)) == j)
		return 0;
	if ((y = digits4(p, i, end)) < 1900)
		return 0;
	j = i + 4;
	if ((i = sf_q_ws(p, j, end)) == j)
		return 0;
	/* The time of day, without white space inside. */
	if ((hh = digits2(p, i, end)) < 0 || hh > 23 || end - i < 5 ||
	    p[i + 2] != ':' || (mm = digits2(p, i + 3, end)) < 0 || mm > 59)
		return 0;
	j = i + 5;
	if (j < end && p[j] == ':') {
		if ((ss = digits2(p, j + 1, end)) < 0 || ss > 60)
			return 0;
		j += 3;
	}
	if ((i = sf_q_ws(p, j, end)) == j)
		return 0;
	/* The zone, then nothing but white space and comments. */
	if (end - i < 5 || (p[i] != '+' && p[i] != '-') ||
	    (zz = digits4(p, i + 1, end)) < 0 || zz % 100 > 59)
		return 0;
	for (i += 5;;) {
		i = sf_q_ws(p, i, end);
		if (i == end)
			break;
		if (p[i] != '(')
			return 0;
		for (i++; i < end && p[i] != ')'; i++)
			if (p[i] == '(' || p[i] == '\\')
				return 0;
		if (i == end)
			return 0;
		i++;
	}
	if (dd < 1 || dd > month_days(y, mon))
		return 0;
	return wd < 0 || weekday(y, mon, dd) == wd;
}

void
sf_date_general(struct mhl_checker *c, const struct mhl_field *f,
    size_t start, size_t end)
{
	struct dp d;
	char msg[MESSAGE_MAX];

	/* A cut field may have lost its end: judge nothing. */
	if (f->len > f->kept)
		return;
	if (has_holder(f, c->opt.tmpl, start, end))
		return;
	memset(&d, 0, sizeof(d));
	d.c = c;
	d.f = f;
	lx_init_at(&d.lx, f, 0, start, end);
	if (date_time(&d) == 0 && d.obs != NULL) {
		snprintf(msg, sizeof(msg), "Obsolete date-time syntax: %s",
		    d.obs);
		mhl_emit_at(c, R_DATE_OBSOLETE, f, d.obs_off, d.obs_len, msg);
	}
}

void
sf_date_at(struct mhl_checker *c, const struct mhl_field *f, size_t start,
    size_t end)
{
	/* The strict form, all in range: nothing to report.  Template
	 * placeholders change nothing here: where one is, the general
	 * path reports nothing at all. */
	if (sf_date_quick(f, start, end))
		return;
	sf_date_general(c, f, start, end);
}

void
sf_date(struct mhl_checker *c, const struct mhl_field *f)
{
	sf_date_at(c, f, f->value_off, f->kept);
}
