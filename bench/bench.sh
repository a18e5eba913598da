#!/bin/bash
# mhlint's benchmark (make bench; not a test).  Builds, under a temporary
# directory, a Maildir of BENCH_FILES (100,000) message files made of hard
# links to ../shared/corpus (copies if links fail) and an mbox of at least
# BENCH_MBOX_MB (300) MB; warms the page cache; then runs each command
# BENCH_RUNS (5) times next to its baseline and prints median wall times,
# their ratio and the peak RSS that /usr/bin/time -v reports.  Then the
# memory cases: a 1 GiB header line, a 1 GiB body and a 1 GiB mbox on a
# pipe; and, with BENCH_MILLION=1, a Maildir of a million files.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/mhlint
one=$top/bench/onemsg
corpus=${CORPUS:-$top/../shared/corpus}
runs=${BENCH_RUNS:-5}
nfiles=${BENCH_FILES:-100000}
mbox_mb=${BENCH_MBOX_MB:-300}

if [ ! -x /usr/bin/time ]; then
	echo "bench: installing GNU time (Debian package time)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
fi
[ -d "$corpus" ] || { echo "bench: $corpus not found"; exit 2; }
[ -x "$bin" ] && [ -x "$one" ] || { echo "bench: run make bench"; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mhlint-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# The mbox is written out; the Maildir is links.  Ask for twice that.
need_kb=$((mbox_mb * 1024 * 2 + 200 * 1024))
free_kb=$(df -Pk "$tmp" | awk 'NR == 2 { print $4 }')
if [ "$free_kb" -lt "$need_kb" ]; then
	echo "bench: $((free_kb / 1024)) MB free under $tmp, need $((need_kb / 1024))"
	exit 2
fi

echo "bench: building inputs under $tmp"
(cd "$corpus" && find . -name '*.eml' -type f | LC_ALL=C sort) > "$tmp/list"
md=$tmp/Maildir
mkdir -p "$md/cur" "$md/new" "$md/tmp"
# Maildir: 80% in cur/, the rest in new/.
perl -e '
	my ($corpus, $md, $n, $list) = @ARGV;
	open(my $l, "<", $list) or die "$list: $!";
	chomp(my @f = <$l>);
	for my $i (0 .. $n - 1) {
		my $src = "$corpus/" . $f[$i % @f];
		my $dst = sprintf("%s/%s/%07d.M%dP1.bench:2,S", $md,
		    $i < $n * 0.8 ? "cur" : "new", $i, $i);
		link($src, $dst) or system("cp", $src, $dst) == 0 or
		    die "$dst: $!";
	}' "$corpus" "$md" "$nfiles" "$tmp/list"
# mbox (mboxrd): each corpus message after a From_ line, its own envelope
# line dropped, its body's From lines quoted; repeated to the size.
mbox=$tmp/mbox
perl -e '
	my ($corpus, $out, $mb, $list) = @ARGV;
	open(my $l, "<", $list) or die "$list: $!";
	chomp(my @f = <$l>);
	open(my $o, ">", $out) or die "$out: $!";
	my $size = 0;
	while ($size < $mb * 1024 * 1024) {
		for my $f (@f) {
			open(my $m, "<", "$corpus/$f") or die "$f: $!";
			local $/;
			my $t = <$m>;
			$t =~ s/\AFrom [^\n]*\n//;
			$t =~ s/^(>*From )/>$1/mg;
			$t .= "\n" unless $t =~ /\n\z/;
			my $s = "From bench\@example.org Mon Jan  1 00:00:00 2024\n$t\n";
			print $o $s;
			$size += length($s);
		}
	}' "$corpus" "$mbox" "$mbox_mb" "$tmp/list"
nmsg=$(grep -c '^From ' "$mbox")
echo "bench: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench: Maildir $nfiles files, mbox $(du -m "$mbox" | cut -f1) MB, $nmsg messages"
msg=$top/testdata/examples/survey.eml

# Warm the page cache.
find "$md" -type f -print0 | xargs -0 cat > /dev/null
cat "$mbox" > /dev/null

# run NAME COMMAND...: BENCH_RUNS runs; sets wall and cpu (user + system;
# medians, s) and rss (KiB, the largest).
run() {
	local name=$1 i t0 t1 r
	shift
	: > "$tmp/walls"
	: > "$tmp/cpus"
	rss=0
	for i in $(seq "$runs"); do
		t0=$(date +%s%N)
		/usr/bin/time -v -o "$tmp/time" "$@" > "$tmp/out" 2>&1 || true
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000)) >> "$tmp/walls"
		awk -F': ' '/User time|System time/ { s += $2 }
		    END { print s }' "$tmp/time" >> "$tmp/cpus"
		r=$(awk -F': ' '/Maximum resident set size/ { print $2 }' \
		    "$tmp/time")
		[ "$r" -gt "$rss" ] && rss=$r
	done
	wall=$(sort -n "$tmp/walls" | awk '{ a[NR] = $1 }
	    END { printf "%.3f", a[int((NR + 1) / 2)] / 1e6 }')
	cpu=$(sort -n "$tmp/cpus" | awk '{ a[NR] = $1 }
	    END { printf "%.2f", a[int((NR + 1) / 2)] }')
	printf '%-30s %8s s %7s s %8s KiB\n' "$name" "$wall" "$cpu" "$rss"
}

# ratio A B: A / B.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
	    if (b > 0) printf "%.2f", a / b; else printf "-" }'
}

# verdict A B LIMIT: "met" when A / B <= LIMIT, "MISSED" otherwise.
verdict() {
	awk -v a="$1" -v b="$2" -v l="$3" 'BEGIN {
	    if (b > 0 && a / b <= l) printf "met"; else printf "MISSED" }'
}

echo
echo "median of $runs runs; peak RSS from /usr/bin/time -v"
printf '%-30s %10s %9s %12s\n' command wall cpu "max RSS"
run "cat (find | xargs cat)" sh -c \
    "find '$md' -type f -print0 | xargs -0 cat > /dev/null"
cat_wall=$wall cat_cpu=$cpu
run "mhlint -j1 Maildir" "$bin" -j1 "$md"
md1_wall=$wall md1_rss=$rss md1_cpu=$cpu
run "mhlint -j2 Maildir" "$bin" -j2 "$md"
md2_wall=$wall md2_rss=$rss md2_cpu=$cpu
run "grep -c '^From ' mbox" grep -c '^From ' "$mbox"
grep_wall=$wall grep_cpu=$cpu
run "wc -l mbox" wc -l "$mbox"
wc_wall=$wall
run "mhlint -j1 mbox" "$bin" -j1 "$mbox"
mb1_wall=$wall mb1_rss=$rss mb1_cpu=$cpu
run "mhlint -j2 mbox" "$bin" -j2 "$mbox"
mb2_wall=$wall mb2_rss=$rss mb2_cpu=$cpu
us=$("$one" 10000 < "$msg")

echo
echo "ratios of wall (and cpu) times, target:"
echo "  Maildir -j1 / cat      $(ratio "$md1_wall" "$cat_wall") ($(ratio "$md1_cpu" "$cat_cpu"))  <= 0.5 $(verdict "$md1_wall" "$cat_wall" 0.5)"
echo "  Maildir -j2 / cat      $(ratio "$md2_wall" "$cat_wall") ($(ratio "$md2_cpu" "$cat_cpu"))  <= 0.3 $(verdict "$md2_wall" "$cat_wall" 0.3)"
echo "  mbox -j1 / grep -c     $(ratio "$mb1_wall" "$grep_wall") ($(ratio "$mb1_cpu" "$grep_cpu"))  <= 1.0 $(verdict "$mb1_wall" "$grep_wall" 1.0)"
echo "  mbox -j2 / grep -c     $(ratio "$mb2_wall" "$grep_wall") ($(ratio "$mb2_cpu" "$grep_cpu"))  <= 1.0 $(verdict "$mb2_wall" "$grep_wall" 1.0)"
echo "  mbox -j1 / wc -l       $(ratio "$mb1_wall" "$wc_wall")"
echo "  mbox -j2 / wc -l       $(ratio "$mb2_wall" "$wc_wall")"
echo "  one message, in process: $us us (10,000 times, $(basename "$msg"))"
echo "  peak RSS KiB: Maildir -j1 $md1_rss, -j2 $md2_rss, mbox -j1 $mb1_rss, -j2 $mb2_rss (<= 8192)"

# Memory: whatever the input.  Generated on a pipe, never written out.
echo
echo "memory (peak RSS, /usr/bin/time -v):"
gig=${BENCH_MEM_BYTES:-1073741824}
mem() {
	local name=$1
	shift
	/usr/bin/time -v -o "$tmp/time" sh -c "$*" > /dev/null 2>&1 || true
	printf '  %-30s %6s KiB\n' "$name" "$(awk -F': ' \
	    '/Maximum resident set size/ { print $2 }' "$tmp/time")"
}
mem "1 GiB header line" \
    "{ printf 'Subject: '; head -c $gig /dev/zero | tr '\\0' a; } | '$bin'"
mem "1 GiB body" \
    "{ printf 'Subject: x\\n\\n'; head -c $gig /dev/zero | tr '\\0' '\\n'; } | '$bin'"
mem "1 GiB body of an mbox message" \
    "{ printf 'From a\\nSubject: x\\n\\n'; head -c $gig /dev/zero | tr '\\0' '\\n'; } | '$bin'"
mem "1 GiB mbox" \
    "cat '$mbox' '$mbox' '$mbox' '$mbox' | head -c $gig | '$bin'"
mem "the mbox file, split, -j4" "'$bin' -j4 '$mbox'"
# Findings by the megabyte: 64 files of 3,000 8-bit fields each.
loud=$tmp/loud
mkdir -p "$loud"
perl -e 'my $d = shift; for my $f (1 .. 64) {
	open(my $o, ">", "$d/m$f") or die "$!";
	print $o "From a\n", map({ "X-$_: caf\xe9\n" } 1 .. 3000), "\n";
	}' "$loud"
mem "64 files, 3,000 findings each, -j2" "'$bin' -j2 '$loud'"
if [ "${BENCH_MILLION:-0}" = 1 ]; then
	big=$tmp/Million
	mkdir -p "$big/cur" "$big/new" "$big/tmp"
	# Links to all corpus files in turn: a file takes at most 65,000.
	perl -e 'my ($corpus, $d, $list) = @ARGV;
		open(my $l, "<", $list) or die "$list: $!";
		chomp(my @f = <$l>);
		for my $i (0 .. 999999) {
			link("$corpus/" . $f[$i % @f], sprintf(
			    "%s/cur/%07d.M%dP1.bench.example.org:2,S", $d, $i,
			    $i)) or die "$!"; }' "$corpus" "$big" "$tmp/list"
	mem "Maildir of 1,000,000 files" "'$bin' -j2 '$big'"
fi
