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
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PIPE_MAX_DOSSIERS     1000000
#define PIPE_MAX_FOLDER_FILES 100000

static void failures_add(pipe_failures *f, const char *dossier, int page, const char *code,
                         const char *reason, bool earlier)
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
	core_strlcpy(x->code, code, sizeof(x->code));
	x->reason = core_strdup(reason);
	x->earlier = earlier;
}

void pipe_failures_add(pipe_failures *f, const char *dossier, int page, core_code code,
                       const char *reason)
{
	failures_add(f, dossier, page, core_code_name(code), reason, false);
}

void pipe_failures_add_earlier(void *f, const char *dossier, int page, const char *code,
                               const char *reason)
{
	failures_add(f, dossier, page, code, reason, true);
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

/* Drops a dossier's planned pages, keeping the dossier itself. */
static void dossier_pages_clear(pipe_dossier *d)
{
	for (int i = 0; i < d->n_pages; i++) {
		free((char *)d->pages[i].source_path);
		free((char *)d->pages[i].fail_reason);
	}
	free(d->pages);
	d->pages = NULL;
	d->n_pages = 0;
}

static void dossier_clear(pipe_dossier *d)
{
	free(d->code);
	free(d->path);
	dossier_pages_clear(d);
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
	core_err bad_name;

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
	if (p->source_path && !core_utf8_valid(p->source_path)) {
		/* The store keeps UTF-8 text only: such a name cannot be kept
		 * as it is, so the page is recorded failed under a readable form. */
		core_utf8_scrub((char *)p->source_path);
		if (!fail || !core_err_isset(fail)) {
			core_err_clear(&bad_name);
			core_err_set(&bad_name, CORE_EFORMAT, "file name is not UTF-8");
			core_err_detail(&bad_name, "%s (rename it)", p->source_path);
			fail = &bad_name;
		}
	}
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
	if (!core_utf8_valid(path) || ocr_file_probe(path, lim, &pr, &perr) != 0)
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
	core_err lerr;

	if (!h)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	core_err_clear(&lerr);
	if (list_dir(d->path, &names, &n, &lerr)) {
		/* Unreadable or too large: this dossier fails, the batch goes on. */
		snprintf(d->sha256, sizeof(d->sha256), "unreadable");
		if (pages_add(d, &cap, d->path, 0, &lerr, err))
			goto out;
		core_sha256_destroy(&h);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		char path[4096], sha[CORE_SHA256_HEX];
		struct stat st;
		core_err ferr;

		core_err_clear(&ferr);
		if (core_snprintf(path, sizeof(path), &ferr, "%s/%s", d->path, names[i])) {
			core_err_detail(&ferr, "%s/%.64s...", d->path, names[i]);
			if (pages_add(d, &cap, d->path, 0, &ferr, err))
				goto out;
			continue;
		}
		if (stat(path, &st) != 0) {
			core_err_set(&ferr, CORE_EIO, "cannot read file");
			core_err_detail(&ferr, "%s: %s", path, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			/* Its pages would be missing without a trace: say so. */
			core_err_set(&ferr, CORE_EFORMAT, "folder inside a dossier folder");
			core_err_detail(&ferr, "%s: pages are read from the dossier folder only",
			                path);
		} else if (!S_ISREG(st.st_mode)) {
			/* A FIFO or device would block or never end. */
			core_err_set(&ferr, CORE_EFORMAT, "not a regular file");
			core_err_detail(&ferr, "%s", path);
		}
		if (!core_err_isset(&ferr) && core_sha256_file(path, sha, &ferr) == 0) {
			if (add_file_pages(d, &cap, path, lim, err))
				goto out;
			d->size_bytes += (int64_t)st.st_size;
		} else {
			if (pages_add(d, &cap, path, 0, &ferr, err))
				goto out;
			snprintf(sha, sizeof(sha), "unreadable");
		}
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

/* d, just added for the entry name at path, is one failed page: ferr. */
static int plan_refused(pipe_plan *plan, pipe_dossier *d, const char *path, const char *name,
                        const core_err *ferr, core_err *err)
{
	int cap = 0;

	d->kind = "file";
	d->code = code_from_name(name, false);
	snprintf(d->sha256, sizeof(d->sha256), "unreadable");
	if (!d->path || !d->code)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	core_utf8_scrub(d->code);
	core_utf8_scrub(d->path);
	if (pages_add(d, &cap, path, 0, ferr, err))
		return -1;
	plan->pages += d->n_pages;
	return 0;
}

/* A new dossier for the entry at path, in *out (its path copied). */
static int plan_dossier_new(pipe_plan *plan, const char *path, pipe_dossier **out, core_err *err)
{
	pipe_dossier *d;

	*out = NULL;
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
	*out = d;
	return 0;
}

/* An entry whose path does not fit: a dossier with one failed page. */
static int scan_too_long(pipe_plan *plan, const char *dir, const char *name, core_err *err)
{
	char shown[512];
	pipe_dossier *d;
	core_err ferr;

	/* Cut to fit, marked: the store and the log get a readable form. */
	snprintf(shown, sizeof(shown), "%.300s/%.64s...", dir, name);
	if (plan_dossier_new(plan, shown, &d, err))
		return -1;
	core_err_clear(&ferr);
	core_err_set(&ferr, CORE_ELIMIT, "path too long");
	core_err_detail(&ferr, "%s (shorten the folder or the name)", shown);
	return plan_refused(plan, d, shown, name, &ferr, err);
}

static int scan_entry(pipe_plan *plan, const char *path, const char *name, const ocr_limits *lim,
                      core_err *err)
{
	pipe_dossier *d;
	struct stat st;
	int cap = 0;

	if (plan_dossier_new(plan, path, &d, err))
		return -1;
	if (stat(path, &st) != 0) {
		/* A dangling link or vanished entry: a dossier with its reason. */
		core_err ferr;

		core_err_clear(&ferr);
		core_err_set(&ferr, CORE_EIO, "cannot read file");
		core_err_detail(&ferr, "%s: %s", path, strerror(errno));
		return plan_refused(plan, d, path, name, &ferr, err);
	}
	d->code = code_from_name(name, S_ISDIR(st.st_mode));
	if (!d->path || !d->code)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	d->dev = (uint64_t)st.st_dev;
	d->ino = (uint64_t)st.st_ino;
	d->have_ino = true;
	if (!core_utf8_valid(path) || (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))) {
		/* A name the store cannot hold (pages_add gives the reason), or a
		 * FIFO or device that would block: a dossier with one failed page. */
		core_err ferr;

		core_err_clear(&ferr);
		if (core_utf8_valid(path)) {
			core_err_set(&ferr, CORE_EFORMAT, "not a regular file or folder");
			core_err_detail(&ferr, "%s", path);
		}
		core_utf8_scrub(d->code);
		core_utf8_scrub(d->path);
		d->kind = S_ISDIR(st.st_mode) ? "folder" : "file";
		snprintf(d->sha256, sizeof(d->sha256), "unreadable");
		if (pages_add(d, &cap, path, 0, &ferr, err))
			return -1;
		plan->pages += d->n_pages;
		return 0;
	}
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

typedef struct plan_key {
	const char *code;
	int i;
} plan_key;

static int cmp_key(const void *a, const void *b)
{
	const plan_key *x = a, *y = b;
	int c = strcmp(x->code, y->code);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Whether some key has want's code (keys sorted by cmp_key). */
static bool bsearch_code(const plan_key *key, int n, const plan_key *want)
{
	int lo = 0, hi = n - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2, c = strcmp(key[mid].code, want->code);

		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

/*
 * Two entries with one code ("HS-1.tif" and "HS-1.pdf", a folder "HS-1",
 * or the same name in two inputs) would write the same archival files
 * and read as versions of one dossier.  The first in plan order keeps
 * the code; the same file or folder given again (same device and inode)
 * is planned once; any other is kept under the code "CODE~K", unused
 * elsewhere, as a dossier whose one page fails with the reason, so
 * that the operator sees it.
 */
static int plan_dedup(pipe_plan *plan, core_err *err)
{
	plan_key *key = NULL;
	unsigned char *drop = NULL; /* 1: a repeat of the same entry; 2: a duplicate code */
	int *tag = NULL;            /* K of a duplicate's new code */
	int n = plan->n, rc = -1, w = 0;

	if (n < 2)
		return 0;
	if (!(key = malloc((size_t)n * sizeof(*key))) || !(drop = calloc((size_t)n, 1)) ||
	    !(tag = calloc((size_t)n, sizeof(*tag)))) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (int i = 0; i < n; i++)
		key[i] = (plan_key){plan->d[i].code, i};
	qsort(key, (size_t)n, sizeof(*key), cmp_key);
	for (int g = 0, k = 1, next = 2; k < n; k++) {
		const pipe_dossier *first;
		pipe_dossier *d = &plan->d[key[k].i];
		bool repeat = false;
		core_err ferr;
		int cap = 0;

		if (strcmp(key[g].code, key[k].code) != 0) {
			g = k;
			next = 2;
			continue;
		}
		for (int j = g; j < k && !repeat; j++) {
			const pipe_dossier *e = &plan->d[key[j].i];

			repeat = drop[key[j].i] != 1 && e->have_ino && d->have_ino &&
			         e->dev == d->dev && e->ino == d->ino;
		}
		if (repeat) {
			drop[key[k].i] = 1;
			continue;
		}
		first = &plan->d[key[g].i];
		plan->pages -= d->n_pages;
		dossier_pages_clear(d);
		core_err_clear(&ferr);
		core_err_set(&ferr, CORE_EARG, "duplicate dossier code");
		core_err_detail(&ferr, "%s: %s, and already %s", d->code, d->path, first->path);
		if (pages_add(d, &cap, d->path, 0, &ferr, err))
			goto out;
		plan->pages += d->n_pages;
		drop[key[k].i] = 2;
		/* The first K whose "CODE~K" no entry has as its own code. */
		for (;; next++) {
			char probe[512];
			plan_key want = {probe, -1};

			snprintf(probe, sizeof(probe), "%s~%d", d->code, next);
			if (!bsearch_code(key, n, &want)) {
				tag[key[k].i] = next++;
				break;
			}
		}
	}
	/* Renamed once no key points at the old codes any more. */
	for (int i = 0; i < n; i++) {
		if (drop[i] == 2) {
			size_t len = strlen(plan->d[i].code) + 16;
			char *code = malloc(len);

			if (!code) {
				core_err_set(err, CORE_ENOMEM, "out of memory");
				goto out;
			}
			snprintf(code, len, "%s~%d", plan->d[i].code, tag[i]);
			free(plan->d[i].code);
			plan->d[i].code = code;
		}
	}
	for (int i = 0; i < n; i++) {
		if (drop[i] == 1) {
			plan->pages -= plan->d[i].n_pages;
			dossier_clear(&plan->d[i]);
			continue;
		}
		if (w != i)
			plan->d[w] = plan->d[i];
		w++;
	}
	plan->n = w;
	rc = 0;
out:
	free(tag);
	free(drop);
	free(key);
	return rc;
}

/*
 * The working directory as the shell names it ($PWD, symbolic links
 * kept, when it is absolute, plain and the same directory), else as the
 * kernel resolves it.
 */
static int plan_cwd(char *cwd, size_t size, core_err *err)
{
	const char *pwd = getenv("PWD");
	struct stat a, b;

	if (pwd && pwd[0] == '/' && strlen(pwd) < size && !strstr(pwd, "/./") &&
	    !strstr(pwd, "/../") && stat(pwd, &a) == 0 && stat(".", &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
		core_strlcpy(cwd, pwd, size);
		return 0;
	}
	if (!getcwd(cwd, size)) {
		core_err_set(err, CORE_EIO, "cannot read the working directory");
		core_err_detail(err, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * The input made absolute from the working directory, "." and empty
 * components and a trailing slash dropped.  The store keeps the paths
 * planning gives: workers of a resumed run, other machines joining the
 * batch and the reuse service open them from anywhere.  Symbolic links
 * stay as given (a shared folder may be reached through one), and so
 * does "..", which only the links along the path could resolve.  A
 * working directory whose name is not UTF-8 (the store holds UTF-8)
 * leaves a relative input as given.
 */
static int plan_abspath(const char *in, char *out, size_t size, core_err *err)
{
	char joined[PATH_MAX * 2];
	size_t n = 0;

	if (in[0] == '/') {
		if (core_snprintf(joined, sizeof(joined), err, "%s", in))
			return -1;
	} else {
		char cwd[PATH_MAX];

		if (plan_cwd(cwd, sizeof(cwd), err))
			return -1;
		if (!core_utf8_valid(cwd)) {
			core_log(
			    CORE_LOG_WARN, "relative_input", NULL,
			    "the working directory's name is not UTF-8: %s is stored as given, "
			    "relative to it (give absolute paths to resume from elsewhere)",
			    in);
			return core_snprintf(out, size, err, "%s", in);
		}
		if (core_snprintf(joined, sizeof(joined), err, "%s/%s", cwd, in))
			return -1;
	}
	for (const char *s = joined; *s;) {
		size_t len = strcspn(s, "/");

		if (len > 0 && !(len == 1 && s[0] == '.')) {
			if (n + 1 + len + 1 > size) {
				core_err_set(err, CORE_ELIMIT, "input path too long");
				core_err_detail(err, "%s", in);
				return -1;
			}
			out[n++] = '/';
			memcpy(out + n, s, len);
			n += len;
		}
		s += len;
		if (*s == '/')
			s++;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	return 0;
}

int pipe_plan_scan(const pipe_options *o, const ocr_limits *lim, pipe_plan *plan, core_err *err)
{
	memset(plan, 0, sizeof(*plan));
	/* A stop ends planning early; the caller then records nothing. */
	for (int i = 0; i < o->n_inputs && !pipe_stopping(); i++) {
		const char *given = o->inputs[i];
		char in[PATH_MAX];
		struct stat st;

		if (stat(given, &st) != 0) {
			core_err_set(err, CORE_EARG, "input not found");
			core_err_detail(err, "%s: %s", given, strerror(errno));
			return -1;
		}
		if (plan_abspath(given, in, sizeof(in), err))
			return -1;
		if (S_ISDIR(st.st_mode)) {
			char **names = NULL;
			int n = 0;

			if (list_dir(in, &names, &n, err))
				return -1;
			for (int k = 0; k < n && !pipe_stopping(); k++) {
				char path[4096];
				core_err lerr;
				int rc;

				core_err_clear(&lerr);
				if (core_snprintf(path, sizeof(path), &lerr, "%s/%s", in, names[k]))
					rc = scan_too_long(plan, in, names[k], err);
				else
					rc = scan_entry(plan, path, names[k], lim, err);
				if (rc) {
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
	return plan_dedup(plan, err);
}
