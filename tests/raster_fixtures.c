/*
 * raster_fixtures.c - see raster_fixtures.h.
 */
/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "raster_fixtures.h"

ocr_image *rfx_load_as(const bench_raster *r, const char *compression, int bits)
{
	char path[] = "/tmp/sohoa-raster-XXXXXX";
	ocr_image *img = NULL;
	core_err err;
	int fd;

	core_err_clear(&err);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(bench_write_tiff(path, r, 1, compression, bits, true, &err), 0);
	assert_int_equal(ocr_image_load(path, 0, NULL, &img, &err), 0);
	unlink(path);
	return img;
}

ocr_image *rfx_load(const bench_raster *r)
{
	return rfx_load_as(r, "lzw", 8);
}

double rfx_page_cer(ocr_engine *eng, const ocr_image *img, const char *const *lines, int n,
                    ocr_result **keep)
{
	char ref[4096] = "";
	classify_errcount c;
	ocr_result *res = NULL;
	core_err err;
	double rate;

	core_err_clear(&err);
	assert_int_equal(ocr_engine_recognize(eng, img, &res, &err), 0);
	for (int i = 0; i < n; i++) {
		strncat(ref, lines[i], sizeof(ref) - strlen(ref) - 2);
		strncat(ref, "\n", sizeof(ref) - strlen(ref) - 1);
	}
	assert_int_equal(classify_cer(ref, res->text, false, &c, &err), 0);
	rate = classify_rate(&c);
	if (keep)
		*keep = res;
	else
		ocr_result_destroy(&res);
	return rate;
}
