/*
 * out_pdf_assets.c - the two things every archival PDF embeds besides
 * its pages.
 *
 * PDF/A wants every font embedded, even one drawn invisibly: Tesseract
 * ships pdf.ttf, a font whose one glyph is blank, made for exactly
 * this text layer.  PDF/A also wants an output intent with an ICC
 * profile: LittleCMS builds the standard sRGB profile in memory, so no
 * profile file has to be found on the machine.
 */
#include "out_int.h"

#include <lcms2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define OUT_FONT_MAX (1u << 20)

static int read_small_file(const char *path, unsigned char **data, size_t *size)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	int rc = -1;

	if (!f)
		return -1;
	if (fstat(fileno(f), &sb) != 0 || sb.st_size <= 0 || (size_t)sb.st_size > OUT_FONT_MAX)
		goto out;
	if (!(*data = malloc((size_t)sb.st_size)))
		goto out;
	if (fread(*data, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
		free(*data);
		*data = NULL;
		goto out;
	}
	*size = (size_t)sb.st_size;
	rc = 0;
out:
	fclose(f);
	return rc;
}

static int find_font(const char *tessdata, out_assets *a, core_err *err)
{
	/* Tesseract's own search order: the option, TESSDATA_PREFIX, then
	 * where Debian's tesseract-ocr packages put their data. */
	const char *env = getenv("TESSDATA_PREFIX");
	const char *dirs[] = {tessdata,
	                      env,
	                      env,
	                      "/usr/share/tesseract-ocr/5/tessdata",
	                      "/usr/share/tesseract-ocr/4.00/tessdata",
	                      "/usr/share/tessdata"};
	const char *sub[] = {"", "", "/tessdata", "", "", ""};
	char path[4096];

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (!dirs[i] || !dirs[i][0])
			continue;
		snprintf(path, sizeof(path), "%s%s/pdf.ttf", dirs[i], sub[i]);
		if (read_small_file(path, &a->font, &a->font_size) == 0)
			return 0;
	}
	core_err_set(err, CORE_EIO, "tesseract's pdf.ttf font not found");
	core_err_detail(err,
	                "looked in --tessdata, $TESSDATA_PREFIX and the tesseract-ocr folders");
	return -1;
}

static int make_icc(out_assets *a, core_err *err)
{
	cmsHPROFILE p = cmsCreate_sRGBProfile();
	cmsUInt32Number n = 0;
	int rc = -1;

	if (!p)
		return core_err_set(err, CORE_ENOMEM, "cannot make the srgb profile");
	if (!cmsSaveProfileToMem(p, NULL, &n) || n == 0 || !(a->icc = malloc(n)) ||
	    !cmsSaveProfileToMem(p, a->icc, &n)) {
		core_err_set(err, CORE_ENOMEM, "cannot make the srgb profile");
		goto out;
	}
	a->icc_size = n;
	/* LittleCMS stamps the header with the time of creation; a fixed
	 * one keeps the PDF the same bytes from run to run.  The profile
	 * ID (an MD5 that would cover the date) is then zero, which ICC
	 * defines as "not computed". */
	if (n >= 128) {
		static const unsigned char when[12] = {0x07, 0xD0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0};
		memcpy(a->icc + 24, when, sizeof(when));
		memset(a->icc + 84, 0, 16);
	}
	rc = 0;
out:
	cmsCloseProfile(p);
	return rc;
}

int out_assets_load(const char *tessdata, out_assets **out, core_err *err)
{
	out_assets *a = calloc(1, sizeof(*a));

	*out = NULL;
	if (!a)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	if (find_font(tessdata, a, err) || make_icc(a, err)) {
		out_assets_destroy(&a);
		return -1;
	}
	*out = a;
	return 0;
}

void out_assets_destroy(out_assets **pa)
{
	out_assets *a;

	if (!pa || !*pa)
		return;
	a = *pa;
	free(a->font);
	free(a->icc);
	free(a);
	*pa = NULL;
}
