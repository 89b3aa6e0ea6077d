/*
 * sohoa-bare - the benchmark's reference: a plain C-API loop over page
 * images, one Tesseract handle per thread, each page loaded and handed
 * to TessBaseAPIRecognize as it is (no turn, cleaning, classification
 * or store).  The sum of its Recognize times over N is the recognition
 * limit sohoa-bench holds sohoa against: what N cores spend recognizing
 * these pages, whoever drives them.
 *
 *   sohoa-bare [-j N] [--lang L] [--tessdata DIR] LIST
 *
 * LIST has one page a line: IMAGE, a tab, and the file the page's text
 * goes to.  Prints one JSON object; exit 0 when every page was read, 4
 * when some failed (each named on stderr), 1 when the list cannot be
 * read or a handle cannot be loaded (no page is read then), 2 on bad
 * usage.
 */
#include "core.h"
#include "ocr.h"

#include <getopt.h>
#include <jansson.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/* A list far larger than any corpus the harness writes. */
#define BARE_LIST_MAX (16u << 20)
#define BARE_JOBS_MAX 64

typedef struct bare_page {
	const char *image, *out;
} bare_page;

typedef struct bare_totals {
	double recognize_s, load_s;
	int done, failed;
} bare_totals;

static void usage(FILE *f)
{
	fputs("usage: sohoa-bare [-j N] [--lang LANGS] [--tessdata DIR] LIST\n"
	      "LIST: one page a line, IMAGE <tab> TEXT_OUT\n",
	      f);
}

/* Splits the list in place; *pages points into buf. */
static int bare_parse(char *buf, bare_page **pages, int *n, core_err *err)
{
	int cap = 0;
	char *line = buf, *nl;

	*pages = NULL;
	*n = 0;
	for (; line && *line; line = nl) {
		char *tab;

		nl = strchr(line, '\n');
		if (nl) {
			/* A list written on Windows: the CR is no part of the path. */
			if (nl > line && nl[-1] == '\r')
				nl[-1] = '\0';
			*nl++ = '\0';
		}
		if (!*line)
			continue;
		tab = strchr(line, '\t');
		if (!tab || !tab[1]) {
			core_err_set(err, CORE_EARG, "bad list line");
			core_err_detail(err, "expected IMAGE<tab>TEXT_OUT: %.200s", line);
			return -1;
		}
		*tab = '\0';
		if (*n == cap) {
			int ncap = cap ? 2 * cap : 64;
			bare_page *p = realloc(*pages, (size_t)ncap * sizeof(**pages));

			if (!p)
				return core_err_set(err, CORE_ENOMEM, "out of memory");
			*pages = p;
			cap = ncap;
		}
		(*pages)[*n].image = line;
		(*pages)[*n].out = tab + 1;
		(*n)++;
	}
	return 0;
}

static int bare_write(const char *path, const char *text, core_err *err)
{
	FILE *f = fopen(path, "w");
	size_t len = strlen(text);

	if (!f) {
		core_err_set(err, CORE_EIO, "cannot write page text");
		core_err_detail(err, "%s", path);
		return -1;
	}
	/* Closed whether the write went through or not. */
	if ((fwrite(text, 1, len, f) != len) | (fclose(f) != 0)) {
		core_err_set(err, CORE_EIO, "cannot write page text");
		core_err_detail(err, "%s", path);
		return -1;
	}
	return 0;
}

/* One page; a failure is reported and counted, not fatal. */
static void bare_page_run(ocr_engine *eng, const bare_page *p, bare_totals *t)
{
	ocr_image *img = NULL;
	char *text = NULL;
	double t0 = core_now(), rec = 0.0;
	core_err err;

	core_err_clear(&err);
	if (ocr_image_load(p->image, 0, NULL, &img, &err) == 0) {
		t->load_s += core_now() - t0;
		if (ocr_engine_recognize_bare(eng, img, &text, &rec, &err) == 0 &&
		    bare_write(p->out, text, &err) == 0) {
			t->recognize_s += rec;
			t->done++;
		}
	}
	if (core_err_isset(&err)) {
		t->failed++;
		fprintf(stderr, "sohoa-bare: %s: %s%s%s\n", p->image, err.msg,
		        err.detail[0] ? ": " : "", err.detail);
	}
	free(text);
	ocr_image_destroy(&img);
}

/* One thread's share: its own handle, loaded once, pages handed out one at a time. */
static void bare_worker(const ocr_options *o, const bare_page *pages, int n, bare_totals *t,
                        int *engine_failed)
{
	ocr_engine *eng = NULL;
	bare_totals mine = {0};
	core_err err;

	int failed;

	core_err_clear(&err);
	if (ocr_engine_create(o, &eng, &err) != 0) {
		fprintf(stderr, "sohoa-bare: %s%s%s\n", err.msg, err.detail[0] ? ": " : "",
		        err.detail);
#pragma omp atomic write
		*engine_failed = 1;
	}
	/* Every thread has its handle or has said it cannot: a loop short of
	 * a handle would time fewer pages, so then none is read at all. */
#pragma omp barrier
#pragma omp atomic read
	failed = *engine_failed;
	if (!failed) {
#pragma omp for schedule(dynamic, 1)
		for (int i = 0; i < n; i++)
			bare_page_run(eng, &pages[i], &mine);
	}
#pragma omp critical(bare_totals)
	{
		t->recognize_s += mine.recognize_s;
		t->load_s += mine.load_s;
		t->done += mine.done;
		t->failed += mine.failed;
	}
	ocr_engine_destroy(&eng);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {{"jobs", required_argument, NULL, 'j'},
	                                         {"lang", required_argument, NULL, 'l'},
	                                         {"tessdata", required_argument, NULL, 't'},
	                                         {"help", no_argument, NULL, 'h'},
	                                         {NULL, 0, NULL, 0}};
	ocr_options o;
	bare_totals t = {0};
	bare_page *pages = NULL;
	char *buf = NULL;
	json_t *out = NULL;
	int jobs = 1, n = 0, engine_failed = 0, c, rc = 1;
	double t0, wall;
	struct rusage ru;
	core_err err;

	core_err_clear(&err);
	ocr_options_default(&o);
	o.bare = true;
	while ((c = getopt_long(argc, argv, "j:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': {
			char *end = NULL;
			long v = strtol(optarg, &end, 10);

			if (!end || *end || v < 1 || v > BARE_JOBS_MAX) {
				fprintf(stderr, "sohoa-bare: -j takes 1 to %d\n", BARE_JOBS_MAX);
				return 2;
			}
			jobs = (int)v;
			break;
		}
		case 'l':
			o.lang = optarg;
			break;
		case 't':
			o.datapath = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	if (!(buf = core_slurp(argv[optind], BARE_LIST_MAX, &err)) ||
	    bare_parse(buf, &pages, &n, &err))
		goto out;
	/* As sohoa does (pipe_run.c): Tesseract's OpenMP regions inside
	 * Recognize stay on their caller's thread, never one per core each. */
	omp_set_max_active_levels(jobs > 1 ? 1 : 0);
	t0 = core_now();
#pragma omp parallel num_threads(jobs)
	bare_worker(&o, pages, n, &t, &engine_failed);
	wall = core_now() - t0;
	getrusage(RUSAGE_SELF, &ru);
	out = json_pack("{s:i, s:i, s:i, s:i, s:f, s:f, s:f, s:f, s:I}", "jobs", jobs, "pages", n,
	                "done", t.done, "failed", t.failed, "recognize_s", t.recognize_s, "load_s",
	                t.load_s, "wall_s", wall, "cpu_s",
	                (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	                    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6,
	                "maxrss_kb", (json_int_t)ru.ru_maxrss);
	if (!out || json_dumpf(out, stdout, JSON_COMPACT) != 0) {
		core_err_set(&err, CORE_ENOMEM, "cannot print the results");
		goto out;
	}
	fputc('\n', stdout);
	rc = engine_failed ? 1 : t.failed ? 4 : 0;
out:
	if (core_err_isset(&err))
		fprintf(stderr, "sohoa-bare: %s%s%s\n", err.msg, err.detail[0] ? ": " : "",
		        err.detail);
	json_decref(out);
	free(pages);
	free(buf);
	return rc;
}
