/*
 * bench_degrade.c - named scan defects applied to a rendered 8-bit gray
 * page: skew, quarter turns, noise, blur, JPEG artefacts, bilevel
 * thresholding, low contrast and dark scan borders (stamps and
 * signatures are in bench_marks.c).  Everything is computed here from
 * the seeded generator, so a page and its defects are reproducible on
 * any machine; no image library is involved except libjpeg for the
 * JPEG round trip.
 */
#include "bench_priv.h"

#include <jpeglib.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const bench_deg_names[BENCH_DEG_N] = {
    [BENCH_DEG_CLEAN] = "clean",
    [BENCH_DEG_SKEW] = "skew",
    [BENCH_DEG_ROT90] = "rot90",
    [BENCH_DEG_ROT180] = "rot180",
    [BENCH_DEG_ROT270] = "rot270",
    [BENCH_DEG_DPI200] = "dpi200",
    [BENCH_DEG_DPI400] = "dpi400",
    [BENCH_DEG_GAUSS] = "gauss",
    [BENCH_DEG_SPECKLE] = "speckle",
    [BENCH_DEG_BLUR] = "blur",
    [BENCH_DEG_JPEG] = "jpeg",
    [BENCH_DEG_G4] = "g4",
    [BENCH_DEG_LOWCONTRAST] = "lowcontrast",
    [BENCH_DEG_BORDER] = "border",
    [BENCH_DEG_STAMP] = "stamp",
    [BENCH_DEG_SIGNATURE] = "signature",
};

/*
 * The order a scanner would produce them in, whatever order they were
 * named in: ink on paper, then optics (contrast, focus, skew, the lid's
 * shadow), then sensor noise, then the turn of the file, then encoding.
 */
static const int bench_deg_stage[BENCH_DEG_N] = {
    [BENCH_DEG_STAMP] = 0,  [BENCH_DEG_SIGNATURE] = 0, [BENCH_DEG_LOWCONTRAST] = 1,
    [BENCH_DEG_BLUR] = 2,   [BENCH_DEG_SKEW] = 3,      [BENCH_DEG_BORDER] = 4,
    [BENCH_DEG_GAUSS] = 5,  [BENCH_DEG_SPECKLE] = 5,   [BENCH_DEG_ROT90] = 6,
    [BENCH_DEG_ROT180] = 6, [BENCH_DEG_ROT270] = 6,    [BENCH_DEG_JPEG] = 7,
    [BENCH_DEG_G4] = 8,
};

const char *bench_deg_name(bench_deg d)
{
	return (unsigned)d < BENCH_DEG_N ? bench_deg_names[d] : "unknown";
}

bench_deg bench_deg_lookup(const char *name, size_t len)
{
	for (int i = 0; i < BENCH_DEG_N; i++)
		if (strlen(bench_deg_names[i]) == len &&
		    strncmp(bench_deg_names[i], name, len) == 0)
			return (bench_deg)i;
	return BENCH_DEG_N;
}

int bench_deg_dpi(const bench_deg_spec *s, int base)
{
	for (int i = 0; i < s->n; i++) {
		if (s->ops[i] == BENCH_DEG_DPI200)
			return 200;
		if (s->ops[i] == BENCH_DEG_DPI400)
			return 400;
	}
	return base;
}

bool bench_deg_bilevel(const bench_deg_spec *s)
{
	for (int i = 0; i < s->n; i++)
		if (s->ops[i] == BENCH_DEG_G4)
			return true;
	return false;
}

void bench_deg_spec_name(const bench_deg_spec *s, char *out, size_t size)
{
	*out = '\0';
	for (int i = 0; i < s->n; i++) {
		if (i)
			bench_cat(out, size, "+");
		bench_cat(out, size, bench_deg_name(s->ops[i]));
	}
	if (!*out)
		core_strlcpy(out, "clean", size);
}

/* One spec from "skew" or "skew+jpeg"; clean alone or nothing. */
static int bench_deg_parse_one(const char *s, size_t len, bench_deg_spec *out, core_err *err)
{
	size_t i = 0;

	memset(out, 0, sizeof(*out));
	while (i <= len) {
		size_t j = i;
		bench_deg d;

		while (j < len && s[j] != '+')
			j++;
		d = bench_deg_lookup(s + i, j - i);
		if (d == BENCH_DEG_N || out->n == BENCH_DEG_MAX_OPS) {
			int rc = core_err_set(err, CORE_EARG, "unknown degradation");

			core_err_detail(err,
			                "\"%.*s\"; known: clean, skew, rot90, rot180, rot270, "
			                "dpi200, dpi400, gauss, speckle, blur, jpeg, g4, "
			                "lowcontrast, border, stamp, signature, mixed",
			                (int)(j - i), s + i);
			return rc;
		}
		if (d != BENCH_DEG_CLEAN)
			out->ops[out->n++] = d;
		i = j + 1;
	}
	/* Stable order of application, whatever the order of the names. */
	for (int a = 1; a < out->n; a++)
		for (int b = a;
		     b > 0 && bench_deg_stage[out->ops[b - 1]] > bench_deg_stage[out->ops[b]];
		     b--) {
			bench_deg t = out->ops[b];

			out->ops[b] = out->ops[b - 1];
			out->ops[b - 1] = t;
		}
	return 0;
}

int bench_deg_parse(const char *list, bench_deg_spec **out, int *n, core_err *err)
{
	bench_deg_spec *specs = NULL;
	const char *p = list && *list ? list : "clean";
	int cap = 1, rc = 0, k = 0;

	*out = NULL;
	*n = 0;
	if (strcmp(p, "mixed") == 0) {
		/* Every defect in turn, a clean page every other one: clean is
		 * a third of the pages, each defect about one in 23. */
		specs = calloc(BENCH_DEG_N * 2, sizeof(*specs));
		if (!specs)
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		for (int d = BENCH_DEG_CLEAN + 1; d < BENCH_DEG_N; d++) {
			if ((d - 1) % 2 == 0)
				k++; /* a zeroed spec is clean */
			specs[k].ops[0] = (bench_deg)d;
			specs[k++].n = 1;
		}
		*out = specs;
		*n = k;
		return 0;
	}
	for (const char *q = p; *q; q++)
		cap += *q == ',';
	specs = calloc((size_t)cap, sizeof(*specs));
	if (!specs)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	while (rc == 0 && k < cap) {
		size_t len = strcspn(p, ",");

		rc = bench_deg_parse_one(p, len, &specs[k++], err);
		p += len + (p[len] == ',');
	}
	if (rc) {
		free(specs);
		return rc;
	}
	*out = specs;
	*n = k;
	return 0;
}

int bench_degrade_check(const char *list, core_err *err)
{
	bench_deg_spec *specs = NULL;
	int n = 0, rc = bench_deg_parse(list, &specs, &n, err);

	free(specs);
	return rc;
}

/* ---- geometry ------------------------------------------------------- */

static int bench_set_json(json_t *params, const char *key, json_t *v, core_err *err)
{
	return params ? bench_json_set(params, key, v, err) : (json_decref(v), 0);
}

/* Bilinear rotation about the centre by deg (counter-clockwise), same
 * size, white where the page had no paper. */
static int bench_rotate_any(bench_raster *pg, double deg, core_err *err)
{
	int w = pg->width, h = pg->height;
	uint8_t *out = malloc((size_t)w * (size_t)h);
	double a = deg * M_PI / 180.0, ca = cos(a), sa = sin(a), cx = (w - 1) / 2.0,
	       cy = (h - 1) / 2.0;

	if (!out)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	for (int y = 0; y < h; y++) {
		/* Source of (x, y) under the inverse rotation, stepped along the row. */
		double dy = y - cy, sx = cx + ca * (-cx) - sa * dy, sy = cy + sa * (-cx) + ca * dy;
		uint8_t *o = out + (size_t)y * (size_t)w;

		for (int x = 0; x < w; x++, sx += ca, sy += sa) {
			int x0 = (int)floor(sx), y0 = (int)floor(sy);
			double fx = sx - x0, fy = sy - y0;
			double p00 = 255, p10 = 255, p01 = 255, p11 = 255;

			if (x0 >= -1 && x0 < w && y0 >= -1 && y0 < h) {
				const uint8_t *r0 =
				    pg->pixels + (size_t)(y0 < 0 ? 0 : y0) * (size_t)w;
				const uint8_t *r1 =
				    pg->pixels + (size_t)(y0 + 1 < h ? y0 + 1 : y0) * (size_t)w;

				if (y0 >= 0 && x0 >= 0)
					p00 = r0[x0];
				if (y0 >= 0 && x0 + 1 < w)
					p10 = r0[x0 + 1];
				if (y0 + 1 < h && x0 >= 0)
					p01 = r1[x0];
				if (y0 + 1 < h && x0 + 1 < w)
					p11 = r1[x0 + 1];
			}
			o[x] = (uint8_t)lround((p00 * (1 - fx) + p10 * fx) * (1 - fy) +
			                       (p01 * (1 - fx) + p11 * fx) * fy);
		}
	}
	free(pg->pixels);
	pg->pixels = out;
	return 0;
}

/* Exact quarter turns, clockwise as a viewer sees them. */
static int bench_rotate_quarter(bench_raster *pg, int turns, core_err *err)
{
	int w = pg->width, h = pg->height, nw = turns == 2 ? w : h, nh = turns == 2 ? h : w;
	uint8_t *out = malloc((size_t)w * (size_t)h);
	const uint8_t *in = pg->pixels;

	if (!out)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	for (int y = 0; y < nh; y++) {
		uint8_t *o = out + (size_t)y * (size_t)nw;

		for (int x = 0; x < nw; x++) {
			size_t src;

			if (turns == 1)
				src = (size_t)(h - 1 - x) * (size_t)w + (size_t)y;
			else if (turns == 2)
				src = (size_t)(h - 1 - y) * (size_t)w + (size_t)(w - 1 - x);
			else
				src = (size_t)x * (size_t)w + (size_t)(w - 1 - y);
			o[x] = in[src];
		}
	}
	free(pg->pixels);
	pg->pixels = out;
	pg->width = nw;
	pg->height = nh;
	return 0;
}

/* ---- tone and noise ------------------------------------------------- */

static uint8_t bench_clamp(double v)
{
	return v <= 0 ? 0 : v >= 255 ? 255 : (uint8_t)lround(v);
}

static void bench_gauss(bench_raster *pg, bench_rng *r, double sigma)
{
	size_t n = (size_t)pg->width * (size_t)pg->height;

	/* Box-Muller: two normal deviates from two uniforms. */
	for (size_t i = 0; i < n; i += 2) {
		double u1 = bench_rng_unit(r), u2 = bench_rng_unit(r);
		double m = sqrt(-2.0 * log(u1 > 1e-300 ? u1 : 1e-300)) * sigma;

		pg->pixels[i] = bench_clamp(pg->pixels[i] + m * cos(2 * M_PI * u2));
		if (i + 1 < n)
			pg->pixels[i + 1] = bench_clamp(pg->pixels[i + 1] + m * sin(2 * M_PI * u2));
	}
}

/* Dust and toner specks, mostly dark, a few white holes in the ink. */
static long bench_speckle(bench_raster *pg, bench_rng *r, double density)
{
	long count = (long)(density * pg->width * pg->height);
	int scale = pg->dpi >= 300 ? pg->dpi / 150 : 1;

	for (long k = 0; k < count; k++) {
		int x0 = (int)bench_rng_below(r, (uint32_t)pg->width);
		int y0 = (int)bench_rng_below(r, (uint32_t)pg->height);
		int size = 1 + (int)bench_rng_below(r, (uint32_t)(2 * scale));
		uint8_t v = bench_rng_below(r, 5) ? (uint8_t)bench_rng_below(r, 60) : 255;

		for (int y = y0; y < y0 + size && y < pg->height; y++)
			for (int x = x0; x < x0 + size && x < pg->width; x++)
				pg->pixels[(size_t)y * (size_t)pg->width + (size_t)x] = v;
	}
	return count;
}

/* One box pass of radius rad along rows (step 1) or columns (step w). */
static void bench_box_pass(uint8_t *px, int len, int lines, size_t step, size_t line_step, int rad,
                           uint8_t *tmp)
{
	for (int l = 0; l < lines; l++) {
		uint8_t *p = px + (size_t)l * line_step;
		int sum = 0, win = 2 * rad + 1;

		for (int i = 0; i < len; i++)
			tmp[i] = p[(size_t)i * step];
		/* Edges repeat the border pixel so the page keeps its white. */
		for (int i = -rad; i <= rad; i++)
			sum += tmp[i < 0 ? 0 : i >= len ? len - 1 : i];
		for (int i = 0; i < len; i++) {
			int add = i + rad + 1, sub = i - rad;

			p[(size_t)i * step] = (uint8_t)((sum + win / 2) / win);
			sum += tmp[add >= len ? len - 1 : add] - tmp[sub < 0 ? 0 : sub];
		}
	}
}

/* Three box passes each way approximate a gaussian of that radius. */
static int bench_blur(bench_raster *pg, int rad, core_err *err)
{
	int w = pg->width, h = pg->height;
	uint8_t *tmp = malloc((size_t)(w > h ? w : h));

	if (!tmp)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	for (int pass = 0; pass < 3; pass++) {
		bench_box_pass(pg->pixels, w, h, 1, (size_t)w, rad, tmp);
		bench_box_pass(pg->pixels, h, w, (size_t)w, 1, rad, tmp);
	}
	free(tmp);
	return 0;
}

static void bench_lowcontrast(bench_raster *pg, int black, int white)
{
	uint8_t lut[256];
	size_t n = (size_t)pg->width * (size_t)pg->height;

	for (int v = 0; v < 256; v++)
		lut[v] = (uint8_t)(black + (v * (white - black) + 127) / 255);
	for (size_t i = 0; i < n; i++)
		pg->pixels[i] = lut[pg->pixels[i]];
}

static void bench_threshold(bench_raster *pg, int t)
{
	size_t n = (size_t)pg->width * (size_t)pg->height;

	for (size_t i = 0; i < n; i++)
		pg->pixels[i] = pg->pixels[i] < t ? 0 : 255;
}

/* Dark bands where the scanner lid did not cover the page: a ramp from
 * near black at the edge, its width drifting slowly along the side (a
 * page lying a little askew, its edge a little wavy). */
static int bench_border(bench_raster *pg, bench_rng *r, json_t *params, core_err *err)
{
	static const char *const side_names[] = {"top", "right", "bottom", "left"};
	json_t *sides = json_array();
	int n = 2 + (int)bench_rng_below(r, 3), first = (int)bench_rng_below(r, 4);

	if (!sides)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	for (int k = 0; k < n; k++) {
		int side = (first + k) % 4, along = side % 2 ? pg->height : pg->width;
		int across = side % 2 ? pg->width : pg->height;
		double width = across * (0.012 + 0.025 * bench_rng_unit(r));
		double tilt = (bench_rng_unit(r) - 0.5) * width / along;
		double ph1 = 2 * M_PI * bench_rng_unit(r), ph2 = 2 * M_PI * bench_rng_unit(r);
		int dark = 10 + (int)bench_rng_below(r, 40);

		if (json_array_append_new(sides, json_string(side_names[side])) != 0) {
			json_decref(sides);
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		}
		for (int a = 0; a < along; a++) {
			double t0 = (double)a / along;
			double band = width * (1 + 0.12 * sin(2 * M_PI * 1.5 * t0 + ph1) +
			                       0.05 * sin(2 * M_PI * 7 * t0 + ph2)) +
			              tilt * a;

			for (int d = 0; d < (int)band + 1 && d < across; d++) {
				double t = d / band;
				int x = side == 1 ? pg->width - 1 - d : side == 3 ? d : a;
				int y = side == 0 ? d : side == 2 ? pg->height - 1 - d : a;
				uint8_t *p = pg->pixels + (size_t)y * (size_t)pg->width + (size_t)x;
				uint8_t v = bench_clamp(dark + (255 - dark) * t * t * t);

				if (v < *p)
					*p = v;
			}
		}
	}
	return bench_set_json(params, "sides", sides, err);
}

/* ---- JPEG round trip ------------------------------------------------ */

typedef struct bench_jerr {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
} bench_jerr;

static void bench_jpeg_fail(j_common_ptr cinfo)
{
	longjmp(((bench_jerr *)cinfo->err)->jump, 1);
}

static void bench_jpeg_quiet(j_common_ptr cinfo, int level)
{
}

/* Encodes at quality and decodes back: blocking and ringing, exactly
 * as a scanner's JPEG mode makes them. */
static int bench_jpeg(bench_raster *pg, int quality, core_err *err)
{
	struct jpeg_compress_struct c;
	struct jpeg_decompress_struct d;
	bench_jerr je;
	unsigned char *volatile buf = NULL;
	unsigned long size = 0;
	volatile int stage = 0, rc = 0;

	memset(&c, 0, sizeof(c));
	memset(&d, 0, sizeof(d));
	c.err = d.err = jpeg_std_error(&je.mgr);
	je.mgr.error_exit = bench_jpeg_fail;
	je.mgr.emit_message = bench_jpeg_quiet;
	if (setjmp(je.jump)) {
		rc = core_err_set(err, CORE_EINTERNAL, "jpeg round trip failed");
		goto out;
	}
	jpeg_create_compress(&c);
	stage = 1;
	jpeg_mem_dest(&c, (unsigned char **)&buf, &size);
	c.image_width = (JDIMENSION)pg->width;
	c.image_height = (JDIMENSION)pg->height;
	c.input_components = 1;
	c.in_color_space = JCS_GRAYSCALE;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, quality, TRUE);
	c.dct_method = JDCT_ISLOW;
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		JSAMPROW row = pg->pixels + (size_t)c.next_scanline * (size_t)pg->width;

		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	stage = 2;
	jpeg_create_decompress(&d);
	stage = 3;
	jpeg_mem_src(&d, buf, size);
	jpeg_read_header(&d, TRUE);
	d.out_color_space = JCS_GRAYSCALE;
	d.dct_method = JDCT_ISLOW;
	jpeg_start_decompress(&d);
	while (d.output_scanline < d.output_height) {
		JSAMPROW row = pg->pixels + (size_t)d.output_scanline * (size_t)pg->width;

		jpeg_read_scanlines(&d, &row, 1);
	}
	jpeg_finish_decompress(&d);
out:
	if (stage == 1)
		jpeg_destroy_compress(&c);
	if (stage == 3)
		jpeg_destroy_decompress(&d);
	free(buf);
	return rc;
}

/* ---- apply ---------------------------------------------------------- */

static int bench_deg_one(bench_deg op, bench_rng *r, int mx, int my, bench_raster *pg,
                         json_t *params, core_err *err)
{
	double scale = pg->dpi / 300.0, v;
	int k, rc = 0;

	switch (op) {
	case BENCH_DEG_SKEW:
		/* 0.3 to 3 degrees either way: smaller skews are too easy. */
		v = (0.3 + 2.7 * bench_rng_unit(r)) * (bench_rng_below(r, 2) ? 1 : -1);
		v = round(v * 100) / 100;
		rc = bench_rotate_any(pg, v, err);
		return rc ? rc : bench_set_json(params, "angle", json_real(v), err);
	case BENCH_DEG_ROT90:
	case BENCH_DEG_ROT180:
	case BENCH_DEG_ROT270:
		k = op == BENCH_DEG_ROT90 ? 1 : op == BENCH_DEG_ROT180 ? 2 : 3;
		rc = bench_rotate_quarter(pg, k, err);
		return rc ? rc : bench_set_json(params, "rotation", json_integer(90 * k), err);
	case BENCH_DEG_DPI200:
	case BENCH_DEG_DPI400:
		return 0; /* rendered at that resolution; recorded as dpi */
	case BENCH_DEG_GAUSS:
		v = round((8 + 12 * bench_rng_unit(r)) * 10) / 10;
		bench_gauss(pg, r, v);
		return bench_set_json(params, "sigma", json_real(v), err);
	case BENCH_DEG_SPECKLE:
		v = round((0.0005 + 0.0015 * bench_rng_unit(r)) * 1e5) / 1e5;
		rc = bench_set_json(params, "density", json_real(v), err);
		return rc ? rc
		          : bench_set_json(params, "specks", json_integer(bench_speckle(pg, r, v)),
		                           err);
	case BENCH_DEG_BLUR:
		k = (int)lround(scale * (1 + bench_rng_below(r, 2)));
		if (k < 1)
			k = 1;
		rc = bench_blur(pg, k, err);
		return rc ? rc : bench_set_json(params, "radius", json_integer(k), err);
	case BENCH_DEG_JPEG:
		k = 20 + (int)bench_rng_below(r, 16);
		rc = bench_jpeg(pg, k, err);
		return rc ? rc : bench_set_json(params, "quality", json_integer(k), err);
	case BENCH_DEG_G4:
		k = 115 + (int)bench_rng_below(r, 26);
		bench_threshold(pg, k);
		return bench_set_json(params, "threshold", json_integer(k), err);
	case BENCH_DEG_LOWCONTRAST:
		k = 70 + (int)bench_rng_below(r, 40);
		v = 170 + (int)bench_rng_below(r, 40);
		bench_lowcontrast(pg, k, (int)v);
		rc = bench_set_json(params, "black", json_integer(k), err);
		return rc ? rc : bench_set_json(params, "white", json_integer((int)v), err);
	case BENCH_DEG_BORDER:
		return bench_border(pg, r, params, err);
	case BENCH_DEG_STAMP:
		return bench_mark_stamp(pg, r, mx, my, params, err);
	case BENCH_DEG_SIGNATURE:
		return bench_mark_signature(pg, r, mx, my, params, err);
	default:
		return 0;
	}
}

int bench_deg_apply(const bench_deg_spec *s, uint64_t seed, int mark_x, int mark_y,
                    bench_raster *page, json_t *params, core_err *err)
{
	int rc = 0;

	if (mark_x < 0 || mark_y < 0) {
		/* No signature block: the lower right, where one would be. */
		mark_x = page->width * 7 / 10;
		mark_y = page->height * 8 / 10;
	}
	for (int i = 0; rc == 0 && i < s->n; i++) {
		bench_rng r;

		/* Each defect its own stream: adding one never changes another. */
		bench_rng_seed(&r, bench_seed_mix(seed, 0xde9, (uint64_t)s->ops[i]));
		rc = bench_deg_one(s->ops[i], &r, mark_x, mark_y, page, params, err);
	}
	return rc;
}

int bench_degrade_page(bench_raster *page, const char *name, uint64_t seed, core_err *err)
{
	bench_deg_spec *specs = NULL;
	int n = 0, rc;

	if (!page || !page->pixels || !name)
		return core_err_set(err, CORE_EARG, "bad arguments to bench_degrade_page");
	rc = bench_deg_parse(name, &specs, &n, err);
	if (rc == 0 && (n != 1 || bench_deg_dpi(&specs[0], 0) != 0)) {
		rc = core_err_set(err, CORE_EARG, "one degradation applicable to a rendered page");
		core_err_detail(err, "\"%s\": dpi200/dpi400 are rendering choices, mixed is a list",
		                name);
	}
	if (rc == 0)
		rc = bench_deg_apply(&specs[0], seed, -1, -1, page, NULL, err);
	free(specs);
	return rc;
}
