/*
 * sohoa-bench - measures sohoa and its peers on one corpus, in one run:
 * throughput at 1..N jobs, per-stage times, the recognition limit, the
 * tesseract CLI and OCRmyPDF on the same pages, peak memory, CER / WER
 * per degradation for every system, and sohoa's page types, documents
 * and fields against the ground truth.  Writes results.json, a chart,
 * and appends a Markdown section to RESULTS.md.
 *
 * Exit status: 0 when every sohoa run succeeded (a peer that is missing
 * or fails is reported, not fatal), 1 otherwise, 2 on bad arguments.
 */
#include "bench.h"
#include "bench_harness.h"

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char bench_usage_text[] =
    "usage: sohoa-bench [options]\n"
    "\n"
    "Measures sohoa against the tesseract CLI and OCRmyPDF on one corpus.\n"
    "\n"
    "  --corpus DIR        existing corpus (DIR/dossiers, DIR/truth); else one is generated\n"
    "  --pages N           pages to generate (default 60)\n"
    "  --seed S            generator seed (default 42)\n"
    "  --format F          generator storage: mixed (default), tiff or png\n"
    "  --degrade LIST      degradations to generate (default mixed; see sohoa-gen)\n"
    "  --jobs-max N        sohoa at 1..N jobs, peers at N (default: number of cores)\n"
    "  --sohoa PATH        the sohoa binary (default: ../pipeline/sohoa beside this one)\n"
    "  --bare PATH         the plain C-API loop whose Recognize times make the\n"
    "                      recognition limit (default: sohoa-bare beside this one)\n"
    "  --no-bare           skip it (the limit is then not available)\n"
    "  --db CONNINFO       administrative key=value connection string; else a private\n"
    "                      PostgreSQL cluster under /tmp, stopped at the end\n"
    "  --out DIR           results.json, chart.svg and work files (default bench-out)\n"
    "  --results-md PATH   Markdown file to append the results to (default: the\n"
    "                      source tree's bench/RESULTS.md)\n"
    "  --no-results-md     append nothing\n"
    "  --no-ocrmypdf       skip OCRmyPDF\n"
    "  --no-cli            skip the tesseract CLI\n"
    "  --no-twins          skip the clean twins: the degraded pages rendered again\n"
    "                      without their defects and read by sohoa, for comparison\n"
    "  --no-parts          skip the gray and the bilevel pages read apart (sohoa and\n"
    "                      OCRmyPDF's fastest settings on each kind on its own)\n"
    "  --memory-scale      also peak RSS of sohoa at 1 job on 100 and 1,000 pages (slow)\n"
    "  --lang LANGS        Tesseract languages (default vie)\n"
    "  --train-seed S      seed of the corpus the classifier model was trained on\n"
    "                      (default 11), to say whether this corpus is held out\n"
    "  --sohoa-arg ARG     one more option for every `sohoa run` (repeatable), e.g.\n"
    "                      --sohoa-arg=--no-preprocess=despeckle\n"
    "  --rounds R          run sohoa, the bare loop and the peers at N jobs R times\n"
    "                      (1-9, default 1), each round in another order, and report\n"
    "                      every ratio per round and its median (about 3 minutes\n"
    "                      a round on 60 pages at 2 cores)\n";

enum {
	OPT_CORPUS = 256,
	OPT_PAGES,
	OPT_SEED,
	OPT_FORMAT,
	OPT_DEGRADE,
	OPT_JOBS_MAX,
	OPT_SOHOA,
	OPT_BARE,
	OPT_NO_BARE,
	OPT_DB,
	OPT_OUT,
	OPT_RESULTS_MD,
	OPT_NO_RESULTS_MD,
	OPT_NO_OCRMYPDF,
	OPT_NO_CLI,
	OPT_NO_TWINS,
	OPT_NO_PARTS,
	OPT_MEMORY_SCALE,
	OPT_LANG,
	OPT_TRAIN_SEED,
	OPT_SOHOA_ARG,
	OPT_ROUNDS
};

static const struct option bench_options[] = {
    {"corpus", required_argument, NULL, OPT_CORPUS},
    {"pages", required_argument, NULL, OPT_PAGES},
    {"seed", required_argument, NULL, OPT_SEED},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"degrade", required_argument, NULL, OPT_DEGRADE},
    {"jobs-max", required_argument, NULL, OPT_JOBS_MAX},
    {"sohoa", required_argument, NULL, OPT_SOHOA},
    {"bare", required_argument, NULL, OPT_BARE},
    {"no-bare", no_argument, NULL, OPT_NO_BARE},
    {"db", required_argument, NULL, OPT_DB},
    {"out", required_argument, NULL, OPT_OUT},
    {"results-md", required_argument, NULL, OPT_RESULTS_MD},
    {"no-results-md", no_argument, NULL, OPT_NO_RESULTS_MD},
    {"no-ocrmypdf", no_argument, NULL, OPT_NO_OCRMYPDF},
    {"no-cli", no_argument, NULL, OPT_NO_CLI},
    {"no-twins", no_argument, NULL, OPT_NO_TWINS},
    {"no-parts", no_argument, NULL, OPT_NO_PARTS},
    {"memory-scale", no_argument, NULL, OPT_MEMORY_SCALE},
    {"lang", required_argument, NULL, OPT_LANG},
    {"train-seed", required_argument, NULL, OPT_TRAIN_SEED},
    {"sohoa-arg", required_argument, NULL, OPT_SOHOA_ARG},
    {"rounds", required_argument, NULL, OPT_ROUNDS},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static int bench_bad_usage(const char *what, const char *arg)
{
	fprintf(stderr, "sohoa-bench: error: %s%s%s\nTry 'sohoa-bench --help'.\n", what,
	        arg ? ": " : "", arg ? arg : "");
	return 2;
}

static bool bench_parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* Paths relative to the harness binary: ../pipeline/sohoa in a build
 * tree, sohoa-bare beside it. */
static void bench_default_path(const char *rel, const char *name, char *out, size_t size)
{
	char self[BENCH_PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	core_strlcpy(out, name, size);
	if (n <= 0)
		return;
	self[n] = '\0';
	snprintf(out, size, "%s/%s%s", dirname(self), rel, name);
}

static int bench_parse(bench_hopts *o, int argc, char **argv)
{
	bool no_md = false;
	long v;
	int c;

	memset(o, 0, sizeof(*o));
	o->pages = 60;
	o->seed = 42;
	/* The shipped model is trained on `sohoa-gen --seed 11`. */
	o->train_seed = 11;
	o->jobs_max = (int)sysconf(_SC_NPROCESSORS_ONLN);
	o->lang = "vie";
	o->degrade = "mixed";
	o->rounds = 1;
	bench_default_path("../pipeline/", "sohoa", o->sohoa, sizeof(o->sohoa));
	bench_default_path("", "sohoa-bare", o->bare, sizeof(o->bare));
	core_strlcpy(o->out, "bench-out", sizeof(o->out));
#ifdef SOHOA_BENCH_RESULTS_MD
	if (access(SOHOA_BENCH_RESULTS_MD, W_OK) == 0)
		core_strlcpy(o->results_md, SOHOA_BENCH_RESULTS_MD, sizeof(o->results_md));
#endif
	while ((c = getopt_long(argc, argv, "h", bench_options, NULL)) != -1) {
		switch (c) {
		case OPT_CORPUS:
			o->corpus = optarg;
			break;
		case OPT_PAGES:
			if (!bench_parse_int(optarg, 1, 100000, &v))
				return bench_bad_usage("invalid --pages value", optarg);
			o->pages = (int)v;
			break;
		case OPT_SEED:
			if (!bench_parse_int(optarg, 0, 2147483647L, &v))
				return bench_bad_usage("invalid --seed value", optarg);
			o->seed = (uint64_t)v;
			break;
		case OPT_FORMAT:
			o->format = optarg;
			break;
		case OPT_DEGRADE:
			o->degrade = optarg;
			break;
		case OPT_JOBS_MAX:
			if (!bench_parse_int(optarg, 1, BENCH_JOBS_MAX, &v))
				return bench_bad_usage("invalid --jobs-max value", optarg);
			o->jobs_max = (int)v;
			break;
		case OPT_SOHOA:
			core_strlcpy(o->sohoa, optarg, sizeof(o->sohoa));
			break;
		case OPT_BARE:
			core_strlcpy(o->bare, optarg, sizeof(o->bare));
			break;
		case OPT_NO_BARE:
			o->bare[0] = '\0';
			break;
		case OPT_DB:
			o->db = optarg;
			break;
		case OPT_OUT:
			core_strlcpy(o->out, optarg, sizeof(o->out));
			break;
		case OPT_RESULTS_MD:
			core_strlcpy(o->results_md, optarg, sizeof(o->results_md));
			break;
		case OPT_NO_RESULTS_MD:
			no_md = true;
			break;
		case OPT_NO_OCRMYPDF:
			o->no_ocrmypdf = true;
			break;
		case OPT_NO_CLI:
			o->no_cli = true;
			break;
		case OPT_NO_TWINS:
			o->no_twins = true;
			break;
		case OPT_NO_PARTS:
			o->no_parts = true;
			break;
		case OPT_MEMORY_SCALE:
			o->memory_scale = true;
			break;
		case OPT_LANG:
			o->lang = optarg;
			break;
		case OPT_TRAIN_SEED:
			if (!bench_parse_int(optarg, 0, 2147483647L, &v))
				return bench_bad_usage("invalid --train-seed value", optarg);
			o->train_seed = (uint64_t)v;
			break;
		case OPT_SOHOA_ARG:
			if (o->n_sohoa_args >= BENCH_SOHOA_ARGS_MAX)
				return bench_bad_usage("too many --sohoa-arg options", optarg);
			o->sohoa_args[o->n_sohoa_args++] = optarg;
			break;
		case OPT_ROUNDS:
			if (!bench_parse_int(optarg, 1, BENCH_ROUNDS_MAX, &v))
				return bench_bad_usage("invalid --rounds value (1-9)", optarg);
			o->rounds = (int)v;
			break;
		case 'h':
			fputs(bench_usage_text, stdout);
			exit(0);
		default:
			return 2;
		}
	}
	if (optind < argc)
		return bench_bad_usage("unexpected argument", argv[optind]);
	if (o->jobs_max < 1)
		o->jobs_max = 1;
	if (o->jobs_max > BENCH_JOBS_MAX)
		o->jobs_max = BENCH_JOBS_MAX;
	if (no_md)
		o->results_md[0] = '\0';
	return 0;
}

/* The command as typed, quoted where a shell would need it. */
static void bench_command_line(bench_hctx *x, int argc, char **argv)
{
	core_buf b;

	core_buf_init(&b, sizeof(x->command) - 1);
	for (int i = 0; i < argc; i++) {
		bool plain =
		    argv[i][0] && strspn(argv[i], "abcdefghijklmnopqrstuvwxyz"
		                                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		                                  "0123456789-_./=:,+@%") == strlen(argv[i]);

		if (i)
			core_buf_puts(&b, " ", NULL);
		if (plain) {
			core_buf_puts(&b, argv[i], NULL);
			continue;
		}
		core_buf_puts(&b, "'", NULL);
		for (const char *p = argv[i]; *p; p++)
			core_buf_puts(&b, *p == '\'' ? "'\\''" : (char[2]){*p, 0}, NULL);
		core_buf_puts(&b, "'", NULL);
	}
	core_strlcpy(x->command, b.data ? b.data : "", sizeof(x->command));
	core_buf_free(&b);
}

static void bench_machine(bench_hctx *x)
{
	char *info = core_slurp("/proc/cpuinfo", 1 << 22, NULL), *p;

	x->cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
	core_strlcpy(x->cpu_model, "unknown CPU", sizeof(x->cpu_model));
	if (info && (p = strstr(info, "model name")) != NULL && (p = strchr(p, ':')) != NULL) {
		size_t n;

		p += 1 + strspn(p + 1, " \t");
		n = strcspn(p, "\n");
		if (n >= sizeof(x->cpu_model))
			n = sizeof(x->cpu_model) - 1;
		memcpy(x->cpu_model, p, n);
		x->cpu_model[n] = '\0';
	}
	free(info);
	bench_proc_first_line("tesseract", "--version", x->work, x->tesseract_version,
	                      sizeof(x->tesseract_version));
	bench_proc_first_line("ocrmypdf", "--version", x->work, x->ocrmypdf_version,
	                      sizeof(x->ocrmypdf_version));
	bench_proc_first_line(x->o.sohoa, "version", x->work, x->sohoa_version,
	                      sizeof(x->sohoa_version));
	if (strcmp(x->ocrmypdf_version, "unknown") == 0)
		core_strlcpy(x->ocrmypdf_version, "not installed", sizeof(x->ocrmypdf_version));
}

void bench_progress(const char *fmt, ...)
{
	va_list ap;

	fputs("sohoa-bench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void bench_progress_result(const bench_result *r)
{
	char cer[32];

	if (r->state != BENCH_OK) {
		bench_progress("  %s: %s", r->system, r->note);
		return;
	}
	bench_fmt_pct(cer, sizeof(cer), bench_result_cer(r, BENCH_ACC_ALL));
	bench_progress("  %s, %d job%s: %.1f s, %.1f pages/min, peak RSS %ld MB, CER %s%s%s",
	               r->system, r->jobs, r->jobs == 1 ? "" : "s", r->wall_s, bench_result_ppm(r),
	               r->maxrss_kb / 1024, cer, r->note[0] ? "; " : "", r->note);
}

/* Peak memory at 1 job on 100 and 1,000 pages: it must not grow. */
static int bench_memory_scale(bench_hctx *x, core_err *err)
{
	static const int sizes[2] = {100, 1000};

	for (int k = 0; k < 2; k++) {
		char dir[BENCH_PATH_MAX], tag[32];
		bench_corpus c;

		memset(&c, 0, sizeof(c));
		x->mem_pages[k] = sizes[k];
		if (core_snprintf(dir, sizeof(dir), err, "%s/corpus-%dp-s%llu", x->work, sizes[k],
		                  (unsigned long long)x->o.seed))
			return -1;
		bench_progress("memory scale: generating %d pages", sizes[k]);
		if (bench_corpus_generate(&x->o, dir, sizes[k], err) ||
		    bench_corpus_load(&c, dir, err)) {
			bench_corpus_free(&c);
			return -1;
		}
		snprintf(tag, sizeof(tag), "mem%d", sizes[k]);
		bench_progress("memory scale: sohoa, 1 job, %d pages", sizes[k]);
		if (bench_sohoa_run(x, &c, 1, tag, NULL, &x->mem[k], err)) {
			bench_corpus_free(&c);
			return -1;
		}
		bench_note(x->mem[k].system, sizeof(x->mem[k].system), "sohoa, %d pages", sizes[k]);
		bench_progress_result(&x->mem[k]);
		bench_corpus_free(&c);
	}
	return 0;
}

/* The chart beside RESULTS.md (results/DATE-HHMMSS-Np.svg), linked from it. */
static int bench_chart_place(bench_hctx *x, core_err *err)
{
	char dir[BENCH_PATH_MAX], md[BENCH_PATH_MAX];

	if (!x->o.results_md[0])
		return core_snprintf(x->chart_path, sizeof(x->chart_path), err, "%s/chart.svg",
		                     x->work);
	/* Date and time in the name: several runs a day keep their charts.
	 * started is "YYYY-MM-DDTHH:MM:SSZ". */
	char stamp[32];
	snprintf(stamp, sizeof(stamp), "%.10s-%.2s%.2s%.2s", x->started, x->started + 11,
	         x->started + 14, x->started + 17);
	core_strlcpy(md, x->o.results_md, sizeof(md));
	if (core_snprintf(dir, sizeof(dir), err, "%s/results", dirname(md)) ||
	    bench_mkpath(dir, err) ||
	    core_snprintf(x->chart_link, sizeof(x->chart_link), err, "results/%s-%dp.svg", stamp,
	                  x->corpus.n) ||
	    core_snprintf(x->chart_path, sizeof(x->chart_path), err, "%s/%s-%dp.svg", dir, stamp,
	                  x->corpus.n))
		return -1;
	return 0;
}

static int bench_main(bench_hctx *x, int *sohoa_failed, core_err *err)
{
	char path[BENCH_PATH_MAX], textdir[BENCH_PATH_MAX], tag[16], abs[PATH_MAX];
	int n = x->o.jobs_max;

	if (bench_mkpath(x->o.out, err))
		return -1;
	if (!realpath(x->o.out, abs))
		return core_err_set(err, CORE_EIO, "cannot resolve %s", x->o.out);
	core_strlcpy(x->work, abs, sizeof(x->work));
	if (!x->o.corpus && bench_degrade_check(x->o.degrade, err))
		return -1;
	if (access(x->o.sohoa, X_OK) != 0) {
		core_err_set(err, CORE_EARG, "the sohoa binary is missing");
		core_err_detail(err, "%s (give --sohoa PATH)", x->o.sohoa);
		return -1;
	}
	bench_machine(x);
	bench_cls_model(x);
	if (x->o.corpus) {
		if (!realpath(x->o.corpus, abs))
			return core_err_set(err, CORE_EIO, "cannot find the corpus %s",
			                    x->o.corpus);
	} else {
		if (core_snprintf(abs, sizeof(abs), err, "%s/corpus-%dp-s%llu", x->work, x->o.pages,
		                  (unsigned long long)x->o.seed))
			return -1;
		bench_progress("generating %d pages into %s", x->o.pages, abs);
		if (bench_corpus_generate(&x->o, abs, x->o.pages, err))
			return -1;
	}
	if (bench_corpus_load(&x->corpus, abs, err))
		return -1;
	bench_progress("corpus: %s", x->corpus.desc);

	/* Peer inputs; a failure here costs the peers only. */
	core_err_clear(err);
	if (bench_corpus_images(&x->corpus, x->work, err)) {
		bench_note(x->images_note, sizeof(x->images_note), "%s %s", err->msg, err->detail);
		core_err_clear(err);
	} else {
		x->images_ok = true;
	}
	if (core_snprintf(x->pdf, sizeof(x->pdf), err, "%s/all.pdf", x->work))
		return -1;
	if (!x->images_ok) {
		bench_note(x->pdf_note, sizeof(x->pdf_note), "%s", x->images_note);
	} else if (!x->o.no_ocrmypdf && bench_proc_which("ocrmypdf", path, sizeof(path))) {
		if (bench_corpus_pdf(&x->corpus, x->work, "all", x->pdf, err)) {
			bench_note(x->pdf_note, sizeof(x->pdf_note), "%s %s", err->msg,
			           err->detail);
			core_err_clear(err);
		} else {
			x->pdf_ok = true;
		}
	}

	if (bench_db_setup(x, err))
		return -1;
	for (int j = 1; j <= n; j++) {
		snprintf(tag, sizeof(tag), "j%d", j);
		bench_progress("sohoa, %d job%s", j, j == 1 ? "" : "s");
		if (core_snprintf(textdir, sizeof(textdir), err, "%s/sohoa-%s-text", x->work,
		                  tag) ||
		    bench_sohoa_run(x, &x->corpus, j, tag, textdir, &x->sohoa[j], err))
			return -1;
		if (x->sohoa[j].state == BENCH_OK && !x->sohoa[j].score_note[0] &&
		    bench_score_dir(&x->corpus, textdir, &x->sohoa[j], err))
			return -1;
		if (x->sohoa[j].state != BENCH_OK)
			*sohoa_failed = 1;
		bench_progress_result(&x->sohoa[j]);
	}
	bench_progress("sohoa on the clean twins, %d job%s", n, n == 1 ? "" : "s");
	if (bench_twins_run(x, err))
		return -1;
	if (x->twins_note[0])
		bench_progress("  %s", x->twins_note);
	else
		bench_progress_result(&x->twins);
	bench_progress("bare C-API loop, 1 job%s", n > 1 ? ", then N" : "");
	if (bench_bare_run(x, 1, "", &x->bare1, err))
		return -1;
	bench_progress_result(&x->bare1);
	if (n == 1) {
		x->bare = x->bare1;
	} else {
		if (bench_bare_run(x, n, "", &x->bare, err))
			return -1;
		bench_progress_result(&x->bare);
	}
	bench_progress("tesseract CLI, %d in parallel", n);
	if (bench_cli_run(x, n, 0, "", &x->cli, err))
		return -1;
	bench_progress_result(&x->cli);
	bench_progress("tesseract CLI, OpenMP unlimited, one at a time, first %d pages",
	               BENCH_OMP_SAMPLE);
	if (bench_cli_run(x, 1, BENCH_OMP_SAMPLE, "", &x->cli_omp, err))
		return -1;
	bench_progress_result(&x->cli_omp);
	bench_progress("OCRmyPDF, fastest settings, -j %d", n);
	if (bench_ocrmypdf_run(x, true, "", &x->omp_fast, err))
		return -1;
	bench_progress_result(&x->omp_fast);
	bench_progress("OCRmyPDF, default settings, -j %d", n);
	if (bench_ocrmypdf_run(x, false, "", &x->omp_default, err))
		return -1;
	bench_progress_result(&x->omp_default);
	if (bench_rounds_run(x, err))
		return -1;
	for (int k = 0; k + 1 < x->rounds_run; k++)
		if (x->round_runs[k][BENCH_RS_SOHOA].state == BENCH_FAILED)
			*sohoa_failed = 1;
	if (bench_parts_run(x, err))
		return -1;
	for (int k = 0; k < 2; k++)
		if (x->parts[k].sohoa.state == BENCH_FAILED)
			*sohoa_failed = 1;
	if (x->o.memory_scale && bench_memory_scale(x, err))
		return -1;
	for (int k = 0; k < 2; k++)
		if (x->mem[k].state == BENCH_FAILED)
			*sohoa_failed = 1;
	bench_db_teardown(x);

	if (bench_chart_place(x, err) || bench_chart_svg(x, x->chart_path, err))
		return -1;
	/* Work copies: chart.svg in the output folder, and a PNG of it. */
	if ((x->o.results_md[0] &&
	     (core_snprintf(path, sizeof(path), err, "%s/chart.svg", x->work) ||
	      bench_chart_svg(x, path, err))) ||
	    core_snprintf(path, sizeof(path), err, "%s/chart.png", x->work) ||
	    bench_chart_png(x, path, err))
		return -1;
	if (core_snprintf(x->json_path, sizeof(x->json_path), err, "%s/results.json", x->work) ||
	    bench_results_json_write(x, x->json_path, err))
		return -1;
	bench_print_summary(x);
	if (x->o.results_md[0]) {
		if (bench_append_markdown(x, x->o.results_md, err))
			return -1;
		bench_progress("appended to %s; chart %s", x->o.results_md, x->chart_path);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static bench_hctx x;
	int rc, sohoa_failed = 0;
	core_err err;

	core_err_clear(&err);
	if ((rc = bench_parse(&x.o, argc, argv)) != 0)
		return rc;
	bench_command_line(&x, argc, argv);
	core_utc_iso(x.started, sizeof(x.started));
	core_strlcpy(x.date, x.started, 11);
	/* The benchmark measures sohoa's durable default configuration. */
	unsetenv("SOHOA_PG_FAST");
	rc = bench_main(&x, &sohoa_failed, &err);
	bench_db_teardown(&x);
	for (int j = 0; j <= BENCH_JOBS_MAX; j++)
		bench_cls_free(&x.sohoa[j].cls);
	bench_cls_free(&x.twins.cls);
	bench_parts_free(&x);
	bench_corpus_free(&x.corpus);
	bench_corpus_free(&x.twin_corpus);
	/* Generation and the chart both use fontconfig: release it once, last. */
	bench_shutdown();
	if (rc) {
		fprintf(stderr, "sohoa-bench: error: %s\n", err.msg);
		if (err.detail[0])
			fprintf(stderr, "DETAIL: %s\n", err.detail);
		return 1;
	}
	if (sohoa_failed) {
		fprintf(stderr, "sohoa-bench: error: a sohoa run failed (see the table)\n");
		return 1;
	}
	return 0;
}
