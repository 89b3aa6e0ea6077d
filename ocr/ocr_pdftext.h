/*
 * ocr_pdftext.h - a PDF page's text layer (ocr_pdftext.c), shared by
 * the two files that hold MuPDF's side of the ocr module.
 */
#ifndef OCR_PDFTEXT_H
#define OCR_PDFTEXT_H

#include "ocr_priv.h"

#include <mupdf/fitz.h>

/* Maps page points to image pixels. */
typedef struct ocr_pdf_map {
	double x0, y0, sx, sy;
	int w, h;
} ocr_pdf_map;

/* MuPDF's structured text of a page as an ocr_result; *out stays NULL
 * when the page has no usable text (the page is then OCR'd). */
int ocr_pdf_layer_build(fz_stext_page *sp, const ocr_pdf_map *m, ocr_result **out, core_err *err);

#endif
