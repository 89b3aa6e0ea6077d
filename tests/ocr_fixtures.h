/*
 * ocr_fixtures.h - test pictures shared by the ocr unit tests
 * (test_ocr, test_ocr_formats, test_ocr_engine): a TIFF writer driven
 * by libtiff at test time (no binary fixtures), the reference pattern,
 * a scratch directory and error checks.  Compiled into each of those
 * executables; the functions use cmocka assertions.
 */
#ifndef SOHOA_TEST_OCR_FIXTURES_H
#define SOHOA_TEST_OCR_FIXTURES_H

#include "ocr.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tiffio.h>

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

/* The scratch directory of the running test group, made by ocrfx_setup. */
extern char ocrfx_tmpdir[256];

/* cmocka group setup: makes ocrfx_tmpdir under $TMPDIR (or /tmp). */
int ocrfx_setup(void **state);
/* cmocka group teardown: empties and removes ocrfx_tmpdir. */
int ocrfx_teardown(void **state);
/* buf = ocrfx_tmpdir/name. */
void ocrfx_path_of(char *buf, size_t n, const char *name);
/* w*h gray, white, with a rectangle [x0,x1)x[y0,y1) of value ink. */
unsigned char *ocrfx_gray_rect(uint32_t w, uint32_t h, uint32_t x0, uint32_t y0, uint32_t x1,
                               uint32_t y1, unsigned char ink);
/* The reference picture (PAT_*), caller frees. */
unsigned char *ocrfx_gray_pattern(void);
/* Sets bit x of a packed 1-bit row, most significant bit first, when bit is set. */
void ocrfx_set_bit(unsigned char *row, uint32_t x, unsigned bit);
/* pages pictures, grays[p] for page p. */
void ocrfx_write_tiff(const char *path, const tspec *s, int pages, unsigned char *const *grays);
/* A file holding exactly n bytes of data. */
void ocrfx_write_file(const char *path, const void *data, size_t n);
/* Loads page index of path or fails the test with the error. */
ocr_image *ocrfx_load_ok(const char *path, int index);
/* rc failed with code and, unless msg is NULL, that message. */
void ocrfx_expect_err(int rc, const core_err *err, core_code code, const char *msg);
/* img is the reference picture, within a tolerance if lossy. */
void ocrfx_check_pattern(const ocr_image *img, bool lossy, const char *name);
/* The documented hash layout: LE32 width, LE32 height, rows of gray bytes. */
void ocrfx_expected_sha(const unsigned char *gray, uint32_t w, uint32_t h,
                        char out[CORE_SHA256_HEX]);
/* Page p has its rectangle at gray p*100, so pages cannot be mixed up. */
void ocrfx_write_three_pages(const char *path, uint16_t comp);
/* Offset and length of the first strip of directory dir. */
void ocrfx_strip0(const char *path, int dir, uint64_t *off, uint64_t *len);

#endif
