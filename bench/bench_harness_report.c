/*
 * bench_harness_report.c - scoring texts against the truth, and the
 * three outputs: the summary on stdout, results.json, and the Markdown
 * section appended to RESULTS.md.  Every number printed here comes from
 * a result measured in this run; what was not measured prints "n/a" or
 * says why, never 0.
 */
#include "bench_harness.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BENCH_MD_MAX (1u << 20)

int bench_score_page(const char *dir, const bench_hpage *p, const char *truth, bench_errsum *sum,
                     int *missing, core_err *err)
{
	char path[BENCH_PATH_MAX], *hyp;

	if (core_snprintf(path, sizeof(path), err, "%s/%s/page-%d.txt", dir, p->code, p->number))
		return -1;
	/* A page without output counts as an empty text. */
	hyp = core_slurp(path, BENCH_TEXT_MAX, NULL);
	if (!hyp)
		(*missing)++;
	if (bench_errsum_page(sum, truth, hyp, err)) {
		core_err_detail(err, "%s", path);
		free(hyp);
		return -1;
	}
	free(hyp);
	return 0;
}

int bench_score_dir(const bench_corpus *c, const char *dir, bench_result *r, core_err *err)
{
	int missing = 0;

	memset(r->acc, 0, sizeof(r->acc));
	for (int i = 0; i < c->n; i++) {
		const bench_hpage *p = &c->pages[i];

		if (!p->blank &&
		    bench_score_page(dir, p, p->truth, &r->acc[p->group], &missing, err))
			return -1;
	}
	for (int g = 0; g < c->groups.n; g++)
		bench_errsum_merge(&r->acc[BENCH_ACC_ALL], &r->acc[g]);
	r->scored = true;
	if (missing)
		bench_note(r->score_note, sizeof(r->score_note),
		           "%d pages had no output and count as empty", missing);
	return 0;
}

double bench_result_ppm(const bench_result *r)
{
	return r->state == BENCH_OK ? bench_pages_per_min(r->pages, r->wall_s) : NAN;
}

double bench_result_cer(const bench_result *r, int group)
{
	return r->scored ? bench_errsum_cer(&r->acc[group]) : NAN;
}

double bench_result_limit_s(const bench_result *r, int jobs)
{
	if (jobs < 1 || r->state != BENCH_OK || !r->has_report || r->recognize_s <= 0)
		return NAN;
	/* A loop that missed pages timed fewer of them: no limit then. */
	if (r->failed > 0 || r->done != r->pages)
		return NAN;
	return r->recognize_s / jobs;
}

double bench_limit_s(const bench_hctx *x, int jobs, bench_limit which)
{
	const bench_result *r;

	if (jobs < 1 || jobs > x->o.jobs_max)
		return NAN;
	if (which == BENCH_LIMIT_BARE)
		return x->bare.jobs == jobs ? bench_result_limit_s(&x->bare, jobs) : NAN;
	if (which == BENCH_LIMIT_BARE_1JOB)
		return bench_result_limit_s(&x->bare1, jobs);
	r = &x->sohoa[jobs];
	if (r->state != BENCH_OK || !r->has_report || r->recognize_s <= 0)
		return NAN;
	return r->recognize_s / jobs;
}

/* ---- Markdown ------------------------------------------------------------- */

typedef struct bench_md {
	core_buf b;
	core_err *err;
} bench_md;

static void md(bench_md *m, const char *fmt, ...) CORE_PRINTF(2, 3);

static void md(bench_md *m, const char *fmt, ...)
{
	char line[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(line)) {
		core_err_set(m->err, CORE_ELIMIT, "a report line is too long");
		return;
	}
	core_buf_puts(&m->b, line, m->err);
}

static const char *bench_f(char *buf, size_t size, double v, int dec)
{
	return bench_fmt_num(buf, size, v, dec);
}

/* One throughput row; a row that did not run says why in its wall cell. */
static void md_row(bench_md *m, const bench_result *r, int group_all)
{
	char a[32], b[32], c[32], d[32], e[32];

	if (r->state != BENCH_OK) {
		md(m, "| %s | %s | %d | %s | | | | |\n", r->system, r->settings, r->jobs,
		   r->state == BENCH_FAILED ? "failed" : "not run");
		return;
	}
	md(m, "| %s | %s | %d | %s | %s | %s | %s | %s |\n", r->system, r->settings, r->jobs,
	   bench_f(a, sizeof(a), r->wall_s, 1), bench_f(b, sizeof(b), bench_result_ppm(r), 1),
	   bench_f(c, sizeof(c), bench_per_page(r->cpu_s, r->pages), 2),
	   bench_f(d, sizeof(d), r->maxrss_kb > 0 ? (double)r->maxrss_kb / 1024.0 : NAN, 0),
	   bench_fmt_pct(e, sizeof(e), bench_result_cer(r, group_all)));
}

static void md_limit_row(bench_md *m, const bench_hctx *x, int jobs, bench_limit which)
{
	double s = bench_limit_s(x, jobs, which);
	char a[32], b[32], what[96];

	if (which == BENCH_LIMIT_OWN)
		snprintf(what, sizeof(what), "sum of sohoa's own Recognize calls at %d jobs / %d",
		         jobs, jobs);
	else
		snprintf(what, sizeof(what),
		         "sum of the bare loop's Recognize times at %d job%s / %d",
		         which == BENCH_LIMIT_BARE ? jobs : 1,
		         which == BENCH_LIMIT_BARE && jobs > 1 ? "s" : "", jobs);
	md(m, "| %s | %s | %d | %s | %s | | | |\n",
	   which == BENCH_LIMIT_OWN ? "sohoa's recognition" : "recognition limit", what, jobs,
	   bench_f(a, sizeof(a), s, 1),
	   bench_f(b, sizeof(b), bench_pages_per_min(x->corpus.n, s), 1));
}

const char *bench_verdict(char *buf, size_t size, double v, double target, bool pct)
{
	if (!isfinite(v))
		snprintf(buf, size, "not measured");
	else if (v >= target)
		snprintf(buf, size, "met (target %s%.2f%s)", pct ? "" : "",
		         pct ? 100 * target : target, pct ? "%" : "x");
	else
		snprintf(buf, size, "short by %.1f%% (target %.2f%s)", 100 * (1 - v / target),
		         pct ? 100 * target : target, pct ? "%" : "x");
	return buf;
}

/* sohoa against one of the limits: efficiency = limit seconds / sohoa's wall. */
static void md_eff_row(bench_md *m, const bench_hctx *x, const bench_result *s, bench_limit which,
                       const char *what, double target, const char *note)
{
	double lim = bench_limit_s(x, x->o.jobs_max, which);
	double eff = bench_ratio(lim, s->state == BENCH_OK ? s->wall_s : NAN);
	char a[32], b[32], c[32], v[96];

	md(m, "| sohoa / %s | %s | %s | **%s** | | | %s | %s |\n", what,
	   bench_f(a, sizeof(a), bench_result_ppm(s), 1),
	   bench_f(b, sizeof(b), bench_pages_per_min(x->corpus.n, lim), 1),
	   bench_fmt_pct(c, sizeof(c), eff),
	   target > 0 ? bench_verdict(v, sizeof(v), eff, target, true) : "", note);
}

static void md_ratio(bench_md *m, const bench_result *s, const bench_result *peer, double target)
{
	char a[32], b[32], c[32], d[32], e[32], v[96];
	double ratio = bench_ratio(bench_result_ppm(s), bench_result_ppm(peer));

	if (peer->state != BENCH_OK) {
		md(m, "| sohoa / %s | %s | | | | | | %s |\n", peer->system,
		   bench_f(a, sizeof(a), bench_result_ppm(s), 1), peer->note);
		return;
	}
	md(m, "| sohoa / %s | %s | %s | **%s** | %s | %s | %s | %s |\n", peer->system,
	   bench_f(a, sizeof(a), bench_result_ppm(s), 1),
	   bench_f(b, sizeof(b), bench_result_ppm(peer), 1), bench_fmt_ratio(c, sizeof(c), ratio),
	   bench_fmt_pct(d, sizeof(d), bench_result_cer(s, BENCH_ACC_ALL)),
	   bench_fmt_pct(e, sizeof(e), bench_result_cer(peer, BENCH_ACC_ALL)),
	   target > 0 ? bench_verdict(v, sizeof(v), ratio, target, false) : "",
	   peer->score_note[0] ? peer->score_note : "");
}

static void md_accuracy(bench_md *m, const bench_hctx *x, const bench_result *const *sys, int n)
{
	const bench_corpus *c = &x->corpus;

	md(m, "\nAccuracy per degradation (CER / CER accent-folded / WER; blank pages "
	      "skipped):\n\n| degradation | pages |");
	for (int k = 0; k < n; k++)
		md(m, " %s%s |", sys[k]->system,
		   strcmp(sys[k]->system, "sohoa") == 0 ? " (N jobs)" : "");
	md(m, "\n|---|---|");
	for (int k = 0; k < n; k++)
		md(m, "---|");
	md(m, "\n");
	for (int g = 0; g <= c->groups.n; g++) {
		int gi = g == c->groups.n ? BENCH_ACC_ALL : g;
		int pages = -1;

		for (int k = 0; k < n && pages < 0; k++)
			if (sys[k]->scored)
				pages = sys[k]->acc[gi].pages;
		md(m, "| %s | %d |", g == c->groups.n ? "**all**" : c->groups.name[g],
		   pages < 0 ? 0 : pages);
		for (int k = 0; k < n; k++) {
			const bench_result *r = sys[k];
			char a[32], b[32], d[32];

			if (!r->scored) {
				md(m, " %s |", r->state == BENCH_OK ? "not scored" : "not run");
				continue;
			}
			md(m, " %s / %s / %s |",
			   bench_fmt_pct(a, sizeof(a), bench_errsum_cer(&r->acc[gi])),
			   bench_fmt_pct(b, sizeof(b), bench_errsum_cer_fold(&r->acc[gi])),
			   bench_fmt_pct(d, sizeof(d), bench_errsum_wer(&r->acc[gi])));
		}
		md(m, "\n");
	}
}

/*
 * The ratio any pipeline that recognizes each page once could reach
 * against each peer: the limit's pages/min over the peer's, and the
 * efficiency a ratio target then asks for.
 */
static void md_ceilings(bench_md *m, const bench_hctx *x, const bench_result *const *sys, int n)
{
	static const double target[] = {0, 1.15, 1.5, 3.0};
	double lim =
	    bench_pages_per_min(x->corpus.n, bench_limit_s(x, x->o.jobs_max, BENCH_LIMIT_BARE));
	char a[32], b[32];
	bool any = false;

	if (!isfinite(lim))
		return;
	for (int k = 1; k < n && k < 4; k++) {
		double ceil = bench_ratio(lim, bench_result_ppm(sys[k]));

		if (!isfinite(ceil))
			continue;
		if (!any)
			md(m,
			   "\nCeilings: the recognition limit's pages/min over each peer's is the "
			   "ratio a pipeline that recognizes each page once would reach at 100%% "
			   "efficiency; a ratio target asks for target / ceiling of it.\n\n"
			   "| peer | ceiling | target | efficiency the target asks for |\n"
			   "|---|---|---|---|\n");
		any = true;
		md(m, "| %s | %s | %.2fx | %s |\n", sys[k]->system,
		   bench_fmt_ratio(a, sizeof(a), ceil), target[k],
		   bench_fmt_pct(b, sizeof(b), bench_ratio(target[k], ceil)));
	}
}

/* Where sohoa's wall time goes at N jobs, from its own stage clocks. */
static void md_breakdown(bench_md *m, const bench_hctx *x, const bench_result *s)
{
	int n = s->jobs, pages = s->pages;
	double rec = s->recognize_s / n, ocr_rest = (s->ocr_s - s->recognize_s) / n;
	double other = (s->load_s + s->preprocess_s + s->store_s) / n;
	double outside = s->wall_s - s->rep_elapsed_s;
	double rest = s->rep_elapsed_s - rec - ocr_rest - other;
	char a[32], b[32];

	md(m,
	   "\nWhere sohoa's wall time goes at %d job%s (stage sums / %d, from its report):\n\n"
	   "| part | seconds | share of wall |\n|---|---|---|\n",
	   n, n == 1 ? "" : "s", n);
#define ROW(name, v)                                                                               \
	md(m, "| %s | %s | %s |\n", name, bench_f(a, sizeof(a), v, 2),                             \
	   bench_fmt_pct(b, sizeof(b), bench_ratio(v, s->wall_s)))
	ROW("Recognize (sohoa's own calls)", rec);
	ROW("rest of the OCR stage (image hand-over, text, words, confidences)", ocr_rest);
	ROW("load + preprocess + store", other);
	ROW("start-up, planning, idle workers and tail inside the run", rest);
	ROW("process start and exit outside sohoa's own clock", outside);
	ROW("**wall**", s->wall_s);
#undef ROW
	md(m,
	   "\nPer page (ms, summed over workers): load %s, preprocess %s, OCR %s (of which "
	   "Recognize %s), store %s.\n",
	   bench_f(a, sizeof(a), 1000 * bench_per_page(s->load_s, pages), 1),
	   bench_f(b, sizeof(b), 1000 * bench_per_page(s->preprocess_s, pages), 1),
	   bench_f((char[32]){0}, 32, 1000 * bench_per_page(s->ocr_s, pages), 1),
	   bench_f((char[32]){0}, 32, 1000 * bench_per_page(s->recognize_s, pages), 1),
	   bench_f((char[32]){0}, 32, 1000 * bench_per_page(s->store_s, pages), 1));
	if (x->sohoa[1].state == BENCH_OK && x->sohoa[1].has_report && n > 1) {
		double r1 = bench_per_page(x->sohoa[1].recognize_s, x->sohoa[1].pages);
		double rn = bench_per_page(s->recognize_s, pages);

		md(m,
		   "sohoa's Recognize per page: %s ms at 1 job, %s ms at %d jobs (%+.1f%%): the "
		   "machine's slow-down with %d recognitions at once, which no scheduling "
		   "recovers; against a limit taken at 1 job it alone caps the efficiency at %s.\n",
		   bench_f(a, sizeof(a), 1000 * r1, 1), bench_f(b, sizeof(b), 1000 * rn, 1), n,
		   100 * (bench_ratio(rn, r1) - 1), n,
		   bench_fmt_pct((char[32]){0}, 32, bench_ratio(r1, rn)));
	}
}

static int bench_markdown(const bench_hctx *x, core_buf *out, core_err *err)
{
	const bench_corpus *c = &x->corpus;
	const bench_result *s = &x->sohoa[x->o.jobs_max];
	const bench_result *sys[4] = {s, &x->cli, &x->omp_fast, &x->omp_default};
	bench_md m = {{0}, err};
	char a[32], b[32], v[96];

	core_buf_init(&m.b, BENCH_MD_MAX);
	md(&m, "\n### sohoa-bench, %s (%s)\n\n", x->date, c->desc);
	md(&m, "Machine: %d cores, %s; %s; OCRmyPDF %s; sohoa %s.  \n", x->cores, x->cpu_model,
	   x->tesseract_version, x->ocrmypdf_version, x->sohoa_version);
	md(&m,
	   "Command: `%s` (one run: every figure below comes from a clock or the ground "
	   "truth in it). Results: `%s`.\n\n",
	   x->command, x->json_path);
	md(&m, "| system | settings | jobs | wall s | pages/min | CPU s/page | peak RSS MB | CER "
	       "|\n|---|---|---|---|---|---|---|---|\n");
	for (int j = 1; j <= x->o.jobs_max; j++)
		md_row(&m, &x->sohoa[j], BENCH_ACC_ALL);
	md_row(&m, &x->bare1, BENCH_ACC_ALL);
	if (x->o.jobs_max > 1)
		md_row(&m, &x->bare, BENCH_ACC_ALL);
	md_limit_row(&m, x, x->o.jobs_max, BENCH_LIMIT_BARE);
	if (x->o.jobs_max > 1)
		md_limit_row(&m, x, x->o.jobs_max, BENCH_LIMIT_BARE_1JOB);
	md_limit_row(&m, x, x->o.jobs_max, BENCH_LIMIT_OWN);
	md_row(&m, &x->cli, BENCH_ACC_ALL);
	md_row(&m, &x->cli_omp, BENCH_ACC_ALL);
	md_row(&m, &x->omp_fast, BENCH_ACC_ALL);
	md_row(&m, &x->omp_default, BENCH_ACC_ALL);
	for (int k = 0; k < 2; k++)
		if (x->mem[k].state != BENCH_NOT_RUN)
			md_row(&m, &x->mem[k], BENCH_ACC_ALL);
	md(&m, "\nPeak RSS is the sohoa process (the PostgreSQL server is not counted); for the "
	       "CLI, the largest tesseract process; for OCRmyPDF, its largest process. The bare "
	       "loop (`sohoa-bare`) reads the CLI's page images as they are, one Tesseract "
	       "handle per thread, Tesseract's settings but `--psm 3`, and times "
	       "`TessBaseAPIRecognize` alone: the recognition limit is its Recognize sum over "
	       "the jobs, what the cores spend recognizing these pages whoever drives them.\n");
	for (int k = 0; k < 4; k++)
		if (sys[k]->note[0])
			md(&m, "%s: %s.  \n", sys[k]->system, sys[k]->note);
	if (x->cli_omp.state == BENCH_OK && x->cli.state == BENCH_OK)
		md(&m,
		   "Debian's libtesseract with its OpenMP left unlimited: the CLI reads %s "
		   "pages/min "
		   "one page at a time, %s times fewer than with OMP_THREAD_LIMIT=1 %d at a time; "
		   "sohoa and the bare loop keep Tesseract on one thread per page.  \n",
		   bench_f(a, sizeof(a), bench_result_ppm(&x->cli_omp), 1),
		   bench_f(b, sizeof(b),
		           bench_ratio(bench_result_ppm(&x->cli), bench_result_ppm(&x->cli_omp)),
		           1),
		   x->cli.jobs);
	if (x->cli_omp.note[0])
		md(&m, "%s, OpenMP unlimited: %s.  \n", x->cli_omp.system, x->cli_omp.note);
	if (x->bare1.note[0])
		md(&m, "%s, 1 job: %s.  \n", x->bare1.system, x->bare1.note);
	if (x->o.jobs_max > 1 && x->bare.note[0])
		md(&m, "%s, %d jobs: %s.  \n", x->bare.system, x->o.jobs_max, x->bare.note);

	md(&m,
	   "\nRatios at %d jobs (pages/min of sohoa / pages/min of the peer; CER of both "
	   "on the same pages)%s:\n\n| pair | sohoa pages/min | peer pages/min | ratio | CER "
	   "sohoa | CER peer | verdict | note |\n|---|---|---|---|---|---|---|---|\n",
	   x->o.jobs_max,
	   x->rounds_run > 1 ? ", round 1 alone: the verdicts to hold against the targets are "
	                       "the medians over the rounds, below"
	                     : "");
	md_ratio(&m, s, &x->cli, 1.15);
	md_ratio(&m, s, &x->omp_fast, 1.5);
	md_ratio(&m, s, &x->omp_default, 3.0);
	md_ratio(&m, s, &x->bare, 0);
	md_eff_row(&m, x, s, BENCH_LIMIT_BARE, "recognition limit (bare Recognize at N jobs / N)",
	           0.9, "efficiency");
	if (x->o.jobs_max > 1)
		md_eff_row(&m, x, s, BENCH_LIMIT_BARE_1JOB, "bare Recognize at 1 job / N", 0,
		           "efficiency without the machine's slow-down under parallel load");
	md_eff_row(&m, x, s, BENCH_LIMIT_OWN, "its own Recognize calls / N", 0,
	           "share of sohoa's wall spent in Recognize");
	md_ceilings(&m, x, sys, 4);
	bench_rounds_markdown(x, &m.b, err);
	bench_parts_markdown(x, &m.b, err);
	if (s->state == BENCH_OK && s->has_report)
		md_breakdown(&m, x, s);

	md(&m, "\nPer stage, per page (ms, summed over workers, from sohoa's report):\n\n| jobs | "
	       "load | preprocess | OCR | of which Recognize | store | wall s x jobs / page "
	       "|\n|---|---|---|---|---|---|---|\n");
	for (int j = 1; j <= x->o.jobs_max; j++) {
		const bench_result *r = &x->sohoa[j];
		int p = r->pages;

		if (r->state != BENCH_OK || !r->has_report) {
			md(&m, "| %d | %s | | | | | |\n", j,
			   r->state == BENCH_FAILED ? "failed" : "not run");
			continue;
		}
		md(&m, "| %d | %s | %s | %s | %s | %s | %s |\n", j,
		   bench_f(a, sizeof(a), 1000 * bench_per_page(r->load_s, p), 1),
		   bench_f(b, sizeof(b), 1000 * bench_per_page(r->preprocess_s, p), 1),
		   bench_f((char[32]){0}, 32, 1000 * bench_per_page(r->ocr_s, p), 1),
		   bench_f((char[32]){0}, 32, 1000 * bench_per_page(r->recognize_s, p), 1),
		   bench_f((char[32]){0}, 32, 1000 * bench_per_page(r->store_s, p), 1),
		   bench_f((char[32]){0}, 32, 1000 * bench_per_page(r->wall_s * j, p), 1));
	}

	md_accuracy(&m, x, sys, 4);
	bench_twins_markdown(x, &m.b, err);

	md(&m, "\nMemory: peak RSS of sohoa per job count:");
	for (int j = 1; j <= x->o.jobs_max; j++)
		md(&m, " %d job%s %s MB;", j, j == 1 ? "" : "s",
		   bench_f(a, sizeof(a),
		           x->sohoa[j].state == BENCH_OK ? (double)x->sohoa[j].maxrss_kb / 1024
		                                         : NAN,
		           0));
	if (x->mem[0].state == BENCH_NOT_RUN && x->mem[1].state == BENCH_NOT_RUN) {
		md(&m, " 100 vs 1,000 pages: not run (give --memory-scale).\n");
	} else {
		md(&m, " at 1 job, %d pages %s MB, %d pages %s MB (ratio %s).\n", x->mem_pages[0],
		   bench_f(a, sizeof(a),
		           x->mem[0].state == BENCH_OK ? (double)x->mem[0].maxrss_kb / 1024 : NAN,
		           0),
		   x->mem_pages[1],
		   bench_f(b, sizeof(b),
		           x->mem[1].state == BENCH_OK ? (double)x->mem[1].maxrss_kb / 1024 : NAN,
		           0),
		   bench_fmt_ratio(
		       v, sizeof(v),
		       x->mem[0].state == BENCH_OK && x->mem[1].state == BENCH_OK
		           ? bench_ratio((double)x->mem[1].maxrss_kb, (double)x->mem[0].maxrss_kb)
		           : NAN));
	}

	bench_cls_markdown(x, &m.b, err);
	if (x->chart_link[0])
		md(&m, "\nChart: [pages/min against jobs, CER per degradation](%s)\n",
		   x->chart_link);
	if (core_err_isset(err)) {
		core_buf_free(&m.b);
		return -1;
	}
	*out = m.b;
	return 0;
}

void bench_print_summary(const bench_hctx *x)
{
	core_buf b;
	core_err err;

	core_err_clear(&err);
	if (bench_markdown(x, &b, &err)) {
		fprintf(stderr, "sohoa-bench: error: %s\n", err.msg);
		return;
	}
	fputs(b.data, stdout);
	fflush(stdout);
	core_buf_free(&b);
}

int bench_append_markdown(const bench_hctx *x, const char *path, core_err *err)
{
	core_buf b;
	FILE *f;
	int rc = -1;

	if (bench_markdown(x, &b, err))
		return -1;
	if (!(f = fopen(path, "a"))) {
		core_err_set(err, CORE_EIO, "cannot append to %s", path);
		core_err_detail(err, "%s", strerror(errno));
		goto out;
	}
	fputs(b.data, f);
	if (fclose(f) != 0) {
		core_err_set(err, CORE_EIO, "cannot append to %s", path);
		goto out;
	}
	rc = 0;
out:
	core_buf_free(&b);
	return rc;
}

/* ---- JSON ------------------------------------------------------------------- */

json_t *bench_json_num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *bench_acc_json(const bench_hctx *x, const bench_result *r)
{
	json_t *o;

	if (!r->scored)
		return json_null();
	o = json_object();
	for (int g = 0; g <= x->corpus.groups.n; g++) {
		int gi = g == x->corpus.groups.n ? BENCH_ACC_ALL : g;
		const bench_errsum *e = &r->acc[gi];

		json_object_set_new(
		    o, g == x->corpus.groups.n ? "all" : x->corpus.groups.name[g],
		    json_pack("{s:i, s:o, s:o, s:o, s:I, s:I, s:I}", "pages", e->pages, "cer",
		              bench_json_num(bench_errsum_cer(e)), "cer_accent_folded",
		              bench_json_num(bench_errsum_cer_fold(e)), "wer",
		              bench_json_num(bench_errsum_wer(e)), "edits",
		              (json_int_t)e->cer_edits, "reference_chars", (json_int_t)e->chars,
		              "reference_words", (json_int_t)e->words));
	}
	return o;
}

json_t *bench_result_json(const bench_hctx *x, const bench_result *r)
{
	static const char *const states[] = {"not run", "ok", "failed"};
	json_t *o = json_pack("{s:s, s:s, s:i, s:i, s:s, s:s}", "system", r->system, "settings",
	                      r->settings, "jobs", r->jobs, "pages", r->pages, "state",
	                      states[r->state], "note", r->note);

	if (r->state == BENCH_OK) {
		json_object_set_new(o, "wall_s", bench_json_num(r->wall_s));
		json_object_set_new(o, "pages_per_min", bench_json_num(bench_result_ppm(r)));
		json_object_set_new(o, "cpu_s", bench_json_num(r->cpu_s));
		json_object_set_new(o, "cpu_s_per_page",
		                    bench_json_num(bench_per_page(r->cpu_s, r->pages)));
		json_object_set_new(o, "peak_rss_kb", json_integer(r->maxrss_kb));
	}
	if (r->has_report && r->bare_loop)
		json_object_set_new(o, "bare_report",
		                    json_pack("{s:I, s:I, s:o, s:o}", "done", (json_int_t)r->done,
		                              "failed", (json_int_t)r->failed, "recognize_s",
		                              bench_json_num(r->recognize_s), "load_s",
		                              bench_json_num(r->load_s)));
	else if (r->has_report)
		json_object_set_new(
		    o, "sohoa_report",
		    json_pack("{s:o, s:o, s:I, s:I, s:I, s:{s:o, s:o, s:o, s:o, s:o}}", "elapsed_s",
		              bench_json_num(r->rep_elapsed_s), "cpu_s",
		              bench_json_num(r->rep_cpu_s), "done", (json_int_t)r->done, "blank",
		              (json_int_t)r->blank, "failed", (json_int_t)r->failed, "stages_s",
		              "load", bench_json_num(r->load_s), "preprocess",
		              bench_json_num(r->preprocess_s), "ocr", bench_json_num(r->ocr_s),
		              "store", bench_json_num(r->store_s), "recognize",
		              bench_json_num(r->recognize_s)));
	json_object_set_new(o, "accuracy", bench_acc_json(x, r));
	json_object_set_new(o, "score_note", json_string(r->score_note));
	return o;
}

int bench_results_json_write(const bench_hctx *x, const char *path, core_err *err)
{
	const bench_result *s = &x->sohoa[x->o.jobs_max];
	json_t *root, *sohoa = json_array(), *peers = json_array(), *ratios, *limit, *mem;
	int n = x->o.jobs_max, rc = -1;
	double lim_ppm, wall = s->state == BENCH_OK ? s->wall_s : NAN;

	for (int j = 1; j <= n; j++)
		json_array_append_new(sohoa, bench_result_json(x, &x->sohoa[j]));
	json_array_append_new(peers, bench_result_json(x, &x->cli));
	json_array_append_new(peers, bench_result_json(x, &x->cli_omp));
	json_array_append_new(peers, bench_result_json(x, &x->omp_fast));
	json_array_append_new(peers, bench_result_json(x, &x->omp_default));
	limit = json_pack(
	    "{s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "jobs", n, "bare_loop",
	    bench_result_json(x, &x->bare), "bare_loop_1_job", bench_result_json(x, &x->bare1),
	    "seconds", bench_json_num(bench_limit_s(x, n, BENCH_LIMIT_BARE)), "pages_per_min",
	    bench_json_num(bench_pages_per_min(x->corpus.n, bench_limit_s(x, n, BENCH_LIMIT_BARE))),
	    "efficiency", bench_json_num(bench_ratio(bench_limit_s(x, n, BENCH_LIMIT_BARE), wall)),
	    "seconds_from_1_job_bare", bench_json_num(bench_limit_s(x, n, BENCH_LIMIT_BARE_1JOB)),
	    "efficiency_from_1_job_bare",
	    bench_json_num(bench_ratio(bench_limit_s(x, n, BENCH_LIMIT_BARE_1JOB), wall)),
	    "seconds_from_sohoa_recognize", bench_json_num(bench_limit_s(x, n, BENCH_LIMIT_OWN)),
	    "recognize_share_of_sohoa_wall",
	    bench_json_num(bench_ratio(bench_limit_s(x, n, BENCH_LIMIT_OWN), wall)));
	lim_ppm = bench_pages_per_min(x->corpus.n, bench_limit_s(x, n, BENCH_LIMIT_BARE));
	ratios = json_pack(
	    "{s:o, s:o, s:o, s:o, s:o, s:o}", "sohoa_over_tesseract_cli",
	    bench_json_num(bench_ratio(bench_result_ppm(s), bench_result_ppm(&x->cli))),
	    "sohoa_over_ocrmypdf_fast",
	    bench_json_num(bench_ratio(bench_result_ppm(s), bench_result_ppm(&x->omp_fast))),
	    "sohoa_over_ocrmypdf_default",
	    bench_json_num(bench_ratio(bench_result_ppm(s), bench_result_ppm(&x->omp_default))),
	    "limit_over_tesseract_cli",
	    bench_json_num(bench_ratio(lim_ppm, bench_result_ppm(&x->cli))),
	    "limit_over_ocrmypdf_fast",
	    bench_json_num(bench_ratio(lim_ppm, bench_result_ppm(&x->omp_fast))),
	    "limit_over_ocrmypdf_default",
	    bench_json_num(bench_ratio(lim_ppm, bench_result_ppm(&x->omp_default))));
	mem = json_array();
	for (int k = 0; k < 2; k++)
		if (x->mem[k].state != BENCH_NOT_RUN)
			json_array_append_new(mem, bench_result_json(x, &x->mem[k]));
	root = json_pack("{s:s, s:s, s:s, s:{s:i, s:s}, s:s, s:s, s:s, s:{s:s, s:i, s:i, s:s}, "
	                 "s:o, s:o, s:o, s:o, s:o}",
	                 "date", x->date, "started", x->started, "command", x->command, "machine",
	                 "cores", x->cores, "cpu_model", x->cpu_model, "tesseract",
	                 x->tesseract_version, "ocrmypdf", x->ocrmypdf_version, "sohoa_version",
	                 x->sohoa_version, "corpus", "dir", x->corpus.dir, "pages", x->corpus.n,
	                 "dossiers", x->corpus.n_dossiers, "description", x->corpus.desc,
	                 "sohoa_runs", sohoa, "peers", peers, "recognition_limit", limit, "ratios",
	                 ratios, "memory_scale", mem);
	if (!root) {
		core_err_set(err, CORE_EINTERNAL, "cannot build the results JSON");
		return -1;
	}
	/* Null when the N-job run gave no documents to score, never a guess. */
	json_object_set_new(root, "classification", bench_cls_json(x));
	json_object_set_new(root, "clean_twins", bench_twins_json(x));
	json_object_set_new(root, "by_kind_of_page", bench_parts_json(x));
	json_object_set_new(root, "rounds", bench_rounds_json(x));
	if (!s->cls)
		json_object_set_new(root, "classification_note", json_string(s->cls_note));
	if (x->chart_path[0])
		json_object_set_new(root, "chart", json_string(x->chart_path));
	if (json_dump_file(root, path, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0) {
		core_err_set(err, CORE_EIO, "cannot write %s", path);
		goto out;
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}
