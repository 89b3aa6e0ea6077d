/*
 * bench_chart.c - the benchmark's chart as SVG (cairo): pages/min
 * against jobs (sohoa, its recognition limit, the peers at their job
 * count) and CER per degradation as grouped bars.  Drawn only from the
 * results of the run; a system that did not run is simply absent.
 */
#include "bench_harness.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define CHART_W 1100.0
#define CHART_H 460.0
#define PANEL_W 500.0
#define PANEL_H 330.0
#define PANEL_Y 60.0

typedef struct bench_rgb {
	double r, g, b;
} bench_rgb;

static const bench_rgb bench_colors[] = {
    {0.12, 0.40, 0.75}, /* sohoa */
    {0.90, 0.50, 0.10}, /* tesseract CLI */
    {0.20, 0.60, 0.25}, /* OCRmyPDF fast */
    {0.80, 0.20, 0.20}, /* OCRmyPDF default */
    {0.45, 0.45, 0.45}, /* recognition limit */
};

static void bench_text(cairo_t *cr, double x, double y, double size, bool center, const char *s)
{
	cairo_text_extents_t ext;

	cairo_set_font_size(cr, size);
	cairo_text_extents(cr, s, &ext);
	cairo_move_to(cr, center ? x - ext.width / 2 - ext.x_bearing : x, y);
	cairo_show_text(cr, s);
}

static void bench_color(cairo_t *cr, int k)
{
	cairo_set_source_rgb(cr, bench_colors[k].r, bench_colors[k].g, bench_colors[k].b);
}

/* A round step for axis ticks, about max/5. */
static double bench_step(double max)
{
	double raw = max / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;

	return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

static void bench_axes(cairo_t *cr, double x0, double ymax, const char *title, const char *ylabel,
                       bool pct)
{
	double step = bench_step(ymax);
	char buf[32];

	cairo_set_source_rgb(cr, 0, 0, 0);
	bench_text(cr, x0 + PANEL_W / 2, PANEL_Y - 25, 15, true, title);
	cairo_set_line_width(cr, 1);
	cairo_move_to(cr, x0, PANEL_Y);
	cairo_line_to(cr, x0, PANEL_Y + PANEL_H);
	cairo_line_to(cr, x0 + PANEL_W, PANEL_Y + PANEL_H);
	cairo_stroke(cr);
	for (double v = 0; v <= ymax * 1.0001; v += step) {
		double y = PANEL_Y + PANEL_H - v / ymax * PANEL_H;

		cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
		cairo_move_to(cr, x0 + 1, y);
		cairo_line_to(cr, x0 + PANEL_W, y);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		snprintf(buf, sizeof(buf), pct ? "%.2g%%" : "%.0f", v);
		bench_text(cr, x0 - 45, y + 4, 11, false, buf);
	}
	cairo_save(cr);
	cairo_translate(cr, x0 - 55, PANEL_Y + PANEL_H / 2);
	cairo_rotate(cr, -M_PI / 2);
	bench_text(cr, 0, 0, 12, true, ylabel);
	cairo_restore(cr);
}

static void bench_marker(cairo_t *cr, int shape, double x, double y)
{
	if (shape == 0) {
		cairo_arc(cr, x, y, 4.5, 0, 2 * M_PI);
	} else if (shape == 1) {
		cairo_rectangle(cr, x - 5, y - 5, 10, 10);
	} else {
		cairo_move_to(cr, x, y - 6);
		cairo_line_to(cr, x + 6, y + 5);
		cairo_line_to(cr, x - 6, y + 5);
		cairo_close_path(cr);
	}
	cairo_fill(cr);
}

static void bench_legend(cairo_t *cr, double x, double y, int k, const char *label)
{
	bench_color(cr, k);
	cairo_rectangle(cr, x, y - 9, 12, 10);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	bench_text(cr, x + 17, y, 11, false, label);
}

static void bench_panel_speed(cairo_t *cr, const bench_hctx *x, const bench_result *const *peer)
{
	int n = x->o.jobs_max;
	double x0 = 80, ymax = 1, px[BENCH_JOBS_MAX + 1];
	char buf[32];

	for (int j = 1; j <= n; j++) {
		ymax = fmax(ymax, isfinite(bench_result_ppm(&x->sohoa[j]))
		                      ? bench_result_ppm(&x->sohoa[j])
		                      : 0);
		double l =
		    bench_pages_per_min(x->corpus.n, bench_limit_s(x, j, BENCH_LIMIT_BARE_1JOB));
		ymax = fmax(ymax, isfinite(l) ? l : 0);
	}
	for (int k = 0; k < 3; k++)
		if (isfinite(bench_result_ppm(peer[k])))
			ymax = fmax(ymax, bench_result_ppm(peer[k]));
	ymax *= 1.15;
	bench_axes(cr, x0, ymax, "Throughput", "pages/min", false);
	for (int j = 1; j <= n; j++) {
		px[j] = x0 + PANEL_W * (n == 1 ? 0.5 : 0.08 + 0.84 * (j - 1) / (n - 1));
		cairo_set_source_rgb(cr, 0, 0, 0);
		snprintf(buf, sizeof(buf), "%d", j);
		bench_text(cr, px[j], PANEL_Y + PANEL_H + 16, 11, true, buf);
	}
	bench_text(cr, x0 + PANEL_W / 2, PANEL_Y + PANEL_H + 34, 12, true, "jobs");
#define Y(v) (PANEL_Y + PANEL_H - (v) / ymax * PANEL_H)
	/* The limit dashed, sohoa solid: the gap between them is overhead. */
	for (int line = 0; line < 2; line++) {
		bool started = false;

		bench_color(cr, line == 0 ? 4 : 0);
		cairo_set_line_width(cr, 2);
		if (line == 0)
			cairo_set_dash(cr, (double[]){6, 4}, 2, 0);
		for (int j = 1; j <= n; j++) {
			double v =
			    line == 0 ? bench_pages_per_min(
			                    x->corpus.n, bench_limit_s(x, j, BENCH_LIMIT_BARE_1JOB))
			              : bench_result_ppm(&x->sohoa[j]);
			if (!isfinite(v))
				continue;
			if (started)
				cairo_line_to(cr, px[j], Y(v));
			else
				cairo_move_to(cr, px[j], Y(v));
			started = true;
		}
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		for (int j = 1; j <= n && line == 1; j++)
			if (isfinite(bench_result_ppm(&x->sohoa[j])))
				bench_marker(cr, 0, px[j], Y(bench_result_ppm(&x->sohoa[j])));
	}
	for (int k = 0; k < 3; k++) {
		double v = bench_result_ppm(peer[k]);
		int j = peer[k]->jobs;

		if (!isfinite(v) || j < 1 || j > n)
			continue;
		bench_color(cr, k + 1);
		bench_marker(cr, k == 0 ? 1 : 2, px[j] + (k - 1) * 12, Y(v));
	}
#undef Y
	bench_legend(cr, x0 + 10, PANEL_Y + 14, 0, "sohoa (full pipeline)");
	bench_legend(cr, x0 + 10, PANEL_Y + 30, 4,
	             "recognition limit (1-job bare Recognize / jobs)");
	for (int k = 0; k < 3; k++)
		bench_legend(cr, x0 + 10, PANEL_Y + 46 + 16 * k, k + 1, peer[k]->system);
}

static void bench_panel_cer(cairo_t *cr, const bench_hctx *x, const bench_result *const *sys)
{
	const bench_corpus *c = &x->corpus;
	int groups = c->groups.n + 1;
	double x0 = 620, ymax = 0, gw, bw;
	char buf[64];

	for (int g = 0; g < groups; g++)
		for (int k = 0; k < 4; k++) {
			double v = bench_result_cer(sys[k], g == c->groups.n ? BENCH_ACC_ALL : g);
			if (isfinite(v))
				ymax = fmax(ymax, 100 * v);
		}
	/* Head room for the legend above the tallest bar. */
	ymax = ymax > 0 ? ymax * 1.6 : 1;
	bench_axes(cr, x0, ymax, "CER per degradation", "CER (%)", true);
	gw = PANEL_W / groups;
	bw = gw * 0.8 / 4;
	for (int g = 0; g < groups; g++) {
		int gi = g == c->groups.n ? BENCH_ACC_ALL : g;
		double gx = x0 + g * gw + gw * 0.1;

		for (int k = 0; k < 4; k++) {
			double v = bench_result_cer(sys[k], gi), h;

			if (!isfinite(v))
				continue;
			h = 100 * v / ymax * PANEL_H;
			bench_color(cr, k);
			cairo_rectangle(cr, gx + k * bw, PANEL_Y + PANEL_H - h, bw - 2, h);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			snprintf(buf, sizeof(buf), "%.3f", 100 * v);
			bench_text(cr, gx + k * bw + bw / 2, PANEL_Y + PANEL_H - h - 3, 9, true,
			           buf);
		}
		cairo_set_source_rgb(cr, 0, 0, 0);
		bench_text(cr, x0 + g * gw + gw / 2, PANEL_Y + PANEL_H + 16, 11, true,
		           g == c->groups.n ? "all" : c->groups.name[g]);
	}
	for (int k = 0; k < 4; k++)
		bench_legend(cr, x0 + PANEL_W - 150, PANEL_Y + 14 + 16 * k, k, sys[k]->system);
}

/* Both panels on any cairo context. */
static void bench_chart_draw(cairo_t *cr, const bench_hctx *x)
{
	const bench_result *sys[4] = {&x->sohoa[x->o.jobs_max], &x->cli, &x->omp_fast,
	                              &x->omp_default};
	char title[600];

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_source_rgb(cr, 0, 0, 0);
	snprintf(title, sizeof(title), "sohoa-bench %s: %d pages, %d cores (%s)", x->date,
	         x->corpus.n, x->cores, x->cpu_model);
	bench_text(cr, CHART_W / 2, 20, 14, true, title);
	bench_panel_speed(cr, x, sys + 1);
	bench_panel_cer(cr, x, sys);
}

static int bench_chart_status(cairo_surface_t *s, cairo_status_t st, const char *path,
                              core_err *err)
{
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	if (st == CAIRO_STATUS_SUCCESS)
		return 0;
	core_err_set(err, CORE_EIO, "cannot write the chart %s", path);
	core_err_detail(err, "%s", cairo_status_to_string(st));
	return -1;
}

int bench_chart_svg(const bench_hctx *x, const char *path, core_err *err)
{
	cairo_surface_t *s = cairo_svg_surface_create(path, CHART_W, CHART_H);
	cairo_t *cr = cairo_create(s);
	int rc;

	bench_chart_draw(cr, x);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	rc = bench_chart_status(s, CAIRO_STATUS_SUCCESS, path, err);
	cairo_surface_destroy(s);
	return rc;
}

int bench_chart_png(const bench_hctx *x, const char *path, core_err *err)
{
	cairo_surface_t *s =
	    cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)CHART_W, (int)CHART_H);
	cairo_t *cr = cairo_create(s);
	int rc;

	bench_chart_draw(cr, x);
	cairo_destroy(cr);
	rc = bench_chart_status(s, cairo_surface_write_to_png(s, path), path, err);
	cairo_surface_destroy(s);
	return rc;
}
