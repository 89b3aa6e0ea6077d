/*
 * raster_fixtures.h - rendered test pages into the ocr module: a
 * bench_raster (text rendered with known lines) written to a temporary
 * TIFF and loaded back as the pipeline loads a scan, and the CER of its
 * reading.  Shared by the ocr tests that render text; uses cmocka
 * assertions.
 */
#ifndef SOHOA_TEST_RASTER_FIXTURES_H
#define SOHOA_TEST_RASTER_FIXTURES_H

#include "bench.h"
#include "ocr.h"

/* r as an ocr_image, through a temporary 8-bit LZW TIFF at r's dpi. */
ocr_image *rfx_load(const bench_raster *r);
/* The same through a TIFF of the given compression and bits per sample
 * (bench_write_tiff's: "g4" and 1 for a bilevel page). */
ocr_image *rfx_load_as(const bench_raster *r, const char *compression, int bits);
/* CER of eng's reading of img against the n lines it was rendered from;
 * the result is handed over in *keep, else destroyed. */
double rfx_page_cer(ocr_engine *eng, const ocr_image *img, const char *const *lines, int n,
                    ocr_result **keep);

#endif
