/*
 * test_ocr_formats.c - the ocr module on PNM, PNG and JPEG (written with
 * libpng and libjpeg at test time), forged sizes, files that are not
 * what their names say, and silence on stderr when decoding fails.
 */
#include "ocr.h"
#include "ocr_fixtures.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* After cmocka: jpeglib.h needs stdio.h and size_t first, png.h pulls setjmp.h. */
#include <jpeglib.h>
#include <png.h>

static void write_pgm(const char *path, const unsigned char *gray, uint32_t w, uint32_t h)
{
	char hdr[64];
	int n = snprintf(hdr, sizeof(hdr), "P5\n# sohoa test\n%u %u\n255\n", w, h);
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(hdr, 1, (size_t)n, f), (size_t)n);
	assert_int_equal(fwrite(gray, 1, (size_t)w * h, f), (size_t)w * h);
	assert_int_equal(fclose(f), 0);
}

/* ---- PNG and JPEG writers (libpng, libjpeg) ------------------------- */

enum png_mode { PNG_GRAY8, PNG_GRAY16, PNG_GRAY1, PNG_PALETTE4, PNG_RGBA_CLEAR, PNG_ADAM7 };

static void write_png(const char *path, enum png_mode mode, const unsigned char *gray, uint32_t w,
                      uint32_t h, uint32_t ppm)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	png_color pal[2] = {{255, 255, 255}, {0, 0, 0}};
	int color = PNG_COLOR_TYPE_GRAY, depth = 8, chans = 1;
	png_bytep *rows = calloc(h, sizeof(*rows));
	FILE *f = fopen(path, "wb");

	assert_non_null(png);
	assert_non_null(info);
	assert_non_null(rows);
	assert_non_null(f);
	if (mode == PNG_GRAY16) {
		depth = 16;
		chans = 2;
	} else if (mode == PNG_GRAY1) {
		depth = 1;
	} else if (mode == PNG_PALETTE4) {
		color = PNG_COLOR_TYPE_PALETTE;
		depth = 4;
	} else if (mode == PNG_RGBA_CLEAR) {
		color = PNG_COLOR_TYPE_RGB_ALPHA;
		chans = 4;
	}
	for (uint32_t y = 0; y < h; y++) {
		const unsigned char *g = gray + (size_t)y * w;

		rows[y] = calloc((size_t)w * chans + 1, 1);
		assert_non_null(rows[y]);
		for (uint32_t x = 0; x < w; x++) {
			if (mode == PNG_GRAY1)
				ocrfx_set_bit(rows[y], x, g[x] == 255);
			else if (mode == PNG_PALETTE4)
				rows[y][x >> 1] |=
				    (unsigned char)((g[x] == 255 ? 0 : 1) << ((x & 1) ? 0 : 4));
			else if (mode == PNG_RGBA_CLEAR) /* paper: transparent black */
				rows[y][4 * x + 3] = g[x] == 255 ? 0 : 255;
			else if (mode == PNG_GRAY16)
				rows[y][2 * x] = rows[y][2 * x + 1] = g[x];
			else
				rows[y][x] = g[x];
		}
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, w, h, depth, color,
	             mode == PNG_ADAM7 ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
	             PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (mode == PNG_PALETTE4)
		png_set_PLTE(png, info, pal, 2);
	if (ppm)
		png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
	png_write_info(png, info);
	png_write_image(png, rows);
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	assert_int_equal(fclose(f), 0);
	for (uint32_t y = 0; y < h; y++)
		free(rows[y]);
	free(rows);
}

/* comps 1: gray, 3: RGB, 4: Adobe CMYK (255 is no ink), -4: plain CMYK
 * without the Adobe marker (the ink itself: black only, 0 is no ink). */
static void write_jpeg(const char *path, int comps, const unsigned char *gray, uint32_t w,
                       uint32_t h, int dpi)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	bool plain = comps == -4;
	unsigned char *row = malloc((size_t)w * 4);
	FILE *f = fopen(path, "wb");
	JSAMPROW rp = row;

	assert_non_null(row);
	assert_non_null(f);
	c.err = jpeg_std_error(&e);
	if (plain)
		comps = 4;
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, f);
	c.image_width = w;
	c.image_height = h;
	c.input_components = comps;
	c.in_color_space = comps == 1 ? JCS_GRAYSCALE : comps == 3 ? JCS_RGB : JCS_CMYK;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 90, TRUE);
	c.write_Adobe_marker = comps == 4 && !plain;
	if (dpi) {
		c.write_JFIF_header = TRUE;
		c.density_unit = 1;
		c.X_density = c.Y_density = (UINT16)dpi;
	}
	jpeg_start_compress(&c, TRUE);
	for (uint32_t y = 0; y < h; y++) {
		for (uint32_t x = 0; x < w; x++) {
			unsigned char g = gray[(size_t)y * w + x], *px = row + (size_t)x * comps;

			if (plain) {
				px[0] = px[1] = px[2] = 0;
				px[3] = (unsigned char)(255 - g);
			} else {
				memset(px, g, (size_t)comps);
			}
		}
		assert_int_equal(jpeg_write_scanlines(&c, &rp, 1), 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	assert_int_equal(fclose(f), 0);
	free(row);
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
	}
	return c ^ 0xffffffffu;
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Rewrites the IHDR size of a PNG, CRC included, as a forger would. */
static void png_forge_size(const char *path, uint32_t w, uint32_t h)
{
	unsigned char ihdr[4 + 13 + 4];
	int fd = open(path, O_RDWR);

	assert_true(fd >= 0);
	/* 8-byte signature, 4-byte length, then "IHDR" and its 13 bytes. */
	assert_int_equal(pread(fd, ihdr, sizeof(ihdr), 12), (ssize_t)sizeof(ihdr));
	assert_memory_equal(ihdr, "IHDR", 4);
	put_be32(ihdr + 4, w);
	put_be32(ihdr + 8, h);
	put_be32(ihdr + 17, crc32_of(ihdr, 17));
	assert_int_equal(pwrite(fd, ihdr, sizeof(ihdr), 12), (ssize_t)sizeof(ihdr));
	close(fd);
}

/* Rewrites the frame size in a JPEG's first SOF0 marker. */
static void jpeg_forge_size(const char *path, uint16_t w, uint16_t h)
{
	unsigned char buf[4096];
	int fd = open(path, O_RDWR);
	ssize_t n;

	assert_true(fd >= 0);
	n = pread(fd, buf, sizeof(buf), 0);
	assert_true(n > 0);
	for (ssize_t i = 2; i + 9 < n; i++) {
		if (buf[i] == 0xff && buf[i + 1] == 0xc0) {
			unsigned char dims[4] = {(unsigned char)(h >> 8), (unsigned char)h,
			                         (unsigned char)(w >> 8), (unsigned char)w};

			assert_int_equal(pwrite(fd, dims, 4, i + 5), 4);
			close(fd);
			return;
		}
	}
	close(fd);
	fail_msg("no SOF0 marker in %s", path);
}

/* ---- tests ---------------------------------------------------------- */

static void test_pnm(void **state)
{
	unsigned char *gray = ocrfx_gray_pattern(), *rgb;
	char path[512], want[CORE_SHA256_HEX], got[CORE_SHA256_HEX], hdr[64];
	ocr_image *img;
	ocr_probe pr;
	core_err err;
	FILE *f;
	int n;

	ocrfx_path_of(path, sizeof(path), "page.pgm");
	write_pgm(path, gray, PAT_W, PAT_H);
	core_err_clear(&err);
	assert_int_equal(ocr_file_probe(path, NULL, &pr, &err), 0);
	assert_int_equal(pr.format, OCR_FMT_PNM);
	assert_int_equal(pr.pages, 1);
	img = ocrfx_load_ok(path, 0);
	ocrfx_check_pattern(img, false, "pgm");
	assert_int_equal(ocr_image_source_depth(img), 8);
	assert_int_equal(ocr_image_dpi(img), 300);
	assert_true(ocr_image_dpi_assumed(img));
	/* Same picture, same hash, whatever the container. */
	ocrfx_expected_sha(gray, PAT_W, PAT_H, want);
	ocr_image_sha256(img, got);
	assert_string_equal(got, want);
	ocr_image_destroy(&img);

	/* A second page of a single-page format is a caller bug. */
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 1, NULL, &img, &err), &err, CORE_EARG, NULL);

	/* P6: colour goes through the same luminance as TIFF. */
	rgb = malloc((size_t)PAT_W * PAT_H * 3);
	assert_non_null(rgb);
	for (size_t i = 0; i < (size_t)PAT_W * PAT_H; i++)
		memset(rgb + 3 * i, gray[i], 3);
	ocrfx_path_of(path, sizeof(path), "page.ppm");
	f = fopen(path, "wb");
	assert_non_null(f);
	n = snprintf(hdr, sizeof(hdr), "P6\n%d %d\n255\n", PAT_W, PAT_H);
	assert_int_equal(fwrite(hdr, 1, (size_t)n, f), (size_t)n);
	assert_int_equal(fwrite(rgb, 1, (size_t)PAT_W * PAT_H * 3, f), (size_t)PAT_W * PAT_H * 3);
	assert_int_equal(fclose(f), 0);
	img = ocrfx_load_ok(path, 0);
	ocrfx_check_pattern(img, false, "ppm");
	assert_int_equal(ocr_image_source_depth(img), 24);
	ocr_image_sha256(img, got);
	assert_string_equal(got, want);
	ocr_image_destroy(&img);
	free(rgb);
	free(gray);
}

static void test_pnm_truncated(void **state)
{
	unsigned char *gray = ocrfx_gray_pattern();
	char path[512];
	ocr_image *img = NULL;
	struct stat st;
	core_err err;

	ocrfx_path_of(path, sizeof(path), "trunc.pgm");
	write_pgm(path, gray, PAT_W, PAT_H);
	free(gray);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size - PAT_W * PAT_H / 2), 0);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT, NULL);
	assert_null(img);
	assert_non_null(strstr(err.detail, path));
}

static void test_pnm_bomb(void **state)
{
	static const char bomb[] = "P5\n20000 20000\n255\n0123456789abcdef";
	char path[512];
	ocr_image *img = NULL;
	ocr_probe pr;
	core_err err;

	ocrfx_path_of(path, sizeof(path), "bomb.pgm");
	ocrfx_write_file(path, bomb, sizeof(bomb) - 1);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_file_probe(path, NULL, &pr, &err), &err, CORE_ELIMIT,
	                 "image over the pixel limit");
	assert_string_equal(err.detail, "20000x20000 = 400.0 megapixels, limit 250");
	assert_int_equal(pr.pages, 0);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_ELIMIT,
	                 "image over the pixel limit");
	assert_null(img);
}

static void test_png(void **state)
{
	static const struct {
		enum png_mode mode;
		const char *name;
		int depth;
	} cases[] = {
	    {PNG_GRAY8, "gray8", 8},       {PNG_GRAY16, "gray16", 16},   {PNG_GRAY1, "gray1", 1},
	    {PNG_PALETTE4, "palette4", 4}, {PNG_RGBA_CLEAR, "rgba", 32}, {PNG_ADAM7, "adam7", 8},
	};
	unsigned char *gray = ocrfx_gray_pattern();
	char path[512], want[CORE_SHA256_HEX], got[CORE_SHA256_HEX];
	ocr_probe pr;
	core_err err;

	ocrfx_expected_sha(gray, PAT_W, PAT_H, want);
	ocrfx_path_of(path, sizeof(path), "page.png");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ocr_image *img;

		write_png(path, cases[i].mode, gray, PAT_W, PAT_H, i == 0 ? 7874 : 0);
		core_err_clear(&err);
		assert_int_equal(ocr_file_probe(path, NULL, &pr, &err), 0);
		assert_int_equal(pr.format, OCR_FMT_PNG);
		assert_int_equal(pr.pages, 1);
		img = ocrfx_load_ok(path, 0);
		ocrfx_check_pattern(img, false, cases[i].name);
		assert_int_equal(ocr_image_source_depth(img), cases[i].depth);
		/* 7874 pixels a metre is 200 dpi. */
		assert_int_equal(ocr_image_dpi(img), i == 0 ? 200 : 300);
		assert_int_equal(ocr_image_dpi_assumed(img), i != 0);
		ocr_image_sha256(img, got);
		if (strcmp(got, want) != 0)
			fail_msg("%s: pixel hash differs from the written picture", cases[i].name);
		ocr_image_destroy(&img);
	}
	free(gray);
}

/* 8-bit rows are unpacked, and hashed, four pixels at a time: odd widths
 * keep every pixel; 4099 fills the hash's buffer within a row. */
static void test_png_widths(void **state)
{
	static const uint32_t widths[] = {1, 2, 3, 5, 6, 7, 9, 203, 4099};
	char path[512], want[CORE_SHA256_HEX], got[CORE_SHA256_HEX];

	(void)state;
	ocrfx_path_of(path, sizeof(path), "width.png");
	for (size_t k = 0; k < sizeof(widths) / sizeof(widths[0]); k++) {
		uint32_t w = widths[k], h = 3;
		unsigned char *g = malloc((size_t)w * h);
		ocr_image *img;

		assert_non_null(g);
		for (uint32_t i = 0; i < w * h; i++)
			g[i] = (unsigned char)((i * 53u + 7u) & 0xffu);
		ocrfx_expected_sha(g, w, h, want);
		write_png(path, PNG_GRAY8, g, w, h, 0);
		img = ocrfx_load_ok(path, 0);
		ocr_image_sha256(img, got);
		if (strcmp(got, want) != 0)
			fail_msg("%u px wide: pixel hash differs from the written picture",
			         (unsigned)w);
		ocr_image_destroy(&img);
		free(g);
	}
}

static void test_png_broken(void **state)
{
	unsigned char *gray = ocrfx_gray_pattern();
	char path[512];
	ocr_image *img = NULL;
	struct stat st;
	ocr_probe pr;
	core_err err;

	ocrfx_path_of(path, sizeof(path), "trunc.png");
	write_png(path, PNG_GRAY8, gray, PAT_W, PAT_H, 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size / 2), 0);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT,
	                 "cannot decode image");
	assert_null(img);

	ocrfx_path_of(path, sizeof(path), "bomb.png");
	write_png(path, PNG_GRAY1, gray, PAT_W, PAT_H, 0);
	png_forge_size(path, 20000, 20000);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_file_probe(path, NULL, &pr, &err), &err, CORE_ELIMIT,
	                 "image over the pixel limit");
	assert_string_equal(err.detail, "20000x20000 = 400.0 megapixels, limit 250");
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_ELIMIT, NULL);
	free(gray);
}

static void test_jpeg(void **state)
{
	unsigned char *gray = ocrfx_gray_pattern();
	char path[512];
	ocr_image *img = NULL;
	struct stat st;
	ocr_probe pr;
	core_err err;

	ocrfx_path_of(path, sizeof(path), "gray.jpg");
	write_jpeg(path, 1, gray, PAT_W, PAT_H, 200);
	core_err_clear(&err);
	assert_int_equal(ocr_file_probe(path, NULL, &pr, &err), 0);
	assert_int_equal(pr.format, OCR_FMT_JPEG);
	img = ocrfx_load_ok(path, 0);
	ocrfx_check_pattern(img, true, "jpeg gray");
	assert_int_equal(ocr_image_dpi(img), 200);
	assert_false(ocr_image_dpi_assumed(img));
	assert_int_equal(ocr_image_source_depth(img), 8);
	ocr_image_destroy(&img);

	ocrfx_path_of(path, sizeof(path), "rgb.jpg");
	write_jpeg(path, 3, gray, PAT_W, PAT_H, 0);
	img = ocrfx_load_ok(path, 0);
	ocrfx_check_pattern(img, true, "jpeg rgb");
	assert_true(ocr_image_dpi_assumed(img));
	assert_int_equal(ocr_image_source_depth(img), 24);
	ocr_image_destroy(&img);

	ocrfx_path_of(path, sizeof(path), "cmyk.jpg");
	write_jpeg(path, 4, gray, PAT_W, PAT_H, 0);
	img = ocrfx_load_ok(path, 0);
	ocrfx_check_pattern(img, true, "jpeg cmyk");
	ocr_image_destroy(&img);

	/* No Adobe marker: the values are ink, K = 0 is white paper. */
	ocrfx_path_of(path, sizeof(path), "cmyk-plain.jpg");
	write_jpeg(path, -4, gray, PAT_W, PAT_H, 0);
	img = ocrfx_load_ok(path, 0);
	ocrfx_check_pattern(img, true, "jpeg plain cmyk");
	ocr_image_destroy(&img);

	/* Truncated: libjpeg would fill the rest with gray; we refuse. */
	ocrfx_path_of(path, sizeof(path), "trunc.jpg");
	write_jpeg(path, 1, gray, PAT_W, PAT_H, 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size * 2 / 3), 0);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT,
	                 "cannot decode image");
	assert_null(img);

	ocrfx_path_of(path, sizeof(path), "bomb.jpg");
	write_jpeg(path, 1, gray, PAT_W, PAT_H, 0);
	jpeg_forge_size(path, 20000, 20000);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_file_probe(path, NULL, &pr, &err), &err, CORE_ELIMIT,
	                 "image over the pixel limit");
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_ELIMIT, NULL);
	free(gray);
}

/*
 * Library chatter on stderr would break the pipeline's JSON log lines:
 * every failure here must be silent, reported through core_err only.
 */
static void test_quiet(void **state)
{
	static const unsigned char fake_tiff[] = {'I', 'I', 42, 0, 0xff, 0xff, 0xff, 0x7f, 1, 2};
	char path[512], log[512], said[512];
	unsigned char *gray = ocrfx_gray_pattern(), junk[64];
	uint64_t off, len;
	ocr_options o;
	ocr_engine *eng = NULL;
	ocr_image *img = NULL;
	ocr_probe pr;
	core_err err;
	struct stat st;
	int saved, fd, failures = 0;
	ssize_t n;

	/* The broken files, made before stderr goes away. */
	ocrfx_path_of(path, sizeof(path), "q.jpg");
	write_jpeg(path, 3, gray, PAT_W, PAT_H, 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size / 2), 0);
	ocrfx_path_of(path, sizeof(path), "q.png");
	write_png(path, PNG_GRAY8, gray, PAT_W, PAT_H, 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size / 2), 0);
	ocrfx_path_of(path, sizeof(path), "q.tif");
	ocrfx_write_three_pages(path, COMPRESSION_ADOBE_DEFLATE);
	ocrfx_strip0(path, 1, &off, &len);
	memset(junk, 0xab, sizeof(junk));
	fd = open(path, O_RDWR);
	assert_true(pwrite(fd, junk, len < 64 ? len : 64, (off_t)off) > 0);
	close(fd);
	ocrfx_path_of(path, sizeof(path), "q2.tif");
	ocrfx_write_file(path, fake_tiff, sizeof(fake_tiff));
	/* A gray PNM of maxval 2: Leptonica says "maxval = 2" beside its
	 * messages, whatever their severity. */
	ocrfx_path_of(path, sizeof(path), "q.pgm");
	ocrfx_write_file(path, "P5\n4 2\n2\n\0\1\2\0\1\2\0\1", 17);
	free(gray);

	ocrfx_path_of(log, sizeof(log), "stderr.txt");
	fflush(stderr);
	saved = dup(2);
	fd = open(log, O_CREAT | O_TRUNC | O_WRONLY, 0600);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	close(fd);

	ocrfx_path_of(path, sizeof(path), "q.jpg");
	core_err_clear(&err);
	failures += ocr_image_load(path, 0, NULL, &img, &err) == 0;
	ocrfx_path_of(path, sizeof(path), "q.png");
	core_err_clear(&err);
	failures += ocr_image_load(path, 0, NULL, &img, &err) == 0;
	ocrfx_path_of(path, sizeof(path), "q.tif");
	core_err_clear(&err);
	failures += ocr_image_load(path, 1, NULL, &img, &err) == 0;
	core_err_clear(&err);
	failures += ocr_image_load(path, 7, NULL, &img, &err) == 0;
	ocrfx_path_of(path, sizeof(path), "q2.tif");
	core_err_clear(&err);
	failures += ocr_file_probe(path, NULL, &pr, &err) == 0;
	ocrfx_path_of(path, sizeof(path), "q.pgm");
	core_err_clear(&err);
	if (ocr_image_load(path, 0, NULL, &img, &err) == 0)
		ocr_image_destroy(&img);
	ocr_options_default(&o);
	o.lang = "xx_nonexistent";
	core_err_clear(&err);
	failures += ocr_engine_create(&o, &eng, &err) == 0;
	ocr_engine_destroy(&eng);

	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	assert_int_equal(failures, 0);
	assert_int_equal(stat(log, &st), 0);
	if (st.st_size != 0) {
		fd = open(log, O_RDONLY);
		n = read(fd, said, sizeof(said) - 1);
		close(fd);
		said[n > 0 ? n : 0] = '\0';
		fail_msg("libraries wrote to stderr: %s", said);
	}
}

static void test_bad_inputs(void **state)
{
	static const char text[] = "Biên bản họp hội đồng, không phải ảnh.\n";
	static const unsigned char fake_jpeg[] = {0xff, 0xd8, 0xff, 0xe0, 'j', 'u', 'n', 'k'};
	static const unsigned char fake_tiff[] = {'I', 'I', 42, 0, 0xff, 0xff, 0xff, 0x7f, 1, 2};
	static const unsigned char fake_png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
	char path[512];
	ocr_image *img = NULL;
	ocr_probe pr;
	core_err err;

	ocrfx_path_of(path, sizeof(path), "empty.tif");
	ocrfx_write_file(path, "", 0);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_file_probe(path, NULL, &pr, &err), &err, CORE_EFORMAT, "empty file");
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT,
	                 "empty file");

	/* The name says JPEG, the bytes say text: the bytes win. */
	ocrfx_path_of(path, sizeof(path), "x.jpg");
	ocrfx_write_file(path, text, sizeof(text) - 1);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_file_probe(path, NULL, &pr, &err), &err, CORE_EFORMAT, "not an image");
	assert_non_null(strstr(err.detail, path));
	assert_int_equal(pr.format, OCR_FMT_UNKNOWN);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT,
	                 "not an image");
	assert_null(img);

	/* A PDF by its bytes, whatever the name, and a broken one. */
	ocrfx_path_of(path, sizeof(path), "doc.tif");
	ocrfx_write_file(path, "%PDF-1.4\n", 9);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT, NULL);
	assert_non_null(strstr(err.msg, "pdf"));
	assert_null(img);

	ocrfx_path_of(path, sizeof(path), "fake.jpg");
	ocrfx_write_file(path, fake_jpeg, sizeof(fake_jpeg));
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT, NULL);

	ocrfx_path_of(path, sizeof(path), "fake.png");
	ocrfx_write_file(path, fake_png, sizeof(fake_png));
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT, NULL);

	ocrfx_path_of(path, sizeof(path), "fake.tif");
	ocrfx_write_file(path, fake_tiff, sizeof(fake_tiff));
	core_err_clear(&err);
	ocrfx_expect_err(ocr_file_probe(path, NULL, &pr, &err), &err, CORE_EFORMAT,
	                 "cannot read tiff");
	assert_int_equal(pr.format, OCR_FMT_TIFF);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT, NULL);

	/*
	 * A FIFO with no writer, as a worker meets it when a file is
	 * replaced by one after planning: refused at once, not waited on
	 * (the test would hang).
	 */
	ocrfx_path_of(path, sizeof(path), "pipe.tif");
	assert_int_equal(mkfifo(path, 0600), 0);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EIO,
	                 "not a regular file");
	assert_null(img);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_file_probe(path, NULL, &pr, &err), &err, CORE_EIO,
	                 "not a regular file");
	assert_int_equal(unlink(path), 0);

	ocrfx_path_of(path, sizeof(path), "missing.tif");
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EIO,
	                 "cannot open file");
	core_err_clear(&err);
	ocrfx_expect_err(ocr_file_probe(ocrfx_tmpdir, NULL, &pr, &err), &err, CORE_EIO, NULL);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(NULL, 0, NULL, &img, &err), &err, CORE_EARG, NULL);
	core_err_clear(&err);
	ocrfx_expect_err(ocr_image_load(path, 0, NULL, NULL, &err), &err, CORE_EARG, NULL);
}
int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pnm),        cmocka_unit_test(test_pnm_truncated),
	    cmocka_unit_test(test_pnm_bomb),   cmocka_unit_test(test_png),
	    cmocka_unit_test(test_png_widths), cmocka_unit_test(test_png_broken),
	    cmocka_unit_test(test_jpeg),       cmocka_unit_test(test_bad_inputs),
	    cmocka_unit_test(test_quiet),
	};

	return cmocka_run_group_tests(tests, ocrfx_setup, ocrfx_teardown);
}
