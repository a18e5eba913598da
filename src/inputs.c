/*
 * mhlint(1)'s inputs: files, directories walked in order (Maildir aware),
 * mbox files split into messages, standard input; checked by worker
 * threads and reported in input order, byte for byte as with one worker.
 *
 * Jobs.  The walker (the calling thread) turns the inputs into jobs, in
 * input order -- files met while walking BATCH to a job, so that threads
 * meet once per batch -- and puts them in a ring of slots.  A worker
 * takes the oldest queued job, checks it with its own checker and writes
 * what it found as records (message begins, findings, message ends,
 * errors) into the slot's buffer.  The calling thread replays the
 * records of the oldest slot through the one reporter.  A slot's buffer
 * is bounded (OUT_CAP): a worker whose buffer is full waits until its
 * slot is the oldest and has been replayed, then goes on.  With one
 * worker the job is checked and replayed in the calling thread; the
 * records are the same, so the output is the same.
 *
 * Split mboxes.  With workers, a regular file of at least SPLIT_MIN bytes
 * that is an mbox is cut into ranges of SPLIT_BYTES (the last one runs to
 * the end of the file), one job each.  A line is a separator or not
 * whatever comes before it, so a range's worker needs no other's state:
 * it owns the messages whose separator line starts in its range, each up
 * to the next separator, wherever that is (the first range also owns what
 * comes before the first separator).  Message numbers of later ranges are
 * counted at replay, in order; the first range decides whether the file
 * holds one message, as a whole file does, since it sees whether anything
 * follows its last message.  A read error stops the file: what later
 * ranges found is dropped at replay, so the error is said once, in place.
 *
 * Memory.  Per worker: a checker, a read buffer, OUT_CAP for each of its
 * slots; for the walk: directory names of at most NAMES_BUDGET bytes
 * (see fill_level) and MAX_DEPTH levels.  Nothing grows with the size of
 * a file, a message, a line or a directory.
 */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "chars.h"
#include "inputs.h"

/* The first read of a file: most header sections fit, few bodies do. */
#define READ_FIRST 16384
#define READ_CHUNK 131072
/* A slot's record buffer; also the bound on the findings held back while
 * it is not known whether an mbox holds more than one message. */
#define OUT_CAP 131072
/* Bytes of names (and their index) all open directories may hold. */
#define NAMES_BUDGET (3u << 20)
#define LEVEL_MIN 16384
/* Directory levels below a path given on the command line. */
#define MAX_DEPTH 128
#define SLOTS_PER_WORKER 4
#define WAKE_BATCH 4
/* Files met while walking go to the workers this many to a slot, so that
 * the threads meet once per batch, not once per file. */
#define BATCH 16
#define MAX_JOBS 256
/*
 * A split mbox's ranges.  256 KiB of mail take a worker about 0.25 ms,
 * against a few microseconds for what a range costs (a job, a look for
 * its first separator, reading on past its end while a header section
 * goes on), and its findings fit in a slot's OUT_CAP (an mbox of the
 * corpus makes 24 KiB of records per range, 84 KiB at most), so that a
 * worker does not wait for the ranges before its own to be replayed;
 * with 1 MiB ranges 40% of them outgrew the buffer and most of those
 * waited.  A file under SPLIT_MIN is not split: its messages take a few
 * milliseconds, and in a directory of such files the workers are busy
 * with whole files anyway.
 */
#define SPLIT_BYTES ((off_t)256 << 10)
#define SPLIT_MIN ((off_t)4 << 20)
/* Bytes of a line that tell whether it is a separator: "From ", the
 * SP/TAB the splitter holds back, and the byte after them. */
#define SEP_LOOK (5 + MHL_MBOX_HOLD + 1)

enum rec_type {
	R_BEGIN = 1, /* a = msgno */
	R_FIND,      /* a, b, c = line, col, offset; n1..n4 bytes: field,
	                message, sample, source line */
	R_END,
	R_ERR,       /* err: warn("PATH") */
	R_WARN       /* n1 bytes of text; sev: it counts as trouble */
};

struct rec {
	uint8_t type, sev, esc, has_sample;
	uint32_t rule;
	uint32_t n1, n2, n3, n4;
	uint32_t src_col;
	uint8_t has_src, cut_head, cut_tail;
	uint32_t file;    /* R_BEGIN, R_ERR: which of the slot's files */
	int32_t err;
	uint64_t a, b, c;
};

enum job_kind { J_FILE, J_STDIN, J_NOTE };
enum slot_state { S_FREE, S_QUEUED, S_RUNNING, S_DONE };

struct slot {
	enum job_kind kind;
	enum slot_state state;
	int nfiles;       /* J_FILE: files, their paths packed in path */
	uint32_t single;  /* bit i: file i is a Maildir message, never an mbox */
	uint16_t off[BATCH]; /* where each file's path starts in path */
	int drain;        /* its worker waits for the buffer to be replayed */
	int dfd;          /* the directory of its files, or -1 */
	int close_dfd;    /* dfd is the job's own (a dup), closed after it */
	uint64_t dir_seq; /* which directory of the walk dfd is */
	size_t base;      /* where its files' names start in their paths */
	unsigned char *buf;
	size_t len;
	/* A range of a split mbox: from .. to (-1: the end of the file) */
	uint64_t split;   /* which split file, from 1; 0: not a range */
	uint64_t part;    /* the range's number, from 0 */
	int fd;           /* the file, shared by its ranges */
	int close_fd;     /* the last range: close fd once replayed */
	off_t from, to;
	off_t origin;     /* where the file starts (standard input: its
	                     offset when we came) */
	char path[PATH_MAX];
};

struct run;

struct worker {
	struct run *run;
	pthread_t tid;
	struct mhl_checker *chk;
	struct slot *job;
	uint32_t cur;         /* the file of the job being checked */
	unsigned char *rbuf;  /* READ_CHUNK */
	unsigned char *sbuf;  /* READ_CHUNK, for a pre-scan; lazily */
	struct mhl_mbox mb;
	int fd;
	int regular;          /* fd is a regular file: pread works */
	off_t base;           /* its offset when we started */
	int holding;          /* message 1 of an mbox: single or not? */
	int later;            /* a range after the first: numbers relative */
	int tail;             /* past its range: a message begun is not its */
	int stop;             /* and one has begun: ignore the rest */
	size_t begin_at;      /* where its R_BEGIN is in the buffer */
	uint64_t seen;        /* pre-scan: messages found */
};

struct ent {
	uint32_t off;
	uint16_t len;
	unsigned char type;
};

struct level {
	DIR *d;
	dev_t dev;
	ino_t ino;
	size_t plen;      /* path bytes up to and including its '/' */
	int maildir;      /* a Maildir: only cur/ and new/ are read */
	int msgdir;       /* a Maildir's cur/ or new/ */
	char *names;
	size_t nlen, ncap;
	struct ent *ents;
	size_t nents, ecap, next;
	int more;         /* another pass over the directory is needed */
	int have_last;
	char last[NAME_MAX + 1];
	uint64_t seq;     /* the walk's directories, numbered as opened */
};

struct run {
	const struct inputs_config *cfg;
	int pooled;
	int trouble;
	struct worker *w;
	int nw;
	struct slot *slots;
	size_t nslots;
	uint64_t head, taken, next; /* sequence numbers */
	int quit;
	pthread_mutex_t mu;
	pthread_cond_t work, ready, drained;
	/* The calling thread sleeps until wake_at slots are done (or a
	 * buffer is full), so that it wakes once per batch, not per file. */
	size_t ndone, ndrain, wake_at;
	int waiting;
	int idle;         /* workers waiting for a job */

	/* the walk */
	struct level *lv;
	int depth;
	uint64_t dir_seq; /* directories opened so far */
	size_t names_used;
	char path[PATH_MAX];

	/* progress */
	uint64_t msgs;
	struct timespec t0, last_draw;
	int drawn;
	int out_tty;      /* findings go to the terminal the line is on */
	struct slot *open; /* the batch of files being filled, not yet queued */

	/* split mboxes */
	uint64_t splits;      /* split files so far */
	uint64_t split_msgno; /* the last message number replayed */
	uint64_t split_err;   /* a file whose read failed: drop the rest */
};

static void replay(struct run *, struct slot *);

/*
 * "mhlint: TEXT" or "mhlint: PATH: reason" on standard error, as warn(3)
 * writes them, but with the text escaped as the reports escape message
 * data: a file name is message data too, and must not reach a terminal
 * with its control bytes raw.
 */
static void
say(const char *text, size_t n, int err)
{
	fputs("mhlint: ", stderr);
	mhl_escape(stderr, (const unsigned char *)text, n, 0);
	if (err != 0)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
}
/* ------------------------------------------------------------------ */
/* Records (worker side) */

static void
drain(struct worker *w)
{
	struct run *run = w->run;

	if (!run->pooled) {
		replay(run, w->job);
		return;
	}
	pthread_mutex_lock(&run->mu);
	w->job->drain = 1;
	run->ndrain++;
	if (run->waiting)
		pthread_cond_signal(&run->ready);
	while (w->job->drain)
		pthread_cond_wait(&run->drained, &run->mu);
	pthread_mutex_unlock(&run->mu);
}

static void hold_resolve(struct worker *);

static void
put(struct worker *w, struct rec *h, const void *p1, const void *p2,
    const void *p3, const void *p4)
{
	struct slot *s = w->job;
	size_t size;

	size = sizeof(*h) + h->n1 + h->n2 + h->n3 + h->n4;
	if (s->len + size > OUT_CAP) {
		if (w->holding)
			hold_resolve(w);
		drain(w);
	}
	if (size > OUT_CAP) {
		/* Cannot happen with the library's bounds; cut the sample. */
		h->n3 = h->n4 = 0;
		h->has_sample = h->has_src = 0;
		size = sizeof(*h) + h->n1 + h->n2;
		if (size > OUT_CAP)
			return;
	}
	memcpy(s->buf + s->len, h, sizeof(*h));
	s->len += sizeof(*h);
	if (h->n1 > 0)
		memcpy(s->buf + s->len, p1, h->n1);
	s->len += h->n1;
	if (h->n2 > 0)
		memcpy(s->buf + s->len, p2, h->n2);
	s->len += h->n2;
	if (h->n3 > 0)
		memcpy(s->buf + s->len, p3, h->n3);
	s->len += h->n3;
	if (h->n4 > 0)
		memcpy(s->buf + s->len, p4, h->n4);
	s->len += h->n4;
}

static void
put_simple(struct worker *w, enum rec_type type, uint64_t a, int err)
{
	struct rec h;

	memset(&h, 0, sizeof(h));
	h.type = (uint8_t)type;
	h.a = a;
	h.err = err;
	h.file = w->cur;
	put(w, &h, NULL, NULL, NULL, NULL);
}

static void
on_finding(void *arg, const struct mhl_finding *f)
{
	struct worker *w = arg;
	struct rec h;

	memset(&h, 0, sizeof(h));
	h.type = R_FIND;
	h.sev = (uint8_t)f->severity;
	h.esc = (uint8_t)(f->amavis_escape != 0);
	h.has_sample = f->sample != NULL;
	h.rule = (uint32_t)mhl_rule_index(f->rule);
	h.a = f->line;
	h.b = f->col;
	h.c = f->offset;
	h.n1 = f->field != NULL ? (uint32_t)f->field_len : 0;
	h.n2 = (uint32_t)f->message_len;
	h.n3 = f->sample != NULL ? (uint32_t)f->sample_len : 0;
	if (f->src != NULL) {
		h.has_src = 1;
		h.n4 = (uint32_t)f->src_len;
		h.src_col = (uint32_t)f->src_col;
		h.cut_head = (uint8_t)(f->src_cut_head != 0);
		h.cut_tail = (uint8_t)(f->src_cut_tail != 0);
	}
	put(w, &h, f->field, f->message, f->sample, f->src);
}

/* ------------------------------------------------------------------ */
/* Checking one input */

/* read(2), again after a signal. */
ssize_t
inputs_read(int fd, unsigned char *buf, size_t n)
{
	ssize_t r;

	do
		r = read(fd, buf, n);
	while (r == -1 && errno == EINTR);
	return r;
}

/* pread(2), again when a signal cut it short. */
static ssize_t
pread_retry(int fd, void *buf, size_t n, off_t off)
{
	ssize_t r;

	do
		r = pread(fd, buf, n, off);
	while (r == -1 && errno == EINTR);
	return r;
}

static void
pre_begin(void *arg, uint64_t msgno)
{
	struct worker *w = arg;

	w->seen = msgno;
}

static int
pre_bytes(void *arg, const unsigned char *p, size_t n)
{
	(void)arg;
	(void)p;
	(void)n;
	return 0;
}

/*
 * Message 1's findings outgrew the buffer before we knew whether a second
 * message follows.  A regular file is scanned ahead (pread(2), separators
 * only) to tell; on a pipe the file is taken for an archive.
 */
static void
hold_resolve(struct worker *w)
{
	static const struct mhl_mbox_ops ops = { pre_begin, pre_bytes, NULL };
	struct mhl_mbox pre;
	struct rec h;
	off_t at = w->base;
	ssize_t n;
	int archive = 1;

	w->holding = 0;
	if (w->regular && (w->sbuf != NULL ||
	    (w->sbuf = malloc(READ_CHUNK)) != NULL)) {
		w->seen = 0;
		mhl_mbox_init(&pre, &ops, w);
		while (w->seen < 2) {
			n = pread_retry(w->fd, w->sbuf, READ_CHUNK, at);
			if (n <= 0)
				break;
			at += n;
			mhl_mbox_feed(&pre, w->sbuf, (size_t)n);
		}
		if (w->seen < 2)
			archive = mhl_mbox_finish(&pre) > 1;
	}
	if (archive) {
		memcpy(&h, w->job->buf + w->begin_at, sizeof(h));
		h.a = 1;
		memcpy(w->job->buf + w->begin_at, &h, sizeof(h));
	}
}

static void
set_first_msgno(struct worker *w)
{
	struct rec h;

	memcpy(&h, w->job->buf + w->begin_at, sizeof(h));
	h.a = 1;
	memcpy(w->job->buf + w->begin_at, &h, sizeof(h));
}

static void
mb_begin(void *arg, uint64_t msgno)
{
	struct worker *w = arg;

	if (w->tail) {
		w->stop = 1;
		return;
	}
	if (msgno == 2 && w->holding) {
		w->holding = 0;
		set_first_msgno(w);
	}
	if (msgno == 1 && !w->later) {
		/* Written as a file of one message; set to 1 once a second
		 * message shows up. */
		if (w->job->len + sizeof(struct rec) > OUT_CAP)
			drain(w);
		w->begin_at = w->job->len;
		w->holding = 1;
		put_simple(w, R_BEGIN, 0, 0);
	} else
		put_simple(w, R_BEGIN, msgno, 0);
	mhl_checker_reset(w->chk);
}

static int
mb_bytes(void *arg, const unsigned char *p, size_t n)
{
	struct worker *w = arg;

	if (w->stop)
		return 0;
	return mhl_checker_feed(w->chk, p, n);
}

static void
mb_end(void *arg)
{
	struct worker *w = arg;

	if (w->stop)
		return;
	mhl_checker_finish(w->chk);
	put_simple(w, R_END, 0, 0);
}

static const struct mhl_mbox_ops mb_ops = { mb_begin, mb_bytes, mb_end };

/* Checks what fd holds: one message, or an mbox. */
static void
check_fd(struct worker *w, int fd, enum inputs_mbox mode)
{
	struct stat st;
	size_t have = 0;
	ssize_t n = 1;
	int mbox = 0, more, err = 0, sep;

	w->fd = fd;
	w->holding = 0;
	w->regular = 0;
	w->base = 0;
	/* The first bytes: enough to see whether the first line is an
	 * mbox separator. */
	for (;;) {
		n = inputs_read(fd, w->rbuf + have,
		    (have == 0 ? READ_FIRST : READ_CHUNK) - have);
		if (n == -1) {
			err = errno;
			n = 0;
		}
		have += (size_t)n;
		if (mode == INPUTS_MBOX_NEVER)
			break;
		if (mode == INPUTS_MBOX_FORCE) {
			mbox = 1;
			break;
		}
		sep = mhl_mbox_is_separator(w->rbuf, have);
		if (sep >= 0 || n == 0 || have == READ_CHUNK) {
			mbox = sep == 1;
			break;
		}
	}
	if (mbox && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		w->regular = 1;
		w->base = lseek(fd, 0, SEEK_CUR) - (off_t)have;
		if (w->base < 0)
			w->regular = 0;
	}

	if (!mbox) {
		put_simple(w, R_BEGIN, 0, 0);
		mhl_checker_reset(w->chk);
		more = mhl_checker_feed(w->chk, w->rbuf, have);
		while (more && n > 0 && err == 0) {
			if ((n = inputs_read(fd, w->rbuf, READ_CHUNK)) == -1)
				err = errno;
			else if (n > 0)
				more = mhl_checker_feed(w->chk, w->rbuf,
				    (size_t)n);
		}
		mhl_checker_finish(w->chk);
		put_simple(w, R_END, 0, 0);
	} else {
		mhl_mbox_init(&w->mb, &mb_ops, w);
		mhl_mbox_feed(&w->mb, w->rbuf, have);
		while (n > 0 && err == 0) {
			if ((n = inputs_read(fd, w->rbuf, READ_CHUNK)) == -1)
				err = errno;
			else if (n > 0)
				mhl_mbox_feed(&w->mb, w->rbuf, (size_t)n);
		}
		mhl_mbox_finish(&w->mb);
		/* Still holding: one message, reported with its plain path. */
		w->holding = 0;
	}
	if (err != 0)
		put_simple(w, R_ERR, 0, err);
}

/*
 * Is the line at p (its first n bytes, then the end of the file unless n
 * is SEP_LOOK or more) a separator, as mhl_mbox_feed() sees it: "From ",
 * at most MHL_MBOX_HOLD SP/TAB, then a byte that is not a colon.  A line
 * that the file ends in before that byte is not.  (Not
 * mhl_mbox_is_separator(): it says yes to "From " and MHL_MBOX_HOLD
 * blanks with nothing after them, where the splitter, at the end of its
 * input, says no.)
 */
static int
sep_line(const unsigned char *p, size_t n)
{
	size_t i;

	if (n < 5 || memcmp(p, "From ", 5) != 0)
		return 0;
	for (i = 5; i < n && i < 5 + MHL_MBOX_HOLD &&
	    (p[i] == ' ' || p[i] == '\t'); i++)
		;
	if (i == n)
		return 0;
	return i == 5 + MHL_MBOX_HOLD || p[i] != ':';
}

/* The same for the line at file offset off, of which avail bytes are at p:
 * fewer than SEP_LOOK are read again with pread(2). */
static int
sep_at(struct worker *w, const unsigned char *p, size_t avail, off_t off,
    int *err)
{
	unsigned char look[SEP_LOOK];
	ssize_t n;

	if (avail >= SEP_LOOK)
		return sep_line(p, avail);
	if (memcmp(p, "From ", avail < 5 ? avail : 5) != 0)
		return 0;
	n = pread_retry(w->fd, look, sizeof(look), off);
	if (n == -1) {
		*err = errno;
		return 0;
	}
	return sep_line(look, (size_t)n);
}

/*
 * Of the n bytes at p (file offset off), the first line that starts
 * before lim and is a separator: its index, or n when there is none.
 * bol: p[0] starts a line.  On a read error, the index of the line that
 * could not be told.
 */
static size_t
find_sep(struct worker *w, const unsigned char *p, size_t n, size_t lim,
    off_t off, int bol, int *err)
{
	const unsigned char *nl;
	size_t i = 0;

	if (!bol) {
		if ((nl = memchr(p, '\n', lim)) == NULL)
			return n;
		i = (size_t)(nl - p) + 1;
	}
	while (i < lim) {
		if (p[i] == 'F' && sep_at(w, p + i, n - i, off + (off_t)i,
		    err))
			return i;
		if (*err != 0)
			return i;
		if ((nl = memchr(p + i, '\n', lim - i)) == NULL)
			return n;
		i = (size_t)(nl - p) + 1;
	}
	return n;
}

/*
 * A range of a split mbox: its messages are those whose separator line
 * starts in [from, to), each read to the next separator, and for the
 * first range whatever comes before the first separator too.  The bytes
 * fed to the splitter are then exactly a run of whole messages of the
 * file, cut where the splitter over the whole file would start a message.
 * Past to, the splitter itself finds that place: a message it begins
 * there (w->tail) is the next range's, and ends this one (w->stop).  But
 * once the last message wants no more bytes, where it ends matters no
 * more, and the range stops at once -- unless it is the first range and
 * must still tell whether message 1 is alone.
 */
static void
check_range(struct worker *w, struct slot *s)
{
	const unsigned char *p = w->rbuf;
	unsigned char c;
	off_t off = s->from;
	size_t n, i, t, len = READ_CHUNK, tail = READ_FIRST;
	ssize_t r;
	int err = 0, bol = 1, feeding = s->part == 0;

	w->fd = s->fd;
	w->regular = 1;
	w->base = s->origin;
	w->holding = 0;
	w->later = s->part > 0;
	w->tail = w->stop = 0;
	mhl_mbox_init(&w->mb, &mb_ops, w);
	if (!feeding) {
		r = pread_retry(w->fd, &c, 1, off - 1);
		if (r == -1)
			err = errno;
		bol = r == 1 && c == '\n';
	}
	while (err == 0 && !w->stop) {
		if (s->to != -1 && off >= s->to && w->mb.hold_n == 0)
			w->tail = 1;
		if (w->tail && !w->mb.want && !w->holding)
			break;
		/* Past the range its last message's header section mostly
		 * ends soon: read a little, more as long as it goes on. */
		if (s->to != -1 && off >= s->to) {
			len = tail;
			tail = tail < READ_CHUNK ? tail * 2 : READ_CHUNK;
		} else if (s->to != -1 && s->to - off < (off_t)len)
			len = (size_t)(s->to - off);
		r = pread_retry(w->fd, w->rbuf, len, off);
		if (r == -1) {
			err = errno;
			break;
		}
		if (r == 0)
			break;
		n = (size_t)r;
		/* t: where in the chunk the range ends. */
		t = s->to == -1 || s->to - off >= (off_t)n ? n :
		    s->to > off ? (size_t)(s->to - off) : 0;
		i = 0;
		if (!feeding) {
			/* Its first separator, if it has one. */
			i = find_sep(w, p, n, t, off, bol, &err);
			if (err != 0)
				break;
			if (i == n) {
				if (t < n || (s->to != -1 &&
				    off + (off_t)n >= s->to))
					break;
				bol = p[n - 1] == '\n';
				off += (off_t)n;
				continue;
			}
			feeding = 1;
		}
		if (t > i)
			mhl_mbox_feed(&w->mb, p + i, t - i);
		else
			t = i;
		/* A line begun before to that may be a separator is this
		 * range's: the bytes that tell go one at a time. */
		for (; t < n && !w->tail; t++) {
			if (w->mb.hold_n == 0) {
				w->tail = 1;
				break;
			}
			mhl_mbox_feed(&w->mb, p + t, 1);
		}
		if (t < n && (w->mb.want || w->holding))
			mhl_mbox_feed(&w->mb, p + t, n - t);
		bol = p[n - 1] == '\n';
		off += (off_t)n;
	}
	/* Something follows: the first range's message 1 is not alone. */
	if (w->holding && w->stop) {
		w->holding = 0;
		set_first_msgno(w);
	}
	mhl_mbox_finish(&w->mb);
	w->holding = 0;
	w->later = w->tail = w->stop = 0;
	if (err != 0)
		put_simple(w, R_ERR, 0, err);
}

static void
process(struct worker *w, struct slot *s)
{
	const char *path;
	int fd, i;

	w->job = s;
	w->cur = 0;
	if (s->split != 0) {
		check_range(w, s);
		return;
	}
	switch (s->kind) {
	case J_NOTE:
		return;
	case J_STDIN:
		check_fd(w, STDIN_FILENO, w->run->cfg->mbox);
		return;
	case J_FILE:
		break;
	}
	for (i = 0; i < s->nfiles; i++) {
		w->cur = (uint32_t)i;
		path = s->path + s->off[i];
		/* With the directory open, openat(2) spares the kernel
		 * the walk down the path. */
		if (s->dfd != -1)
			fd = openat(s->dfd, path + s->base, O_RDONLY |
			    O_NOCTTY | O_CLOEXEC);
		else
			fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
		if (fd == -1) {
			put_simple(w, R_ERR, 0, errno);
			continue;
		}
		check_fd(w, fd, s->single & (1u << i) ? INPUTS_MBOX_NEVER :
		    w->run->cfg->mbox);
		close(fd);
	}
	if (s->close_dfd) {
		close(s->dfd);
		s->dfd = -1;
		s->close_dfd = 0;
	}
}

/* ------------------------------------------------------------------ */
/* Replay (calling thread) */

static double
since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void
progress_clear(struct run *run)
{
	if (run->drawn) {
		(void)!write(STDERR_FILENO, "\r\033[K", 4);
		run->drawn = 0;
	}
}

/* A few times a second, once the run has taken a second. */
static void
progress_tick(struct run *run)
{
	struct timespec now;
	char line[128];
	double t;
	int n;

	if ((run->msgs & 63) != 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if ((t = since(&run->t0, &now)) < 1.0 ||
	    since(&run->last_draw, &now) < 0.25)
		return;
	run->last_draw = now;
	n = snprintf(line, sizeof(line),
	    "\rmhlint: %llu messages, %.0f/s\033[K",
	    (unsigned long long)run->msgs, (double)run->msgs / t);
	if (n > 0 && (size_t)n < sizeof(line))
		(void)!write(STDERR_FILENO, line, (size_t)n);
	run->drawn = 1;
}

static void
replay(struct run *run, struct slot *s)
{
	const struct inputs_ops *ops = run->cfg->ops;
	const struct mhl_rule *rules;
	const unsigned char *p = s->buf, *end = s->buf + s->len;
	const char *path;
	struct mhl_finding f;
	struct rec h;
	size_t nrules;

	rules = mhl_rules(&nrules);
	/* A range after one whose read failed: the file stopped there. */
	if (s->split != 0 && s->part > 0 && run->split_err == s->split)
		p = end;
	while (p < end) {
		memcpy(&h, p, sizeof(h));
		p += sizeof(h);
		path = s->kind == J_STDIN ? NULL : s->path +
		    s->off[h.file < (uint32_t)BATCH ? h.file : 0];
		switch (h.type) {
		case R_BEGIN:
			/* A later range numbers its messages from 1. */
			if (s->split != 0 && s->part > 0)
				h.a = ++run->split_msgno;
			else if (s->split != 0)
				run->split_msgno = h.a;
			run->msgs++;
			if (run->cfg->progress)
				progress_tick(run);
			ops->begin(run->cfg->arg, path, h.a);
			break;
		case R_FIND:
			mhl_zero(&f, sizeof(f));
			f.rule = &rules[h.rule < nrules ? h.rule : 0];
			f.severity = (enum mhl_severity)h.sev;
			f.amavis_escape = h.esc;
			f.line = h.a;
			f.col = h.b;
			f.offset = h.c;
			f.field = h.n1 > 0 ? p : NULL;
			f.field_len = h.n1;
			f.message = (const char *)p + h.n1;
			f.message_len = h.n2;
			if (h.has_sample) {
				f.sample = p + h.n1 + h.n2;
				f.sample_len = h.n3;
			}
			if (h.has_src) {
				f.src = p + h.n1 + h.n2 + h.n3;
				f.src_len = h.n4;
				f.src_col = h.src_col;
				f.src_cut_head = h.cut_head;
				f.src_cut_tail = h.cut_tail;
			}
			if (run->out_tty)
				progress_clear(run);
			ops->finding(run->cfg->arg, &f);
			break;
		case R_END:
			ops->end(run->cfg->arg);
			break;
		case R_ERR:
			if (s->split != 0)
				run->split_err = s->split;
			progress_clear(run);
			fflush(stdout);
			say(path != NULL ? path : "<stdin>", path != NULL ?
			    strlen(path) : 7, h.err);
			run->trouble = 1;
			break;
		case R_WARN:
			progress_clear(run);
			fflush(stdout);
			say((const char *)p, h.n1, 0);
			if (h.sev)
				run->trouble = 1;
			break;
		}
		p += h.n1 + h.n2 + h.n3 + h.n4;
	}
	s->len = 0;
}

/* ------------------------------------------------------------------ */
/* Slots and workers */

static struct slot *
slot_of(struct run *run, uint64_t seq)
{
	return &run->slots[seq % run->nslots];
}

/*
 * Replays finished slots (and full buffers) in order, a run of them per
 * unlock.  Then returns: with need_free once a slot is free for the next
 * job, with wait_all once every slot is replayed, else at once.  Called
 * with the mutex held.
 */
static void
service(struct run *run, int need_free, int wait_all)
{
	struct slot *s;
	uint64_t c, i;
	int part;

	for (;;) {
		for (c = 0, part = 0; run->head + c < run->next; c++) {
			s = slot_of(run, run->head + c);
			if (s->state != S_DONE) {
				part = s->drain;
				break;
			}
		}
		if (c > 0 || part) {
			pthread_mutex_unlock(&run->mu);
			for (i = 0; i < c + (uint64_t)part; i++)
				replay(run, slot_of(run, run->head + i));
			/* A split file's last range: no worker reads it now. */
			for (i = 0; i < c; i++) {
				s = slot_of(run, run->head + i);
				if (s->close_fd) {
					close(s->fd);
					s->close_fd = 0;
				}
			}
			pthread_mutex_lock(&run->mu);
			for (i = 0; i < c; i++)
				slot_of(run, run->head + i)->state = S_FREE;
			run->head += c;
			run->ndone -= c;
			if (part) {
				slot_of(run, run->head)->drain = 0;
				run->ndrain--;
				pthread_cond_broadcast(&run->drained);
			}
			continue;
		}
		if (run->head == run->next ||
		    (need_free && run->next - run->head < run->nslots) ||
		    (!need_free && !wait_all))
			return;
		if (run->idle > 0 && run->taken != run->next)
			pthread_cond_broadcast(&run->work);
		run->wake_at = wait_all ? 1 : run->nslots / 2;
		run->waiting = 1;
		pthread_cond_wait(&run->ready, &run->mu);
		run->waiting = 0;
	}
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct run *run = w->run;
	struct slot *s;

	pthread_mutex_lock(&run->mu);
	for (;;) {
		while (run->taken == run->next && !run->quit) {
			run->idle++;
			pthread_cond_wait(&run->work, &run->mu);
			run->idle--;
		}
		if (run->taken == run->next)
			break;
		s = slot_of(run, run->taken++);
		s->state = S_RUNNING;
		pthread_mutex_unlock(&run->mu);
		process(w, s);
		pthread_mutex_lock(&run->mu);
		s->state = S_DONE;
		run->ndone++;
		if (run->waiting && (run->ndone >= run->wake_at ||
		    (run->ndrain > 0 && s == slot_of(run, run->head))))
			pthread_cond_signal(&run->ready);
	}
	pthread_mutex_unlock(&run->mu);
	return NULL;
}

static void slot_submit(struct run *, struct slot *);

/* Hands the batch being filled to the workers. */
static void
flush(struct run *run)
{
	struct slot *s = run->open;

	if (s != NULL) {
		run->open = NULL;
		slot_submit(run, s);
	}
}

/* Before something slow in the walk: idle workers take what is queued. */
static void
kick(struct run *run)
{
	if (!run->pooled)
		return;
	flush(run);
	pthread_mutex_lock(&run->mu);
	if (run->idle > 0 && run->taken != run->next)
		pthread_cond_broadcast(&run->work);
	pthread_mutex_unlock(&run->mu);
}

/* A slot for the next job, its buffer empty. */
static struct slot *
slot_get(struct run *run)
{
	struct slot *s;

	flush(run);
	/* Free: the last slot_submit() made sure of it. */
	if (!run->pooled)
		s = &run->slots[0];
	else
		s = slot_of(run, run->next);
	s->len = 0;
	s->nfiles = 0;
	s->single = 0;
	s->off[0] = 0;
	s->drain = 0;
	s->dfd = -1;
	s->close_dfd = 0;
	s->dir_seq = 0;
	s->base = 0;
	s->split = 0;
	s->close_fd = 0;
	return s;
}

static void
slot_submit(struct run *run, struct slot *s)
{
	if (!run->pooled) {
		process(&run->w[0], s);
		replay(run, s);
		return;
	}
	pthread_mutex_lock(&run->mu);
	s->state = S_QUEUED;
	run->next++;
	/* Idle workers are woken a few jobs at a time, not for each. */
	if (run->idle > 0 && run->next - run->taken >= WAKE_BATCH)
		pthread_cond_broadcast(&run->work);
	service(run, 1, 0);
	pthread_mutex_unlock(&run->mu);
}

static void
job_file(struct run *run, enum job_kind kind, const char *path, int single)
{
	struct slot *s = slot_get(run);

	s->kind = kind;
	s->nfiles = 1;
	s->single = single ? 1 : 0;
	snprintf(s->path, sizeof(s->path), "%s", path);
	slot_submit(run, s);
}

/*
 * A file met while walking: its path is run->path, its name starts at
 * base, in directory dfd.  With workers it joins the batch being filled;
 * checked at once without.
 */
static void
job_entry(struct run *run, int dfd, uint64_t seq, size_t base, int single)
{
	struct slot *s = run->open;
	size_t n = strlen(run->path) + 1, at;

	if (!run->pooled) {
		s = slot_get(run);
		s->kind = J_FILE;
		s->nfiles = 1;
		s->single = single ? 1 : 0;
		memcpy(s->path, run->path, n);
		s->dfd = dfd;
		s->base = base;
		slot_submit(run, s);
		return;
	}
	/*
	 * A batch holds files of one directory, and a copy of its
	 * descriptor that outlives the walker's (the worker closes it):
	 * one dup(2) for up to BATCH files.  Without one (EMFILE, say)
	 * the files are opened by their paths.
	 */
	at = s != NULL ? s->off[s->nfiles - 1] +
	    strlen(s->path + s->off[s->nfiles - 1]) + 1 : 0;
	if (s == NULL || s->nfiles == BATCH || at + n > sizeof(s->path) ||
	    s->dir_seq != seq) {
		s = slot_get(run);
		s->kind = J_FILE;
		s->dir_seq = seq;
		s->base = base;
		if ((s->dfd = fcntl(dfd, F_DUPFD_CLOEXEC, 0)) != -1)
			s->close_dfd = 1;
		run->open = s;
		at = 0;
	}
	s->off[s->nfiles] = (uint16_t)at;
	memcpy(s->path + at, run->path, n);
	if (single)
		s->single |= 1u << s->nfiles;
	s->nfiles++;
	if (s->nfiles == BATCH)
		flush(run);
}

/*
 * With workers, a regular file of at least SPLIT_MIN bytes that is an
 * mbox (its first line is a separator, or --mbox) is queued as ranges and
 * fd kept open until the last one is replayed: returns 1.  Otherwise 0,
 * and fd is the caller's again.  kind J_STDIN: fd is standard input,
 * never closed.
 */
static int
job_split(struct run *run, enum job_kind kind, int fd, const char *path)
{
	unsigned char head[SEP_LOOK];
	struct stat st;
	struct slot *s;
	off_t origin = 0, parts, k;
	ssize_t n;
	uint64_t id;

	if (!run->pooled || run->cfg->mbox == INPUTS_MBOX_NEVER ||
	    fstat(fd, &st) == -1 || !S_ISREG(st.st_mode))
		return 0;
	if (kind == J_STDIN && (origin = lseek(fd, 0, SEEK_CUR)) == -1)
		return 0;
	if (st.st_size - origin < SPLIT_MIN)
		return 0;
	if (run->cfg->mbox == INPUTS_MBOX_AUTO) {
		n = pread_retry(fd, head, sizeof(head), origin);
		if (n == -1 || mhl_mbox_is_separator(head, (size_t)n) != 1)
			return 0;
	}
	parts = (st.st_size - origin) / SPLIT_BYTES;
	id = ++run->splits;
	for (k = 0; k < parts; k++) {
		s = slot_get(run);
		s->kind = kind;
		s->nfiles = 1;
		snprintf(s->path, sizeof(s->path), "%s", path);
		s->split = id;
		s->part = (uint64_t)k;
		s->fd = fd;
		s->origin = origin;
		s->from = origin + k * SPLIT_BYTES;
		s->to = k == parts - 1 ? -1 : s->from + SPLIT_BYTES;
		/* Nobody reads the output any more: this range is the last. */
		if (k == parts - 1 || ferror(stdout)) {
			s->close_fd = kind != J_STDIN;
			slot_submit(run, s);
			break;
		}
		slot_submit(run, s);
	}
	/* Standard input is read, as when one worker reads it through. */
	if (kind == J_STDIN)
		(void)lseek(fd, 0, SEEK_END);
	return 1;
}

/* A message for standard error, in its place among the outputs: the
 * path and errno's text, or the path and text. */
static void
note(struct run *run, const char *path, int err, int trouble,
    const char *text)
{
	struct slot *s = slot_get(run);
	struct rec h;
	int n = 0;

	s->kind = J_NOTE;
	snprintf(s->path, sizeof(s->path), "%s", path);
	memset(&h, 0, sizeof(h));
	if (err != 0) {
		h.type = R_ERR;
		h.err = err;
	} else {
		h.type = R_WARN;
		h.sev = (uint8_t)trouble;
		n = snprintf((char *)s->buf + sizeof(h), OUT_CAP - sizeof(h),
		    "%s: %s", path, text);
		if (n < 0)
			n = 0;
		if ((size_t)n > OUT_CAP - sizeof(h) - 1)
			n = (int)(OUT_CAP - sizeof(h) - 1);
		h.n1 = (uint32_t)n;
	}
	memcpy(s->buf, &h, sizeof(h));
	s->len = sizeof(h) + h.n1;
	slot_submit(run, s);
}

/* ------------------------------------------------------------------ */
/* The walk */

/* Names in memcmp() order, a shorter name before a longer with its
 * bytes. */
static int
name_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t m = an < bn ? an : bn;
	int c;

	if ((c = memcmp(a, b, m)) != 0)
		return c;
	return (an > bn) - (an < bn);
}

/* A name's first eight bytes as a number that orders as memcmp() does,
 * zeros past a shorter name's end (a name holds no NUL). */
static uint64_t
name_key(const char *p, size_t len)
{
	uint64_t k = 0;
	size_t i;

#if defined(__BYTE_ORDER__) && (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ || \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)
	if (len >= 8) {
		memcpy(&k, p, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		k = __builtin_bswap64(k);
#endif
		return k;
	}
#endif
	for (i = 0; i < 8; i++)
		k = k << 8 | (i < len ? (unsigned char)p[i] : 0);
	return k;
}

/* As name_cmp(); the first eight bytes compared as one number settle
 * most. */
static int
ent_cmp(const void *a, const void *b, void *names)
{
	const struct ent *x = a, *y = b;
	const char *n = names;
	uint64_t kx, ky;
	size_t o;

	kx = name_key(n + x->off, x->len);
	ky = name_key(n + y->off, y->len);
	if (kx != ky)
		return kx < ky ? -1 : 1;
	/* The same first eight bytes, or the same name if shorter. */
	o = x->len < 8 ? x->len : 8;
	return name_cmp(n + x->off + o, x->len - o, n + y->off + o,
	    y->len - o);
}

/*
 * qsort_r is not in POSIX, and glibc's qsort may allocate: an introsort
 * of our own.  Quicksort on the middle element's value, the smaller side
 * first by recursion (at most log2(n) deep) and the larger by the loop;
 * insertion sort below 16 names; heap sort where the splits go on badly
 * for too long (2 log2(n) levels), so the time stays n log n.  Quicksort
 * walks the array in order, where a heap sort jumps about: over the
 * benchmark's 80,000 names the sort went from 3.6% of a -j1 run's
 * samples to 1.1%.
 */
static void
sift(struct ent *e, size_t i, size_t n, void *names)
{
	struct ent t;
	size_t c;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && ent_cmp(&e[c], &e[c + 1], names) < 0)
			c++;
		if (ent_cmp(&e[i], &e[c], names) >= 0)
			return;
		t = e[i];
		e[i] = e[c];
		e[c] = t;
		i = c;
	}
}

static void
heap_sort(struct ent *e, size_t n, void *names)
{
	struct ent t;
	size_t i;

	for (i = n / 2; i-- > 0;)
		sift(e, i, n, names);
	for (i = n - 1; i > 0; i--) {
		t = e[0];
		e[0] = e[i];
		e[i] = t;
		sift(e, 0, i, names);
	}
}

static void
intro_sort(struct ent *e, size_t n, void *names, int depth)
{
	struct ent p, t;
	size_t i, j;

	while (n > 16) {
		if (depth-- == 0) {
			heap_sort(e, n, names);
			return;
		}
		/* Hoare's partition: e[0..j] <= p <= e[j+1..n), both
		 * sides non-empty. */
		p = e[n / 2];
		i = 0;
		j = n - 1;
		for (;;) {
			while (ent_cmp(&e[i], &p, names) < 0)
				i++;
			while (ent_cmp(&e[j], &p, names) > 0)
				j--;
			if (i >= j)
				break;
			t = e[i];
			e[i] = e[j];
			e[j] = t;
			i++;
			j--;
		}
		if (j + 1 < n - j - 1) {
			intro_sort(e, j + 1, names, depth);
			e += j + 1;
			n -= j + 1;
		} else {
			intro_sort(e + j + 1, n - j - 1, names, depth);
			n = j + 1;
		}
	}
	for (i = 1; i < n; i++) {
		t = e[i];
		for (j = i; j > 0 && ent_cmp(&t, &e[j - 1], names) < 0; j--)
			e[j] = e[j - 1];
		e[j] = t;
	}
}

static void
sort_ents(struct ent *e, size_t n, void *names)
{
	int depth = 0;
	size_t m;

	for (m = n; m > 1; m >>= 1)
		depth += 2;
	intro_sort(e, n, names, depth);
}

static int
by_off(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;

	return (x->off > y->off) - (x->off < y->off);
}

/* Room for one more name of n bytes, growing within the level's share
 * of the budget.  Returns 0 when the share is used up. */
static int
level_room(struct run *run, struct level *l, size_t n)
{
	size_t limit, others, used, room, need, want;
	void *p;

	others = run->names_used - l->ncap -
	    l->ecap * sizeof(struct ent);
	limit = NAMES_BUDGET > others + LEVEL_MIN ? NAMES_BUDGET - others :
	    LEVEL_MIN;
	used = l->ncap + l->ecap * sizeof(struct ent);
	room = limit > used ? limit - used : 0;
	/* Each array doubles; where that would pass the share, it takes
	 * half of what is left, the other half staying for the other. */
	if ((need = l->nlen + n + 1) > l->ncap) {
		want = l->ncap == 0 ? 4096 : l->ncap * 2;
		while (want < need)
			want *= 2;
		if (want - l->ncap > room && (want = l->ncap + room / 2) <
		    need)
			want = need;
		if (want - l->ncap > room ||
		    (p = realloc(l->names, want)) == NULL)
			return 0;
		run->names_used += want - l->ncap;
		room -= want - l->ncap;
		l->names = p;
		l->ncap = want;
	}
	if (l->nents == l->ecap) {
		want = l->ecap == 0 ? 128 : l->ecap * 2;
		if ((want - l->ecap) * sizeof(struct ent) > room)
			want = l->ecap + (room / 2) / sizeof(struct ent);
		if (want == l->ecap)
			want++;
		if ((want - l->ecap) * sizeof(struct ent) > room ||
		    (p = realloc(l->ents, want * sizeof(struct ent))) == NULL)
			return 0;
		run->names_used += (want - l->ecap) * sizeof(struct ent);
		l->ents = p;
		l->ecap = want;
	}
	return 1;
}

/*
 * Reads the next batch of the directory's names in order: all names
 * after the last one handed out, as many as fit in the level's share of
 * NAMES_BUDGET.  When they do not fit, the upper half is dropped and
 * only names below the lowest dropped one are taken from then on; the
 * dropped ones come in a later pass over the directory.  So memory stays
 * bounded and a huge directory costs a few passes of readdir(3).
 */
static int
fill_level(struct run *run, struct level *l)
{
	struct dirent *de;
	char upper[NAME_MAX + 1];
	size_t upper_n = 0, n, k, i, to;
	int have_upper = 0, err;

	l->nlen = l->nents = l->next = 0;
	l->more = 0;
	rewinddir(l->d);
	while ((errno = 0, de = readdir(l->d)) != NULL) {
		n = strlen(de->d_name);
		if (n > NAME_MAX || (de->d_name[0] == '.' && (n == 1 ||
		    (n == 2 && de->d_name[1] == '.'))))
			continue;
		if (l->have_last && name_cmp(de->d_name, n, l->last,
		    strlen(l->last)) <= 0)
			continue;
		if (have_upper && name_cmp(de->d_name, n, upper, upper_n) >= 0)
			continue;
		while (!level_room(run, l, n)) {
			/* Keep the lower half, in place. */
			sort_ents(l->ents, l->nents, l->names);
			k = l->nents / 2;
			upper_n = l->ents[k].len;
			memcpy(upper, l->names + l->ents[k].off, upper_n);
			have_upper = 1;
			l->more = 1;
			l->nents = k;
			qsort(l->ents, k, sizeof(struct ent), by_off);
			for (i = 0, to = 0; i < k; i++) {
				memmove(l->names + to,
				    l->names + l->ents[i].off,
				    (size_t)l->ents[i].len + 1);
				l->ents[i].off = (uint32_t)to;
				to += (size_t)l->ents[i].len + 1;
			}
			l->nlen = to;
			if (name_cmp(de->d_name, n, upper, upper_n) >= 0)
				goto next;
		}
		memcpy(l->names + l->nlen, de->d_name, n + 1);
		l->ents[l->nents].off = (uint32_t)l->nlen;
		l->ents[l->nents].len = (uint16_t)n;
		l->ents[l->nents].type = de->d_type;
		l->nents++;
		l->nlen += n + 1;
next:;
	}
	err = errno;
	sort_ents(l->ents, l->nents, l->names);
	return err;
}

static int
is_dir_at(int fd, const char *name, int flags)
{
	struct stat st;

	return fstatat(fd, name, &st, flags) == 0 && S_ISDIR(st.st_mode);
}

/* Maildir: a directory holding cur/, new/ and tmp/. */
static int
is_maildir(int fd, int follow)
{
	int fl = follow ? 0 : AT_SYMLINK_NOFOLLOW;

	return is_dir_at(fd, "cur", fl) && is_dir_at(fd, "new", fl) &&
	    is_dir_at(fd, "tmp", fl);
}

static void
level_close(struct run *run, struct level *l)
{
	closedir(l->d);
	run->names_used -= l->ncap + l->ecap * sizeof(struct ent);
	free(l->names);
	free(l->ents);
	memset(l, 0, sizeof(*l));
}

/* Enters the directory fd whose path is run->path (plen bytes). */
static void
level_open(struct run *run, int fd, size_t plen, int msgdir)
{
	struct level *l;
	struct stat st;
	int i;

	if (fstat(fd, &st) == -1) {
		note(run, run->path, errno, 1, NULL);
		close(fd);
		return;
	}
	for (i = 0; i < run->depth; i++)
		if (run->lv[i].dev == st.st_dev && run->lv[i].ino == st.st_ino) {
			note(run, run->path, 0, 0,
			    "directory loop, not followed");
			close(fd);
			return;
		}
	if (run->depth == MAX_DEPTH) {
		note(run, run->path, 0, 1,
		    "too many directory levels (128), not entered");
		close(fd);
		return;
	}
	if (plen + 2 >= sizeof(run->path)) {
		note(run, run->path, ENAMETOOLONG, 1, NULL);
		close(fd);
		return;
	}
	l = &run->lv[run->depth];
	memset(l, 0, sizeof(*l));
	l->seq = ++run->dir_seq;
	if ((l->d = fdopendir(fd)) == NULL) {
		note(run, run->path, errno, 1, NULL);
		close(fd);
		return;
	}
	if (plen == 0 || run->path[plen - 1] != '/')
		run->path[plen++] = '/';
	run->path[plen] = '\0';
	l->plen = plen;
	l->dev = st.st_dev;
	l->ino = st.st_ino;
	l->maildir = is_maildir(fd, run->cfg->follow);
	l->msgdir = msgdir;
	l->more = 1;
	run->depth++;
}

static const char *
kind_name(mode_t m)
{
	if (S_ISFIFO(m))
		return "a FIFO, skipped";
	if (S_ISSOCK(m))
		return "a socket, skipped";
	if (S_ISCHR(m))
		return "a character device, skipped";
	if (S_ISBLK(m))
		return "a block device, skipped";
	return "not a regular file, skipped";
}

/*
 * A file met while walking, outside a Maildir: an mbox big enough is
 * split (job_split), which costs the walk an fstatat(2) per file, and
 * only with workers.
 */
static int
walk_split(struct run *run, int dfd, const char *name)
{
	struct stat st;
	int fd;

	if (fstatat(dfd, name, &st, 0) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size < SPLIT_MIN)
		return 0;
	if ((fd = openat(dfd, name, O_RDONLY | O_NOCTTY | O_CLOEXEC)) == -1)
		return 0;
	if (job_split(run, J_FILE, fd, run->path))
		return 1;
	close(fd);
	return 0;
}

static void
walk_entry(struct run *run, struct level *l, const char *name, size_t n,
    unsigned char type)
{
	const struct inputs_config *cfg = run->cfg;
	struct stat st;
	mode_t mode = 0;
	int fd, dfd = dirfd(l->d);

	if (name[0] == '.' && !cfg->all)
		return;
	if (l->maildir && strcmp(name, "cur") != 0 &&
	    strcmp(name, "new") != 0 && name[0] != '.')
		return;
	if (l->plen + n + 1 > sizeof(run->path)) {
		run->path[l->plen] = '\0';
		note(run, run->path, ENAMETOOLONG, 1, NULL);
		return;
	}
	memcpy(run->path + l->plen, name, n + 1);

	switch (type) {
	case DT_REG:
		mode = S_IFREG;
		break;
	case DT_DIR:
		mode = S_IFDIR;
		break;
	default:
		/* DT_LNK, or a type readdir did not know: lstat decides. */
		if (type != DT_LNK && fstatat(dfd, name, &st,
		    AT_SYMLINK_NOFOLLOW) == -1) {
			note(run, run->path, errno, 1, NULL);
			return;
		}
		if (type == DT_LNK || S_ISLNK(st.st_mode)) {
			if (!cfg->follow)
				return;
			if (fstatat(dfd, name, &st, 0) == -1) {
				note(run, run->path, errno, 1, NULL);
				return;
			}
		}
		mode = st.st_mode;
		break;
	}
	if (l->maildir && !S_ISDIR(mode))
		return;
	if (S_ISREG(mode) && !l->msgdir && run->pooled &&
	    cfg->mbox != INPUTS_MBOX_NEVER && walk_split(run, dfd, name))
		return;
	if (S_ISREG(mode))
		job_entry(run, dfd, l->seq, l->plen, l->msgdir);
	else if (S_ISDIR(mode)) {
		fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
		    (cfg->follow ? 0 : O_NOFOLLOW));
		if (fd == -1)
			note(run, run->path, errno, 1, NULL);
		else
			level_open(run, fd, l->plen + n, l->maildir &&
			    name[0] != '.');
	} else
		note(run, run->path, 0, 0, kind_name(mode));
}

/* Walks the directory fd, named by path, in order. */
static void
walk(struct run *run, int fd, const char *path)
{
	struct level *l;
	const char *base;
	size_t n;
	int up, k, msgdir = 0;

	n = strlen(path);
	if (n >= sizeof(run->path)) {
		note(run, path, ENAMETOOLONG, 1, NULL);
		close(fd);
		return;
	}
	memcpy(run->path, path, n + 1);
	/* mhlint ~/Maildir/cur: its files are messages too. */
	while (n > 1 && path[n - 1] == '/')
		n--;
	for (base = path + n; base > path && base[-1] != '/'; base--)
		;
	if ((strncmp(base, "cur", 3) == 0 || strncmp(base, "new", 3) == 0) &&
	    path + n - base == 3 &&
	    (up = openat(fd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) !=
	    -1) {
		msgdir = is_maildir(up, run->cfg->follow);
		close(up);
	}
	level_open(run, fd, strlen(run->path), msgdir);
	while (run->depth > 0) {
		l = &run->lv[run->depth - 1];
		if (l->next == l->nents) {
			if (!l->more) {
				level_close(run, l);
				run->depth--;
				continue;
			}
			run->path[l->plen] = '\0';
			kick(run);
			if ((k = fill_level(run, l)) != 0) {
				note(run, run->path, k, 1, NULL);
				l->more = 0;
			}
			continue;
		}
		n = l->ents[l->next].len;
#if defined(__GNUC__)
		/* The names lie in the order readdir(3) gave them, so each
		 * in sorted order is a cache miss: ask for one a few ahead. */
		if (l->next + 8 < l->nents)
			__builtin_prefetch(l->names + l->ents[l->next + 8].off);
#endif
		memcpy(l->last, l->names + l->ents[l->next].off, n + 1);
		l->have_last = 1;
		l->next++;
		walk_entry(run, l, l->last, n, l->ents[l->next - 1].type);
		/* Nobody reads the output any more (EPIPE): stop. */
		if (ferror(stdout))
			while (run->depth > 0)
				level_close(run, &run->lv[--run->depth]);
	}
}

static void
input(struct run *run, const char *path)
{
	struct stat st;
	int fd, known;

	if (strcmp(path, "-") == 0) {
		if (!job_split(run, J_STDIN, STDIN_FILENO, "-"))
			job_file(run, J_STDIN, "-", 0);
		return;
	}
	/* Only a directory is opened here, and without blocking: a FIFO
	 * named on the command line is read by a worker, as any file. */
	if ((known = stat(path, &st) == 0) && S_ISDIR(st.st_mode)) {
		if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
		    -1)
			note(run, path, errno, 1, NULL);
		else
			walk(run, fd, path);
		return;
	}
	/* A big mbox: opened here to be split (a regular file, so the
	 * open does not block). */
	if (known && run->pooled && run->cfg->mbox != INPUTS_MBOX_NEVER &&
	    S_ISREG(st.st_mode) && st.st_size >= SPLIT_MIN &&
	    (fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC)) != -1) {
		if (job_split(run, J_FILE, fd, path))
			return;
		close(fd);
	}
	job_file(run, J_FILE, path, 0);
}

/* ------------------------------------------------------------------ */

int
inputs_run(struct inputs_config *cfg, char *const *paths, int npaths)
{
	struct run *run;
	size_t i;
	int k, ret = -1, started = 0, saved, inited = 0;

	if ((run = calloc(1, sizeof(*run))) == NULL)
		return -1;
	run->cfg = cfg;
	run->nw = cfg->jobs < 1 ? 1 : cfg->jobs > MAX_JOBS ? MAX_JOBS :
	    cfg->jobs;
	run->pooled = run->nw > 1;
	run->nslots = run->pooled ? (size_t)run->nw * SLOTS_PER_WORKER : 1;
	clock_gettime(CLOCK_MONOTONIC, &run->t0);
	run->out_tty = isatty(STDOUT_FILENO);
	run->last_draw = run->t0;
	if ((run->lv = calloc(MAX_DEPTH, sizeof(*run->lv))) == NULL ||
	    (run->w = calloc((size_t)run->nw, sizeof(*run->w))) == NULL ||
	    (run->slots = calloc(run->nslots, sizeof(*run->slots))) == NULL)
		goto out;
	for (i = 0; i < run->nslots; i++)
		if ((run->slots[i].buf = malloc(OUT_CAP)) == NULL)
			goto out;
	for (k = 0; k < run->nw; k++) {
		run->w[k].run = run;
		if ((run->w[k].rbuf = malloc(READ_CHUNK)) == NULL ||
		    (run->w[k].chk = mhl_checker_new(cfg->opt, on_finding,
		    &run->w[k])) == NULL)
			goto out;
	}
	if (run->pooled) {
		pthread_mutex_init(&run->mu, NULL);
		pthread_cond_init(&run->work, NULL);
		pthread_cond_init(&run->ready, NULL);
		pthread_cond_init(&run->drained, NULL);
		inited = 1;
		for (k = 0; k < run->nw; k++) {
			if ((errno = pthread_create(&run->w[k].tid, NULL,
			    worker_main, &run->w[k])) != 0)
				break;
			started++;
		}
		if (started == 0) {
			/* No threads to be had: check in this thread. */
			run->pooled = 0;
			run->nslots = 1;
		}
	}

	/*
	 * Only this thread writes standard output.  Once workers exist,
	 * stdio locks the stream for every call: holding the lock for the
	 * run spares that, which json, sarif and github, writing a byte at
	 * a time, felt as 35% more CPU at -j2 than at -j1.
	 */
	flockfile(stdout);
	if (npaths == 0)
		input(run, "-");
	for (k = 0; k < npaths && !ferror(stdout); k++)
		input(run, paths[k]);
	flush(run);

	if (run->pooled) {
		pthread_mutex_lock(&run->mu);
		service(run, 0, 1);
		run->quit = 1;
		pthread_cond_broadcast(&run->work);
		pthread_mutex_unlock(&run->mu);
	}
	funlockfile(stdout);
	ret = run->trouble;
	cfg->suppressed = 0;
	for (k = 0; k < run->nw; k++)
		cfg->suppressed += mhl_checker_suppressed(run->w[k].chk);
out:
	saved = errno;
	for (k = 0; k < started; k++)
		pthread_join(run->w[k].tid, NULL);
	if (inited) {
		pthread_mutex_destroy(&run->mu);
		pthread_cond_destroy(&run->work);
		pthread_cond_destroy(&run->ready);
		pthread_cond_destroy(&run->drained);
	}
	progress_clear(run);
	if (run->w != NULL)
		for (k = 0; k < run->nw; k++) {
			mhl_checker_free(run->w[k].chk);
			free(run->w[k].rbuf);
			free(run->w[k].sbuf);
		}
	if (run->slots != NULL)
		for (i = 0; i < run->nslots; i++)
			free(run->slots[i].buf);
	free(run->slots);
	free(run->w);
	free(run->lv);
	free(run);
	errno = saved;
	return ret;
}
