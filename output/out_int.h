/* out_int.h - private to the output module. */
#ifndef SOHOA_OUT_INT_H
#define SOHOA_OUT_INT_H

#include "output.h"

#include <stdio.h>

/* A temporary file beside path (tmp receives its name). */
int out_tmp_create(const char *path, char *tmp, size_t size, FILE **f, core_err *err);
/*
 * Flushes and closes *f, then renames tmp over path unless path already
 * holds info->size bytes hashing to info->sha256 (which the caller
 * fills); tmp is removed in every other case.  Sets info->written.
 */
int out_tmp_commit(FILE **f, char *tmp, const char *path, out_file_info *info, core_err *err);

struct out_assets {
	unsigned char *font; /* pdf.ttf: one blank glyph, for text nobody sees */
	size_t font_size;
	unsigned char *icc; /* sRGB, for the PDF/A output intent */
	size_t icc_size;
};

#endif
