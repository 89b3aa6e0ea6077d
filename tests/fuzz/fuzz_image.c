/*
 * fuzz_image.c - any bytes as a scanned file: the format probe, every
 * page's decoding (TIFF through libtiff, PNG and JPEG through their
 * libraries, PNM through Leptonica, PDF through MuPDF), then what the
 * batch does to a page before Tesseract sees it.  A bad file must come
 * back as an error, never a crash, a leak or undefined behaviour.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "ocr.h"

/* Small pages and few of them keep one input in milliseconds; the limits
 * are checked from headers before any pixel buffer exists. */
#define FUZZ_IMAGE_MAX_MP    1.0
#define FUZZ_IMAGE_MAX_PAGES 4

static char fuzz_path[4096];

static void fuzz_image_cleanup(void)
{
	if (fuzz_path[0])
		unlink(fuzz_path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	snprintf(fuzz_path, sizeof(fuzz_path), "%s/sohoa-fuzz-image-XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemp(fuzz_path)) < 0) {
		perror("fuzz_image: mkstemp");
		abort();
	}
	close(fd);
	atexit(fuzz_image_cleanup);
	return 0;
}

static bool fuzz_image_write(const uint8_t *data, size_t size)
{
	FILE *f = fopen(fuzz_path, "wb");
	bool ok = f && fwrite(data, 1, size, f) == size;

	if (f && fclose(f) != 0)
		ok = false;
	return ok;
}

/* The page as the batch and the archival outputs treat it. */
static void fuzz_image_page(ocr_image *img, uint8_t steer)
{
	char hex[CORE_SHA256_HEX];
	ocr_clean_info info;
	ocr_encoded enc = {0};
	unsigned char *png = NULL;
	size_t png_size = 0;
	double ink, angle, conf;
	int rotation;
	core_err err = {0};

	(void)ocr_image_width(img);
	(void)ocr_image_height(img);
	(void)ocr_image_dpi(img);
	(void)ocr_image_black_white(img);
	(void)ocr_image_text_layer(img);
	ocr_image_sha256(img, hex);
	if (ocr_image_is_blank(img, &ink))
		return;
	core_err_clear(&err);
	if (ocr_image_clean(img, (steer & 1) ? OCR_STEPS_ALL : OCR_STEPS_DEFAULT, &info, &err) != 0)
		return;
	core_err_clear(&err);
	if (ocr_image_orient(img, &rotation, &conf, &err) != 0)
		return;
	core_err_clear(&err);
	if (ocr_image_deskew(img, &angle, &conf, &err) != 0)
		return;
	core_err_clear(&err);
	if (ocr_image_encode(img, (steer & 2) != 0, 75, &enc, &err) == 0)
		ocr_encoded_clear(&enc);
	core_err_clear(&err);
	if ((steer & 4) && ocr_image_png(img, &png, &png_size, &err) == 0)
		free(png);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ocr_limits lim;
	ocr_probe probe;
	core_err err = {0};

	if (!fuzz_image_write(data, size))
		abort(); /* the harness itself failed, not the code under test */
	ocr_limits_default(&lim);
	lim.max_megapixels = FUZZ_IMAGE_MAX_MP;
	lim.max_pages = FUZZ_IMAGE_MAX_PAGES;
	if (ocr_file_probe(fuzz_path, &lim, &probe, &err) != 0)
		return 0;
	for (int i = 0; i < probe.pages && i < FUZZ_IMAGE_MAX_PAGES; i++) {
		ocr_image *img = NULL;

		core_err_clear(&err);
		if (ocr_image_load(fuzz_path, i, &lim, &img, &err) != 0) {
			if (getenv("SOHOA_FUZZ_VERBOSE"))
				fprintf(stderr, "page %d of %d: %s (%s)\n", i + 1, probe.pages,
				        err.msg, err.detail);
			/* An error must say what went wrong. */
			if (err.code == CORE_OK || !err.msg[0])
				abort();
			continue;
		}
		if (getenv("SOHOA_FUZZ_VERBOSE"))
			fprintf(stderr, "page %d of %d: %s %dx%d\n", i + 1, probe.pages,
			        ocr_format_name(probe.format), ocr_image_width(img),
			        ocr_image_height(img));
		fuzz_image_page(img, size ? data[size - 1] : 0);
		ocr_image_destroy(&img);
		if (img)
			abort();
	}
	return 0;
}
