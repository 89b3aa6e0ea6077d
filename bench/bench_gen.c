/*
 * bench_gen.c - the corpus: plans each dossier's documents from the
 * seed, renders and degrades its pages one at a time (a long dossier
 * never sits in memory), writes the dossier, the single page images
 * and its truth JSON under temporary names and renames them into place.
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

/* Sub-seeds: a dossier's plan and each page's defects depend only on
 * the corpus seed and their own position.  (The cycle of document
 * types is the one thing carried from dossier to dossier.) */
enum { BENCH_STREAM_PLAN = 1, BENCH_STREAM_DEGRADE = 4 };

#define BENCH_PROGRESS_EVERY 1000

typedef enum bench_store { BENCH_TIFF_GRAY, BENCH_TIFF_G4, BENCH_PNG_DIR } bench_store;

static const char *const bench_store_names[] = {"tiff-gray-lzw", "tiff-bilevel-g4", "png-folder"};

/* ---- corpus -------------------------------------------------------- */

void bench_gen_options_default(bench_gen_options *o)
{
	memset(o, 0, sizeof(*o));
	o->seed = 1;
	o->dossiers = 10;
	o->pages = 0;
	o->dpi = 300;
	o->format = "mixed";
	o->degrade = "clean";
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
	       (core_str_endswith_ci(n, ".png") || core_str_endswith_ci(n, ".png.tmp") ||
	        core_str_endswith_ci(n, ".tif") || core_str_endswith_ci(n, ".tif.tmp"));
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

int bench_json_set(json_t *o, const char *key, json_t *v, core_err *err)
{
	if (!v || json_object_set_new(o, key, v) != 0)
		return core_err_set(err, CORE_ENOMEM, "cannot build the truth json");
	return 0;
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

/* What lives across dossiers: options, degradations, counters. */
typedef struct bench_corpus {
	const bench_gen_options *o;
	bench_deg_spec *degs;
	int n_degs;
	long pages_done; /* corpus-wide page index: defects go round-robin on it */
	bench_plan_state plan;
	double t0;
} bench_corpus;

typedef struct bench_dossier {
	bench_corpus *k;
	const bench_gen_options *o;
	int index, n_pages;
	bench_store store;
	char code[32];
	char file[BENCH_PATH_MAX]; /* final path of the tiff or the folder */
	char tmp_dir[BENCH_PATH_MAX];
	char img_dir[BENCH_PATH_MAX], img_tmp[BENCH_PATH_MAX];
	bench_tiff *tiff;
	bench_doc *docs;
	bench_plan_page *plan;
	int n_docs;
	json_t *pages, *documents;
} bench_dossier;

/* page-<n>.png, or page-<n>.tif (G4) for a bilevel page: same pixels. */
static int bench_write_single(const char *dir, int number, const bench_raster *r, bool bilevel,
                              core_err *err)
{
	char path[BENCH_PATH_MAX];
	int rc;

	/* page-1.png ... page-10.png: no zero padding, as scanners name them. */
	rc = core_snprintf(path, sizeof(path), err, "%s/page-%d.%s", dir, number,
	                   bilevel ? "tif" : "png");
	if (rc)
		return rc;
	return bilevel ? bench_write_tiff(path, r, 1, "g4", 1, true, err)
	               : bench_write_png(path, r, err);
}

static int bench_store_page(bench_dossier *d, int number, const bench_raster *r, bool g4,
                            core_err *err)
{
	if (d->store == BENCH_PNG_DIR)
		return bench_write_single(d->tmp_dir, number, r, g4, err);
	if (g4 && d->store != BENCH_TIFF_G4)
		return bench_tiff_add_g4(d->tiff, r, err);
	return bench_tiff_add(d->tiff, r, err);
}

/* A folder written as .<name>.tmp and renamed when complete; a killed
 * run may have left a partial one behind. */
static int bench_open_dir(const char *parent, const char *code, char *final, char *tmp,
                          core_err *err)
{
	int rc = core_snprintf(final, BENCH_PATH_MAX, err, "%s/%s", parent, code);

	if (rc == 0)
		rc = core_snprintf(tmp, BENCH_PATH_MAX, err, "%s/.%s.tmp", parent, code);
	if (rc == 0)
		rc = bench_remove_page_dir(tmp, err);
	return rc ? rc : bench_mkdir(tmp, err);
}

static int bench_commit_dir(const char *final, const char *tmp, core_err *err)
{
	int rc = bench_remove_page_dir(final, err);

	if (rc == 0 && rename(tmp, final) != 0) {
		rc = core_err_set(err, CORE_EIO, "cannot rename the finished folder into place");
		core_err_detail(err, "%s: %s", final, strerror(errno));
	}
	return rc;
}

static int bench_open_store(bench_dossier *d, core_err *err)
{
	const char *dir = d->o->out_dir;
	char parent[BENCH_PATH_MAX];
	int rc;

	if (d->o->images) {
		rc = core_snprintf(parent, sizeof(parent), err, "%s/images", dir);
		if (rc == 0)
			rc = bench_open_dir(parent, d->code, d->img_dir, d->img_tmp, err);
		if (rc)
			return rc;
	}
	if (d->store == BENCH_PNG_DIR) {
		rc = core_snprintf(parent, sizeof(parent), err, "%s/dossiers", dir);
		return rc ? rc : bench_open_dir(parent, d->code, d->file, d->tmp_dir, err);
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
	} else {
		rc = bench_commit_dir(d->file, d->tmp_dir, err);
	}
	if (rc == 0 && d->o->images)
		rc = bench_commit_dir(d->img_dir, d->img_tmp, err);
	return rc;
}

static int bench_page_json(bench_dossier *d, int number, const bench_plan_page *pp, const char *deg,
                           json_t *params, const bench_page_out *po, bool bilevel, core_err *err)
{
	bool blank = pp->type == BENCH_DOC_BLANK;
	json_t *p = json_object();
	char image[BENCH_PATH_MAX];
	int rc;

	if (!p || json_array_append_new(d->pages, p) != 0) {
		json_decref(params);
		return core_err_set(err, CORE_ENOMEM, "cannot build the truth json");
	}
	rc = bench_json_set(p, "number", json_integer(number), err);
	rc = rc ? rc : bench_json_set(p, "kind", json_string(bench_doc_kind_name(pp->type)), err);
	rc = rc ? rc : bench_json_set(p, "blank", json_boolean(blank), err);
	rc = rc ? rc
	        : bench_json_set(p, "document", blank ? json_null() : json_integer(pp->doc), err);
	rc = rc ? rc : bench_json_set(p, "degradation", json_string(deg), err);
	if (rc == 0)
		rc = bench_json_set(p, "degradation_params", params, err);
	else
		json_decref(params);
	rc = rc ? rc : bench_json_set(p, "dpi", json_integer(po->raster.dpi), err);
	rc = rc ? rc : bench_json_set(p, "width", json_integer(po->raster.width), err);
	rc = rc ? rc : bench_json_set(p, "height", json_integer(po->raster.height), err);
	rc = rc ? rc : bench_json_set(p, "bilevel", json_boolean(bilevel), err);
	/* A blank sheet has no font: null rather than a misleading name. */
	rc = rc ? rc : bench_json_set(p, "font", blank ? json_null() : json_string(po->font), err);
	rc = rc ? rc
	        : bench_json_set(p, "font_size", blank ? json_null() : json_real(po->size_pt), err);
	rc = rc ? rc
	        : bench_json_set(p, "layout", blank ? json_null() : json_string(po->layout), err);
	if (rc == 0 && d->o->images) {
		rc = core_snprintf(image, sizeof(image), err, "images/%s/page-%d.%s", d->code,
		                   number, bilevel ? "tif" : "png");
		rc = rc ? rc : bench_json_set(p, "image", json_string(image), err);
	}
	return rc ? rc : bench_json_set(p, "lines", json_incref(po->lines), err);
}

/* A document's entry on its first page; its later pages extend it. */
static int bench_doc_json(bench_dossier *d, int number, const bench_plan_page *pp,
                          const bench_page_out *po, core_err *err)
{
	json_t *doc;
	int rc;

	if (pp->type == BENCH_DOC_BLANK)
		return 0;
	if (pp->part > 0) {
		doc = json_array_get(d->documents, (size_t)pp->doc);
		return doc ? bench_json_set(doc, "last_page", json_integer(number), err)
		           : core_err_set(err, CORE_EINTERNAL, "page of an unknown document");
	}
	doc = json_object();
	if (!doc || json_array_append_new(d->documents, doc) != 0)
		return core_err_set(err, CORE_ENOMEM, "cannot build the truth json");
	rc = bench_json_set(doc, "type", json_string(bench_doc_type_name(pp->type)), err);
	rc = rc ? rc : bench_json_set(doc, "first_page", json_integer(number), err);
	rc = rc ? rc : bench_json_set(doc, "last_page", json_integer(number), err);
	rc = rc ? rc : bench_json_set(doc, "layout", json_string(po->layout), err);
	return rc ? rc : bench_json_set(doc, "fields", json_incref(po->fields), err);
}

static void bench_progress(bench_corpus *k)
{
	double dt = core_now() - k->t0;

	k->pages_done++;
	if (!k->o->progress || k->pages_done % BENCH_PROGRESS_EVERY != 0)
		return;
	fprintf(stderr, "sohoa-gen: %ld pages, %.1f pages/s\n", k->pages_done,
	        dt > 0 ? k->pages_done / dt : 0.0);
}

static int bench_gen_page(bench_dossier *d, int j, core_err *err)
{
	const bench_plan_page *pp = &d->plan[j];
	bench_deg_spec sp = d->k->degs[d->k->pages_done % d->k->n_degs], *spec = &sp;
	bench_doc blank = {.type = BENCH_DOC_BLANK};
	const bench_doc *doc = pp->doc >= 0 ? &d->docs[pp->doc] : &blank;
	bool g4, bilevel;
	bench_page_out po = {0};
	json_t *params = json_object();
	char name[128];
	int rc;

	/* A separator sheet gets no ink and no lid shadow: it must stay
	 * blank for the truth to hold.  Noise, skew and the rest it keeps. */
	if (pp->type == BENCH_DOC_BLANK) {
		int n = 0;

		for (int i = 0; i < sp.n; i++)
			if (sp.ops[i] != BENCH_DEG_STAMP && sp.ops[i] != BENCH_DEG_SIGNATURE &&
			    sp.ops[i] != BENCH_DEG_BORDER)
				sp.ops[n++] = sp.ops[i];
		sp.n = n;
	}
	g4 = bench_deg_bilevel(spec);
	bilevel = g4 || d->store == BENCH_TIFF_G4;
	bench_deg_spec_name(spec, name, sizeof(name));
	if (!params) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	rc = bench_doc_render(doc, pp->part, bench_deg_dpi(spec, d->o->dpi), &po, err);
	if (rc == 0 && bench_deg_dpi(spec, 0))
		rc = bench_json_set(params, "dpi", json_integer(po.raster.dpi), err);
	if (rc == 0)
		rc = bench_deg_apply(spec,
		                     bench_seed_mix(d->o->seed, BENCH_STREAM_DEGRADE,
		                                    ((uint64_t)d->index << 20) | (uint64_t)j),
		                     po.mark_x, po.mark_y, &po.raster, params, err);
	/* A bilevel page is thresholded here, so the single image and the
	 * dossier's page hold the same pixels whoever thresholds them. */
	for (size_t i = 0;
	     rc == 0 && bilevel && !g4 && i < (size_t)po.raster.width * (size_t)po.raster.height;
	     i++)
		po.raster.pixels[i] = po.raster.pixels[i] < 128 ? 0 : 255;
	if (rc == 0)
		rc = bench_store_page(d, j + 1, &po.raster, g4, err);
	if (rc == 0 && d->o->images)
		rc = bench_write_single(d->img_tmp, j + 1, &po.raster, bilevel, err);
	if (rc == 0) {
		rc = bench_page_json(d, j + 1, pp, name, params, &po, bilevel, err);
		params = NULL;
	}
	if (rc == 0)
		rc = bench_doc_json(d, j + 1, pp, &po, err);
	if (rc == 0)
		bench_progress(d->k);
out:
	json_decref(params);
	bench_page_out_free(&po);
	if (rc)
		core_err_detail(err, "page %d", j + 1);
	return rc;
}

static int bench_gen_dossier(bench_dossier *d, core_err *err)
{
	const bench_gen_options *o = d->o;
	json_t *root = NULL;
	char truth[BENCH_PATH_MAX], rel[BENCH_PATH_MAX];
	bench_rng rng;
	int rc;

	rc = core_snprintf(d->code, sizeof(d->code), err, "HS-%d-%04d", BENCH_YEAR, d->index + 1);
	if (rc)
		goto out;
	bench_rng_seed(&rng, bench_seed_mix(o->seed, BENCH_STREAM_PLAN, (uint64_t)d->index));
	if (d->n_pages <= 0)
		d->n_pages = 2 + (int)bench_rng_below(&rng, 3);
	d->docs = calloc((size_t)d->n_pages, sizeof(*d->docs));
	d->plan = calloc((size_t)d->n_pages, sizeof(*d->plan));
	root = json_object();
	d->pages = json_array();
	d->documents = json_array();
	if (!d->docs || !d->plan || !root || !d->pages || !d->documents) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	bench_plan_dossier(o->seed, d->index, d->n_pages, &d->k->plan, d->docs, &d->n_docs,
	                   d->plan);
	rc = core_snprintf(truth, sizeof(truth), err, "%s/truth/%s.json", o->out_dir, d->code);
	rc = rc ? rc
	        : core_snprintf(rel, sizeof(rel), err, "dossiers/%s%s", d->code,
	                        d->store == BENCH_PNG_DIR ? "" : ".tif");
	rc = rc ? rc : bench_json_set(root, "dossier", json_string(d->code), err);
	rc = rc ? rc : bench_json_set(root, "seed", json_integer((json_int_t)o->seed), err);
	rc =
	    rc ? rc : bench_json_set(root, "format", json_string(bench_store_names[d->store]), err);
	rc = rc ? rc : bench_json_set(root, "file", json_string(rel), err);
	rc = rc ? rc : bench_json_set(root, "pages", json_incref(d->pages), err);
	rc = rc ? rc : bench_json_set(root, "documents", json_incref(d->documents), err);
	rc = rc ? rc : bench_open_store(d, err);
	for (int j = 0; rc == 0 && j < d->n_pages; j++)
		rc = bench_gen_page(d, j, err);
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
	if (rc && d->img_tmp[0])
		bench_remove_page_dir(d->img_tmp, NULL);
	json_decref(d->pages);
	json_decref(d->documents);
	json_decref(root);
	free(d->docs);
	free(d->plan);
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
	else
		return bench_degrade_check(o->degrade, err);
	if (rc && o->format)
		core_err_detail(err, "out %s, dossiers %d, pages %d, dpi %d, format %s",
		                o->out_dir ? o->out_dir : "(none)", o->dossiers, o->pages, o->dpi,
		                o->format);
	return rc;
}

int bench_gen_corpus(const bench_gen_options *o, int *pages_written, core_err *err)
{
	const char *fmt = o && o->format ? o->format : "mixed";
	bench_corpus k = {.o = o, .plan = {.pos = 0, .owed = -1}};
	char path[BENCH_PATH_MAX];
	int rc, total = 0;

	if (pages_written)
		*pages_written = 0;
	if (!o)
		return core_err_set(err, CORE_EARG, "no generator options");
	rc = bench_check_options(o, err);
	if (rc == 0)
		rc = bench_deg_parse(o->degrade, &k.degs, &k.n_degs, err);
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
	if (rc == 0 && o->images)
		rc = core_snprintf(path, sizeof(path), err, "%s/images", o->out_dir);
	if (rc == 0 && o->images)
		rc = bench_mkdir(path, err);
	k.t0 = core_now();
	for (int i = 0; rc == 0 && i < o->dossiers; i++) {
		bench_dossier d = {.k = &k, .o = o, .index = i};

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
	free(k.degs);
	if (pages_written)
		*pages_written = total;
	return rc;
}
