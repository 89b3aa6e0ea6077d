/*
 * test_ocr.c - the ocr module: defaults, NULL handles and TIFF: the
 * variants (written with libtiff at test time, no binary fixtures),
 * resolution, multipage, corrupt, truncated and oversized files.
 * Other formats are in test_ocr_formats.c, the blank test and the
 * engine in test_ocr_engine.c; the shared writers in ocr_fixtures.c.
 */
#include "ocr.h"
#include "ocr_fixtures.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>
#include <unistd.h>

/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static void test_defaults(void **state)
{
	ocr_limits lim;
	ocr_options o;

	ocr_limits_default(&lim);
	assert_true(lim.max_megapixels == 250.0);
	assert_int_equal(lim.max_pages, 10000);
	ocr_options_default(&o);
	assert_string_equal(o.lang, "vie");
	assert_null(o.datapath);
	assert_int_equal(o.psm, 3);
	assert_string_equal(ocr_format_name(OCR_FMT_TIFF), "tiff");
	assert_string_equal(ocr_format_name(OCR_FMT_UNKNOWN), "unknown");
	assert_non_null(ocr_tesseract_version());
	assert_true(strncmp(ocr_tesseract_version(), "5.", 2) == 0);
}

static void test_destroy_null(void **state)
{
	ocr_image *img = NULL;
	ocr_result *r = NULL;
	ocr_engine *eng = NULL;
	char sha[CORE_SHA256_HEX];
	double ratio = 1.0;

	ocr_image_destroy(NULL);
	ocr_image_destroy(&img);
	ocr_result_destroy(NULL);
	ocr_result_destroy(&r);
	ocr_engine_destroy(NULL);
	ocr_engine_destroy(&eng);
	assert_int_equal(ocr_image_width(NULL), 0);
	assert_int_equal(ocr_image_gray_at(NULL, 0, 0), -1);
	ocr_image_sha256(NULL, sha);
	assert_string_equal(sha, "");
	assert_false(ocr_image_is_blank(NULL, &ratio));
	assert_true(ratio == 0.0);
}

static const tspec variants[] = {
    {BILEVEL(NONE, MINISWHITE)},
    {BILEVEL(CCITTFAX3, MINISWHITE)},
    {BILEVEL(CCITTFAX4, MINISWHITE)},
    {BILEVEL(CCITTFAX4, MINISBLACK)},
    {BILEVEL(NONE, MINISBLACK)},
    {BILEVEL(LZW, MINISWHITE)},
    {BILEVEL(PACKBITS, MINISWHITE)},
    {BILEVEL(ADOBE_DEFLATE, MINISBLACK)},
    {GRAY8(NONE, MINISBLACK)},
    {GRAY8(LZW, MINISBLACK)},
    {GRAY8(ADOBE_DEFLATE, MINISBLACK)},
    {GRAY8(PACKBITS, MINISBLACK)},
    {GRAY8(LZW, MINISWHITE)},
    {GRAY8(JPEG, MINISBLACK), .lossy = true},
    {GRAY8(LZW, MINISBLACK), .tiled = true},
    {LAYOUT("NONE/gray16", COMPRESSION_NONE, PHOTOMETRIC_MINISBLACK, 16, 1)},
    {LAYOUT("NONE/rgb", COMPRESSION_NONE, PHOTOMETRIC_RGB, 8, 3)},
    {LAYOUT("LZW/rgb", COMPRESSION_LZW, PHOTOMETRIC_RGB, 8, 3)},
    {LAYOUT("DEFLATE/rgb/tiled", COMPRESSION_ADOBE_DEFLATE, PHOTOMETRIC_RGB, 8, 3), .tiled = true},
    {LAYOUT("PACKBITS/rgb/botleft", COMPRESSION_PACKBITS, PHOTOMETRIC_RGB, 8, 3),
     .orient = ORIENTATION_BOTLEFT},
    {LAYOUT("LZW/rgba", COMPRESSION_LZW, PHOTOMETRIC_RGB, 8, 4), .alpha = true},
    {LAYOUT("JPEG/ycbcr", COMPRESSION_JPEG, PHOTOMETRIC_YCBCR, 8, 3), .lossy = true},
    {LAYOUT("JPEG/rgb", COMPRESSION_JPEG, PHOTOMETRIC_RGB, 8, 3), .lossy = true},
    {LAYOUT("LZW/palette8", COMPRESSION_LZW, PHOTOMETRIC_PALETTE, 8, 1)},
    {LAYOUT("NONE/palette4", COMPRESSION_NONE, PHOTOMETRIC_PALETTE, 4, 1)},
    {LAYOUT("NONE/gray8/botleft", COMPRESSION_NONE, PHOTOMETRIC_MINISBLACK, 8, 1),
     .orient = ORIENTATION_BOTLEFT},
};

static void test_tiff_variants(void **state)
{
	unsigned char *gray = ocrfx_gray_pattern();
	char path[512], want[CORE_SHA256_HEX], got[CORE_SHA256_HEX];

	ocrfx_expected_sha(gray, PAT_W, PAT_H, want);
	for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		tspec s = variants[i];
		ocr_probe pr;
		ocr_image *img;
		core_err err;

		s.w = PAT_W;
		s.h = PAT_H;
		ocrfx_path_of(path, sizeof(path), "variant.tif");
		ocrfx_write_tiff(path, &s, 1, &gray);
		core_err_clear(&err);
		if (ocr_file_probe(path, NULL, &pr, &err) != 0)
			fail_msg("%s: probe: %s (%s)", s.name, err.msg, err.detail);
		assert_int_equal(pr.format, OCR_FMT_TIFF);
		assert_int_equal(pr.pages, 1);
		img = ocrfx_load_ok(path, 0);
		ocrfx_check_pattern(img, s.lossy, s.name);
		assert_int_equal(ocr_image_source_depth(img), s.bps * s.spp);
		assert_int_equal(ocr_image_dpi(img), 300);
		assert_true(ocr_image_dpi_assumed(img));
		if (!s.lossy) {
			ocr_image_sha256(img, got);
			if (strcmp(got, want) != 0)
				fail_msg("%s: pixel hash differs from the written picture", s.name);
		}
		ocr_image_destroy(&img);
		assert_null(img);
	}
	free(gray);
}

/*
 * Rows are unpacked four or eight pixels at a time: every width from 1
 * to 17, across the word and byte boundaries, and an odd one, keeps
 * every pixel (the hash covers them).
 */
static void test_tiff_widths(void **state)
{
	static const tspec layouts[] = {
	    {BILEVEL(NONE, MINISWHITE)},
	    {BILEVEL(NONE, MINISBLACK)},
	    {GRAY8(NONE, MINISBLACK)},
	    {GRAY8(NONE, MINISWHITE)},
	};
	static const uint32_t widths[] = {1,  2,  3,  4,  5,  6,  7,  8,  9,
	                                  10, 11, 12, 13, 14, 15, 16, 17, 203};
	char path[512], want[CORE_SHA256_HEX], got[CORE_SHA256_HEX];

	(void)state;
	for (size_t l = 0; l < sizeof(layouts) / sizeof(layouts[0]); l++) {
		for (size_t k = 0; k < sizeof(widths) / sizeof(widths[0]); k++) {
			tspec s = layouts[l];
			unsigned char *g;
			ocr_image *img;

			s.w = widths[k];
			s.h = 5;
			g = malloc((size_t)s.w * s.h);
			assert_non_null(g);
			for (uint32_t y = 0; y < s.h; y++)
				for (uint32_t x = 0; x < s.w; x++) {
					unsigned v = (x * 37u + y * 11u) & 0xffu;

					/* Bilevel files hold paper or ink only. */
					g[y * s.w + x] =
					    s.bps == 1 ? ((x * 7u + y * 3u) % 5u < 2u ? 0 : 255)
					               : (unsigned char)v;
				}
			ocrfx_expected_sha(g, s.w, s.h, want);
			ocrfx_path_of(path, sizeof(path), "width.tif");
			ocrfx_write_tiff(path, &s, 1, &g);
			img = ocrfx_load_ok(path, 0);
			assert_int_equal(ocr_image_width(img), (int)s.w);
			ocr_image_sha256(img, got);
			if (strcmp(got, want) != 0)
				fail_msg("%s, %u px wide: pixels differ from the written picture",
				         s.name, (unsigned)s.w);
			ocr_image_destroy(&img);
			free(g);
		}
	}
}

/*
 * Black and white pages are told from greyed ones four pixels at a
 * time (ocr_image_black_white): a grey pixel is found wherever it lies,
 * in a whole word or in the tail of a row, at every width.
 */
static void test_black_white(void **state)
{
	static const tspec layouts[] = {{BILEVEL(NONE, MINISWHITE)}, {GRAY8(NONE, MINISBLACK)}};
	static const uint32_t widths[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 203};
	char path[512];

	(void)state;
	for (size_t l = 0; l < sizeof(layouts) / sizeof(layouts[0]); l++) {
		for (size_t k = 0; k < sizeof(widths) / sizeof(widths[0]); k++) {
			tspec s = layouts[l];
			unsigned char *g;
			ocr_image *img;
			/* Grey pixels to try: the row's first, its last, one inside. */
			uint32_t at[3];

			s.w = widths[k];
			s.h = 3;
			at[0] = 0;
			at[1] = s.w - 1;
			at[2] = s.w / 2;
			g = malloc((size_t)s.w * s.h);
			assert_non_null(g);
			for (uint32_t i = 0; i < s.w * s.h; i++)
				g[i] = (i * 7u) % 3u ? 255 : 0;
			ocrfx_path_of(path, sizeof(path), "bw.tif");
			ocrfx_write_tiff(path, &s, 1, &g);
			img = ocrfx_load_ok(path, 0);
			if (!ocr_image_black_white(img))
				fail_msg("%s, %u px wide: black and white page taken as grey",
				         s.name, (unsigned)s.w);
			ocr_image_destroy(&img);
			for (int t = 0; s.bps == 8 && t < 3; t++) {
				unsigned char keep = g[s.w * 2 + at[t]];

				g[s.w * 2 + at[t]] = (unsigned char)(t == 1 ? 254 : 1);
				ocrfx_write_tiff(path, &s, 1, &g);
				img = ocrfx_load_ok(path, 0);
				if (ocr_image_black_white(img))
					fail_msg("%u px wide: grey pixel at x=%u not seen",
					         (unsigned)s.w, (unsigned)at[t]);
				ocr_image_destroy(&img);
				g[s.w * 2 + at[t]] = keep;
			}
			free(g);
		}
	}
	assert_false(ocr_image_black_white(NULL));
}

/* Bands of the RGBA path meet inside the rectangle: no row lost or doubled. */
static void test_tiff_rgba_bands(void **state)
{
	tspec s = {LAYOUT("LZW/rgb/big", COMPRESSION_LZW, PHOTOMETRIC_RGB, 8, 3), .w = 2600,
	           .h = 2000};
	unsigned char *gray = ocrfx_gray_rect(s.w, s.h, 100, 1500, 2500, 1700, 0);
	char path[512], want[CORE_SHA256_HEX], got[CORE_SHA256_HEX];
	ocr_image *img;

	ocrfx_path_of(path, sizeof(path), "big.tif");
	ocrfx_write_tiff(path, &s, 1, &gray);
	img = ocrfx_load_ok(path, 0);
	assert_int_equal(ocr_image_gray_at(img, 1000, 1499), 255);
	assert_int_equal(ocr_image_gray_at(img, 1000, 1500), 0);
	assert_int_equal(ocr_image_gray_at(img, 1000, 1599), 0);
	assert_int_equal(ocr_image_gray_at(img, 1000, 1600), 0);
	assert_int_equal(ocr_image_gray_at(img, 1000, 1699), 0);
	assert_int_equal(ocr_image_gray_at(img, 1000, 1700), 255);
	assert_int_equal(ocr_image_gray_at(img, 2599, 1999), 255);
	assert_int_equal(ocr_image_gray_at(img, 2600, 0), -1);
	ocrfx_expected_sha(gray, s.w, s.h, want);
	ocr_image_sha256(img, got);
	assert_string_equal(got, want);
	ocr_image_destroy(&img);
	free(gray);
}

static void test_tiff_resolution(void **state)
{
	static const struct {
		double xres;
		uint16_t unit;
		int dpi;
		bool assumed;
	} cases[] = {
	    {200, RESUNIT_INCH, 200, false}, {118.11, RESUNIT_CENTIMETER, 300, false},
	    {600, RESUNIT_INCH, 600, false}, {0, 0, 300, true},
	    {10, RESUNIT_INCH, 300, true},   {5000, RESUNIT_INCH, 300, true},
	    {300, RESUNIT_NONE, 300, true},
	};
	unsigned char *gray = ocrfx_gray_pattern();
	char path[512];

	ocrfx_path_of(path, sizeof(path), "res.tif");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tspec s = {GRAY8(LZW, MINISBLACK), .w = PAT_W, .h = PAT_H};
		ocr_image *img;

		s.xres = cases[i].xres;
		s.unit = cases[i].unit;
		ocrfx_write_tiff(path, &s, 1, &gray);
		img = ocrfx_load_ok(path, 0);
		assert_int_equal(ocr_image_dpi(img), cases[i].dpi);
		assert_int_equal(ocr_image_dpi_assumed(img), cases[i].assumed);
		ocr_image_destroy(&img);
	}
	free(gray);
}

static void check_page(const char *path, int p)
{
	ocr_image *img = ocrfx_load_ok(path, p);

	assert_int_equal(ocr_image_gray_at(img, 100, 35), p * 100);
	assert_int_equal(ocr_image_gray_at(img, 10, 10), 255);
	ocr_image_destroy(&img);
}

static void test_tiff_multipage(void **state)
{
	char path[512];
	ocr_probe pr;
	ocr_image *img = NULL;
	ocr_limits lim;
	core_err err;

	ocrfx_path_of(path, sizeof(path), "three.tif");
	ocrfx_write_three_pages(path, COMPRESSION_LZW);
	core_err_clear(&err);
	assert_int_equal(ocr_file_probe(path, NULL, &pr, &err), 0);
	assert_int_equal(pr.format, OCR_FMT_TIFF);
	assert_int_equal(pr.pages, 3);
	check_page(path, 2);
	check_page(path, 0);
	check_page(path, 1);

	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 3, NULL, &img, &err), &err, CORE_EFORMAT, NULL);
	assert_null(img);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, -1, NULL, &img, &err), &err, CORE_EARG, NULL);

	ocr_limits_default(&lim);
	lim.max_pages = 2;
	core_err_clear(&err);
	ocrfx_expect_err(ocr_file_probe(path, &lim, &pr, &err), &err, CORE_ELIMIT,
	                 "too many pages");
	assert_int_equal(pr.pages, 0);
}

static uint32_t rd_le(const unsigned char *p, int n)
{
	uint32_t v = 0;

	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/*
 * Overwrites the first value of a tag of directory dir.  libtiff writes
 * classic little-endian TIFF on this machine, which the test checks.
 */
static void patch_tag(const char *path, int dir, uint16_t tag, uint32_t value)
{
	TIFF *tif = TIFFOpen(path, "r");
	unsigned char e[12], cnt[2], hdr[2], v[4];
	uint64_t off;
	int fd;
	bool found = false;

	assert_non_null(tif);
	assert_int_equal(TIFFSetDirectory(tif, (tdir_t)dir), 1);
	off = TIFFCurrentDirOffset(tif);
	TIFFClose(tif);
	fd = open(path, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, hdr, 2, 0), 2);
	assert_memory_equal(hdr, "II", 2);
	assert_int_equal(pread(fd, cnt, 2, (off_t)off), 2);
	for (uint32_t i = 0; i < rd_le(cnt, 2); i++) {
		off_t at = (off_t)(off + 2 + 12 * i);
		uint32_t type, count, size;

		assert_int_equal(pread(fd, e, 12, at), 12);
		if (rd_le(e, 2) != tag)
			continue;
		type = rd_le(e + 2, 2);
		count = rd_le(e + 4, 4);
		size = type == TIFF_SHORT ? 2 : 4;
		for (int b = 0; b < 4; b++)
			v[b] = (unsigned char)(value >> (8 * b));
		if (count * size > 4)
			at = (off_t)rd_le(e + 8, 4);
		else
			at += 8;
		assert_int_equal(pwrite(fd, v, size, at), (ssize_t)size);
		found = true;
	}
	close(fd);
	assert_true(found);
}

static void check_broken_middle(const char *path)
{
	ocr_probe pr;
	ocr_image *img = NULL;
	core_err err;

	core_err_clear(&err);
	assert_int_equal(ocr_file_probe(path, NULL, &pr, &err), 0);
	assert_int_equal(pr.pages, 3);
	check_page(path, 0);
	check_page(path, 2);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 1, NULL, &img, &err), &err, CORE_EFORMAT,
	                 "cannot decode tiff page");
	assert_null(img);
	assert_non_null(strstr(err.detail, "page index 1"));
}

static void test_tiff_corrupt_strip(void **state)
{
	char path[512];
	unsigned char junk[64];
	uint64_t off, len;
	int fd;

	ocrfx_path_of(path, sizeof(path), "junk.tif");
	ocrfx_write_three_pages(path, COMPRESSION_ADOBE_DEFLATE);
	ocrfx_strip0(path, 1, &off, &len);
	memset(junk, 0xab, sizeof(junk));
	fd = open(path, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, junk, len < sizeof(junk) ? len : sizeof(junk), (off_t)off),
	                 (ssize_t)(len < sizeof(junk) ? len : sizeof(junk)));
	close(fd);
	check_broken_middle(path);
}

static void test_tiff_strip_past_eof(void **state)
{
	char path[512];

	ocrfx_path_of(path, sizeof(path), "eof.tif");
	ocrfx_write_three_pages(path, COMPRESSION_NONE);
	patch_tag(path, 1, TIFFTAG_STRIPOFFSETS, 0x7ffff000u);
	check_broken_middle(path);
}

/* The RGBA path fails as cleanly as the scanline path; layouts it cannot do are refused. */
static void test_tiff_rgba_errors(void **state)
{
	tspec s = {LAYOUT("rgb", COMPRESSION_ADOBE_DEFLATE, PHOTOMETRIC_RGB, 8, 3), .w = PAT_W,
	           .h = PAT_H};
	unsigned char *gray = ocrfx_gray_pattern(), junk[64];
	char path[512];
	float row[4] = {0.5f, 0.5f, 0.5f, 0.5f};
	ocr_image *img = NULL;
	uint64_t off, len;
	core_err err;
	TIFF *tif;
	int fd;

	ocrfx_path_of(path, sizeof(path), "rgbjunk.tif");
	ocrfx_write_tiff(path, &s, 1, &gray);
	free(gray);
	ocrfx_strip0(path, 0, &off, &len);
	memset(junk, 0xab, sizeof(junk));
	fd = open(path, O_RDWR);
	assert_true(fd >= 0);
	assert_true(pwrite(fd, junk, len < 64 ? len : 64, (off_t)off) > 0);
	close(fd);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT,
	                 "cannot decode tiff page");
	assert_null(img);

	ocrfx_path_of(path, sizeof(path), "float.tif");
	tif = TIFFOpen(path, "w");
	assert_non_null(tif);
	TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, (uint32_t)4);
	TIFFSetField(tif, TIFFTAG_IMAGELENGTH, (uint32_t)4);
	TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 32);
	TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
	TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_IEEEFP);
	TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
	for (uint32_t y = 0; y < 4; y++)
		assert_int_equal(TIFFWriteScanline(tif, row, y, 0), 1);
	TIFFClose(tif);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT,
	                 "unsupported tiff page");
	assert_null(img);
}

static void test_tiff_truncated(void **state)
{
	char path[512];
	ocr_probe pr;
	ocr_image *img = NULL;
	uint64_t off, len;
	core_err err;

	ocrfx_path_of(path, sizeof(path), "trunc.tif");
	ocrfx_write_three_pages(path, COMPRESSION_LZW);
	ocrfx_strip0(path, 2, &off, &len);
	assert_int_equal(truncate(path, (off_t)(off + 10)), 0);
	core_err_clear(&err);
	assert_int_equal(ocr_file_probe(path, NULL, &pr, &err), 0);
	assert_int_equal(pr.pages, 3);
	check_page(path, 0);
	check_page(path, 1);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 2, NULL, &img, &err), &err, CORE_EFORMAT, NULL);
	assert_null(img);
}

static void test_tiff_bomb(void **state)
{
	tspec s = {BILEVEL(CCITTFAX4, MINISWHITE), .w = PAT_W, .h = PAT_H};
	unsigned char *gray = ocrfx_gray_pattern();
	char path[512];
	ocr_image *img = NULL;
	ocr_probe pr;
	ocr_limits lim;
	core_err err;

	ocrfx_path_of(path, sizeof(path), "bomb.tif");
	ocrfx_write_tiff(path, &s, 1, &gray);
	free(gray);
	patch_tag(path, 0, TIFFTAG_IMAGEWIDTH, 30000);
	patch_tag(path, 0, TIFFTAG_IMAGELENGTH, 30000);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_ELIMIT,
	                 "image over the pixel limit");
	assert_string_equal(err.detail, "30000x30000 = 900.0 megapixels, limit 250");
	assert_null(img);
	/* Page count needs no pixels: the bomb is refused per page, at load. */
	core_err_clear(&err);
	assert_int_equal(ocr_file_probe(path, NULL, &pr, &err), 0);
	assert_int_equal(pr.pages, 1);

	/* The limit is the caller's, not a constant. */
	ocrfx_path_of(path, sizeof(path), "small.tif");
	gray = ocrfx_gray_pattern();
	ocrfx_write_tiff(path, &s, 1, &gray);
	free(gray);
	ocr_limits_default(&lim);
	lim.max_megapixels = 0.01;
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, &lim, &img, &err), &err, CORE_ELIMIT, NULL);
	assert_string_equal(err.detail, "200x100 = 0.0 megapixels, limit 0.01");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),           cmocka_unit_test(test_destroy_null),
	    cmocka_unit_test(test_tiff_variants),      cmocka_unit_test(test_tiff_widths),
	    cmocka_unit_test(test_black_white),        cmocka_unit_test(test_tiff_rgba_bands),
	    cmocka_unit_test(test_tiff_resolution),    cmocka_unit_test(test_tiff_multipage),
	    cmocka_unit_test(test_tiff_corrupt_strip), cmocka_unit_test(test_tiff_strip_past_eof),
	    cmocka_unit_test(test_tiff_rgba_errors),   cmocka_unit_test(test_tiff_truncated),
	    cmocka_unit_test(test_tiff_bomb),
	};

	return cmocka_run_group_tests(tests, ocrfx_setup, ocrfx_teardown);
}
