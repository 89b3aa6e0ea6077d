/*
 * bench_harness_peers.c - the same pages through the plain tesseract CLI
 * (one process per page, N at a time, OMP_THREAD_LIMIT=1, as a shell
 * script or xargs -P would run it) and through OCRmyPDF (one PDF of all
 * pages, -j N), with their texts written in the layout sohoa's export
 * uses so that one scorer reads all of them.
 */
#include "bench_harness.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void bench_not_run(bench_result *r, const char *why)
{
	r->state = BENCH_NOT_RUN;
	bench_note(r->note, sizeof(r->note), "not run: %s", why);
}

/* One page through `tesseract IMAGE OUTBASE`: OUTBASE.txt is the text.
 * omp_limited: OMP_THREAD_LIMIT=1, else Debian's libtesseract spreads
 * its OpenMP regions over every core. */
static int bench_cli_spawn(bench_hctx *x, const bench_hpage *p, const char *dir, bool omp_limited,
                           pid_t *pid, core_err *err)
{
	static const char *const limited[] = {"OMP_THREAD_LIMIT=1", NULL};
	const char *const *env = omp_limited ? limited : NULL;
	char sub[BENCH_PATH_MAX], base[BENCH_PATH_MAX], log[BENCH_PATH_MAX];
	char *argv[] = {"tesseract", p->image, base, "-l", (char *)x->o.lang, "--psm", "3", NULL};

	if (core_snprintf(sub, sizeof(sub), err, "%s/%s", dir, p->code) || bench_mkpath(sub, err) ||
	    core_snprintf(base, sizeof(base), err, "%s/page-%d", sub, p->number) ||
	    core_snprintf(log, sizeof(log), err, "%s/page-%d.log", sub, p->number))
		return -1;
	return bench_proc_spawn(argv, env, NULL, log, pid, err);
}

int bench_cli_run(bench_hctx *x, int parallel, int sample, const char *tag, bench_result *r,
                  core_err *err)
{
	const bench_corpus *c = &x->corpus;
	char dir[BENCH_PATH_MAX], prog[BENCH_PATH_MAX], why[64], tail[200];
	pid_t *running = NULL;
	int *slot_page = NULL;
	int next = 0, active = 0, failures = 0, first_fail = -1, rc = -1;
	int n = sample > 0 && sample < c->n ? sample : c->n;
	bench_proc_usage first_u;
	double t0;

	snprintf(r->system, sizeof(r->system), "tesseract CLI");
	if (sample > 0)
		snprintf(r->settings, sizeof(r->settings),
		         "one process at a time, OpenMP unlimited (no OMP_THREAD_LIMIT), --psm 3, "
		         "first %d pages",
		         n);
	else
		snprintf(r->settings, sizeof(r->settings),
		         "one process per page, %d in parallel, OMP_THREAD_LIMIT=1, --psm 3",
		         parallel);
	r->jobs = parallel;
	r->pages = n;
	if (x->o.no_cli) {
		bench_not_run(r, "--no-cli");
		return 0;
	}
	if (!bench_proc_which("tesseract", prog, sizeof(prog))) {
		bench_not_run(r, "tesseract not found in PATH");
		return 0;
	}
	if (!x->images_ok) {
		bench_note(r->note, sizeof(r->note), "not run: no page images (%s)",
		           x->images_note);
		return 0;
	}
	/* Emptied first: a page that fails must not be scored from an earlier
	 * run's text. */
	if (core_snprintf(dir, sizeof(dir), err, "%s/cli-%d%s%s", x->work, parallel,
	                  sample > 0 ? "-omp" : "", tag) ||
	    bench_rmtree(dir, err) || bench_mkpath(dir, err))
		return -1;
	running = calloc((size_t)parallel, sizeof(*running));
	slot_page = calloc((size_t)parallel, sizeof(*slot_page));
	if (!running || !slot_page) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		return -1;
	}
	memset(&first_u, 0, sizeof(first_u));
	t0 = core_now();
	while (next < n || active > 0) {
		bench_proc_usage u;
		pid_t got;
		int slot;

		/* Keep `parallel` processes busy, like xargs -P. */
		for (slot = 0; slot < parallel && next < n; slot++) {
			if (running[slot])
				continue;
			if (bench_cli_spawn(x, &c->pages[next], dir, sample <= 0, &running[slot],
			                    err))
				goto out;
			slot_page[slot] = next;
			active++;
			next++;
		}
		memset(&u, 0, sizeof(u));
		if (bench_proc_wait(-1, &got, &u, err))
			goto out;
		for (slot = 0; slot < parallel; slot++)
			if (running[slot] == got)
				break;
		if (slot == parallel)
			continue; /* not one of ours */
		running[slot] = 0;
		active--;
		r->cpu_s += u.cpu_s;
		if (u.maxrss_kb > r->maxrss_kb)
			r->maxrss_kb = u.maxrss_kb;
		if (!bench_proc_ok(&u)) {
			failures++;
			if (first_fail < 0) {
				first_fail = slot_page[slot];
				first_u = u;
			}
		}
	}
	r->wall_s = core_now() - t0;
	r->state = BENCH_OK;
	if (failures) {
		const bench_hpage *p = &c->pages[first_fail];
		char log[BENCH_PATH_MAX];

		if (core_snprintf(log, sizeof(log), err, "%s/%s/page-%d.log", dir, p->code,
		                  p->number))
			goto out;
		bench_proc_log_tail(log, tail, sizeof(tail));
		r->state = BENCH_FAILED;
		bench_note(r->note, sizeof(r->note),
		           "tesseract failed on %d of %d pages; first %s page %d: %s: %s (log: %s)",
		           failures, n, p->code, p->number,
		           bench_proc_describe(&first_u, why, sizeof(why)), tail, log);
	}
	/* A timing sample is not scored: its missing pages would count as empty. */
	if (sample > 0)
		bench_note(r->score_note, sizeof(r->score_note), "a timing sample of %d pages", n);
	else if (bench_score_dir(c, dir, r, err))
		goto out;
	rc = 0;
out:
	/* On an error mid-way, no child is left behind. */
	for (int slot = 0; running && slot < parallel; slot++)
		if (running[slot] > 0)
			(void)waitpid(running[slot], NULL, 0);
	free(running);
	free(slot_page);
	return rc;
}

/*
 * The plain C-API loop (sohoa-bare) on the CLI's page images, `jobs`
 * handles at once: its Recognize times make the recognition limit.
 */
int bench_bare_run(bench_hctx *x, int jobs, const char *tag, bench_result *r, core_err *err)
{
	const bench_corpus *c = &x->corpus;
	char dir[BENCH_PATH_MAX], list[BENCH_PATH_MAX], out[BENCH_PATH_MAX], log[BENCH_PATH_MAX];
	char jobs_s[16];
	char *argv[] = {x->o.bare, "-j", jobs_s, "--lang", (char *)x->o.lang, list, NULL};
	bench_proc_usage u;
	json_t *rep = NULL;
	json_error_t jerr;
	FILE *f = NULL;
	int rc = -1;

	snprintf(r->system, sizeof(r->system), "bare C-API loop");
	snprintf(r->settings, sizeof(r->settings),
	         "sohoa-bare: one Tesseract handle per thread, load + Recognize only, --psm 3");
	r->jobs = jobs;
	r->pages = c->n;
	snprintf(jobs_s, sizeof(jobs_s), "%d", jobs);
	if (!x->o.bare[0]) {
		bench_not_run(r, "--no-bare");
		return 0;
	}
	if (access(x->o.bare, X_OK) != 0) {
		bench_note(r->note, sizeof(r->note), "not run: %s not found (give --bare PATH)",
		           x->o.bare);
		return 0;
	}
	if (!x->images_ok) {
		bench_note(r->note, sizeof(r->note), "not run: no page images (%s)",
		           x->images_note);
		return 0;
	}
	if (core_snprintf(dir, sizeof(dir), err, "%s/bare-%d%s", x->work, jobs, tag) ||
	    bench_rmtree(dir, err) || bench_mkpath(dir, err) ||
	    core_snprintf(list, sizeof(list), err, "%s/bare-%d%s.list", x->work, jobs, tag) ||
	    core_snprintf(out, sizeof(out), err, "%s/bare-%d%s.json", x->work, jobs, tag) ||
	    core_snprintf(log, sizeof(log), err, "%s/bare-%d%s.log", x->work, jobs, tag))
		return -1;
	if (!(f = fopen(list, "w"))) {
		core_err_set(err, CORE_EIO, "cannot write the page list");
		core_err_detail(err, "%s", list);
		return -1;
	}
	for (int i = 0; i < c->n; i++) {
		const bench_hpage *p = &c->pages[i];
		char sub[BENCH_PATH_MAX];

		if (core_snprintf(sub, sizeof(sub), err, "%s/%s", dir, p->code) ||
		    bench_mkpath(sub, err))
			goto out;
		if (fprintf(f, "%s\t%s/page-%d.txt\n", p->image, sub, p->number) < 0) {
			core_err_set(err, CORE_EIO, "cannot write the page list");
			goto out;
		}
	}
	if (fclose(f) != 0) {
		f = NULL;
		core_err_set(err, CORE_EIO, "cannot write the page list");
		goto out;
	}
	f = NULL;
	if (bench_proc_run(argv, NULL, out, log, &u, err))
		goto out;
	if (!bench_result_finished(r, &u, "sohoa-bare", log)) {
		rc = 0;
		goto out;
	}
	rep = json_load_file(out, 0, &jerr);
	if (!rep || !json_is_number(json_object_get(rep, "recognize_s"))) {
		r->state = BENCH_FAILED;
		bench_note(r->note, sizeof(r->note), "sohoa-bare printed no results (%s)", out);
		rc = 0;
		goto out;
	}
	r->state = BENCH_OK;
	r->has_report = true;
	r->bare_loop = true;
	r->recognize_s = json_number_value(json_object_get(rep, "recognize_s"));
	r->load_s = json_number_value(json_object_get(rep, "load_s"));
	r->done = json_integer_value(json_object_get(rep, "done"));
	r->failed = json_integer_value(json_object_get(rep, "failed"));
	if (r->failed > 0)
		bench_note(r->note, sizeof(r->note), "%lld pages failed (see %s)",
		           (long long)r->failed, log);
	rc = bench_score_dir(c, dir, r, err);
out:
	if (f)
		fclose(f);
	json_decref(rep);
	return rc;
}

/* Splits OCRmyPDF's sidecar (pages separated by form feeds) into
 * dir/<code>/page-<n>.txt; false with the note set if pages are amiss. */
static bool bench_split_sidecar(const bench_corpus *c, const char *side, const char *dir,
                                bench_result *r, core_err *err)
{
	char *text = core_slurp(side, BENCH_TEXT_MAX, err), *p, *ff;
	int count = 0;
	bool ok = false;

	if (!text)
		return false;
	/*
	 * Count first: a sidecar with a page too many or too few cannot be
	 * mapped back by order, and a wrong mapping would fake the CER.
	 * Form feeds separate the pages: n pages, n - 1 of them, the last
	 * page's text (empty for a blank page) after the last one.
	 */
	for (p = text, count = 1; (ff = strchr(p, '\f')) != NULL; p = ff + 1)
		count++;
	if (count != c->n) {
		bench_note(r->score_note, sizeof(r->score_note),
		           "the sidecar has %d pages, the corpus %d: not scored", count, c->n);
		goto out;
	}
	p = text;
	for (int i = 0; i < c->n; i++) {
		char sub[BENCH_PATH_MAX], path[BENCH_PATH_MAX];
		FILE *f;

		ff = strchr(p, '\f');
		if (ff)
			*ff = '\0';
		if (core_snprintf(sub, sizeof(sub), err, "%s/%s", dir, c->pages[i].code) ||
		    bench_mkpath(sub, err) ||
		    core_snprintf(path, sizeof(path), err, "%s/page-%d.txt", sub,
		                  c->pages[i].number))
			goto out;
		if (!(f = fopen(path, "w"))) {
			core_err_set(err, CORE_EIO, "cannot write %s", path);
			goto out;
		}
		fputs(p, f);
		if (fclose(f) != 0) {
			core_err_set(err, CORE_EIO, "cannot write %s", path);
			goto out;
		}
		p = ff ? ff + 1 : p + strlen(p);
	}
	ok = true;
out:
	free(text);
	return ok;
}

/*
 * OCRmyPDF -j N on one PDF of corpus c's pages; tag names its work
 * files.  The sidecar is split back into c's pages and scored.
 */
static int bench_ocrmypdf_exec(bench_hctx *x, const bench_corpus *c, const char *pdf,
                               const char *tag, bool fast, bench_result *r, core_err *err)
{
	char jobs[16], side[BENCH_PATH_MAX], outpdf[BENCH_PATH_MAX];
	char log[BENCH_PATH_MAX], dir[BENCH_PATH_MAX], why[64], tail[256];
	char *argv[16];
	bench_proc_usage u;
	int k = 0;

	snprintf(jobs, sizeof(jobs), "%d", x->o.jobs_max);
	if (core_snprintf(side, sizeof(side), err, "%s/ocrmypdf-%s.txt", x->work, tag) ||
	    core_snprintf(outpdf, sizeof(outpdf), err, "%s/ocrmypdf-%s.pdf", x->work, tag) ||
	    core_snprintf(log, sizeof(log), err, "%s/ocrmypdf-%s.log", x->work, tag) ||
	    core_snprintf(dir, sizeof(dir), err, "%s/ocrmypdf-%s", x->work, tag))
		return -1;
	unlink(outpdf);
	argv[k++] = "ocrmypdf";
	argv[k++] = "-j";
	argv[k++] = jobs;
	argv[k++] = "-l";
	argv[k++] = (char *)x->o.lang;
	if (fast) {
		argv[k++] = "--output-type";
		argv[k++] = "pdf";
		argv[k++] = "--optimize";
		argv[k++] = "0";
	}
	argv[k++] = "--sidecar";
	argv[k++] = side;
	argv[k++] = (char *)pdf;
	argv[k++] = outpdf;
	argv[k] = NULL;
	if (bench_proc_run(argv, NULL, log, log, &u, err))
		return -1;
	r->wall_s = u.wall_s;
	r->cpu_s = u.cpu_s;
	r->maxrss_kb = u.maxrss_kb;
	if (!bench_proc_ok(&u)) {
		bench_proc_log_tail(log, tail, sizeof(tail));
		r->state = BENCH_FAILED;
		bench_note(r->note, sizeof(r->note), "ocrmypdf failed: %s: %s (log: %s)",
		           bench_proc_describe(&u, why, sizeof(why)), tail, log);
		return 0;
	}
	r->state = BENCH_OK;
	if (!bench_split_sidecar(c, side, dir, r, err))
		return core_err_isset(err) ? -1 : 0;
	return bench_score_dir(c, dir, r, err);
}

/* Whether OCRmyPDF can run on pdf; if not, r says why. */
static bool bench_ocrmypdf_ready(const bench_hctx *x, bool pdf_ok, const char *pdf_note,
                                 bench_result *r)
{
	char prog[BENCH_PATH_MAX];

	if (x->o.no_ocrmypdf) {
		bench_not_run(r, "--no-ocrmypdf");
		return false;
	}
	if (!bench_proc_which("ocrmypdf", prog, sizeof(prog))) {
		bench_not_run(r, "ocrmypdf not found in PATH (Debian package ocrmypdf)");
		return false;
	}
	if (!pdf_ok) {
		bench_note(r->note, sizeof(r->note), "not run: no PDF of the pages (%s)", pdf_note);
		return false;
	}
	return true;
}

int bench_ocrmypdf_run(bench_hctx *x, bool fast, const char *tag, bench_result *r, core_err *err)
{
	char name[64];

	snprintf(r->system, sizeof(r->system), "OCRmyPDF %s", fast ? "fast" : "default");
	snprintf(r->settings, sizeof(r->settings), "%s",
	         fast ? "-j N --output-type pdf --optimize 0, one PDF of all pages"
	              : "-j N, defaults (PDF/A output, --optimize 1), one PDF of all pages");
	r->jobs = x->o.jobs_max;
	r->pages = x->corpus.n;
	if (!bench_ocrmypdf_ready(x, x->pdf_ok, x->pdf_note, r))
		return 0;
	snprintf(name, sizeof(name), "%s%s", fast ? "fast" : "default", tag);
	return bench_ocrmypdf_exec(x, &x->corpus, x->pdf, name, fast, r, err);
}

int bench_ocrmypdf_part_run(bench_hctx *x, bench_part *pt, core_err *err)
{
	bench_result *r = &pt->omp_fast;
	char tag[32];

	snprintf(r->system, sizeof(r->system), "OCRmyPDF fast");
	snprintf(r->settings, sizeof(r->settings),
	         "-j N --output-type pdf --optimize 0, one PDF of the %s pages", pt->kind);
	r->jobs = x->o.jobs_max;
	r->pages = pt->view.n;
	if (!bench_ocrmypdf_ready(x, pt->pdf_ok, pt->pdf_note, r))
		return 0;
	snprintf(tag, sizeof(tag), "fast-%s", pt->kind);
	return bench_ocrmypdf_exec(x, &pt->view, pt->pdf, tag, true, r, err);
}
