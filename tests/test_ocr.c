/*
 * test_ocr.c - the ocr module: format sniffing, limits, TIFF variants
 * (written with libtiff at test time, no binary fixtures), PNM, broken
 * and truncated files, the pixel hash, the blank test and the engine.
 */
#include "ocr.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>
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

static char tmpdir[256];

/* A page layout to write; the pixels come from a separate gray buffer. */
typedef struct tspec {
	const char *name;
	uint16_t comp, photo, bps, spp;
	bool alpha;      /* spp includes one unassociated alpha sample */
	bool tiled;      /* 16x16 tiles instead of 16-row strips */
	bool lossy;      /* JPEG: compare with a tolerance, skip edges */
	uint16_t orient; /* 0: no orientation tag */
	double xres;     /* 0: no resolution tags */
	uint16_t unit;
	uint32_t w, h;
} tspec;

/* Designated initializers for the layout part of a tspec. */
#define LAYOUT(n, c, p, b, s) .name = (n), .comp = (c), .photo = (p), .bps = (b), .spp = (s)
#define BILEVEL(c, p)         LAYOUT(#c "/" #p, COMPRESSION_##c, PHOTOMETRIC_##p, 1, 1)
#define GRAY8(c, p)           LAYOUT(#c "/gray8/" #p, COMPRESSION_##c, PHOTOMETRIC_##p, 8, 1)

/* The reference picture: a black rectangle on white, off-centre both ways. */
#define PAT_W  200
#define PAT_H  100
#define PAT_X0 40
#define PAT_Y0 20
#define PAT_X1 130
#define PAT_Y1 50

static void path_of(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", tmpdir, name);
}

/* w*h gray, white, with a rectangle [x0,x1)x[y0,y1) of value ink. */
static unsigned char *gray_rect(uint32_t w, uint32_t h, uint32_t x0, uint32_t y0, uint32_t x1,
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

static unsigned char *gray_pattern(void)
{
	return gray_rect(PAT_W, PAT_H, PAT_X0, PAT_Y0, PAT_X1, PAT_Y1, 0);
}

static void set_bit(unsigned char *row, uint32_t x, unsigned bit)
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
			set_bit(row, x, (v == 255) ^ (s->photo == PHOTOMETRIC_MINISWHITE));
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

/* pages pictures, grays[p] for page p. */
static void write_tiff(const char *path, const tspec *s, int pages, unsigned char *const *grays)
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

static void write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	if (n)
		assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

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

static ocr_image *load_ok(const char *path, int index)
{
	ocr_image *img = NULL;
	core_err err;

	core_err_clear(&err);
	if (ocr_image_load(path, index, NULL, &img, &err) != 0)
		fail_msg("%s page %d: %s (%s)", path, index, err.msg, err.detail);
	assert_non_null(img);
	return img;
}

static void expect_err(int rc, const core_err *err, core_code code, const char *msg)
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

static void check_pattern(const ocr_image *img, bool lossy, const char *name)
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

/* The documented hash layout: LE32 width, LE32 height, rows of gray bytes. */
static void expected_sha(const unsigned char *gray, uint32_t w, uint32_t h,
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
				set_bit(rows[y], x, g[x] == 255);
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

/* comps 1: gray, 3: RGB, 4: Adobe CMYK (255 is no ink). */
static void write_jpeg(const char *path, int comps, const unsigned char *gray, uint32_t w,
                       uint32_t h, int dpi)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	unsigned char *row = malloc((size_t)w * comps);
	FILE *f = fopen(path, "wb");
	JSAMPROW rp = row;

	assert_non_null(row);
	assert_non_null(f);
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, f);
	c.image_width = w;
	c.image_height = h;
	c.input_components = comps;
	c.in_color_space = comps == 1 ? JCS_GRAYSCALE : comps == 3 ? JCS_RGB : JCS_CMYK;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 90, TRUE);
	if (dpi) {
		c.write_JFIF_header = TRUE;
		c.density_unit = 1;
		c.X_density = c.Y_density = (UINT16)dpi;
	}
	jpeg_start_compress(&c, TRUE);
	for (uint32_t y = 0; y < h; y++) {
		for (uint32_t x = 0; x < w; x++)
			memset(row + (size_t)x * comps, gray[(size_t)y * w + x], (size_t)comps);
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
	unsigned char *gray = gray_pattern();
	char path[512], want[CORE_SHA256_HEX], got[CORE_SHA256_HEX];

	expected_sha(gray, PAT_W, PAT_H, want);
	for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		tspec s = variants[i];
		ocr_probe pr;
		ocr_image *img;
		core_err err;

		s.w = PAT_W;
		s.h = PAT_H;
		path_of(path, sizeof(path), "variant.tif");
		write_tiff(path, &s, 1, &gray);
		core_err_clear(&err);
		if (ocr_file_probe(path, NULL, &pr, &err) != 0)
			fail_msg("%s: probe: %s (%s)", s.name, err.msg, err.detail);
		assert_int_equal(pr.format, OCR_FMT_TIFF);
		assert_int_equal(pr.pages, 1);
		img = load_ok(path, 0);
		check_pattern(img, s.lossy, s.name);
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

/* Bands of the RGBA path meet inside the rectangle: no row lost or doubled. */
static void test_tiff_rgba_bands(void **state)
{
	tspec s = {LAYOUT("LZW/rgb/big", COMPRESSION_LZW, PHOTOMETRIC_RGB, 8, 3), .w = 2600,
	           .h = 2000};
	unsigned char *gray = gray_rect(s.w, s.h, 100, 1500, 2500, 1700, 0);
	char path[512], want[CORE_SHA256_HEX], got[CORE_SHA256_HEX];
	ocr_image *img;

	path_of(path, sizeof(path), "big.tif");
	write_tiff(path, &s, 1, &gray);
	img = load_ok(path, 0);
	assert_int_equal(ocr_image_gray_at(img, 1000, 1499), 255);
	assert_int_equal(ocr_image_gray_at(img, 1000, 1500), 0);
	assert_int_equal(ocr_image_gray_at(img, 1000, 1599), 0);
	assert_int_equal(ocr_image_gray_at(img, 1000, 1600), 0);
	assert_int_equal(ocr_image_gray_at(img, 1000, 1699), 0);
	assert_int_equal(ocr_image_gray_at(img, 1000, 1700), 255);
	assert_int_equal(ocr_image_gray_at(img, 2599, 1999), 255);
	assert_int_equal(ocr_image_gray_at(img, 2600, 0), -1);
	expected_sha(gray, s.w, s.h, want);
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
	unsigned char *gray = gray_pattern();
	char path[512];

	path_of(path, sizeof(path), "res.tif");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tspec s = {GRAY8(LZW, MINISBLACK), .w = PAT_W, .h = PAT_H};
		ocr_image *img;

		s.xres = cases[i].xres;
		s.unit = cases[i].unit;
		write_tiff(path, &s, 1, &gray);
		img = load_ok(path, 0);
		assert_int_equal(ocr_image_dpi(img), cases[i].dpi);
		assert_int_equal(ocr_image_dpi_assumed(img), cases[i].assumed);
		ocr_image_destroy(&img);
	}
	free(gray);
}

/* Page p has its rectangle at gray p*100, so pages cannot be mixed up. */
static void write_three_pages(const char *path, uint16_t comp)
{
	tspec s = {LAYOUT("3p", comp, PHOTOMETRIC_MINISBLACK, 8, 1), .w = PAT_W, .h = PAT_H};
	unsigned char *g[3];

	for (int p = 0; p < 3; p++)
		g[p] = gray_rect(PAT_W, PAT_H, PAT_X0, PAT_Y0, PAT_X1, PAT_Y1,
		                 (unsigned char)(p * 100));
	write_tiff(path, &s, 3, g);
	for (int p = 0; p < 3; p++)
		free(g[p]);
}

static void check_page(const char *path, int p)
{
	ocr_image *img = load_ok(path, p);

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

	path_of(path, sizeof(path), "three.tif");
	write_three_pages(path, COMPRESSION_LZW);
	core_err_clear(&err);
	assert_int_equal(ocr_file_probe(path, NULL, &pr, &err), 0);
	assert_int_equal(pr.format, OCR_FMT_TIFF);
	assert_int_equal(pr.pages, 3);
	check_page(path, 2);
	check_page(path, 0);
	check_page(path, 1);

	core_err_clear(&err);
	expect_err(ocr_image_load(path, 3, NULL, &img, &err), &err, CORE_EFORMAT, NULL);
	assert_null(img);
	core_err_clear(&err);
	expect_err(ocr_image_load(path, -1, NULL, &img, &err), &err, CORE_EARG, NULL);

	ocr_limits_default(&lim);
	lim.max_pages = 2;
	core_err_clear(&err);
	expect_err(ocr_file_probe(path, &lim, &pr, &err), &err, CORE_ELIMIT, "too many pages");
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

static void strip0(const char *path, int dir, uint64_t *off, uint64_t *len)
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
	expect_err(ocr_image_load(path, 1, NULL, &img, &err), &err, CORE_EFORMAT,
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

	path_of(path, sizeof(path), "junk.tif");
	write_three_pages(path, COMPRESSION_ADOBE_DEFLATE);
	strip0(path, 1, &off, &len);
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

	path_of(path, sizeof(path), "eof.tif");
	write_three_pages(path, COMPRESSION_NONE);
	patch_tag(path, 1, TIFFTAG_STRIPOFFSETS, 0x7ffff000u);
	check_broken_middle(path);
}

/* The RGBA path fails as cleanly as the scanline path; layouts it cannot do are refused. */
static void test_tiff_rgba_errors(void **state)
{
	tspec s = {LAYOUT("rgb", COMPRESSION_ADOBE_DEFLATE, PHOTOMETRIC_RGB, 8, 3), .w = PAT_W,
	           .h = PAT_H};
	unsigned char *gray = gray_pattern(), junk[64];
	char path[512];
	float row[4] = {0.5f, 0.5f, 0.5f, 0.5f};
	ocr_image *img = NULL;
	uint64_t off, len;
	core_err err;
	TIFF *tif;
	int fd;

	path_of(path, sizeof(path), "rgbjunk.tif");
	write_tiff(path, &s, 1, &gray);
	free(gray);
	strip0(path, 0, &off, &len);
	memset(junk, 0xab, sizeof(junk));
	fd = open(path, O_RDWR);
	assert_true(fd >= 0);
	assert_true(pwrite(fd, junk, len < 64 ? len : 64, (off_t)off) > 0);
	close(fd);
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT,
	           "cannot decode tiff page");
	assert_null(img);

	path_of(path, sizeof(path), "float.tif");
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
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT,
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

	path_of(path, sizeof(path), "trunc.tif");
	write_three_pages(path, COMPRESSION_LZW);
	strip0(path, 2, &off, &len);
	assert_int_equal(truncate(path, (off_t)(off + 10)), 0);
	core_err_clear(&err);
	assert_int_equal(ocr_file_probe(path, NULL, &pr, &err), 0);
	assert_int_equal(pr.pages, 3);
	check_page(path, 0);
	check_page(path, 1);
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 2, NULL, &img, &err), &err, CORE_EFORMAT, NULL);
	assert_null(img);
}

static void test_tiff_bomb(void **state)
{
	tspec s = {BILEVEL(CCITTFAX4, MINISWHITE), .w = PAT_W, .h = PAT_H};
	unsigned char *gray = gray_pattern();
	char path[512];
	ocr_image *img = NULL;
	ocr_probe pr;
	ocr_limits lim;
	core_err err;

	path_of(path, sizeof(path), "bomb.tif");
	write_tiff(path, &s, 1, &gray);
	free(gray);
	patch_tag(path, 0, TIFFTAG_IMAGEWIDTH, 30000);
	patch_tag(path, 0, TIFFTAG_IMAGELENGTH, 30000);
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_ELIMIT,
	           "image over the pixel limit");
	assert_string_equal(err.detail, "30000x30000 = 900.0 megapixels, limit 250");
	assert_null(img);
	/* Page count needs no pixels: the bomb is refused per page, at load. */
	core_err_clear(&err);
	assert_int_equal(ocr_file_probe(path, NULL, &pr, &err), 0);
	assert_int_equal(pr.pages, 1);

	/* The limit is the caller's, not a constant. */
	path_of(path, sizeof(path), "small.tif");
	gray = gray_pattern();
	write_tiff(path, &s, 1, &gray);
	free(gray);
	ocr_limits_default(&lim);
	lim.max_megapixels = 0.01;
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, &lim, &img, &err), &err, CORE_ELIMIT, NULL);
	assert_string_equal(err.detail, "200x100 = 0.0 megapixels, limit 0.01");
}

static void test_pnm(void **state)
{
	unsigned char *gray = gray_pattern(), *rgb;
	char path[512], want[CORE_SHA256_HEX], got[CORE_SHA256_HEX], hdr[64];
	ocr_image *img;
	ocr_probe pr;
	core_err err;
	FILE *f;
	int n;

	path_of(path, sizeof(path), "page.pgm");
	write_pgm(path, gray, PAT_W, PAT_H);
	core_err_clear(&err);
	assert_int_equal(ocr_file_probe(path, NULL, &pr, &err), 0);
	assert_int_equal(pr.format, OCR_FMT_PNM);
	assert_int_equal(pr.pages, 1);
	img = load_ok(path, 0);
	check_pattern(img, false, "pgm");
	assert_int_equal(ocr_image_source_depth(img), 8);
	assert_int_equal(ocr_image_dpi(img), 300);
	assert_true(ocr_image_dpi_assumed(img));
	/* Same picture, same hash, whatever the container. */
	expected_sha(gray, PAT_W, PAT_H, want);
	ocr_image_sha256(img, got);
	assert_string_equal(got, want);
	ocr_image_destroy(&img);

	/* A second page of a single-page format is a caller bug. */
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 1, NULL, &img, &err), &err, CORE_EARG, NULL);

	/* P6: colour goes through the same luminance as TIFF. */
	rgb = malloc((size_t)PAT_W * PAT_H * 3);
	assert_non_null(rgb);
	for (size_t i = 0; i < (size_t)PAT_W * PAT_H; i++)
		memset(rgb + 3 * i, gray[i], 3);
	path_of(path, sizeof(path), "page.ppm");
	f = fopen(path, "wb");
	assert_non_null(f);
	n = snprintf(hdr, sizeof(hdr), "P6\n%d %d\n255\n", PAT_W, PAT_H);
	assert_int_equal(fwrite(hdr, 1, (size_t)n, f), (size_t)n);
	assert_int_equal(fwrite(rgb, 1, (size_t)PAT_W * PAT_H * 3, f), (size_t)PAT_W * PAT_H * 3);
	assert_int_equal(fclose(f), 0);
	img = load_ok(path, 0);
	check_pattern(img, false, "ppm");
	assert_int_equal(ocr_image_source_depth(img), 24);
	ocr_image_sha256(img, got);
	assert_string_equal(got, want);
	ocr_image_destroy(&img);
	free(rgb);
	free(gray);
}

static void test_pnm_truncated(void **state)
{
	unsigned char *gray = gray_pattern();
	char path[512];
	ocr_image *img = NULL;
	struct stat st;
	core_err err;

	path_of(path, sizeof(path), "trunc.pgm");
	write_pgm(path, gray, PAT_W, PAT_H);
	free(gray);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size - PAT_W * PAT_H / 2), 0);
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT, NULL);
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

	path_of(path, sizeof(path), "bomb.pgm");
	write_file(path, bomb, sizeof(bomb) - 1);
	core_err_clear(&err);
	expect_err(ocr_file_probe(path, NULL, &pr, &err), &err, CORE_ELIMIT,
	           "image over the pixel limit");
	assert_string_equal(err.detail, "20000x20000 = 400.0 megapixels, limit 250");
	assert_int_equal(pr.pages, 0);
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_ELIMIT,
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
	unsigned char *gray = gray_pattern();
	char path[512], want[CORE_SHA256_HEX], got[CORE_SHA256_HEX];
	ocr_probe pr;
	core_err err;

	expected_sha(gray, PAT_W, PAT_H, want);
	path_of(path, sizeof(path), "page.png");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ocr_image *img;

		write_png(path, cases[i].mode, gray, PAT_W, PAT_H, i == 0 ? 7874 : 0);
		core_err_clear(&err);
		assert_int_equal(ocr_file_probe(path, NULL, &pr, &err), 0);
		assert_int_equal(pr.format, OCR_FMT_PNG);
		assert_int_equal(pr.pages, 1);
		img = load_ok(path, 0);
		check_pattern(img, false, cases[i].name);
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

static void test_png_broken(void **state)
{
	unsigned char *gray = gray_pattern();
	char path[512];
	ocr_image *img = NULL;
	struct stat st;
	ocr_probe pr;
	core_err err;

	path_of(path, sizeof(path), "trunc.png");
	write_png(path, PNG_GRAY8, gray, PAT_W, PAT_H, 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size / 2), 0);
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT,
	           "cannot decode image");
	assert_null(img);

	path_of(path, sizeof(path), "bomb.png");
	write_png(path, PNG_GRAY1, gray, PAT_W, PAT_H, 0);
	png_forge_size(path, 20000, 20000);
	core_err_clear(&err);
	expect_err(ocr_file_probe(path, NULL, &pr, &err), &err, CORE_ELIMIT,
	           "image over the pixel limit");
	assert_string_equal(err.detail, "20000x20000 = 400.0 megapixels, limit 250");
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_ELIMIT, NULL);
	free(gray);
}

static void test_jpeg(void **state)
{
	unsigned char *gray = gray_pattern();
	char path[512];
	ocr_image *img = NULL;
	struct stat st;
	ocr_probe pr;
	core_err err;

	path_of(path, sizeof(path), "gray.jpg");
	write_jpeg(path, 1, gray, PAT_W, PAT_H, 200);
	core_err_clear(&err);
	assert_int_equal(ocr_file_probe(path, NULL, &pr, &err), 0);
	assert_int_equal(pr.format, OCR_FMT_JPEG);
	img = load_ok(path, 0);
	check_pattern(img, true, "jpeg gray");
	assert_int_equal(ocr_image_dpi(img), 200);
	assert_false(ocr_image_dpi_assumed(img));
	assert_int_equal(ocr_image_source_depth(img), 8);
	ocr_image_destroy(&img);

	path_of(path, sizeof(path), "rgb.jpg");
	write_jpeg(path, 3, gray, PAT_W, PAT_H, 0);
	img = load_ok(path, 0);
	check_pattern(img, true, "jpeg rgb");
	assert_true(ocr_image_dpi_assumed(img));
	assert_int_equal(ocr_image_source_depth(img), 24);
	ocr_image_destroy(&img);

	path_of(path, sizeof(path), "cmyk.jpg");
	write_jpeg(path, 4, gray, PAT_W, PAT_H, 0);
	img = load_ok(path, 0);
	check_pattern(img, true, "jpeg cmyk");
	ocr_image_destroy(&img);

	/* Truncated: libjpeg would fill the rest with gray; we refuse. */
	path_of(path, sizeof(path), "trunc.jpg");
	write_jpeg(path, 1, gray, PAT_W, PAT_H, 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size * 2 / 3), 0);
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT,
	           "cannot decode image");
	assert_null(img);

	path_of(path, sizeof(path), "bomb.jpg");
	write_jpeg(path, 1, gray, PAT_W, PAT_H, 0);
	jpeg_forge_size(path, 20000, 20000);
	core_err_clear(&err);
	expect_err(ocr_file_probe(path, NULL, &pr, &err), &err, CORE_ELIMIT,
	           "image over the pixel limit");
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_ELIMIT, NULL);
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
	unsigned char *gray = gray_pattern(), junk[64];
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
	path_of(path, sizeof(path), "q.jpg");
	write_jpeg(path, 3, gray, PAT_W, PAT_H, 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size / 2), 0);
	path_of(path, sizeof(path), "q.png");
	write_png(path, PNG_GRAY8, gray, PAT_W, PAT_H, 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size / 2), 0);
	path_of(path, sizeof(path), "q.tif");
	write_three_pages(path, COMPRESSION_ADOBE_DEFLATE);
	strip0(path, 1, &off, &len);
	memset(junk, 0xab, sizeof(junk));
	fd = open(path, O_RDWR);
	assert_true(pwrite(fd, junk, len < 64 ? len : 64, (off_t)off) > 0);
	close(fd);
	path_of(path, sizeof(path), "q2.tif");
	write_file(path, fake_tiff, sizeof(fake_tiff));
	free(gray);

	path_of(log, sizeof(log), "stderr.txt");
	fflush(stderr);
	saved = dup(2);
	fd = open(log, O_CREAT | O_TRUNC | O_WRONLY, 0600);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	close(fd);

	path_of(path, sizeof(path), "q.jpg");
	core_err_clear(&err);
	failures += ocr_image_load(path, 0, NULL, &img, &err) == 0;
	path_of(path, sizeof(path), "q.png");
	core_err_clear(&err);
	failures += ocr_image_load(path, 0, NULL, &img, &err) == 0;
	path_of(path, sizeof(path), "q.tif");
	core_err_clear(&err);
	failures += ocr_image_load(path, 1, NULL, &img, &err) == 0;
	core_err_clear(&err);
	failures += ocr_image_load(path, 7, NULL, &img, &err) == 0;
	path_of(path, sizeof(path), "q2.tif");
	core_err_clear(&err);
	failures += ocr_file_probe(path, NULL, &pr, &err) == 0;
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

	path_of(path, sizeof(path), "empty.tif");
	write_file(path, "", 0);
	core_err_clear(&err);
	expect_err(ocr_file_probe(path, NULL, &pr, &err), &err, CORE_EFORMAT, "empty file");
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT, "empty file");

	/* The name says JPEG, the bytes say text: the bytes win. */
	path_of(path, sizeof(path), "x.jpg");
	write_file(path, text, sizeof(text) - 1);
	core_err_clear(&err);
	expect_err(ocr_file_probe(path, NULL, &pr, &err), &err, CORE_EFORMAT, "not an image");
	assert_non_null(strstr(err.detail, path));
	assert_int_equal(pr.format, OCR_FMT_UNKNOWN);
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT, "not an image");
	assert_null(img);

	/* A PDF by its bytes, whatever the name, and a broken one. */
	path_of(path, sizeof(path), "doc.tif");
	write_file(path, "%PDF-1.4\n", 9);
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT, NULL);
	assert_non_null(strstr(err.msg, "pdf"));
	assert_null(img);

	path_of(path, sizeof(path), "fake.jpg");
	write_file(path, fake_jpeg, sizeof(fake_jpeg));
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT, NULL);

	path_of(path, sizeof(path), "fake.png");
	write_file(path, fake_png, sizeof(fake_png));
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT, NULL);

	path_of(path, sizeof(path), "fake.tif");
	write_file(path, fake_tiff, sizeof(fake_tiff));
	core_err_clear(&err);
	expect_err(ocr_file_probe(path, NULL, &pr, &err), &err, CORE_EFORMAT, "cannot read tiff");
	assert_int_equal(pr.format, OCR_FMT_TIFF);
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EFORMAT, NULL);

	path_of(path, sizeof(path), "missing.tif");
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, &img, &err), &err, CORE_EIO, "cannot open file");
	core_err_clear(&err);
	expect_err(ocr_file_probe(tmpdir, NULL, &pr, &err), &err, CORE_EIO, NULL);
	core_err_clear(&err);
	expect_err(ocr_image_load(NULL, 0, NULL, &img, &err), &err, CORE_EARG, NULL);
	core_err_clear(&err);
	expect_err(ocr_image_load(path, 0, NULL, NULL, &err), &err, CORE_EARG, NULL);
}

/* An A4 page at 300 dpi. */
#define A4_W 2480
#define A4_H 3508

static void fill(unsigned char *g, int x0, int y0, int w, int h)
{
	for (int y = y0; y < y0 + h; y++)
		memset(g + (size_t)y * A4_W + x0, 0, (size_t)w);
}

static double blank_ratio(const char *name, unsigned char *g, bool *blank)
{
	tspec s = {GRAY8(ADOBE_DEFLATE, MINISBLACK), .w = A4_W, .h = A4_H};
	char path[512];
	ocr_image *img;
	double ratio = -1;

	path_of(path, sizeof(path), name);
	write_tiff(path, &s, 1, &g);
	img = load_ok(path, 0);
	*blank = ocr_image_is_blank(img, &ratio);
	ocr_image_destroy(&img);
	unlink(path);
	return ratio;
}

static void test_blank(void **state)
{
	unsigned char *g = malloc((size_t)A4_W * A4_H);
	uint32_t seed = 12345;
	double r;
	bool blank;

	assert_non_null(g);
	memset(g, 255, (size_t)A4_W * A4_H);
	r = blank_ratio("white.tif", g, &blank);
	assert_true(blank);
	assert_true(r == 0.0);

	/* Dust: 200 single pixels, 40 specks of 2x2, 20 of 3x3; a scanner border. */
	for (int i = 0; i < 260; i++) {
		int sz = i < 200 ? 1 : i < 240 ? 2 : 3;

		seed = seed * 1103515245u + 12345u;
		fill(g, 200 + (int)(seed >> 8) % (A4_W - 400),
		     200 + (int)((seed * 2654435761u) >> 8) % (A4_H - 400), sz, sz);
	}
	fill(g, 0, 0, A4_W, 40);
	fill(g, 0, 0, 40, A4_H);
	fill(g, 0, A4_H - 40, A4_W, 40);
	r = blank_ratio("speckle.tif", g, &blank);
	if (!blank)
		fail_msg("speckled page not blank, ink ratio %g", r);

	/* One short line of 12 pt text: five "H" of 35 px caps, 4 px strokes. */
	for (int i = 0; i < 5; i++) {
		int x = 300 + i * 30;

		fill(g, x, 400, 4, 35);
		fill(g, x + 16, 400, 4, 35);
		fill(g, x + 4, 416, 12, 4);
	}
	r = blank_ratio("line.tif", g, &blank);
	if (blank)
		fail_msg("page with a line of text is blank, ink ratio %g", r);

	memset(g, 255, (size_t)A4_W * A4_H);
	fill(g, 1000, 1500, 300, 30);
	r = blank_ratio("bar.tif", g, &blank);
	assert_false(blank);
	assert_true(r > 0.001);
	free(g);
}

static void test_engine_create(void **state)
{
	ocr_options o;
	ocr_engine *eng = NULL;
	core_err err;

	ocr_options_default(&o);
	core_err_clear(&err);
	if (ocr_engine_create(&o, &eng, &err) != 0)
		fail_msg("vie: %s (%s)", err.msg, err.detail);
	assert_non_null(eng);
	ocr_engine_destroy(&eng);
	assert_null(eng);

	o.lang = "xx_nonexistent";
	core_err_clear(&err);
	expect_err(ocr_engine_create(&o, &eng, &err), &err, CORE_EOCR, "cannot load language");
	assert_non_null(strstr(err.detail, "xx_nonexistent"));
	assert_null(eng);

	ocr_options_default(&o);
	o.psm = 99;
	core_err_clear(&err);
	expect_err(ocr_engine_create(&o, &eng, &err), &err, CORE_EARG, NULL);
	assert_null(eng);
}

static void test_engine_blank_page(void **state)
{
	tspec s = {GRAY8(LZW, MINISBLACK), .w = 1240, .h = 1754, .xres = 150, .unit = RESUNIT_INCH};
	unsigned char *g = gray_rect(s.w, s.h, 0, 0, 0, 0, 0);
	char path[512];
	ocr_engine *eng = NULL;
	ocr_result *r = NULL;
	ocr_image *img;
	core_err err;

	path_of(path, sizeof(path), "blank150.tif");
	write_tiff(path, &s, 1, &g);
	free(g);
	img = load_ok(path, 0);
	assert_int_equal(ocr_image_dpi(img), 150);
	core_err_clear(&err);
	assert_int_equal(ocr_engine_create(NULL, &eng, &err), 0);
	/* Twice: the handle must be reusable after a page. */
	for (int round = 0; round < 2; round++) {
		core_err_clear(&err);
		if (ocr_engine_recognize(eng, img, &r, &err) != 0)
			fail_msg("recognize: %s (%s)", err.msg, err.detail);
		assert_non_null(r);
		assert_non_null(r->text);
		assert_int_equal(strspn(r->text, " \t\r\n\f"), strlen(r->text));
		assert_int_equal(r->n_words, 0);
		assert_true(r->recognize_s >= 0.0);
		ocr_result_destroy(&r);
		assert_null(r);
	}
	core_err_clear(&err);
	expect_err(ocr_engine_recognize(eng, NULL, &r, &err), &err, CORE_EARG, NULL);
	assert_null(r);
	ocr_engine_destroy(&eng);
	ocr_image_destroy(&img);
}

/*
 * Words, boxes and line ordinals on a page drawn with a 5x7 pixel font
 * (no renderer here): two lines, two words each.  The blocky glyphs
 * are read reliably only by the English model, so the text is checked
 * with "eng" and the layout with both.
 */
static const struct {
	char c;
	const char *rows[7];
} glyphs[] = {
    {'H', {"10001", "10001", "10001", "11111", "10001", "10001", "10001"}},
    {'E', {"11111", "10000", "10000", "11110", "10000", "10000", "11111"}},
    {'L', {"10000", "10000", "10000", "10000", "10000", "10000", "11111"}},
    {'O', {"01110", "10001", "10001", "10001", "10001", "10001", "01110"}},
    {'W', {"10001", "10001", "10001", "10101", "10101", "10101", "01010"}},
    {'R', {"11110", "10001", "10001", "11110", "10100", "10010", "10001"}},
    {'D', {"11110", "10001", "10001", "10001", "10001", "10001", "11110"}},
};

#define FONT_SCALE 6

static void draw_glyph(unsigned char *g, uint32_t w, int x0, int y0, const char *const rows[7])
{
	for (int r = 0; r < 7; r++) {
		for (int c = 0; c < 5; c++) {
			if (rows[r][c] != '1')
				continue;
			for (int yy = 0; yy < FONT_SCALE; yy++) {
				size_t at = (size_t)(y0 + r * FONT_SCALE + yy) * w;

				memset(g + at + x0 + c * FONT_SCALE, 0, FONT_SCALE);
			}
		}
	}
}

static void draw_text(unsigned char *g, uint32_t w, int x0, int y0, const char *text)
{
	for (int i = 0; text[i]; i++)
		for (size_t k = 0; k < sizeof(glyphs) / sizeof(glyphs[0]); k++)
			if (glyphs[k].c == text[i])
				draw_glyph(g, w, x0 + i * 6 * FONT_SCALE, y0, glyphs[k].rows);
}

static void test_engine_words(void **state)
{
	const char *langs[] = {"vie", "eng"};
	tspec s = {GRAY8(ADOBE_DEFLATE, MINISBLACK), .w = 1200, .h = 600, .xres = 300,
	           .unit = RESUNIT_INCH};
	unsigned char *g = gray_rect(s.w, s.h, 0, 0, 0, 0, 0);
	char path[512];
	ocr_options o;
	ocr_engine *eng = NULL;
	ocr_result *r = NULL;
	ocr_image *img;
	core_err err;

	draw_text(g, s.w, 150, 150, "HELLO WORLD");
	draw_text(g, s.w, 150, 270, "OLD HERO");
	path_of(path, sizeof(path), "words.tif");
	write_tiff(path, &s, 1, &g);
	free(g);
	img = load_ok(path, 0);
	for (size_t l = 0; l < 2; l++) {
		ocr_options_default(&o);
		o.lang = langs[l];
		core_err_clear(&err);
		assert_int_equal(ocr_engine_create(&o, &eng, &err), 0);
		core_err_clear(&err);
		if (ocr_engine_recognize(eng, img, &r, &err) != 0)
			fail_msg("%s: %s (%s)", langs[l], err.msg, err.detail);
		assert_int_equal(r->n_words, 4);
		for (int i = 0; i < r->n_words; i++) {
			const ocr_word *w = &r->words[i];

			assert_true(w->text[0] != '\0');
			assert_true(w->conf >= 0.0f && w->conf <= 100.0f);
			assert_int_equal(w->block, 0);
			assert_int_equal(w->line, i / 2);
			assert_true(w->x0 < w->x1 && w->y0 < w->y1);
			/* Each box on its own line of glyphs, 42 px tall. */
			assert_in_range(w->y0, 140 + 120 * (i / 2), 160 + 120 * (i / 2));
			assert_in_range(w->y1, 182 + 120 * (i / 2), 202 + 120 * (i / 2));
		}
		assert_in_range(r->words[0].x0, 140, 160);
		assert_true(r->words[1].x0 > r->words[0].x1);
		if (strcmp(langs[l], "eng") == 0) {
			assert_string_equal(r->words[0].text, "HELLO");
			assert_string_equal(r->words[1].text, "WORLD");
			assert_non_null(strstr(r->text, "HELLO WORLD\n"));
			assert_true(r->mean_conf > 50.0f);
		}
		ocr_result_destroy(&r);
		ocr_engine_destroy(&eng);
	}
	ocr_image_destroy(&img);
}

/* Loads from several threads at once: per-handle libtiff messages, no shared state. */
typedef struct job {
	char good[512], broken[512], text[512];
	const char *want;
	int failures;
} job;

static void *worker(void *arg)
{
	job *j = arg;
	char got[CORE_SHA256_HEX];

	for (int i = 0; i < 20; i++) {
		ocr_image *img = NULL;
		core_err err;

		core_err_clear(&err);
		if (ocr_image_load(j->good, i % 3, NULL, &img, &err) != 0)
			j->failures++;
		if (i % 3 == 0) {
			ocr_image_sha256(img, got);
			if (strcmp(got, j->want) != 0)
				j->failures++;
		}
		ocr_image_destroy(&img);
		core_err_clear(&err);
		if (ocr_image_load(j->broken, 1, NULL, &img, &err) == 0 ||
		    err.code != CORE_EFORMAT || !strstr(err.detail, "page index 1"))
			j->failures++;
		ocr_image_destroy(&img);
		core_err_clear(&err);
		if (ocr_image_load(j->text, 0, NULL, &img, &err) == 0 || err.code != CORE_EFORMAT)
			j->failures++;
	}
	return NULL;
}

static void test_threads(void **state)
{
	unsigned char *g0 = gray_rect(PAT_W, PAT_H, PAT_X0, PAT_Y0, PAT_X1, PAT_Y1, 0);
	char want[CORE_SHA256_HEX];
	pthread_t th[4];
	job jobs[4];
	unsigned char junk[64];
	uint64_t off, len;
	int fd;

	expected_sha(g0, PAT_W, PAT_H, want);
	free(g0);
	for (int t = 0; t < 4; t++) {
		char name[64];

		memset(&jobs[t], 0, sizeof(jobs[t]));
		jobs[t].want = want;
		snprintf(name, sizeof(name), "t%d.tif", t);
		path_of(jobs[t].good, sizeof(jobs[t].good), name);
		write_three_pages(jobs[t].good,
		                  t % 2 ? COMPRESSION_LZW : COMPRESSION_ADOBE_DEFLATE);
		snprintf(name, sizeof(name), "tb%d.tif", t);
		path_of(jobs[t].broken, sizeof(jobs[t].broken), name);
		write_three_pages(jobs[t].broken, COMPRESSION_ADOBE_DEFLATE);
		strip0(jobs[t].broken, 1, &off, &len);
		memset(junk, 0xab, sizeof(junk));
		fd = open(jobs[t].broken, O_RDWR);
		assert_true(fd >= 0);
		assert_true(pwrite(fd, junk, len < 64 ? len : 64, (off_t)off) > 0);
		close(fd);
		snprintf(name, sizeof(name), "tx%d.jpg", t);
		path_of(jobs[t].text, sizeof(jobs[t].text), name);
		write_file(jobs[t].text, "not a picture\n", 14);
	}
	for (int t = 0; t < 4; t++)
		assert_int_equal(pthread_create(&th[t], NULL, worker, &jobs[t]), 0);
	for (int t = 0; t < 4; t++) {
		assert_int_equal(pthread_join(th[t], NULL), 0);
		assert_int_equal(jobs[t].failures, 0);
	}
}

static int setup(void **state)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/test_ocr.XXXXXX", base && *base ? base : "/tmp");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	char path[512];

	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		path_of(path, sizeof(path), e->d_name);
		unlink(path);
	}
	closedir(d);
	return rmdir(tmpdir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_destroy_null),
	    cmocka_unit_test(test_tiff_variants),
	    cmocka_unit_test(test_tiff_rgba_bands),
	    cmocka_unit_test(test_tiff_resolution),
	    cmocka_unit_test(test_tiff_multipage),
	    cmocka_unit_test(test_tiff_corrupt_strip),
	    cmocka_unit_test(test_tiff_strip_past_eof),
	    cmocka_unit_test(test_tiff_rgba_errors),
	    cmocka_unit_test(test_tiff_truncated),
	    cmocka_unit_test(test_tiff_bomb),
	    cmocka_unit_test(test_pnm),
	    cmocka_unit_test(test_pnm_truncated),
	    cmocka_unit_test(test_pnm_bomb),
	    cmocka_unit_test(test_png),
	    cmocka_unit_test(test_png_broken),
	    cmocka_unit_test(test_jpeg),
	    cmocka_unit_test(test_bad_inputs),
	    cmocka_unit_test(test_quiet),
	    cmocka_unit_test(test_blank),
	    cmocka_unit_test(test_engine_create),
	    cmocka_unit_test(test_engine_blank_page),
	    cmocka_unit_test(test_engine_words),
	    cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
