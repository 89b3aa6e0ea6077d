/*
 * pipe_progress.c - a live line on a terminal, JSON lines otherwise.
 * Workers report each page; printing is rate-limited to once a second
 * under a lock, so the hot path costs one atomic add.
 */
#include "pipe_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct pipe_progress {
	pipe_progress_mode mode;
	int64_t total;
	int64_t done, failed, blank;
	double t0, last;
	bool line_open;
	pthread_mutex_t lock;
};

pipe_progress *pipe_progress_new(pipe_progress_mode mode, int64_t total, int64_t already)
{
	pipe_progress *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	if (mode == PIPE_PROGRESS_AUTO)
		mode = isatty(STDERR_FILENO) ? PIPE_PROGRESS_TEXT : PIPE_PROGRESS_JSON;
	p->mode = mode;
	p->total = total;
	p->done = already;
	p->t0 = p->last = core_now();
	pthread_mutex_init(&p->lock, NULL);
	return p;
}

static void fmt_eta(double s, char *out, size_t size)
{
	if (s < 0 || s > 1e7)
		snprintf(out, size, "--");
	else if (s >= 3600)
		snprintf(out, size, "%dh%02dm", (int)(s / 3600), (int)(s / 60) % 60);
	else
		snprintf(out, size, "%dm%02ds", (int)(s / 60), (int)s % 60);
}

static void progress_print(pipe_progress *p, double now, bool final)
{
	int64_t n = p->done + p->failed + p->blank;
	double el = now - p->t0;
	double ppm = el > 0 ? (double)n * 60.0 / el : 0;
	double eta = ppm > 0 ? (double)(p->total - n) * 60.0 / ppm : -1;
	char line[256], etas[32];

	fmt_eta(eta, etas, sizeof(etas));
	if (p->mode == PIPE_PROGRESS_TEXT) {
		snprintf(
		    line, sizeof(line),
		    "\r  %lld/%lld pages  %lld failed  %lld blank  %.1f pages/min  ETA %s   %s",
		    (long long)n, (long long)p->total, (long long)p->failed, (long long)p->blank,
		    ppm, etas, final ? "\n" : "");
		fputs(line, stderr);
		fflush(stderr);
		p->line_open = !final;
	} else if (p->mode == PIPE_PROGRESS_JSON) {
		char extra[256];
		snprintf(extra, sizeof(extra),
		         "\"done\":%lld,\"total\":%lld,\"failed\":%lld,\"blank\":%lld,"
		         "\"pages_per_min\":%.2f,\"eta_s\":%.0f",
		         (long long)n, (long long)p->total, (long long)p->failed,
		         (long long)p->blank, ppm, eta < 0 ? -1.0 : eta);
		core_log(CORE_LOG_INFO, "progress", extra, "%lld/%lld pages", (long long)n,
		         (long long)p->total);
	}
}

void pipe_progress_page(pipe_progress *p, store_page_status st)
{
	double now;

	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	if (st == STORE_PAGE_FAILED)
		p->failed++;
	else if (st == STORE_PAGE_BLANK)
		p->blank++;
	else
		p->done++;
	now = core_now();
	if (now - p->last >= (p->mode == PIPE_PROGRESS_JSON ? 5.0 : 1.0)) {
		p->last = now;
		progress_print(p, now, false);
	}
	pthread_mutex_unlock(&p->lock);
}

void pipe_progress_end(pipe_progress *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	if (p->mode != PIPE_PROGRESS_NONE)
		progress_print(p, core_now(), true);
	pthread_mutex_unlock(&p->lock);
}

void pipe_progress_destroy(pipe_progress **pp)
{
	if (!pp || !*pp)
		return;
	pthread_mutex_destroy(&(*pp)->lock);
	free(*pp);
	*pp = NULL;
}
