/*
 * bench_harness_rounds.c - the N-job throughput runs again, in rounds.
 *
 * The machines this runs on are shared: one run of a system can come
 * out several percent slower than the next for reasons of its own, and
 * a ratio of two single runs minutes apart carries both errors.  With
 * --rounds R, sohoa, the bare loop, the tesseract CLI and OCRmyPDF
 * (fast and default) run R times at N jobs.  Round 1 is the runs the
 * rest of the report comes from; each later round starts with another
 * system and goes through them forwards or backwards in turn, so that
 * no system always runs first or right after the same one.  Every
 * ratio is taken within a round, and the median across rounds is the
 * figure to hold against a target.  The later rounds are only timed:
 * sohoa's texts are not exported, and the peers' texts, though written,
 * are not reported (they read the same pages the same way).
 */
#include "bench_harness.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const bench_rs_name[BENCH_RS_N] = {"sohoa", "bare loop", "tesseract CLI",
                                                      "OCRmyPDF fast", "OCRmyPDF default"};
static const char *const bench_rs_key[BENCH_RS_N] = {"sohoa", "bare_loop", "tesseract_cli",
                                                     "ocrmypdf_fast", "ocrmypdf_default"};

/* Round k (0-based: 0 is the main runs) of system s. */
static const bench_result *bench_round_result(const bench_hctx *x, int k, int s)
{
	if (k > 0)
		return &x->round_runs[k - 1][s];
	switch (s) {
	case BENCH_RS_SOHOA:
		return &x->sohoa[x->o.jobs_max];
	case BENCH_RS_BARE:
		return &x->bare;
	case BENCH_RS_CLI:
		return &x->cli;
	case BENCH_RS_OMP_FAST:
		return &x->omp_fast;
	default:
		return &x->omp_default;
	}
}

/* The figures of one round, each NAN when a run it needs is missing. */
typedef enum bench_rfig {
	BENCH_RF_CLI,          /* sohoa / CLI */
	BENCH_RF_FAST,         /* sohoa / OCRmyPDF fast */
	BENCH_RF_DEFAULT,      /* sohoa / OCRmyPDF default */
	BENCH_RF_EFFICIENCY,   /* limit seconds / sohoa's wall */
	BENCH_RF_CEIL_CLI,     /* limit / CLI */
	BENCH_RF_CEIL_FAST,    /* limit / OCRmyPDF fast */
	BENCH_RF_CEIL_DEFAULT, /* limit / OCRmyPDF default */
	BENCH_RF_N
} bench_rfig;

static const char *const bench_rf_key[BENCH_RF_N] = {
    "sohoa_over_tesseract_cli",    "sohoa_over_ocrmypdf_fast",
    "sohoa_over_ocrmypdf_default", "efficiency",
    "limit_over_tesseract_cli",    "limit_over_ocrmypdf_fast",
    "limit_over_ocrmypdf_default"};
static const char *const bench_rf_label[BENCH_RF_N] = {
    "sohoa / CLI", "sohoa / OCRmyPDF fast", "sohoa / OCRmyPDF default", "efficiency",
    "limit / CLI", "limit / OCRmyPDF fast", "limit / OCRmyPDF default"};
/* Targets of the acceptance; 0: none (a ceiling). */
static const double bench_rf_target[BENCH_RF_N] = {1.15, 1.5, 3.0, 0.9, 0, 0, 0};

static void bench_round_figs(const bench_hctx *x, int k, double ppm[BENCH_RS_N], double *limit_ppm,
                             double fig[BENCH_RF_N])
{
	const bench_result *s = bench_round_result(x, k, BENCH_RS_SOHOA);
	double lim_s = bench_result_limit_s(bench_round_result(x, k, BENCH_RS_BARE), x->o.jobs_max);

	for (int i = 0; i < BENCH_RS_N; i++)
		ppm[i] = bench_result_ppm(bench_round_result(x, k, i));
	*limit_ppm = bench_pages_per_min(x->corpus.n, lim_s);
	fig[BENCH_RF_CLI] = bench_ratio(ppm[BENCH_RS_SOHOA], ppm[BENCH_RS_CLI]);
	fig[BENCH_RF_FAST] = bench_ratio(ppm[BENCH_RS_SOHOA], ppm[BENCH_RS_OMP_FAST]);
	fig[BENCH_RF_DEFAULT] = bench_ratio(ppm[BENCH_RS_SOHOA], ppm[BENCH_RS_OMP_DEFAULT]);
	fig[BENCH_RF_EFFICIENCY] = bench_ratio(lim_s, s->state == BENCH_OK ? s->wall_s : NAN);
	fig[BENCH_RF_CEIL_CLI] = bench_ratio(*limit_ppm, ppm[BENCH_RS_CLI]);
	fig[BENCH_RF_CEIL_FAST] = bench_ratio(*limit_ppm, ppm[BENCH_RS_OMP_FAST]);
	fig[BENCH_RF_CEIL_DEFAULT] = bench_ratio(*limit_ppm, ppm[BENCH_RS_OMP_DEFAULT]);
}

/* Medians over the rounds made, of each figure, and how many rounds
 * measured it (a round whose run failed or was not made has none). */
static void bench_round_medians(const bench_hctx *x, double med[BENCH_RF_N], int count[BENCH_RF_N])
{
	double all[BENCH_RF_N][BENCH_ROUNDS_MAX];

	for (int f = 0; f < BENCH_RF_N; f++)
		count[f] = 0;
	for (int k = 0; k < x->rounds_run; k++) {
		double ppm[BENCH_RS_N], lim, fig[BENCH_RF_N];

		bench_round_figs(x, k, ppm, &lim, fig);
		for (int f = 0; f < BENCH_RF_N; f++) {
			all[f][k] = fig[f];
			count[f] += isfinite(fig[f]) ? 1 : 0;
		}
	}
	for (int f = 0; f < BENCH_RF_N; f++)
		med[f] = bench_median(all[f], x->rounds_run);
}

/*
 * System at place i of round k's order (k from 0).  Even rounds go
 * forwards from system k, odd ones backwards: round 2 runs the bare
 * loop, sohoa, OCRmyPDF default, fast, the CLI.  A plain rotation would
 * start each round elsewhere but keep every system behind the same one.
 */
static int bench_round_order(int k, int i)
{
	return k % 2 ? ((k - i) % BENCH_RS_N + BENCH_RS_N) % BENCH_RS_N : (i + k) % BENCH_RS_N;
}

int bench_rounds_run(bench_hctx *x, core_err *err)
{
	int n = x->o.jobs_max;

	/* Round 1 is what the main runs measured. */
	x->rounds_run = 1;
	for (int k = 1; k < x->o.rounds && k < BENCH_ROUNDS_MAX; k++) {
		for (int i = 0; i < BENCH_RS_N; i++) {
			int s = bench_round_order(k, i);
			bench_result *r = &x->round_runs[k - 1][s];
			char tag[32], suffix[16];

			bench_progress("round %d of %d: %s, %d job%s", k + 1, x->o.rounds,
			               bench_rs_name[s], n, n == 1 ? "" : "s");
			snprintf(suffix, sizeof(suffix), "-r%d", k + 1);
			switch (s) {
			case BENCH_RS_SOHOA:
				snprintf(tag, sizeof(tag), "r%dj%d", k + 1, n);
				if (bench_sohoa_run(x, &x->corpus, n, tag, NULL, r, err))
					return -1;
				bench_note(r->score_note, sizeof(r->score_note),
				           "a timing round: texts not exported");
				break;
			case BENCH_RS_BARE:
				if (bench_bare_run(x, n, suffix, r, err))
					return -1;
				break;
			case BENCH_RS_CLI:
				if (bench_cli_run(x, n, 0, suffix, r, err))
					return -1;
				break;
			default:
				if (bench_ocrmypdf_run(x, s == BENCH_RS_OMP_FAST, suffix, r, err))
					return -1;
				break;
			}
			bench_progress_result(r);
		}
		x->rounds_run = k + 1;
	}
	return 0;
}

int bench_rounds_markdown(const bench_hctx *x, core_buf *b, core_err *err)
{
	double med[BENCH_RF_N];
	int count[BENCH_RF_N];
	char c[BENCH_RS_N + 1 + BENCH_RF_N][32], v[96], later[32];

	if (x->rounds_run < 2)
		return 0;
	if (x->rounds_run == 2)
		snprintf(later, sizeof(later), "round 2 runs");
	else
		snprintf(later, sizeof(later), "rounds 2-%d run", x->rounds_run);
	if (core_buf_printf(
	        b, err,
	        "\nRounds at %d job%s: the runs above are round 1; %s the same five again, "
	        "each round starting with another system and going forwards or backwards in "
	        "turn. Every ratio is taken within a round; the median across rounds is the "
	        "figure against each target, the spread what a single run is worth on this "
	        "machine. Pages/min and ratios:\n\n"
	        "| round | sohoa | bare loop | tesseract CLI | OCRmyPDF fast | OCRmyPDF default "
	        "| limit | sohoa / CLI | sohoa / fast | sohoa / default | efficiency | limit / "
	        "CLI | limit / fast | limit / default |\n"
	        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
	        x->o.jobs_max, x->o.jobs_max == 1 ? "" : "s", later))
		return -1;
	for (int k = 0; k < x->rounds_run; k++) {
		double ppm[BENCH_RS_N], lim, fig[BENCH_RF_N];

		bench_round_figs(x, k, ppm, &lim, fig);
		for (int i = 0; i < BENCH_RS_N; i++)
			bench_fmt_num(c[i], sizeof(c[i]), ppm[i], 1);
		bench_fmt_num(c[BENCH_RS_N], sizeof(c[0]), lim, 1);
		for (int f = 0; f < BENCH_RF_N; f++)
			if (f == BENCH_RF_EFFICIENCY)
				bench_fmt_pct(c[BENCH_RS_N + 1 + f], sizeof(c[0]), fig[f]);
			else
				bench_fmt_ratio(c[BENCH_RS_N + 1 + f], sizeof(c[0]), fig[f]);
		if (core_buf_printf(b, err,
		                    "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | "
		                    "%s | %s |\n",
		                    k + 1, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8],
		                    c[9], c[10], c[11], c[12]))
			return -1;
	}
	bench_round_medians(x, med, count);
	for (int f = 0; f < BENCH_RF_N; f++)
		if (f == BENCH_RF_EFFICIENCY)
			bench_fmt_pct(c[f], sizeof(c[0]), med[f]);
		else
			bench_fmt_ratio(c[f], sizeof(c[0]), med[f]);
	if (core_buf_printf(b, err,
	                    "| **median** | | | | | | | **%s** | **%s** | **%s** | **%s** | %s | "
	                    "%s | %s |\n\nMedians against the targets:",
	                    c[0], c[1], c[2], c[3], c[4], c[5], c[6]))
		return -1;
	for (int f = 0; f < BENCH_RF_N; f++) {
		if (bench_rf_target[f] <= 0)
			continue;
		if (core_buf_printf(b, err, "%s %s %s (%d of %d rounds) %s", f ? ";" : "",
		                    bench_rf_label[f], c[f], count[f], x->rounds_run,
		                    bench_verdict(v, sizeof(v), med[f], bench_rf_target[f],
		                                  f == BENCH_RF_EFFICIENCY)))
			return -1;
	}
	for (int k = 1; k < x->rounds_run; k++)
		for (int s = 0; s < BENCH_RS_N; s++) {
			const bench_result *r = &x->round_runs[k - 1][s];

			if (r->state == BENCH_FAILED &&
			    core_buf_printf(b, err, "  \nRound %d, %s: %s", k + 1, bench_rs_name[s],
			                    r->note))
				return -1;
		}
	return core_buf_printf(b, err, ".\n");
}

/* "ok", or the run's state and why. */
static json_t *bench_round_state(const bench_result *r)
{
	if (r->state == BENCH_OK)
		return json_string("ok");
	return json_pack("{s:s, s:s}", "state", r->state == BENCH_FAILED ? "failed" : "not run",
	                 "note", r->note);
}

json_t *bench_rounds_json(const bench_hctx *x)
{
	json_t *per = json_array(), *med_o = json_object(), *cnt_o = json_object();
	double med[BENCH_RF_N];
	int count[BENCH_RF_N];

	for (int k = 0; k < x->rounds_run; k++) {
		double ppm[BENCH_RS_N], lim, fig[BENCH_RF_N];
		json_t *order = json_array(), *p = json_object(), *r = json_object();
		json_t *st = json_object();

		bench_round_figs(x, k, ppm, &lim, fig);
		for (int i = 0; i < BENCH_RS_N; i++) {
			json_array_append_new(order,
			                      json_string(bench_rs_key[bench_round_order(k, i)]));
			json_object_set_new(p, bench_rs_key[i], bench_json_num(ppm[i]));
			json_object_set_new(st, bench_rs_key[i],
			                    bench_round_state(bench_round_result(x, k, i)));
		}
		for (int f = 0; f < BENCH_RF_N; f++)
			json_object_set_new(r, bench_rf_key[f], bench_json_num(fig[f]));
		json_array_append_new(per, json_pack("{s:i, s:o, s:o, s:o, s:o, s:o}", "round",
		                                     k + 1, "order", order, "runs", st,
		                                     "pages_per_min", p, "limit_pages_per_min",
		                                     bench_json_num(lim), "figures", r));
	}
	bench_round_medians(x, med, count);
	for (int f = 0; f < BENCH_RF_N; f++) {
		json_object_set_new(med_o, bench_rf_key[f], bench_json_num(med[f]));
		json_object_set_new(cnt_o, bench_rf_key[f], json_integer(count[f]));
	}
	return json_pack("{s:i, s:i, s:o, s:o, s:o}", "jobs", x->o.jobs_max, "count", x->rounds_run,
	                 "per_round", per, "median", med_o, "median_of_rounds", cnt_o);
}
