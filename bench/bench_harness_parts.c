/*
 * bench_harness_parts.c - the gray pages and the bilevel pages apart.
 *
 * OCRmyPDF's speed depends on the kind of page: issue 3 quotes its
 * fastest settings at about 29 gray A4 pages a minute and about 56
 * bilevel G4 ones on 2 cores, so on a corpus that mixes both its figure
 * is set by the mix.  Each kind is therefore also read apart, by
 * sohoa at N jobs and by OCRmyPDF's fastest settings, each from files of
 * its own (the part's single-page images, and a PDF of them): the
 * figures of one kind are measured, not apportioned from the mixed run.
 *
 * A page's text does not depend on the run it is read in, so the
 * edits of the two parts add up to the mixed run's: the report says
 * whether they do, which checks that the parts hold the same pages.
 */
#include "bench.h"
#include "bench_harness.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* Builds one part's folder and PDF and runs both systems on it. */
static int bench_part_run(bench_hctx *x, bench_part *pt, core_err *err)
{
	char dir[BENCH_PATH_MAX], textdir[BENCH_PATH_MAX], tag[32], prog[BENCH_PATH_MAX];
	int n = x->o.jobs_max;

	if (core_snprintf(dir, sizeof(dir), err, "%s/part-%s", x->work, pt->kind) ||
	    bench_corpus_part(&x->corpus, pt->bilevel, dir, &pt->view, err) ||
	    core_snprintf(pt->pdf, sizeof(pt->pdf), err, "%s/%s.pdf", x->work, pt->kind))
		return -1;
	if (!x->o.no_ocrmypdf && bench_proc_which("ocrmypdf", prog, sizeof(prog))) {
		/* A failure here costs OCRmyPDF's row only. */
		if (bench_corpus_pdf(&pt->view, x->work, pt->kind, pt->pdf, err)) {
			bench_note(pt->pdf_note, sizeof(pt->pdf_note), "%s %s", err->msg,
			           err->detail);
			core_err_clear(err);
		} else {
			pt->pdf_ok = true;
		}
	}
	snprintf(tag, sizeof(tag), "j%d_%s", n, pt->kind);
	bench_progress("sohoa on the %d %s pages, %d job%s", pt->view.n, pt->kind, n,
	               n == 1 ? "" : "s");
	if (core_snprintf(textdir, sizeof(textdir), err, "%s/sohoa-%s-text", x->work, tag) ||
	    bench_sohoa_run(x, &pt->view, n, tag, textdir, &pt->sohoa, err))
		return -1;
	if (pt->sohoa.state == BENCH_OK && !pt->sohoa.score_note[0] &&
	    bench_score_dir(&pt->view, textdir, &pt->sohoa, err))
		return -1;
	bench_progress_result(&pt->sohoa);
	bench_progress("OCRmyPDF, fastest settings, on the %d %s pages, -j %d", pt->view.n,
	               pt->kind, n);
	if (bench_ocrmypdf_part_run(x, pt, err))
		return -1;
	bench_progress_result(&pt->omp_fast);
	return 0;
}

int bench_parts_run(bench_hctx *x, core_err *err)
{
	for (int k = 0; k < 2; k++) {
		bench_part *pt = &x->parts[k];
		int count = k ? x->corpus.bilevel : x->corpus.gray;

		pt->kind = k ? "bilevel" : "gray";
		pt->bilevel = k == 1;
		if (x->o.no_parts)
			bench_note(pt->note, sizeof(pt->note), "not run: --no-parts");
		else if (!x->images_ok)
			bench_note(pt->note, sizeof(pt->note),
			           "not run: no single-page images (%s)", x->images_note);
		else if (count == 0)
			bench_note(pt->note, sizeof(pt->note), "not run: the corpus has no %s page",
			           pt->kind);
		else if (bench_part_run(x, pt, err))
			return -1;
	}
	return 0;
}

void bench_parts_free(bench_hctx *x)
{
	for (int k = 0; k < 2; k++) {
		bench_cls_free(&x->parts[k].sohoa.cls);
		bench_corpus_free(&x->parts[k].view);
	}
}

/* Edits and reference characters of one system over both parts; false
 * unless both parts were scored. */
static bool bench_parts_sum(const bench_hctx *x, bool ocrmypdf, bench_errsum *sum)
{
	memset(sum, 0, sizeof(*sum));
	for (int k = 0; k < 2; k++) {
		const bench_result *r = ocrmypdf ? &x->parts[k].omp_fast : &x->parts[k].sohoa;

		if (r->state != BENCH_OK || !r->scored)
			return false;
		bench_errsum_merge(sum, &r->acc[BENCH_ACC_ALL]);
	}
	return true;
}

static int bench_parts_row(core_buf *b, const char *name, int pages, const bench_result *s,
                           const bench_result *o, core_err *err)
{
	char a[32], c[32], d[32], e[32], f[32];

	return core_buf_printf(
	    b, err, "| %s | %d | %s | %s | %s | %s | %s |\n", name, pages,
	    bench_fmt_num(a, sizeof(a), bench_result_ppm(s), 1),
	    bench_fmt_num(c, sizeof(c), bench_result_ppm(o), 1),
	    bench_fmt_ratio(d, sizeof(d), bench_ratio(bench_result_ppm(s), bench_result_ppm(o))),
	    bench_fmt_pct(e, sizeof(e), bench_result_cer(s, BENCH_ACC_ALL)),
	    bench_fmt_pct(f, sizeof(f), bench_result_cer(o, BENCH_ACC_ALL)));
}

/* How one system's edits over both parts compare with its mixed run's. */
static void bench_parts_check(const bench_hctx *x, bool ocrmypdf, char *buf, size_t size)
{
	const bench_result *mixed = ocrmypdf ? &x->omp_fast : &x->sohoa[x->o.jobs_max];
	bench_errsum sum;

	if (!bench_parts_sum(x, ocrmypdf, &sum) || mixed->state != BENCH_OK || !mixed->scored)
		snprintf(buf, size, "not compared (a run missing)");
	else if (sum.cer_edits == mixed->acc[BENCH_ACC_ALL].cer_edits &&
	         sum.chars == mixed->acc[BENCH_ACC_ALL].chars)
		snprintf(buf, size, "the same, %lld edits in %lld characters",
		         (long long)sum.cer_edits, (long long)sum.chars);
	else
		snprintf(buf, size, "%lld edits in %lld characters, against %lld in %lld",
		         (long long)sum.cer_edits, (long long)sum.chars,
		         (long long)mixed->acc[BENCH_ACC_ALL].cer_edits,
		         (long long)mixed->acc[BENCH_ACC_ALL].chars);
}

int bench_parts_markdown(const bench_hctx *x, core_buf *b, core_err *err)
{
	const bench_result *s = &x->sohoa[x->o.jobs_max];
	char check_s[160], check_o[160];

	if (x->parts[0].note[0] && x->parts[1].note[0])
		return core_buf_printf(b, err, "\nGray and bilevel pages apart: %s.\n",
		                       x->parts[0].note);
	if (core_buf_printf(
	        b, err,
	        "\nGray and bilevel pages apart, at %d job%s. OCRmyPDF's speed depends on the kind "
	        "of page, so each kind is also read on its own, by sohoa and by OCRmyPDF's "
	        "fastest settings, from files of its own:\n\n| pages | count | sohoa pages/min | "
	        "OCRmyPDF fast pages/min | ratio | CER sohoa | CER OCRmyPDF fast |\n"
	        "|---|---|---|---|---|---|---|\n",
	        x->o.jobs_max, x->o.jobs_max == 1 ? "" : "s"))
		return -1;
	for (int k = 0; k < 2; k++) {
		const bench_part *pt = &x->parts[k];

		if (pt->note[0]) {
			if (core_buf_printf(b, err, "| %s | | %s | | | | |\n", pt->kind, pt->note))
				return -1;
			continue;
		}
		if (bench_parts_row(b, pt->kind, pt->view.n, &pt->sohoa, &pt->omp_fast, err))
			return -1;
	}
	if (bench_parts_row(b, "all, mixed (the runs above)", x->corpus.n, s, &x->omp_fast, err))
		return -1;
	for (int k = 0; k < 2; k++) {
		const bench_part *pt = &x->parts[k];

		if (pt->sohoa.state != BENCH_NOT_RUN && pt->sohoa.note[0] &&
		    core_buf_printf(b, err, "\nsohoa, %s pages: %s.\n", pt->kind, pt->sohoa.note))
			return -1;
		if (pt->omp_fast.state != BENCH_OK && pt->omp_fast.note[0] &&
		    core_buf_printf(b, err, "\nOCRmyPDF fast, %s pages: %s.\n", pt->kind,
		                    pt->omp_fast.note))
			return -1;
	}
	bench_parts_check(x, false, check_s, sizeof(check_s));
	bench_parts_check(x, true, check_o, sizeof(check_o));
	return core_buf_printf(b, err,
	                       "\nThe parts' texts against the mixed runs' (each page read from "
	                       "other files): sohoa %s; OCRmyPDF fast %s.\n",
	                       check_s, check_o);
}

json_t *bench_parts_json(const bench_hctx *x)
{
	json_t *o = json_pack("{s:i}", "jobs", x->o.jobs_max);
	bench_errsum sum;

	for (int k = 0; k < 2; k++) {
		const bench_part *pt = &x->parts[k];
		double ratio =
		    bench_ratio(bench_result_ppm(&pt->sohoa), bench_result_ppm(&pt->omp_fast));

		if (pt->note[0]) {
			json_object_set_new(o, pt->kind ? pt->kind : (k ? "bilevel" : "gray"),
			                    json_pack("{s:s}", "note", pt->note));
			continue;
		}
		json_object_set_new(o, pt->kind,
		                    json_pack("{s:i, s:o, s:o, s:o}", "pages", pt->view.n, "sohoa",
		                              bench_result_json(x, &pt->sohoa), "ocrmypdf_fast",
		                              bench_result_json(x, &pt->omp_fast),
		                              "sohoa_over_ocrmypdf_fast", bench_json_num(ratio)));
	}
	for (int m = 0; m < 2; m++)
		if (bench_parts_sum(x, m == 1, &sum))
			json_object_set_new(
			    o, m ? "ocrmypdf_fast_edits_of_parts" : "sohoa_edits_of_parts",
			    json_pack("{s:I, s:I}", "edits", (json_int_t)sum.cer_edits,
			              "reference_chars", (json_int_t)sum.chars));
	return o;
}
