/*
 * ocr_fixtures.c - test pictures shared by the ocr unit tests; see
 * ocr_fixtures.h.
 */
#include "ocr_fixtures.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

char ocrfx_tmpdir[256];

void ocrfx_path_of(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", ocrfx_tmpdir, name);
}

unsigned char *ocrfx_gray_rect(uint32_t w, uint32_t h, uint32_t x0, uint32_t y0, uint32_t x1,
                               uint32_t y1, unsigned char ink)
{
	unsigned char *g = malloc((size_t)w * h);

	assert_non_null(g);
	memset(g, 255, (size_t)w * h);
	for (uint32_t y = y0; y < y1 && y < h; y++)
		for (uint32_t x = x0; x < x1 && x < w; x++)
			g[(size_t)y * w + x] = ink;
	return g;
}

unsigned char *ocrfx_gray_pattern(void)
{
	return ocrfx_gray_rect(PAT_W, PAT_H, PAT_X0, PAT_Y0, PAT_X1, PAT_Y1, 0);
}

void ocrfx_set_bit(unsigned char *row, uint32_t x, unsigned bit)
{
	if (bit)
		row[x >> 3] |= (unsigned char)(0x80u >> (x & 7));
}

/* One file row in the layout of s; row y of the picture as it should display. */
static void encode_row(const tspec *s, const unsigned char *gray, uint32_t y, unsigned char *row,
                       size_t rowsize)
{
	const unsigned char *g;
	uint32_t fy = s->orient == ORIENTATION_BOTLEFT ? s->h - 1 - y : y;

	g = gray + (size_t)fy * s->w;
	memset(row, 0, rowsize);
	for (uint32_t x = 0; x < s->w; x++) {
		unsigned v = g[x];

		if (s->photo == PHOTOMETRIC_PALETTE) {
			unsigned idx = v == 255 ? 0 : 1;

			if (s->bps == 8)
				row[x] = (unsigned char)idx;
			else /* 4 bits, high nibble first */
				row[x >> 1] |= (unsigned char)(idx << ((x & 1) ? 0 : 4));
		} else if (s->bps == 1) {
			ocrfx_set_bit(row, x, (v == 255) ^ (s->photo == PHOTOMETRIC_MINISWHITE));
		} else if (s->bps == 16) {
			uint16_t w16 = (uint16_t)(v * 257);

			memcpy(row + 2 * x, &w16, 2);
		} else if (s->spp == 1) {
			row[x] = (unsigned char)(s->photo == PHOTOMETRIC_MINISWHITE ? 255 - v : v);
		} else {
			for (int c = 0; c < 3; c++)
				row[(size_t)x * s->spp + c] = (unsigned char)v;
			if (s->alpha)
				row[(size_t)x * s->spp + 3] = 255;
		}
	}
}

static void write_fields(TIFF *tif, const tspec *s, int page, int pages)
{
	TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, s->w);
	TIFFSetField(tif, TIFFTAG_IMAGELENGTH, s->h);
	TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, s->bps);
	TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, s->spp);
	TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
	TIFFSetField(tif, TIFFTAG_COMPRESSION, s->comp);
	TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, s->photo);
	if (s->comp == COMPRESSION_JPEG) {
		TIFFSetField(tif, TIFFTAG_JPEGQUALITY, 90);
		if (s->photo == PHOTOMETRIC_YCBCR)
			TIFFSetField(tif, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
	}
	if (s->tiled) {
		TIFFSetField(tif, TIFFTAG_TILEWIDTH, (uint32_t)16);
		TIFFSetField(tif, TIFFTAG_TILELENGTH, (uint32_t)16);
	} else {
		TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, (uint32_t)16);
	}
	if (s->photo == PHOTOMETRIC_PALETTE) {
		static uint16_t map[256];

		map[0] = 65535; /* index 0 white, 1 black, the rest unused */
		TIFFSetField(tif, TIFFTAG_COLORMAP, map, map, map);
	}
	if (s->alpha) {
		uint16_t extra = EXTRASAMPLE_UNASSALPHA;

		TIFFSetField(tif, TIFFTAG_EXTRASAMPLES, 1, &extra);
	}
	if (s->orient)
		TIFFSetField(tif, TIFFTAG_ORIENTATION, s->orient);
	if (s->xres > 0) {
		TIFFSetField(tif, TIFFTAG_XRESOLUTION, s->xres);
		TIFFSetField(tif, TIFFTAG_YRESOLUTION, s->xres);
		TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, s->unit);
	}
	if (pages > 1) {
		TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
		TIFFSetField(tif, TIFFTAG_PAGENUMBER, page, pages);
	}
}

static void write_tiles(TIFF *tif, const tspec *s, const unsigned char *gray)
{
	size_t rowsize = (size_t)TIFFScanlineSize(tif);
	size_t px = rowsize / s->w; /* tiled specs are byte-aligned */
	unsigned char *img = malloc(rowsize * s->h), *tile = malloc((size_t)TIFFTileSize(tif));

	assert_non_null(img);
	assert_non_null(tile);
	for (uint32_t y = 0; y < s->h; y++)
		encode_row(s, gray, y, img + rowsize * y, rowsize);
	for (uint32_t ty = 0; ty < s->h; ty += 16) {
		for (uint32_t tx = 0; tx < s->w; tx += 16) {
			memset(tile, 0, (size_t)TIFFTileSize(tif));
			for (uint32_t r = 0; r < 16 && ty + r < s->h; r++) {
				uint32_t n = s->w - tx < 16 ? s->w - tx : 16;

				memcpy(tile + r * 16 * px, img + rowsize * (ty + r) + tx * px,
				       n * px);
			}
			assert_true(TIFFWriteTile(tif, tile, tx, ty, 0, 0) > 0);
		}
	}
	free(tile);
	free(img);
}

void ocrfx_write_tiff(const char *path, const tspec *s, int pages, unsigned char *const *grays)
{
	TIFF *tif = TIFFOpen(path, "w");
	unsigned char *row;
	size_t rowsize;

	assert_non_null(tif);
	for (int p = 0; p < pages; p++) {
		write_fields(tif, s, p, pages);
		if (s->tiled) {
			write_tiles(tif, s, grays[p]);
		} else {
			rowsize = (size_t)TIFFScanlineSize(tif);
			row = malloc(rowsize);
			assert_non_null(row);
			for (uint32_t y = 0; y < s->h; y++) {
				encode_row(s, grays[p], y, row, rowsize);
				assert_int_equal(TIFFWriteScanline(tif, row, y, 0), 1);
			}
			free(row);
		}
		assert_int_equal(TIFFWriteDirectory(tif), 1);
	}
	TIFFClose(tif);
}

void ocrfx_write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	if (n)
		assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

ocr_image *ocrfx_load_ok(const char *path, int index)
{
	ocr_image *img = NULL;
	core_err err;

	core_err_clear(&err);
	if (ocr_image_load(path, index, NULL, &img, &err) != 0)
		fail_msg("%s page %d: %s (%s)", path, index, err.msg, err.detail);
	assert_non_null(img);
	return img;
}

void ocrfx_expect_err(int rc, const core_err *err, core_code code, const char *msg)
{
	assert_int_not_equal(rc, 0);
	/* TEST_VERBOSE=1 shows the messages a user would see. */
	if (getenv("TEST_VERBOSE"))
		print_message("    %s: %s (%s)\n", core_code_name(err->code), err->msg,
		              err->detail);
	if (err->code != code)
		fail_msg("expected %s, got %s: %s (%s)", core_code_name(code),
		         core_code_name(err->code), err->msg, err->detail);
	if (msg)
		assert_string_equal(err->msg, msg);
}

void ocrfx_check_pattern(const ocr_image *img, bool lossy, const char *name)
{
	static const int ink[][2] = {{100, 35}, {PAT_X0, PAT_Y0}, {PAT_X1 - 1, PAT_Y1 - 1}};
	static const int paper[][2] = {{10, 10},
	                               {100, 65},
	                               {170, 35},
	                               {PAT_X0 - 1, PAT_Y0},
	                               {PAT_X1, PAT_Y1 - 1},
	                               {PAT_X1 - 1, PAT_Y1},
	                               {PAT_W - 1, PAT_H - 1}};
	int tol = lossy ? 40 : 0;
	size_t n_ink = lossy ? 1 : sizeof(ink) / sizeof(ink[0]);
	size_t n_paper = lossy ? 3 : sizeof(paper) / sizeof(paper[0]);

	assert_int_equal(ocr_image_width(img), PAT_W);
	assert_int_equal(ocr_image_height(img), PAT_H);
	for (size_t i = 0; i < n_ink; i++) {
		int v = ocr_image_gray_at(img, ink[i][0], ink[i][1]);

		if (v < 0 || v > tol)
			fail_msg("%s: ink at (%d,%d) is %d", name, ink[i][0], ink[i][1], v);
	}
	for (size_t i = 0; i < n_paper; i++) {
		int v = ocr_image_gray_at(img, paper[i][0], paper[i][1]);

		if (v < 255 - tol)
			fail_msg("%s: paper at (%d,%d) is %d", name, paper[i][0], paper[i][1], v);
	}
}

void ocrfx_expected_sha(const unsigned char *gray, uint32_t w, uint32_t h,
                        char out[CORE_SHA256_HEX])
{
	unsigned char hdr[8];
	core_sha256 *s = core_sha256_new();

	assert_non_null(s);
	for (int i = 0; i < 4; i++) {
		hdr[i] = (unsigned char)(w >> (8 * i));
		hdr[4 + i] = (unsigned char)(h >> (8 * i));
	}
	core_sha256_update(s, hdr, 8);
	core_sha256_update(s, gray, (size_t)w * h);
	core_sha256_final(&s, out);
}

void ocrfx_write_three_pages(const char *path, uint16_t comp)
{
	tspec s = {LAYOUT("3p", comp, PHOTOMETRIC_MINISBLACK, 8, 1), .w = PAT_W, .h = PAT_H};
	unsigned char *g[3];

	for (int p = 0; p < 3; p++)
		g[p] = ocrfx_gray_rect(PAT_W, PAT_H, PAT_X0, PAT_Y0, PAT_X1, PAT_Y1,
		                       (unsigned char)(p * 100));
	ocrfx_write_tiff(path, &s, 3, g);
	for (int p = 0; p < 3; p++)
		free(g[p]);
}

void ocrfx_strip0(const char *path, int dir, uint64_t *off, uint64_t *len)
{
	TIFF *tif = TIFFOpen(path, "r");
	uint64_t *offs = NULL, *lens = NULL;

	assert_non_null(tif);
	assert_int_equal(TIFFSetDirectory(tif, (tdir_t)dir), 1);
	assert_int_equal(TIFFGetField(tif, TIFFTAG_STRIPOFFSETS, &offs), 1);
	assert_int_equal(TIFFGetField(tif, TIFFTAG_STRIPBYTECOUNTS, &lens), 1);
	*off = offs[0];
	*len = lens[0];
	TIFFClose(tif);
}

int ocrfx_setup(void **state)
{
	const char *base = getenv("TMPDIR");

	snprintf(ocrfx_tmpdir, sizeof(ocrfx_tmpdir), "%s/test_ocr.XXXXXX",
	         base && *base ? base : "/tmp");
	return mkdtemp(ocrfx_tmpdir) ? 0 : -1;
}

int ocrfx_teardown(void **state)
{
	DIR *d = opendir(ocrfx_tmpdir);
	struct dirent *e;
	char path[512];

	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		ocrfx_path_of(path, sizeof(path), e->d_name);
		unlink(path);
	}
	closedir(d);
	return rmdir(ocrfx_tmpdir);
}
