/*
 * pipe_plan.c - from input paths to dossiers and page jobs.
 *
 * The planning step is serial and reads headers only (libvips style:
 * allocate serially, work in parallel).  Every entry of an input
 * directory is a dossier: a file (multi-page TIFF or one image) or a
 * folder of page images in natural order.  Whatever cannot be probed
 * is planned as a failed page with its reason, so nothing is lost.
 */
#include "pipe_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PIPE_MAX_DOSSIERS     1000000
#define PIPE_MAX_FOLDER_FILES 100000

void pipe_failures_add(pipe_failures *f, const char *dossier, int page, core_code code,
                       const char *reason)
{
	pipe_failure *x;

	if (f->n >= PIPE_MAX_FAILURES_KEPT) {
		f->dropped++;
		return;
	}
	if (f->n == f->cap) {
		int cap = f->cap ? f->cap * 2 : 16;
		pipe_failure *v = realloc(f->v, (size_t)cap * sizeof(*v));
		if (!v) {
			f->dropped++;
			return;
		}
		f->v = v;
		f->cap = cap;
	}
	x = &f->v[f->n++];
	x->dossier = core_strdup(dossier);
	x->page = page;
	core_strlcpy(x->code, core_code_name(code), sizeof(x->code));
	x->reason = core_strdup(reason);
}

void pipe_failures_free(pipe_failures *f)
{
	for (int i = 0; i < f->n; i++) {
		free(f->v[i].dossier);
		free(f->v[i].reason);
	}
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}

static void dossier_clear(pipe_dossier *d)
{
	free(d->code);
	free(d->path);
	for (int i = 0; i < d->n_pages; i++) {
		free((char *)d->pages[i].source_path);
		free((char *)d->pages[i].fail_reason);
	}
	free(d->pages);
	memset(d, 0, sizeof(*d));
}

void pipe_plan_free(pipe_plan *plan)
{
	for (int i = 0; i < plan->n; i++)
		dossier_clear(&plan->d[i]);
	free(plan->d);
	memset(plan, 0, sizeof(*plan));
}

static int pages_add(pipe_dossier *d, int *cap, const char *path, int index, const core_err *fail,
                     core_err *err)
{
	store_page_src *p;

	if (d->n_pages == *cap) {
		int ncap = *cap ? *cap * 2 : 8;
		store_page_src *v = realloc(d->pages, (size_t)ncap * sizeof(*v));
		if (!v)
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		d->pages = v;
		*cap = ncap;
	}
	p = &d->pages[d->n_pages];
	memset(p, 0, sizeof(*p));
	p->number = d->n_pages + 1;
	p->source_path = core_strdup(path);
	p->source_index = index;
	if (fail && core_err_isset(fail)) {
		char reason[CORE_MSG_MAX + CORE_DETAIL_MAX + 4];
		snprintf(reason, sizeof(reason), "%s%s%s", fail->msg, fail->detail[0] ? ": " : "",
		         fail->detail);
		p->fail_code = fail->code;
		p->fail_reason = core_strdup(reason);
	}
	if (!p->source_path)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	d->n_pages++;
	return 0;
}

/* Adds the pages of one file; a file that cannot be probed is one failed page. */
static int add_file_pages(pipe_dossier *d, int *cap, const char *path, const ocr_limits *lim,
                          core_err *err)
{
	ocr_probe pr;
	core_err perr;

	core_err_clear(&perr);
	if (ocr_file_probe(path, lim, &pr, &perr) != 0)
		return pages_add(d, cap, path, 0, &perr, err);
	if (d->n_pages == 0)
		d->format = ocr_format_name(pr.format);
	for (int i = 0; i < pr.pages; i++)
		if (pages_add(d, cap, path, i, NULL, err))
			return -1;
	return 0;
}

static char *code_from_name(const char *name, bool is_dir)
{
	char *code = core_strdup(name);
	char *dot;

	if (code && !is_dir && (dot = strrchr(code, '.')) != NULL && dot != code)
		*dot = '\0';
	return code;
}

static int cmp_nat(const void *a, const void *b)
{
	return core_natcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted (natural order) names of a directory, dot files left out. */
static int list_dir(const char *path, char ***names, int *n, core_err *err)
{
	DIR *dir = opendir(path);
	struct dirent *de;
	char **v = NULL;
	int k = 0, cap = 0, rc = -1;

	*names = NULL;
	*n = 0;
	if (!dir) {
		core_err_set(err, CORE_EIO, "cannot open directory");
		core_err_detail(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (k >= PIPE_MAX_FOLDER_FILES) {
			core_err_set(err, CORE_ELIMIT, "too many entries in a directory");
			core_err_detail(err, "%s: more than %d", path, PIPE_MAX_FOLDER_FILES);
			goto out;
		}
		if (k == cap) {
			int ncap = cap ? cap * 2 : 32;
			char **nv = realloc(v, (size_t)ncap * sizeof(*nv));
			if (!nv) {
				core_err_set(err, CORE_ENOMEM, "out of memory");
				goto out;
			}
			v = nv;
			cap = ncap;
		}
		if (!(v[k] = core_strdup(de->d_name))) {
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		k++;
	}
	if (k > 1)
		qsort(v, (size_t)k, sizeof(*v), cmp_nat);
	*names = v;
	*n = k;
	v = NULL;
	rc = 0;
out:
	if (v) {
		for (int i = 0; i < k; i++)
			free(v[i]);
		free(v);
	}
	closedir(dir);
	return rc;
}

static void names_free(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/*
 * A folder dossier: its pages are its files in natural order; its hash
 * covers member names and contents so a changed page is a new version.
 */
static int scan_folder(pipe_dossier *d, const ocr_limits *lim, core_err *err)
{
	char **names = NULL;
	int n = 0, cap = 0, rc = -1;
	core_sha256 *h = core_sha256_new();

	if (!h)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	if (list_dir(d->path, &names, &n, err))
		goto out;
	for (int i = 0; i < n; i++) {
		char path[4096], sha[CORE_SHA256_HEX];
		struct stat st;
		core_err ferr;

		if (core_snprintf(path, sizeof(path), err, "%s/%s", d->path, names[i]))
			goto out;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			core_log(CORE_LOG_WARN, "skip", NULL, "skipping folder inside dossier: %s",
			         path);
			continue;
		}
		core_err_clear(&ferr);
		if (core_sha256_file(path, sha, &ferr)) {
			if (pages_add(d, &cap, path, 0, &ferr, err))
				goto out;
			snprintf(sha, sizeof(sha), "unreadable");
		} else if (add_file_pages(d, &cap, path, lim, err)) {
			goto out;
		}
		d->size_bytes += (int64_t)st.st_size;
		core_sha256_update(h, names[i], strlen(names[i]) + 1);
		core_sha256_update(h, sha, strlen(sha) + 1);
	}
	if (d->n_pages == 0) {
		core_err ferr;
		core_err_clear(&ferr);
		core_err_set(&ferr, CORE_EFORMAT, "empty dossier folder");
		if (pages_add(d, &cap, d->path, 0, &ferr, err))
			goto out;
	}
	core_sha256_final(&h, d->sha256);
	rc = 0;
out:
	core_sha256_destroy(&h);
	names_free(names, n);
	return rc;
}

static int scan_entry(pipe_plan *plan, const char *path, const char *name, const ocr_limits *lim,
                      core_err *err)
{
	pipe_dossier *d;
	struct stat st;
	int cap = 0;

	if (plan->n >= PIPE_MAX_DOSSIERS)
		return core_err_set(err, CORE_ELIMIT, "too many dossiers in one batch");
	if (plan->n == plan->cap) {
		int ncap = plan->cap ? plan->cap * 2 : 64;
		pipe_dossier *v = realloc(plan->d, (size_t)ncap * sizeof(*v));
		if (!v)
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		plan->d = v;
		plan->cap = ncap;
	}
	d = &plan->d[plan->n];
	memset(d, 0, sizeof(*d));
	plan->n++;
	d->format = "unknown";
	d->path = core_strdup(path);
	if (stat(path, &st) != 0) {
		/* A dangling link or vanished entry: a dossier with its reason. */
		core_err ferr;

		core_err_clear(&ferr);
		core_err_set(&ferr, CORE_EIO, "cannot read file");
		core_err_detail(&ferr, "%s: %s", path, strerror(errno));
		d->kind = "file";
		d->code = code_from_name(name, false);
		snprintf(d->sha256, sizeof(d->sha256), "unreadable");
		if (!d->path || !d->code)
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		if (pages_add(d, &cap, path, 0, &ferr, err))
			return -1;
		plan->pages += d->n_pages;
		return 0;
	}
	d->code = code_from_name(name, S_ISDIR(st.st_mode));
	if (!d->path || !d->code)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	if (S_ISDIR(st.st_mode)) {
		d->kind = "folder";
		if (scan_folder(d, lim, err))
			return -1;
	} else {
		core_err ferr;

		d->kind = "file";
		d->size_bytes = (int64_t)st.st_size;
		core_err_clear(&ferr);
		if (core_sha256_file(path, d->sha256, &ferr)) {
			/* Unreadable: still a dossier, with its reason on a failed page. */
			snprintf(d->sha256, sizeof(d->sha256), "unreadable");
			if (pages_add(d, &cap, path, 0, &ferr, err))
				return -1;
		} else if (add_file_pages(d, &cap, path, lim, err)) {
			return -1;
		}
	}
	plan->pages += d->n_pages;
	return 0;
}

int pipe_plan_scan(const pipe_options *o, const ocr_limits *lim, pipe_plan *plan, core_err *err)
{
	memset(plan, 0, sizeof(*plan));
	for (int i = 0; i < o->n_inputs; i++) {
		const char *in = o->inputs[i];
		struct stat st;

		if (stat(in, &st) != 0) {
			core_err_set(err, CORE_EARG, "input not found");
			core_err_detail(err, "%s: %s", in, strerror(errno));
			return -1;
		}
		if (S_ISDIR(st.st_mode)) {
			char **names = NULL;
			int n = 0;

			if (list_dir(in, &names, &n, err))
				return -1;
			for (int k = 0; k < n; k++) {
				char path[4096];

				if (core_snprintf(path, sizeof(path), err, "%s/%s", in, names[k]) ||
				    scan_entry(plan, path, names[k], lim, err)) {
					names_free(names, n);
					return -1;
				}
			}
			names_free(names, n);
		} else {
			const char *base = strrchr(in, '/');
			if (scan_entry(plan, in, base ? base + 1 : in, lim, err))
				return -1;
		}
	}
	return 0;
}
