/*
 * test_ocr_pdf.c - PDF input: a page that is one embedded image comes
 * back with the image's own pixels and resolution (the same pixels as
 * the TIFF of the same scan), typed pages are rendered at 300 dpi with
 * their text layer, limits are applied before any decoding, encrypted,
 * truncated and corrupt files are refused with their reason.  Every
 * input is written at test time with cairo (bench_pdf.c) or by hand.
 */
#include "bench.h"
#include "ocr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
/* After stdio: jpeglib.h needs FILE and size_t. */
#include <jpeglib.h>

static char tmpdir[256];
static bench_raster scan[2];

static const char *const lines1[] = {"Trung tâm Phục vụ hành chính công",
                                     "Nguyễn Văn An, sinh ngày 05/03/1990"};
static const char *const lines2[] = {"Ủy ban nhân dân phường Bến Nghé"};
static const char *const typed[] = {"Quyết định về việc cấp giấy phép xây dựng",
                                    "Điều 1. Cấp giấy phép cho ông Lê Minh Tuấn"};

static void path_of(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", tmpdir, name);
}

static void write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* The first n bytes of src, as dst. */
static void cut_copy(const char *src, const char *dst, long n)
{
	FILE *f = fopen(src, "rb");
	char *buf = malloc((size_t)n);

	assert_non_null(f);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	write_file(dst, buf, (size_t)n);
	free(buf);
}

static long file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return (long)st.st_size;
}

static void make_scan_pdf(const char *path)
{
	core_err err;

	core_err_clear(&err);
	assert_int_equal(bench_write_pdf(path, scan, 2, &err), 0);
}

static void test_probe_and_native_pixels(void **state)
{
	char pdf[512], tif[512], sha_pdf[CORE_SHA256_HEX], sha_tif[CORE_SHA256_HEX];
	ocr_probe pr;
	ocr_image *a = NULL, *b = NULL;
	core_err err;

	(void)state;
	core_err_clear(&err);
	path_of(pdf, sizeof(pdf), "scan.pdf");
	path_of(tif, sizeof(tif), "scan.tif");
	make_scan_pdf(pdf);
	assert_int_equal(bench_write_tiff(tif, scan, 2, "lzw", 8, true, &err), 0);
	assert_int_equal(ocr_file_probe(pdf, NULL, &pr, &err), 0);
	assert_int_equal(pr.format, OCR_FMT_PDF);
	assert_string_equal(ocr_format_name(pr.format), "pdf");
	assert_int_equal(pr.pages, 2);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(ocr_image_load(pdf, i, NULL, &a, &err), 0);
		assert_int_equal(ocr_image_load(tif, i, NULL, &b, &err), 0);
		/* The image itself, not a rendering of it: same size, same pixels. */
		assert_int_equal(ocr_image_width(a), scan[i].width);
		assert_int_equal(ocr_image_height(a), scan[i].height);
		assert_int_equal(ocr_image_dpi(a), 300);
		assert_false(ocr_image_dpi_assumed(a));
		ocr_image_sha256(a, sha_pdf);
		ocr_image_sha256(b, sha_tif);
		assert_string_equal(sha_pdf, sha_tif);
		/* A scan carries no text of its own. */
		assert_null(ocr_image_text_layer(a));
		ocr_image_destroy(&a);
		ocr_image_destroy(&b);
	}
	assert_int_not_equal(ocr_image_load(pdf, 2, NULL, &a, &err), 0);
	assert_int_equal(err.code, CORE_EARG);
	assert_null(a);
}

/* A 200 dpi scan stays 200 dpi: native resolution, no resampling to 300. */
static void test_native_resolution(void **state)
{
	static const char *const l[] = {"Sở Tư pháp thành phố Hồ Chí Minh"};
	bench_raster r;
	char pdf[512];
	ocr_image *img = NULL;
	core_err err;

	(void)state;
	core_err_clear(&err);
	assert_int_equal(bench_render_lines(l, 1, "DejaVu Sans", 12, 200, &r, &err), 0);
	path_of(pdf, sizeof(pdf), "dpi200.pdf");
	assert_int_equal(bench_write_pdf(pdf, &r, 1, &err), 0);
	assert_int_equal(ocr_image_load(pdf, 0, NULL, &img, &err), 0);
	assert_int_equal(ocr_image_dpi(img), 200);
	assert_int_equal(ocr_image_width(img), r.width);
	assert_int_equal(ocr_image_height(img), r.height);
	/* Pixel for pixel: a dark glyph pixel and a white margin pixel. */
	for (int y = 0; y < r.height; y += 7)
		for (int x = 0; x < r.width; x += 5)
			if (ocr_image_gray_at(img, x, y) != r.pixels[(size_t)y * r.width + x])
				fail_msg("pixel %d,%d differs", x, y);
	ocr_image_destroy(&img);
	bench_raster_free(&r);
}

/* Index of the first word whose text is w, or -1. */
static int find_word(const ocr_result *res, const char *w)
{
	for (int i = 0; i < res->n_words; i++)
		if (strcmp(res->words[i].text, w) == 0)
			return i;
	return -1;
}

static void test_text_layer(void **state)
{
	char pdf[512];
	ocr_image *img = NULL;
	const ocr_result *res;
	const ocr_word *w;
	core_err err;
	int i, dark = 0, lines_seen = 0;

	(void)state;
	core_err_clear(&err);
	path_of(pdf, sizeof(pdf), "typed.pdf");
	assert_int_equal(
	    bench_write_text_pdf(pdf, typed, 2, "Liberation Serif", 14, 595.28, 841.89, &err), 0);
	assert_int_equal(ocr_image_load(pdf, 0, NULL, &img, &err), 0);
	/* Not one image: rendered at 300 dpi, A4 is 2480.3 x 3507.9 pixels. */
	assert_int_equal(ocr_image_dpi(img), 300);
	assert_in_range(ocr_image_width(img), 2480, 2481);
	assert_in_range(ocr_image_height(img), 3507, 3508);
	res = ocr_image_text_layer(img);
	assert_non_null(res);
	assert_non_null(strstr(res->text, "Quyết định về việc cấp giấy phép xây dựng\n"));
	assert_non_null(strstr(res->text, "Điều 1. Cấp giấy phép cho ông Lê Minh Tuấn"));
	for (const char *p = res->text; *p; p++)
		lines_seen += *p == '\n';
	assert_true(lines_seen >= 2);
	i = find_word(res, "Tuấn");
	assert_true(i >= 0);
	w = &res->words[i];
	assert_true(w->x0 < w->x1 && w->y0 < w->y1);
	assert_true(w->conf >= 99.0f);
	/* The box holds the rendered word: ink inside, in the second line. */
	for (int y = w->y0; y < w->y1; y++)
		for (int x = w->x0; x < w->x1; x++)
			dark += ocr_image_gray_at(img, x, y) < 128;
	assert_true(dark > 50);
	assert_true(w->line > res->words[find_word(res, "Quyết")].line);
	/* Turned, the boxes would be wrong: the layer goes. */
	assert_int_equal(ocr_image_rotate(img, 90, &err), 0);
	assert_null(ocr_image_text_layer(img));
	ocr_image_destroy(&img);
}

static void test_limits(void **state)
{
	char pdf[512], huge[512];
	ocr_limits lim;
	ocr_probe pr;
	ocr_image *img = NULL;
	core_err err;
	clock_t t0;

	(void)state;
	path_of(pdf, sizeof(pdf), "scan.pdf");
	make_scan_pdf(pdf);
	/* The embedded image's declared size, before decoding it. */
	ocr_limits_default(&lim);
	lim.max_megapixels = 1;
	core_err_clear(&err);
	assert_int_equal(ocr_image_load(pdf, 0, &lim, &img, &err), CORE_ELIMIT);
	assert_null(img);
	assert_non_null(strstr(err.msg, "pixel limit"));
	assert_non_null(strstr(err.detail, "embedded image"));
	/* Page count. */
	ocr_limits_default(&lim);
	lim.max_pages = 1;
	core_err_clear(&err);
	assert_int_equal(ocr_file_probe(pdf, &lim, &pr, &err), CORE_ELIMIT);
	assert_non_null(strstr(err.msg, "too many pages"));
	/* A 200 x 200 inch page would be 3,600 megapixels at 300 dpi: refused
	 * from its size, at once, never allocated. */
	path_of(huge, sizeof(huge), "huge.pdf");
	core_err_clear(&err);
	assert_int_equal(
	    bench_write_text_pdf(huge, typed, 1, "DejaVu Sans", 14, 14400, 14400, &err), 0);
	assert_int_equal(ocr_file_probe(huge, NULL, &pr, &err), 0);
	t0 = clock();
	assert_int_equal(ocr_image_load(huge, 0, NULL, &img, &err), CORE_ELIMIT);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	assert_non_null(strstr(err.detail, "14400 x 14400 pt"));
	assert_null(img);
}

/* A minimal PDF whose standard security handler wants a user password. */
static void write_encrypted(const char *path)
{
	static const char *const objs[] = {
	    "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
	    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
	    "<< /Filter /Standard /V 1 /R 2 /P -4"
	    " /O <5a3f0c9d7e11b2c4d6e8f0a1b3c5d7e95a3f0c9d7e11b2c4d6e8f0a1b3c5d7e9>"
	    " /U <0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef> >>"};
	char buf[4096];
	long off[4];
	size_t n = 0;

	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%%PDF-1.4\n");
	for (int i = 0; i < 4; i++) {
		off[i] = (long)n;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%d 0 obj\n%s\nendobj\n", i + 1,
		                      objs[i]);
	}
	long xref = (long)n;
	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "xref\n0 5\n0000000000 65535 f \n");
	for (int i = 0; i < 4; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%010ld 00000 n \n", off[i]);
	n += (size_t)snprintf(
	    buf + n, sizeof(buf) - n,
	    "trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID "
	    "[<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]"
	    " >>\nstartxref\n%ld\n%%%%EOF\n",
	    xref);
	assert_true(n < sizeof(buf));
	write_file(path, buf, n);
}

static void test_broken(void **state)
{
	char pdf[512], bad[512];
	ocr_probe pr;
	ocr_image *img = NULL;
	core_err err;
	long size;

	(void)state;
	path_of(pdf, sizeof(pdf), "scan.pdf");
	make_scan_pdf(pdf);
	size = file_size(pdf);
	/* Cut anywhere before its cross-reference table: refused, never a
	 * page quietly lost or padded. */
	for (int pct = 10; pct <= 90; pct += 20) {
		path_of(bad, sizeof(bad), "cut.pdf");
		cut_copy(pdf, bad, size * pct / 100);
		core_err_clear(&err);
		assert_int_not_equal(ocr_file_probe(bad, NULL, &pr, &err), 0);
		assert_int_equal(err.code, CORE_EFORMAT);
		assert_int_not_equal(ocr_image_load(bad, 0, NULL, &img, &err), 0);
		assert_null(img);
	}
	core_err_clear(&err);
	path_of(bad, sizeof(bad), "cut.pdf");
	cut_copy(pdf, bad, size * 7 / 10);
	ocr_file_probe(bad, NULL, &pr, &err);
	assert_non_null(strstr(err.msg, "broken pdf"));
	assert_non_null(strstr(err.detail, "truncated"));

	path_of(bad, sizeof(bad), "locked.pdf");
	write_encrypted(bad);
	core_err_clear(&err);
	assert_int_equal(ocr_file_probe(bad, NULL, &pr, &err), CORE_EFORMAT);
	assert_string_equal(err.msg, "encrypted pdf");
	core_err_clear(&err);
	assert_int_equal(ocr_image_load(bad, 0, NULL, &img, &err), CORE_EFORMAT);
	assert_string_equal(err.msg, "encrypted pdf");

	path_of(bad, sizeof(bad), "junk.pdf");
	write_file(bad, "%PDF-1.7\nnot really\n", 20);
	core_err_clear(&err);
	assert_int_equal(ocr_file_probe(bad, NULL, &pr, &err), CORE_EFORMAT);
	assert_int_equal(pr.pages, 0);
}

/* A raster as a baseline gray JPEG in memory (malloc'd). */
static unsigned char *jpeg_of(const bench_raster *r, unsigned long *n)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	unsigned char *out = NULL;
	JSAMPROW row;

	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &out, n);
	c.image_width = (JDIMENSION)r->width;
	c.image_height = (JDIMENSION)r->height;
	c.input_components = 1;
	c.in_color_space = JCS_GRAYSCALE;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 85, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		row = r->pixels + (size_t)c.next_scanline * (size_t)r->width;
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	return out;
}

/*
 * One page at 300 dpi holding one gray image of w x h, dict the image
 * dictionary's /Filter and /Decode entries ("": raw samples): a
 * scanner's PDF; with a black square drawn over a corner (drawn), a
 * page MuPDF renders.
 */
static void write_image_pdf(const char *path, const unsigned char *jpg, size_t n, int w, int h,
                            const char *dict, bool drawn)
{
	char obj[5][256], content[128];
	long off[6];
	FILE *f = fopen(path, "wb");
	double pw = w * 72.0 / 300, ph = h * 72.0 / 300;

	assert_non_null(f);
	snprintf(content, sizeof(content), "q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q%s", pw, ph,
	         drawn ? " 0 0 9 9 re f" : "");
	snprintf(obj[0], sizeof(obj[0]), "<< /Type /Catalog /Pages 2 0 R >>");
	snprintf(obj[1], sizeof(obj[1]), "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
	snprintf(obj[2], sizeof(obj[2]),
	         "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents 4 0 R"
	         " /Resources << /XObject << /Im0 5 0 R >> >> >>",
	         pw, ph);
	fputs("%PDF-1.4\n", f);
	for (int i = 0; i < 3; i++) {
		off[i] = ftell(f);
		fprintf(f, "%d 0 obj\n%s\nendobj\n", i + 1, obj[i]);
	}
	off[3] = ftell(f);
	fprintf(f, "4 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n", strlen(content),
	        content);
	off[4] = ftell(f);
	fprintf(f,
	        "5 0 obj\n<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace"
	        " /DeviceGray /BitsPerComponent 8%s /Length %zu >>\nstream\n",
	        w, h, dict, n);
	assert_int_equal(fwrite(jpg, 1, n, f), n);
	fputs("\nendstream\nendobj\n", f);
	off[5] = ftell(f);
	fputs("xref\n0 6\n0000000000 65535 f \n", f);
	for (int i = 0; i < 5; i++)
		fprintf(f, "%010ld 00000 n \n", off[i]);
	fprintf(f, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", off[5]);
	assert_int_equal(fclose(f), 0);
}

/* stderr goes to a file until stderr_back, which fails the test when
 * anything was written there: the JSON log shares it. */
static int stderr_aside(char *log, size_t size)
{
	int saved;

	path_of(log, size, "stderr.txt");
	fflush(stderr);
	saved = dup(2);
	assert_true(saved >= 0);
	assert_non_null(freopen(log, "w", stderr));
	return saved;
}

static void stderr_back(int saved, const char *log, const char *what)
{
	char said[256] = "";
	FILE *f;
	bool wrote;

	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	f = fopen(log, "r");
	assert_non_null(f);
	wrote = fgets(said, sizeof(said), f) != NULL;
	fclose(f);
	if (wrote)
		fail_msg("%s wrote to stderr: %s", what, said);
}

/*
 * A scanner's PDF whose JPEG is damaged: refused like a damaged .jpg,
 * with libjpeg's reason, and nothing printed.  MuPDF would decode it
 * with gray fill and let libjpeg print its warning on stderr.
 */
static void test_damaged_jpeg(void **state)
{
	char pdf[512], log[512];
	unsigned long n = 0;
	unsigned char *jpg = jpeg_of(&scan[0], &n);
	ocr_image *img = NULL;
	core_err err;
	int saved;

	(void)state;
	assert_non_null(jpg);
	path_of(pdf, sizeof(pdf), "dct.pdf");
	/*
	 * The page as the image itself (decoded by sohoa), the same inverted
	 * (/Decode [1 0]: decoded by MuPDF), and drawn over (rendered by MuPDF).
	 */
	for (int way = 0; way < 3; way++) {
		const char *dict =
		    way == 1 ? " /Filter /DCTDecode /Decode [1 0]" : " /Filter /DCTDecode";

		write_image_pdf(pdf, jpg, n, scan[0].width, scan[0].height, dict, way == 2);
		core_err_clear(&err);
		assert_int_equal(ocr_image_load(pdf, 0, NULL, &img, &err), 0);
		assert_int_equal(ocr_image_width(img), scan[0].width);
		assert_int_equal(ocr_image_height(img), scan[0].height);
		assert_int_equal(ocr_image_dpi(img), 300);
		ocr_image_destroy(&img);

		write_image_pdf(pdf, jpg, n * 6 / 10, scan[0].width, scan[0].height, dict,
		                way == 2);
		saved = stderr_aside(log, sizeof(log));
		core_err_clear(&err);
		assert_int_equal(ocr_image_load(pdf, 0, NULL, &img, &err), CORE_EFORMAT);
		stderr_back(saved, log, "a damaged jpeg");
		assert_null(img);
		assert_string_equal(err.msg,
		                    way ? "cannot decode pdf image" : "cannot decode image");
		/* libjpeg's own reason, as sohoa's check gives it (not MuPDF's). */
		assert_non_null(strstr(err.detail, ": jpeg: "));
	}
	free(jpg);
}

/*
 * A JPEG with a stray byte before its scan (libjpeg warns, the pixels
 * are whole) decoded by MuPDF, inverted or drawn over: the page loads,
 * and libjpeg's warning does not reach stderr, where the JSON log is.
 */
static void test_jpeg_warning_quiet(void **state)
{
	static const char *const dicts[] = {" /Filter /DCTDecode /Decode [1 0]",
	                                    " /Filter /DCTDecode"};
	char pdf[512], log[512];
	unsigned long n = 0;
	unsigned char *jpg = jpeg_of(&scan[0], &n), *odd;
	ocr_image *img = NULL;
	size_t sos = 0;
	core_err err;
	int saved;

	(void)state;
	assert_non_null(jpg);
	for (size_t i = 2; i + 1 < n && !sos; i++)
		if (jpg[i] == 0xff && jpg[i + 1] == 0xda)
			sos = i;
	assert_true(sos > 0);
	odd = malloc(n + 1);
	assert_non_null(odd);
	memcpy(odd, jpg, sos);
	odd[sos] = 0;
	memcpy(odd + sos + 1, jpg + sos, n - sos);
	path_of(pdf, sizeof(pdf), "dct.pdf");
	for (int way = 0; way < 2; way++) {
		write_image_pdf(pdf, odd, n + 1, scan[0].width, scan[0].height, dicts[way],
		                way == 1);
		saved = stderr_aside(log, sizeof(log));
		core_err_clear(&err);
		assert_int_equal(ocr_image_load(pdf, 0, NULL, &img, &err), 0);
		stderr_back(saved, log, "libjpeg, through MuPDF,");
		assert_int_equal(ocr_image_width(img), scan[0].width);
		ocr_image_destroy(&img);
	}
	free(odd);
	free(jpg);
}

/* A line end before a JPEG's start marker, which MuPDF skips: the page
 * loads, read by sohoa's decoder and drawn by MuPDF alike. */
static void test_jpeg_stray_newline(void **state)
{
	unsigned long n = 0;
	unsigned char *jpg = jpeg_of(&scan[0], &n), *odd;
	char pdf[512];
	ocr_image *img = NULL;
	core_err err;

	(void)state;
	assert_non_null(jpg);
	odd = malloc(n + 2);
	assert_non_null(odd);
	memcpy(odd, "\r\n", 2);
	memcpy(odd + 2, jpg, n);
	path_of(pdf, sizeof(pdf), "dct.pdf");
	for (int drawn = 0; drawn < 2; drawn++) {
		write_image_pdf(pdf, odd, n + 2, scan[0].width, scan[0].height,
		                " /Filter /DCTDecode", drawn);
		core_err_clear(&err);
		assert_int_equal(ocr_image_load(pdf, 0, NULL, &img, &err), 0);
		assert_int_equal(ocr_image_width(img), scan[0].width);
		ocr_image_destroy(&img);
	}
	free(odd);
	free(jpg);
}

/*
 * Short image data of any filter (here none) on a page MuPDF draws:
 * MuPDF would pad it with gray and draw half a page as if whole.
 */
static void test_short_image_drawn(void **state)
{
	size_t n = (size_t)scan[0].width * (size_t)scan[0].height;
	char pdf[512];
	ocr_image *img = NULL;
	core_err err;

	(void)state;
	path_of(pdf, sizeof(pdf), "raw.pdf");
	write_image_pdf(pdf, scan[0].pixels, n, scan[0].width, scan[0].height, "", true);
	core_err_clear(&err);
	assert_int_equal(ocr_image_load(pdf, 0, NULL, &img, &err), 0);
	assert_int_equal(ocr_image_width(img), scan[0].width);
	ocr_image_destroy(&img);

	write_image_pdf(pdf, scan[0].pixels, n / 2, scan[0].width, scan[0].height, "", true);
	core_err_clear(&err);
	assert_int_equal(ocr_image_load(pdf, 0, NULL, &img, &err), CORE_EFORMAT);
	assert_null(img);
	assert_string_equal(err.msg, "cannot decode pdf image");
	assert_non_null(strstr(err.detail, pdf));
}

/* MuPDF's own messages would break the pipeline's JSON log lines. */
static void test_quiet(void **state)
{
	char bad[512], log[512];
	ocr_probe pr;
	core_err err;
	int saved;

	(void)state;
	path_of(bad, sizeof(bad), "quiet.pdf");
	make_scan_pdf(bad);
	cut_copy(bad, bad, file_size(bad) / 2);
	saved = stderr_aside(log, sizeof(log));
	core_err_clear(&err);
	ocr_file_probe(bad, NULL, &pr, &err);
	stderr_back(saved, log, "mupdf");
}

static int setup(void **state)
{
	const char *base = getenv("TMPDIR");
	core_err err;

	(void)state;
	core_err_clear(&err);
	snprintf(tmpdir, sizeof(tmpdir), "%s/test_ocr_pdf.XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir))
		return -1;
	if (bench_render_lines(lines1, 2, "Liberation Serif", 14, 300, &scan[0], &err) ||
	    bench_render_lines(lines2, 1, "Liberation Serif", 14, 300, &scan[1], &err))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	static const char *const names[] = {"scan.pdf",  "scan.tif",   "dpi200.pdf", "typed.pdf",
	                                    "huge.pdf",  "cut.pdf",    "locked.pdf", "junk.pdf",
	                                    "quiet.pdf", "stderr.txt", "dct.pdf",    "raw.pdf"};
	char path[512];

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		path_of(path, sizeof(path), names[i]);
		unlink(path);
	}
	for (int i = 0; i < 2; i++)
		bench_raster_free(&scan[i]);
	bench_shutdown();
	return rmdir(tmpdir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_probe_and_native_pixels),
	    cmocka_unit_test(test_native_resolution),
	    cmocka_unit_test(test_text_layer),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_broken),
	    cmocka_unit_test(test_quiet),
	    cmocka_unit_test(test_damaged_jpeg),
	    cmocka_unit_test(test_short_image_drawn),
	    cmocka_unit_test(test_jpeg_warning_quiet),
	    cmocka_unit_test(test_jpeg_stray_newline),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
