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
#include <unistd.h>

#include "raster_fixtures.h"

ocr_image *rfx_load(const bench_raster *r)
{
	char path[] = "/tmp/sohoa-raster-XXXXXX";
	ocr_image *img = NULL;
	core_err err;
	int fd;

	core_err_clear(&err);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(bench_write_tiff(path, r, 1, "lzw", 8, true, &err), 0);
	assert_int_equal(ocr_image_load(path, 0, NULL, &img, &err), 0);
	unlink(path);
	return img;
}
