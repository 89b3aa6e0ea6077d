/*
 * classify.h - from OCR text to meaning.  For now: the text layer that
 * classification builds on and that measures OCR against ground truth
 * (Unicode normalization, accent folding, CER and WER).
 */
#ifndef SOHOA_CLASSIFY_H
#define SOHOA_CLASSIFY_H

#include "core.h"

/* NFC of UTF-8 text; malloc'd.  Invalid UTF-8 is CORE_EFORMAT. */
char *classify_text_nfc(const char *s, core_err *err);

/*
 * Canonical form for comparison: NFC, every run of white space turned
 * into one space, trimmed.  With fold: also lower case, diacritics
 * stripped and đ/Đ -> d (so "Nguyễn Văn Đức" -> "nguyen van duc").
 */
char *classify_text_canon(const char *s, bool fold, core_err *err);

/* Edit counts against a reference, in Unicode code points (CER) or
 * in white-space separated words (WER), on canonical text. */
typedef struct classify_errcount {
	int64_t edits;
	int64_t ref_len;
} classify_errcount;

int classify_cer(const char *ref, const char *hyp, bool fold, classify_errcount *out,
		 core_err *err);
int classify_wer(const char *ref, const char *hyp, bool fold, classify_errcount *out,
		 core_err *err);
/* edits / ref_len, 0 when both empty, 1 when only the reference is. */
double classify_rate(const classify_errcount *c);

#endif
