/*
 * bench_gen.c - the corpus: plans each dossier's pages from the seed,
 * renders them one at a time (a long dossier never sits in memory),
 * writes the dossier and its truth JSON under temporary names and
 * renames them into place.
 */
#include "bench_priv.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BENCH_YEAR                  2024
#define BENCH_MAX_DOSSIERS          99999
#define BENCH_MAX_PAGES_PER_DOSSIER 10000
#define BENCH_PATH_MAX              4096

/* Sub-seeds: a dossier's plan and each page depend only on the corpus
 * seed and their own position, never on what was generated before. */
enum { BENCH_STREAM_PLAN = 1, BENCH_STREAM_PAGE = 2 };

typedef enum bench_store { BENCH_TIFF_GRAY, BENCH_TIFF_G4, BENCH_PNG_DIR } bench_store;

static const char *const bench_store_names[] = {"tiff-gray-lzw", "tiff-bilevel-g4", "png-folder"};

/* ---- seeded generator --------------------------------------------- */

static uint64_t bench_splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void bench_rng_seed(bench_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = bench_splitmix(&seed);
}

static uint64_t bench_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t bench_rng_next(bench_rng *r)
{
	uint64_t *s = r->s, res = bench_rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = bench_rotl(s[3], 45);
	return res;
}

uint32_t bench_rng_below(bench_rng *r, uint32_t n)
{
	/* Rejection keeps small tables exactly uniform. */
	uint64_t lim, x;

	if (n <= 1)
		return 0;
	lim = UINT64_MAX - UINT64_MAX % n;
	do
		x = bench_rng_next(r);
	while (x >= lim);
	return (uint32_t)(x % n);
}

uint64_t bench_seed_mix(uint64_t seed, uint64_t a, uint64_t b)
{
	uint64_t x = seed;

	x = bench_splitmix(&x) ^ a;
	x = bench_splitmix(&x) ^ b;
	return bench_splitmix(&x);
}

/* ---- corpus -------------------------------------------------------- */

void bench_gen_options_default(bench_gen_options *o)
{
	memset(o, 0, sizeof(*o));
	o->seed = 1;
	o->dossiers = 10;
	o->pages = 0;
	o->dpi = 300;
	o->format = "mixed";
}

static int bench_mkdir(const char *path, core_err *err)
{
	struct stat st;
	int rc;

	if (mkdir(path, 0777) == 0 ||
	    (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
		return 0;
	rc = core_err_set(err, CORE_EIO, "cannot create directory");
	core_err_detail(err, "%s: %s", path, errno == EEXIST ? "not a directory" : strerror(errno));
	return rc;
}

/* mkdir -p: the output directory may be several levels deep. */
static int bench_mkdirs(const char *path, core_err *err)
{
	char buf[BENCH_PATH_MAX];
	int rc;

	rc = core_snprintf(buf, sizeof(buf), err, "%s", path);
	for (char *p = buf + 1; rc == 0 && *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		rc = bench_mkdir(buf, err);
		*p = '/';
	}
	return rc ? rc : bench_mkdir(buf, err);
}

static bool bench_is_page_name(const char *n)
{
	if (*n == '.')
		n++;
	return strncmp(n, "page-", 5) == 0 &&
	       (core_str_endswith_ci(n, ".png") || core_str_endswith_ci(n, ".png.tmp"));
}

/*
 * Removes a page folder left by an earlier run (or a killed one).  Only
 * page files are removed: anything else in it is the user's, and makes
 * the final rmdir fail with a clear error.
 */
static int bench_remove_page_dir(const char *dir, core_err *err)
{
	char path[BENCH_PATH_MAX];
	struct dirent *e;
	DIR *d;
	int rc = 0;

	d = opendir(dir);
	if (!d) {
		if (errno == ENOENT)
			return 0;
		rc = core_err_set(err, CORE_EIO, "cannot open directory");
		core_err_detail(err, "%s: %s", dir, strerror(errno));
		return rc;
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (!bench_is_page_name(e->d_name))
			continue;
		rc = core_snprintf(path, sizeof(path), err, "%s/%s", dir, e->d_name);
		if (rc == 0 && unlink(path) != 0) {
			rc = core_err_set(err, CORE_EIO, "cannot remove an old page file");
			core_err_detail(err, "%s: %s", path, strerror(errno));
		}
	}
	closedir(d);
	if (rc == 0 && rmdir(dir) != 0) {
		rc = core_err_set(err, CORE_EIO, "cannot replace an old dossier folder");
		core_err_detail(err, "%s: %s", dir, strerror(errno));
	}
	return rc;
}

/*
 * Page kinds: an application form first (what the citizen hands in),
 * then a birth certificate, then prose or further papers; a blank
 * separator sheet in about one dossier in six (never first).
 */
static void bench_plan(bench_rng *r, int n, bench_kind *kinds)
{
	bool blank = n >= 3 && bench_rng_below(r, 4) == 0;
	int m = blank ? n - 1 : n, at;

	for (int j = 0; j < m; j++) {
		uint32_t x = bench_rng_below(r, 10);

		if (j == 0)
			kinds[j] = BENCH_PAGE_FORM;
		else if (j == 1)
			kinds[j] = BENCH_PAGE_BIRTH;
		else
			kinds[j] = x < 5   ? BENCH_PAGE_PROSE
			           : x < 8 ? BENCH_PAGE_BIRTH
			                   : BENCH_PAGE_FORM;
	}
	if (!blank)
		return;
	at = 1 + (int)bench_rng_below(r, (uint32_t)m);
	memmove(kinds + at + 1, kinds + at, (size_t)(m - at) * sizeof(*kinds));
	kinds[at] = BENCH_PAGE_BLANK;
}

static int bench_json_set(json_t *o, const char *key, json_t *v, core_err *err)
{
	if (!v || json_object_set_new(o, key, v) != 0)
		return core_err_set(err, CORE_ENOMEM, "cannot build the truth json");
	return 0;
}

static int bench_page_json(json_t *pages, int number, bench_kind kind, int dpi, bench_page_out *po,
                           core_err *err)
{
	json_t *p = json_object();
	int rc;

	if (!p || json_array_append_new(pages, p) != 0)
		return core_err_set(err, CORE_ENOMEM, "cannot build the truth json");
	rc = bench_json_set(p, "number", json_integer(number), err);
	if (rc == 0)
		rc = bench_json_set(p, "kind", json_string(bench_kind_name(kind)), err);
	if (rc == 0)
		rc = bench_json_set(p, "blank", json_boolean(kind == BENCH_PAGE_BLANK), err);
	if (rc == 0)
		rc = bench_json_set(p, "degradation", json_string("clean"), err);
	if (rc == 0)
		rc = bench_json_set(p, "dpi", json_integer(dpi), err);
	/* A blank sheet has no font: null rather than a misleading name. */
	if (rc == 0)
		rc = bench_json_set(
		    p, "font", kind == BENCH_PAGE_BLANK ? json_null() : json_string(po->font), err);
	if (rc == 0)
		rc = bench_json_set(p, "font_size",
		                    kind == BENCH_PAGE_BLANK ? json_null() : json_real(po->size_pt),
		                    err);
	if (rc == 0)
		rc = bench_json_set(p, "lines", json_incref(po->lines), err);
	return rc;
}

/* Documents: one per form or certificate page; consecutive prose pages
 * are one letter; blank separators belong to no document. */
static int bench_add_document(json_t *docs, bench_kind kind, int number, json_t *fields,
                              core_err *err)
{
	json_t *last =
	    json_array_size(docs) ? json_array_get(docs, json_array_size(docs) - 1) : NULL;
	json_t *d;
	int rc;

	if (kind == BENCH_PAGE_BLANK)
		return 0;
	if (kind == BENCH_PAGE_PROSE && last &&
	    strcmp(json_string_value(json_object_get(last, "type")), "other") == 0 &&
	    json_integer_value(json_object_get(last, "last_page")) == number - 1)
		return bench_json_set(last, "last_page", json_integer(number), err);
	d = json_object();
	if (!d || json_array_append_new(docs, d) != 0)
		return core_err_set(err, CORE_ENOMEM, "cannot build the truth json");
	rc = bench_json_set(d, "type", json_string(bench_kind_doc_type(kind)), err);
	if (rc == 0)
		rc = bench_json_set(d, "first_page", json_integer(number), err);
	if (rc == 0)
		rc = bench_json_set(d, "last_page", json_integer(number), err);
	if (rc == 0)
		rc = bench_json_set(d, "fields", json_incref(fields), err);
	return rc;
}

static int bench_write_json(const char *path, json_t *root, core_err *err)
{
	char *text = NULL, *tmp = NULL;
	FILE *f = NULL;
	size_t len;
	int rc = 0;

	/* Members keep insertion order (jansson >= 2.8): stable bytes. */
	text = json_dumps(root, JSON_INDENT(2));
	tmp = bench_tmp_name(path);
	if (!text || !tmp) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	len = strlen(text);
	f = fopen(tmp, "w");
	if (!f || fwrite(text, 1, len, f) != len || fputc('\n', f) == EOF) {
		rc = core_err_set(err, CORE_EIO, "cannot write truth file");
		core_err_detail(err, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		rc = core_err_set(err, CORE_EIO, "cannot write truth file");
		core_err_detail(err, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	f = NULL;
	rc = bench_commit_file(tmp, path, err);
out:
	if (f)
		fclose(f);
	if (rc && tmp)
		unlink(tmp);
	free(tmp);
	free(text);
	return rc;
}

typedef struct bench_dossier {
	const bench_gen_options *o;
	int index, n_pages;
	bench_store store;
	char code[32];
	char file[BENCH_PATH_MAX]; /* final path of the tiff or the folder */
	char tmp_dir[BENCH_PATH_MAX];
	bench_tiff *tiff;
} bench_dossier;

static int bench_store_page(bench_dossier *d, int number, const bench_raster *r, core_err *err)
{
	char path[BENCH_PATH_MAX];
	int rc;

	if (d->store != BENCH_PNG_DIR)
		return bench_tiff_add(d->tiff, r, err);
	/* page-1.png ... page-10.png: no zero padding, as scanners name them. */
	rc = core_snprintf(path, sizeof(path), err, "%s/page-%d.png", d->tmp_dir, number);
	return rc ? rc : bench_write_png(path, r, err);
}

static int bench_open_store(bench_dossier *d, core_err *err)
{
	const char *dir = d->o->out_dir;
	int rc;

	if (d->store == BENCH_PNG_DIR) {
		rc = core_snprintf(d->file, sizeof(d->file), err, "%s/dossiers/%s", dir, d->code);
		if (rc == 0)
			rc = core_snprintf(d->tmp_dir, sizeof(d->tmp_dir), err,
			                   "%s/dossiers/.%s.tmp", dir, d->code);
		/* A killed run may have left a partial folder behind. */
		if (rc == 0)
			rc = bench_remove_page_dir(d->tmp_dir, err);
		return rc ? rc : bench_mkdir(d->tmp_dir, err);
	}
	rc = core_snprintf(d->file, sizeof(d->file), err, "%s/dossiers/%s.tif", dir, d->code);
	if (rc)
		return rc;
	return bench_tiff_open(d->file, d->store == BENCH_TIFF_G4 ? "g4" : "lzw",
	                       d->store == BENCH_TIFF_G4 ? 1 : 8, true, d->n_pages, &d->tiff, err);
}

static int bench_commit_store(bench_dossier *d, core_err *err)
{
	int rc;

	if (d->store != BENCH_PNG_DIR) {
		rc = bench_tiff_close(d->tiff, true, err);
		d->tiff = NULL;
		return rc;
	}
	rc = bench_remove_page_dir(d->file, err);
	if (rc == 0 && rename(d->tmp_dir, d->file) != 0) {
		rc = core_err_set(err, CORE_EIO, "cannot rename the finished folder into place");
		core_err_detail(err, "%s: %s", d->file, strerror(errno));
	}
	return rc;
}

static int bench_gen_dossier(bench_dossier *d, core_err *err)
{
	const bench_gen_options *o = d->o;
	bench_kind *kinds = NULL;
	bench_page_out po = {0};
	json_t *root = NULL, *pages, *docs;
	char truth[BENCH_PATH_MAX], rel[BENCH_PATH_MAX];
	bench_rng rng;
	int rc;

	rc = core_snprintf(d->code, sizeof(d->code), err, "HS-%d-%04d", BENCH_YEAR, d->index + 1);
	if (rc)
		goto out;
	bench_rng_seed(&rng, bench_seed_mix(o->seed, BENCH_STREAM_PLAN, (uint64_t)d->index));
	if (d->n_pages <= 0)
		d->n_pages = 2 + (int)bench_rng_below(&rng, 3);
	kinds = calloc((size_t)d->n_pages, sizeof(*kinds));
	root = json_object();
	pages = json_array();
	docs = json_array();
	if (!kinds || !root || !pages || !docs) {
		json_decref(pages);
		json_decref(docs);
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	bench_plan(&rng, d->n_pages, kinds);
	rc = core_snprintf(truth, sizeof(truth), err, "%s/truth/%s.json", o->out_dir, d->code);
	if (rc == 0)
		rc = core_snprintf(rel, sizeof(rel), err, "dossiers/%s%s", d->code,
		                   d->store == BENCH_PNG_DIR ? "" : ".tif");
	if (rc == 0)
		rc = bench_json_set(root, "dossier", json_string(d->code), err);
	if (rc == 0)
		rc = bench_json_set(root, "seed", json_integer((json_int_t)o->seed), err);
	if (rc == 0)
		rc = bench_json_set(root, "format", json_string(bench_store_names[d->store]), err);
	if (rc == 0)
		rc = bench_json_set(root, "file", json_string(rel), err);
	if (rc == 0)
		rc = bench_json_set(root, "pages", pages, err);
	else
		json_decref(pages);
	if (rc == 0)
		rc = bench_json_set(root, "documents", docs, err);
	else
		json_decref(docs);
	if (rc == 0)
		rc = bench_open_store(d, err);
	for (int j = 0; rc == 0 && j < d->n_pages; j++) {
		uint64_t seed = bench_seed_mix(o->seed, BENCH_STREAM_PAGE,
		                               ((uint64_t)d->index << 20) | (uint64_t)j);

		/* Fonts rotate so one dossier mixes papers from several sources. */
		rc = bench_page_make(kinds[j], seed, o->dpi, d->index + j, &po, err);
		if (rc == 0)
			rc = bench_store_page(d, j + 1, &po.raster, err);
		if (rc == 0)
			rc = bench_page_json(pages, j + 1, kinds[j], o->dpi, &po, err);
		if (rc == 0)
			rc = bench_add_document(docs, kinds[j], j + 1, po.fields, err);
		bench_page_out_free(&po);
	}
	/* Truth first: whoever sees the dossier can already read its truth. */
	if (rc == 0)
		rc = bench_write_json(truth, root, err);
	if (rc == 0)
		rc = bench_commit_store(d, err);
out:
	if (d->tiff)
		bench_tiff_close(d->tiff, false, NULL);
	d->tiff = NULL;
	if (rc && d->store == BENCH_PNG_DIR && d->tmp_dir[0])
		bench_remove_page_dir(d->tmp_dir, NULL);
	json_decref(root);
	free(kinds);
	return rc;
}

static int bench_check_options(const bench_gen_options *o, core_err *err)
{
	int rc = 0;

	if (!o->out_dir || !*o->out_dir)
		rc = core_err_set(err, CORE_EARG, "no output directory given");
	else if (o->dossiers < 1 || o->dossiers > BENCH_MAX_DOSSIERS)
		rc = core_err_set(err, CORE_EARG, "dossier count must be 1 to %d",
		                  BENCH_MAX_DOSSIERS);
	else if (o->pages < 0 || (o->pages > 0 && o->pages < o->dossiers))
		rc = core_err_set(err, CORE_EARG,
		                  "page count must be 0 or at least one per dossier");
	else if (o->pages / o->dossiers >= BENCH_MAX_PAGES_PER_DOSSIER)
		rc = core_err_set(err, CORE_EARG, "at most %d pages per dossier",
		                  BENCH_MAX_PAGES_PER_DOSSIER - 1);
	else if (o->dpi < 50 || o->dpi > 1200)
		rc = core_err_set(err, CORE_EARG, "dpi must be 50 to 1200");
	else if (o->seed > (uint64_t)INT64_MAX)
		/* The truth stores the seed as a JSON integer (int64). */
		rc = core_err_set(err, CORE_EARG, "seed must be below 2^63");
	else if (o->format && strcmp(o->format, "mixed") != 0 && strcmp(o->format, "tiff") != 0 &&
	         strcmp(o->format, "png") != 0)
		rc = core_err_set(err, CORE_EARG, "format must be mixed, tiff or png");
	if (rc && o->format)
		core_err_detail(err, "out %s, dossiers %d, pages %d, dpi %d, format %s",
		                o->out_dir ? o->out_dir : "(none)", o->dossiers, o->pages, o->dpi,
		                o->format);
	return rc;
}

int bench_gen_corpus(const bench_gen_options *o, int *pages_written, core_err *err)
{
	const char *fmt = o && o->format ? o->format : "mixed";
	char path[BENCH_PATH_MAX];
	int rc, total = 0;

	if (pages_written)
		*pages_written = 0;
	if (!o)
		return core_err_set(err, CORE_EARG, "no generator options");
	rc = bench_check_options(o, err);
	if (rc == 0)
		rc = bench_mkdirs(o->out_dir, err);
	if (rc == 0)
		rc = core_snprintf(path, sizeof(path), err, "%s/dossiers", o->out_dir);
	if (rc == 0)
		rc = bench_mkdir(path, err);
	if (rc == 0)
		rc = core_snprintf(path, sizeof(path), err, "%s/truth", o->out_dir);
	if (rc == 0)
		rc = bench_mkdir(path, err);
	for (int i = 0; rc == 0 && i < o->dossiers; i++) {
		bench_dossier d = {.o = o, .index = i};

		if (o->pages > 0)
			d.n_pages = o->pages / o->dossiers + (i < o->pages % o->dossiers ? 1 : 0);
		if (strcmp(fmt, "tiff") == 0)
			d.store = i % 2 ? BENCH_TIFF_G4 : BENCH_TIFF_GRAY;
		else if (strcmp(fmt, "png") == 0)
			d.store = BENCH_PNG_DIR;
		else
			d.store = (bench_store)(i % 3);
		rc = bench_gen_dossier(&d, err);
		if (rc == 0)
			total += d.n_pages;
		else
			core_err_detail(err, "dossier %s", d.code);
	}
	if (pages_written)
		*pages_written = total;
	return rc;
}
