/*
 * bench_fixtures.c - helpers shared by the synthetic corpus tests; see
 * bench_fixtures.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "bench_fixtures.h"

#include <ftw.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

void benchfx_rm_tree(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void benchfx_make_tmp(char *buf, size_t size)
{
	snprintf(buf, size, "/tmp/test_bench.XXXXXX");
	assert_non_null(mkdtemp(buf));
}

static file_list *walk_target;

static int collect(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	if (flag == FTW_F && walk_target->n < MAX_FILES)
		walk_target->paths[walk_target->n++] = strdup(path + walk_target->root_len + 1);
	return 0;
}

int benchfx_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void benchfx_list_files(const char *root, file_list *fl)
{
	memset(fl, 0, sizeof(*fl));
	fl->root_len = strlen(root);
	walk_target = fl;
	assert_int_equal(nftw(root, collect, 16, FTW_PHYS), 0);
	assert_true(fl->n < MAX_FILES);
	qsort(fl->paths, (size_t)fl->n, sizeof(char *), benchfx_cmp_str);
}

void benchfx_free_files(file_list *fl)
{
	for (int i = 0; i < fl->n; i++)
		free(fl->paths[i]);
	fl->n = 0;
}

void benchfx_gen_full(const char *dir, uint64_t seed, int dossiers, int pages, const char *format,
                      const char *degrade, bool images, int *written)
{
	bench_gen_options o;
	core_err err;

	core_err_clear(&err);
	bench_gen_options_default(&o);
	o.out_dir = dir;
	o.seed = seed;
	o.dossiers = dossiers;
	o.pages = pages;
	o.dpi = TEST_DPI;
	o.format = format;
	o.degrade = degrade;
	o.images = images;
	if (bench_gen_corpus(&o, written, &err) != 0)
		fail_msg("bench_gen_corpus: %s (%s)", err.msg, err.detail);
}

void benchfx_gen(const char *dir, uint64_t seed, int dossiers, int pages, const char *format,
                 int *written)
{
	benchfx_gen_full(dir, seed, dossiers, pages, format, NULL, false, written);
}

int benchfx_tiff_pages(const char *path)
{
	TIFF *t = TIFFOpen(path, "r");
	int n = 0;

	assert_non_null(t);
	do
		n++;
	while (TIFFReadDirectory(t));
	TIFFClose(t);
	return n;
}

void benchfx_read_png(const char *path, image *im)
{
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	png_uint_32 rx = 0, ry = 0;
	int unit = 0;
	FILE *f = fopen(path, "rb");

	if (!f)
		fail_msg("cannot open %s", path);
	assert_non_null(info);
	if (setjmp(png_jmpbuf(png)))
		fail_msg("cannot read %s", path);
	png_init_io(png, f);
	png_read_info(png, info);
	assert_int_equal(png_get_color_type(png, info), PNG_COLOR_TYPE_GRAY);
	assert_int_equal(png_get_bit_depth(png, info), 8);
	im->w = (int)png_get_image_width(png, info);
	im->h = (int)png_get_image_height(png, info);
	assert_true(png_get_pHYs(png, info, &rx, &ry, &unit));
	assert_int_equal(unit, PNG_RESOLUTION_METER);
	assert_int_equal(rx, ry);
	im->dpi = (int)lround(rx * 0.0254);
	im->px = malloc((size_t)im->w * (size_t)im->h);
	assert_non_null(im->px);
	for (int y = 0; y < im->h; y++)
		png_read_row(png, im->px + (size_t)y * (size_t)im->w, NULL);
	png_destroy_read_struct(&png, &info, NULL);
	fclose(f);
}

void benchfx_read_tiff(const char *path, int dir, image *im)
{
	TIFF *t = TIFFOpen(path, "r");
	uint16_t bps = 0, photo = 0;
	float res = 0;
	uint8_t *row;

	assert_non_null(t);
	assert_true(TIFFSetDirectory(t, (tdir_t)dir));
	TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &im->w);
	TIFFGetField(t, TIFFTAG_IMAGELENGTH, &im->h);
	TIFFGetField(t, TIFFTAG_BITSPERSAMPLE, &bps);
	TIFFGetField(t, TIFFTAG_PHOTOMETRIC, &photo);
	assert_true(TIFFGetField(t, TIFFTAG_XRESOLUTION, &res));
	im->dpi = (int)lroundf(res);
	im->px = malloc((size_t)im->w * (size_t)im->h);
	row = malloc((size_t)TIFFScanlineSize(t));
	assert_true(im->px && row);
	for (int y = 0; y < im->h; y++) {
		assert_int_equal(TIFFReadScanline(t, row, (uint32_t)y, 0), 1);
		for (int x = 0; x < im->w; x++) {
			uint8_t *o = im->px + (size_t)y * (size_t)im->w + (size_t)x;

			if (bps == 8)
				*o = row[x];
			else
				*o = ((row[x >> 3] >> (7 - (x & 7))) & 1) ^
				             (photo == PHOTOMETRIC_MINISWHITE)
				         ? 255
				         : 0;
		}
	}
	free(row);
	TIFFClose(t);
}

void benchfx_read_image(const char *path, image *im)
{
	if (core_str_endswith_ci(path, ".png"))
		benchfx_read_png(path, im);
	else
		benchfx_read_tiff(path, 0, im);
}

bool benchfx_same_image(const image *a, const image *b)
{
	return a->w == b->w && a->h == b->h &&
	       memcmp(a->px, b->px, (size_t)a->w * (size_t)a->h) == 0;
}

json_t *benchfx_load_truth(const char *dir, const char *code)
{
	char path[256];
	json_error_t je;
	json_t *t;

	snprintf(path, sizeof(path), "%s/truth/%s.json", dir, code);
	t = json_load_file(path, 0, &je);
	if (!t)
		fail_msg("%s: %s", path, je.text);
	return t;
}
