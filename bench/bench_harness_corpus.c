/*
 * bench_harness_corpus.c - the corpus every system reads: generated (or
 * given), its ground truth, one single-page image per page for the
 * tesseract CLI, and one PDF of all pages for OCRmyPDF.
 *
 * The peers get the pages as they are stored: G4 pages stay G4 (tiffcp
 * copies them, tiff2pdf passes CCITT through), gray pages stay gray.
 */
#include "bench.h"
#include "bench_harness.h"

#include <cairo.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int bench_corpus_generate(const bench_hopts *o, const char *dir, int pages, core_err *err)
{
	bench_gen_options g;
	int written = 0;

	bench_gen_options_default(&g);
	g.out_dir = dir;
	g.seed = o->seed;
	g.pages = pages;
	/* About three pages a dossier, as in the offices' batches. */
	g.dossiers = pages / 3 > 0 ? pages / 3 : 1;
	if (o->format)
		g.format = o->format;
	if (o->degrade)
		g.degrade = o->degrade;
	/* Single-page images for the CLI and the PDF, as the generator
	 * stores them (bilevel pages stay bilevel TIFF). */
	g.images = true;
	if (bench_gen_corpus(&g, &written, err))
		return -1;
	if (written != pages) {
		core_err_set(err, CORE_EINTERNAL, "the generator wrote %d pages, not %d", written,
		             pages);
		return -1;
	}
	return 0;
}

static int bench_page_add(bench_corpus *c, bench_hpage **out, core_err *err)
{
	if (c->n == c->cap) {
		int cap = c->cap ? c->cap * 2 : 64;
		bench_hpage *v = realloc(c->pages, (size_t)cap * sizeof(*v));

		if (!v)
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		c->pages = v;
		c->cap = cap;
	}
	*out = &c->pages[c->n++];
	memset(*out, 0, sizeof(**out));
	return 0;
}

static char *bench_join_lines(json_t *lines, core_err *err)
{
	core_buf b;
	json_t *v;
	size_t i;

	core_buf_init(&b, BENCH_TEXT_MAX);
	core_buf_append(&b, "", 0, err);
	json_array_foreach(lines, i, v)
	{
		const char *s = json_string_value(v);

		if ((i && core_buf_puts(&b, "\n", err)) || core_buf_puts(&b, s ? s : "", err))
			break;
	}
	if (core_err_isset(err)) {
		core_buf_free(&b);
		return NULL;
	}
	return core_buf_steal(&b);
}

static bool bench_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool bench_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Where page `number` of dossier `code` is stored. */
static int bench_page_source(bench_corpus *c, json_t *root, const char *code, bench_hpage *p,
                             core_err *err)
{
	const char *file = json_string_value(json_object_get(root, "file"));
	char path[BENCH_PATH_MAX];

	if (file) {
		if (core_snprintf(path, sizeof(path), err, "%s/%s", c->dir, file))
			return -1;
	} else if (core_snprintf(path, sizeof(path), err, "%s/%s.tif", c->dossiers, code)) {
		return -1;
	}
	if (!file && !bench_is_file(path) &&
	    core_snprintf(path, sizeof(path), err, "%s/%s", c->dossiers, code))
		return -1;
	if (bench_is_dir(path)) {
		static const char *const ext[] = {"png", "tif", "tiff", "jpg", "pnm"};
		char page[BENCH_PATH_MAX];

		/* A folder holds page-<n>.png, or .tif for a bilevel page. */
		for (size_t k = 0; k < sizeof(ext) / sizeof(ext[0]); k++) {
			if (core_snprintf(page, sizeof(page), err, "%s/page-%d.%s", path, p->number,
			                  ext[k]))
				return -1;
			if (bench_is_file(page))
				break;
		}
		p->source = core_strdup(page);
		p->tiff = false;
		p->index = 0;
	} else {
		p->source = core_strdup(path);
		p->tiff = true;
		/* Pages of a dossier file are its directories, in order. */
		p->index = p->number - 1;
	}
	if (!p->source)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	if (!bench_is_file(p->source)) {
		core_err_set(err, CORE_EIO, "page %d of %s not found", p->number, code);
		core_err_detail(err, "%s", p->source);
		return -1;
	}
	return 0;
}

static int bench_load_dossier(bench_corpus *c, const char *code, core_err *err)
{
	char path[BENCH_PATH_MAX];
	const char *format;
	json_t *root = NULL, *pg;
	json_error_t jerr;
	size_t k;
	int rc = -1;

	if (core_snprintf(path, sizeof(path), err, "%s/%s.json", c->truth, code))
		goto out;
	if (!(root = json_load_file(path, 0, &jerr))) {
		core_err_set(err, CORE_EFORMAT, "cannot read the ground truth");
		core_err_detail(err, "%s: %s", path, jerr.text);
		goto out;
	}
	format = json_string_value(json_object_get(root, "format"));
	if (c->seed < 0 && json_is_integer(json_object_get(root, "seed")))
		c->seed = (long long)json_integer_value(json_object_get(root, "seed"));
	c->n_dossiers++;
	json_array_foreach(json_object_get(root, "pages"), k, pg)
	{
		const char *deg = json_string_value(json_object_get(pg, "degradation"));
		const char *kind = json_string_value(json_object_get(pg, "kind"));
		const char *image = json_string_value(json_object_get(pg, "image"));
		json_t *dpi = json_object_get(pg, "dpi");
		bool bilevel;
		bench_hpage *p = NULL;

		if (bench_page_add(c, &p, err))
			goto out;
		p->number = (int)json_integer_value(json_object_get(pg, "number"));
		p->blank = json_is_true(json_object_get(pg, "blank"));
		p->dpi = json_is_integer(dpi) ? (int)json_integer_value(dpi) : 300;
		if (p->number < 1) {
			core_err_set(err, CORE_EFORMAT, "a page without a number in %s", path);
			goto out;
		}
		p->group = bench_groups_index(&c->groups, deg ? deg : "clean", err);
		if (p->group < 0)
			goto out;
		p->code = core_strdup(code);
		p->kind = core_strdup(kind ? kind : "unknown");
		if (!p->code || !p->kind) {
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		if (!(p->truth = bench_join_lines(json_object_get(pg, "lines"), err)) ||
		    bench_page_source(c, root, code, p, err))
			goto out;
		/* A generator that writes single-page images names them. */
		if (image) {
			char ip[BENCH_PATH_MAX];

			if (core_snprintf(ip, sizeof(ip), err, "%s/%s", c->dir, image))
				goto out;
			if (bench_is_file(ip) && !(p->image = core_strdup(ip))) {
				core_err_set(err, CORE_ENOMEM, "out of memory");
				goto out;
			}
		}
		if (!p->blank)
			c->nonblank++;
		if (!p->tiff)
			c->png++;
		/* The page's own flag when the truth has it, else its file's. */
		if (json_is_boolean(json_object_get(pg, "bilevel")))
			bilevel = json_is_true(json_object_get(pg, "bilevel"));
		else
			bilevel = p->tiff && format && strstr(format, "bilevel");
		p->bilevel = bilevel;
		if (bilevel)
			c->bilevel++;
		else
			c->gray++;
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

static int bench_natcmp_ptr(const void *a, const void *b)
{
	return core_natcmp(*(char *const *)a, *(char *const *)b);
}

static void bench_corpus_describe(bench_corpus *c)
{
	int counts[BENCH_GROUPS_MAX] = {0};
	size_t len;

	for (int i = 0; i < c->n; i++)
		counts[c->pages[i].group]++;
	snprintf(c->desc, sizeof(c->desc),
	         "%d pages (%d blank) in %d dossiers: %d gray, %d bilevel; %d in multi-page "
	         "TIFF files, %d in page folders; degradations:",
	         c->n, c->n - c->nonblank, c->n_dossiers, c->gray, c->bilevel, c->n - c->png,
	         c->png);
	for (int g = 0; g < c->groups.n; g++) {
		len = strlen(c->desc);
		snprintf(c->desc + len, sizeof(c->desc) - len, "%s %s %d", g ? "," : "",
		         c->groups.name[g], counts[g]);
	}
}

int bench_corpus_load(bench_corpus *c, const char *dir, core_err *err)
{
	struct dirent *de;
	char **codes = NULL;
	int n = 0, cap = 0, rc = -1;
	DIR *d = NULL;

	c->seed = -1;
	if (core_snprintf(c->dir, sizeof(c->dir), err, "%s", dir) ||
	    core_snprintf(c->dossiers, sizeof(c->dossiers), err, "%s/dossiers", dir) ||
	    core_snprintf(c->truth, sizeof(c->truth), err, "%s/truth", dir))
		goto out;
	if (!(d = opendir(c->truth))) {
		core_err_set(err, CORE_EIO, "cannot open the ground truth folder");
		core_err_detail(err, "%s: %s", c->truth, strerror(errno));
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || len <= 5 || strcmp(de->d_name + len - 5, ".json"))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **v = realloc(codes, (size_t)cap * sizeof(*v));
			if (!v) {
				core_err_set(err, CORE_ENOMEM, "out of memory");
				goto out;
			}
			codes = v;
		}
		if (!(codes[n] = core_strdup(de->d_name))) {
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		codes[n++][len - 5] = '\0';
	}
	/* Corpus order is dossier code order: the same for every system. */
	qsort(codes, (size_t)n, sizeof(*codes), bench_natcmp_ptr);
	for (int i = 0; i < n; i++)
		if (bench_load_dossier(c, codes[i], err))
			goto out;
	if (c->n == 0 || c->nonblank == 0) {
		core_err_set(err, CORE_EFORMAT, "the corpus has no page to read");
		core_err_detail(err, "%s", c->truth);
		goto out;
	}
	bench_corpus_describe(c);
	rc = 0;
out:
	if (d)
		closedir(d);
	for (int i = 0; i < n; i++)
		free(codes[i]);
	free(codes);
	return rc;
}

void bench_corpus_free(bench_corpus *c)
{
	for (int i = 0; i < c->n; i++) {
		bench_hpage *p = &c->pages[i];
		free(p->code);
		free(p->truth);
		free(p->kind);
		free(p->source);
		free(p->image);
	}
	free(c->pages);
	bench_groups_free(&c->groups);
	memset(c, 0, sizeof(*c));
}

/* tiffcp SRC,INDEX OUT: one directory copied with its compression. */
static int bench_tiff_extract(const char *src, int index, const char *out, const char *log,
                              core_err *err)
{
	char in[BENCH_PATH_MAX + 16], why[64];
	char *argv[] = {"tiffcp", in, (char *)out, NULL};
	bench_proc_usage u;

	if (core_snprintf(in, sizeof(in), err, "%s,%d", src, index) ||
	    bench_proc_run(argv, NULL, log, log, &u, err))
		return -1;
	if (!bench_proc_ok(&u)) {
		core_err_set(err, CORE_EIO, "tiffcp failed on %s page %d: %s", src, index + 1,
		             bench_proc_describe(&u, why, sizeof(why)));
		core_err_detail(err, "see %s", log);
		return -1;
	}
	return 0;
}

int bench_corpus_images(bench_corpus *c, const char *work, core_err *err)
{
	char dir[BENCH_PATH_MAX], path[BENCH_PATH_MAX], log[BENCH_PATH_MAX];

	if (core_snprintf(log, sizeof(log), err, "%s/tiffcp.log", work))
		return -1;
	for (int i = 0; i < c->n; i++) {
		bench_hpage *p = &c->pages[i];

		if (p->image)
			continue;
		if (!p->tiff) {
			/* A page of a PNG folder is already a single image. */
			if (!(p->image = core_strdup(p->source)))
				return core_err_set(err, CORE_ENOMEM, "out of memory");
			continue;
		}
		if (core_snprintf(dir, sizeof(dir), err, "%s/images/%s", work, p->code) ||
		    bench_mkpath(dir, err) ||
		    core_snprintf(path, sizeof(path), err, "%s/page-%d.tif", dir, p->number) ||
		    bench_tiff_extract(p->source, p->index, path, log, err))
			return -1;
		if (!(p->image = core_strdup(path)))
			return core_err_set(err, CORE_ENOMEM, "out of memory");
	}
	return 0;
}

/* PNG -> gray LZW TIFF, through cairo's PNG reader (no other decoder
 * needed here); gray pages decode to equal R, G and B. */
static int bench_png_to_tiff(const char *png, int dpi, const char *tif, core_err *err)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(png);
	bench_raster r = {0, 0, dpi, NULL};
	cairo_format_t fmt;
	int stride, rc = -1;
	unsigned char *data;

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		core_err_set(err, CORE_EFORMAT, "cannot read %s", png);
		core_err_detail(err, "%s", cairo_status_to_string(cairo_surface_status(s)));
		goto out;
	}
	fmt = cairo_image_surface_get_format(s);
	if (fmt != CAIRO_FORMAT_RGB24 && fmt != CAIRO_FORMAT_ARGB32) {
		core_err_set(err, CORE_EFORMAT, "unexpected pixel format in %s", png);
		goto out;
	}
	cairo_surface_flush(s);
	r.width = cairo_image_surface_get_width(s);
	r.height = cairo_image_surface_get_height(s);
	stride = cairo_image_surface_get_stride(s);
	data = cairo_image_surface_get_data(s);
	if (!(r.pixels = malloc((size_t)r.width * (size_t)r.height))) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (int y = 0; y < r.height; y++) {
		const uint32_t *row = (const uint32_t *)(data + (size_t)y * (size_t)stride);
		for (int x = 0; x < r.width; x++) {
			uint32_t v = row[x];
			unsigned red = (v >> 16) & 0xff, green = (v >> 8) & 0xff, blue = v & 0xff;
			r.pixels[(size_t)y * (size_t)r.width + (size_t)x] =
			    (uint8_t)((red * 299 + green * 587 + blue * 114) / 1000);
		}
	}
	rc = bench_write_tiff(tif, &r, 1, "lzw", 8, true, err);
out:
	free(r.pixels);
	cairo_surface_destroy(s);
	return rc;
}

/* Pages in the PDF, from pdfinfo when it is installed; -1 if unknown. */
static int bench_pdf_pages(const char *pdf, const char *work)
{
	char out[BENCH_PATH_MAX], *text, *p;
	char *argv[] = {"pdfinfo", (char *)pdf, NULL};
	bench_proc_usage u;
	int pages = -1;

	if (!bench_proc_which("pdfinfo", out, sizeof(out)) ||
	    snprintf(out, sizeof(out), "%s/pdfinfo.txt", work) >= (int)sizeof(out) ||
	    bench_proc_run(argv, NULL, out, NULL, &u, NULL) || !bench_proc_ok(&u))
		return -1;
	text = core_slurp(out, 1 << 20, NULL);
	if (text && (p = strstr(text, "\nPages:")) != NULL)
		pages = atoi(p + 7);
	free(text);
	return pages;
}

/*
 * tiff2pdf orders pages by their PageNumber tags, and every dossier file
 * numbers its pages from 0: without renumbering, pages of different
 * dossiers interleave in the PDF and the sidecar no longer maps back.
 */
static int bench_renumber(const char *tif, int n, const char *log, core_err *err)
{
	char dir[16], page[16], total[16], why[64];
	char *argv[] = {"tiffset", "-d", dir, "-s", "297", page, total, (char *)tif, NULL};
	bench_proc_usage u;

	snprintf(total, sizeof(total), "%d", n);
	for (int i = 0; i < n; i++) {
		snprintf(dir, sizeof(dir), "%d", i);
		snprintf(page, sizeof(page), "%d", i);
		if (bench_proc_run(argv, NULL, log, log, &u, err))
			return -1;
		if (!bench_proc_ok(&u)) {
			core_err_set(err, CORE_EIO, "tiffset failed on page %d: %s", i + 1,
			             bench_proc_describe(&u, why, sizeof(why)));
			core_err_detail(err, "see %s", log);
			return -1;
		}
	}
	return 0;
}

int bench_corpus_pdf(bench_corpus *c, const char *work, const char *name, const char *pdf,
                     core_err *err)
{
	char all[BENCH_PATH_MAX], log[BENCH_PATH_MAX], dir[BENCH_PATH_MAX], why[64];
	char **argv = NULL, **owned = NULL;
	bench_proc_usage u;
	int rc = -1, n_owned = 0, pages;

	argv = calloc((size_t)c->n + 3, sizeof(*argv));
	owned = calloc((size_t)c->n + 1, sizeof(*owned));
	if (!argv || !owned) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	if (core_snprintf(all, sizeof(all), err, "%s/%s.tif", work, name) ||
	    core_snprintf(log, sizeof(log), err, "%s/pdf-%s.log", work, name) ||
	    core_snprintf(dir, sizeof(dir), err, "%s/pdf-pages-%s", work, name) ||
	    bench_mkpath(dir, err))
		goto out;
	argv[0] = "tiffcp";
	for (int i = 0; i < c->n; i++) {
		bench_hpage *p = &c->pages[i];
		char tif[BENCH_PATH_MAX];

		if (!p->image) {
			core_err_set(err, CORE_EINTERNAL, "page images not exported");
			goto out;
		}
		if (core_str_endswith_ci(p->image, ".tif") ||
		    core_str_endswith_ci(p->image, ".tiff")) {
			argv[i + 1] = p->image;
			continue;
		}
		if (!core_str_endswith_ci(p->image, ".png")) {
			core_err_set(err, CORE_EFORMAT, "cannot put %s in the PDF", p->image);
			goto out;
		}
		if (core_snprintf(tif, sizeof(tif), err, "%s/%s-%d.tif", dir, p->code, p->number) ||
		    bench_png_to_tiff(p->image, p->dpi, tif, err))
			goto out;
		if (!(owned[n_owned] = core_strdup(tif))) {
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		argv[i + 1] = owned[n_owned++];
	}
	argv[c->n + 1] = all;
	if (bench_proc_run(argv, NULL, log, log, &u, err))
		goto out;
	if (!bench_proc_ok(&u)) {
		core_err_set(err, CORE_EIO, "tiffcp failed: %s",
		             bench_proc_describe(&u, why, sizeof(why)));
		core_err_detail(err, "see %s", log);
		goto out;
	}
	if (bench_renumber(all, c->n, log, err))
		goto out;
	{
		/* -z: gray pages Deflate-compressed; G4 passes through as CCITT. */
		char *targv[] = {"tiff2pdf", "-z", "-o", (char *)pdf, all, NULL};

		if (bench_proc_run(targv, NULL, log, log, &u, err))
			goto out;
	}
	if (!bench_proc_ok(&u)) {
		core_err_set(err, CORE_EIO, "tiff2pdf failed: %s",
		             bench_proc_describe(&u, why, sizeof(why)));
		core_err_detail(err, "see %s", log);
		goto out;
	}
	pages = bench_pdf_pages(pdf, work);
	if (pages >= 0 && pages != c->n) {
		core_err_set(err, CORE_EFORMAT, "the PDF has %d pages, not %d", pages, c->n);
		core_err_detail(err, "%s", pdf);
		goto out;
	}
	rc = 0;
out:
	for (int i = 0; i < n_owned; i++)
		free(owned[i]);
	free(owned);
	free(argv);
	return rc;
}

/* dst names src's file: a hard link, or a symbolic one across file systems. */
static int bench_link(const char *src, const char *dst, core_err *err)
{
	char real[PATH_MAX];

	unlink(dst);
	if (link(src, dst) == 0)
		return 0;
	if (realpath(src, real) && symlink(real, dst) == 0)
		return 0;
	core_err_set(err, CORE_EIO, "cannot link a page image");
	core_err_detail(err, "%s -> %s: %s", src, dst, strerror(errno));
	return -1;
}

/* A page of c, its strings copied, numbered k in the part's dossier. */
static int bench_part_page(bench_corpus *v, const bench_hpage *p, int k, const char *image,
                           core_err *err)
{
	bench_hpage *q;

	if (bench_page_add(v, &q, err))
		return -1;
	*q = *p;
	q->number = k;
	q->index = 0;
	/* One image a file in a dossier folder, whatever its format. */
	q->tiff = false;
	q->code = core_strdup(p->code);
	q->truth = core_strdup(p->truth);
	q->kind = core_strdup(p->kind);
	q->source = core_strdup(image);
	q->image = core_strdup(image);
	if (!q->code || !q->truth || !q->kind || !q->source || !q->image)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	if (!q->blank)
		v->nonblank++;
	v->png++;
	if (q->bilevel)
		v->bilevel++;
	else
		v->gray++;
	return 0;
}

int bench_corpus_part(const bench_corpus *c, bool bilevel, const char *dir, bench_corpus *out,
                      core_err *err)
{
	char sub[BENCH_PATH_MAX], path[BENCH_PATH_MAX];
	const char *last = NULL, *ext, *base;
	int k = 0;

	memset(out, 0, sizeof(*out));
	out->part = true;
	out->seed = c->seed;
	/* A folder left by an earlier run may hold pages this part has not:
	 * sohoa would read them too. */
	if (bench_rmtree(dir, err) || core_snprintf(out->dir, sizeof(out->dir), err, "%s", dir) ||
	    core_snprintf(out->dossiers, sizeof(out->dossiers), err, "%s/dossiers", dir) ||
	    core_snprintf(out->truth, sizeof(out->truth), err, "%s", c->truth))
		goto fail;
	/* Same names in the same order: a page's group index stays valid. */
	for (int g = 0; g < c->groups.n; g++)
		if (bench_groups_index(&out->groups, c->groups.name[g], err) != g)
			goto fail;
	for (int i = 0; i < c->n; i++) {
		const bench_hpage *p = &c->pages[i];

		if (p->bilevel != bilevel)
			continue;
		if (!p->image) {
			core_err_set(err, CORE_EINTERNAL, "page images not exported");
			goto fail;
		}
		if (!last || strcmp(last, p->code) != 0) {
			out->n_dossiers++;
			k = 0;
		}
		last = p->code;
		base = strrchr(p->image, '/');
		ext = strrchr(base ? base : p->image, '.');
		if (core_snprintf(sub, sizeof(sub), err, "%s/%s", out->dossiers, p->code) ||
		    bench_mkpath(sub, err) ||
		    core_snprintf(path, sizeof(path), err, "%s/page-%d%s", sub, ++k,
		                  ext ? ext : "") ||
		    bench_link(p->image, path, err) || bench_part_page(out, p, k, path, err))
			goto fail;
	}
	bench_corpus_describe(out);
	return 0;
fail:
	bench_corpus_free(out);
	return -1;
}
