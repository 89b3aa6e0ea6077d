/*
 * out_hocr.c - hOCR of one page from its stored words.
 *
 * hOCR rather than ALTO: it is what Tesseract, OCRmyPDF and most
 * archival viewers read and write, and it is XHTML, so a browser shows
 * it.  Blocks become ocr_carea, lines ocr_line, words ocrx_word with
 * their box and confidence; boxes are in pixels of the page as OCR'd
 * (the image inside the PDF).
 */
#include "output.h"

#include <string.h>

typedef struct box {
	int x0, y0, x1, y1;
} box;

/* Union of the boxes of words [i, j). */
static box span_box(const out_word *w, int i, int j)
{
	box u = {w[i].x0, w[i].y0, w[i].x1, w[i].y1};

	for (int k = i + 1; k < j; k++) {
		if (w[k].x0 < u.x0)
			u.x0 = w[k].x0;
		if (w[k].y0 < u.y0)
			u.y0 = w[k].y0;
		if (w[k].x1 > u.x1)
			u.x1 = w[k].x1;
		if (w[k].y1 > u.y1)
			u.y1 = w[k].y1;
	}
	return u;
}

int out_hocr(const out_page *pg, const char *title, core_buf *b, core_err *err)
{
	const out_word *w = pg->words;
	int i = 0, nblock = 0, nline = 0;

	core_buf_puts(b,
	              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	              "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"vi\" lang=\"vi\">\n"
	              "<head>\n<title>",
	              err);
	core_buf_xml_text(b, title, err);
	core_buf_printf(b, err,
	                " page %d</title>\n"
	                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"/>\n"
	                "<meta name=\"ocr-system\" content=\"sohoa (tesseract)\"/>\n"
	                "<meta name=\"ocr-capabilities\""
	                " content=\"ocr_page ocr_carea ocr_line ocrx_word\"/>\n"
	                "</head>\n<body>\n"
	                "<div class=\"ocr_page\" id=\"page_%d\""
	                " title=\"bbox 0 0 %d %d; ppageno %d; scan_res %d %d\">\n",
	                pg->number, pg->number, pg->width, pg->height, pg->number - 1, pg->dpi,
	                pg->dpi);
	while (i < pg->n_words) {
		int j = i;
		box bb;

		while (j < pg->n_words && w[j].block == w[i].block)
			j++;
		bb = span_box(w, i, j);
		nblock++;
		core_buf_printf(
		    b, err,
		    "<div class=\"ocr_carea\" id=\"block_%d_%d\" title=\"bbox %d %d %d %d\">\n",
		    pg->number, nblock, bb.x0, bb.y0, bb.x1, bb.y1);
		for (int k = i; k < j;) {
			int m = k;
			box lb;

			while (m < j && w[m].line == w[k].line)
				m++;
			lb = span_box(w, k, m);
			nline++;
			core_buf_printf(b, err,
			                "<span class=\"ocr_line\" id=\"line_%d_%d\""
			                " title=\"bbox %d %d %d %d\">",
			                pg->number, nline, lb.x0, lb.y0, lb.x1, lb.y1);
			for (int q = k; q < m; q++) {
				core_buf_printf(b, err,
				                "%s<span class=\"ocrx_word\" id=\"word_%d_%d\""
				                " title=\"bbox %d %d %d %d; x_wconf %d\">",
				                q > k ? " " : "", pg->number, q + 1, w[q].x0,
				                w[q].y0, w[q].x1, w[q].y1, (int)(w[q].conf + 0.5f));
				core_buf_xml_text(b, w[q].text ? w[q].text : "", err);
				core_buf_puts(b, "</span>", err);
			}
			core_buf_puts(b, "</span>\n", err);
			k = m;
		}
		core_buf_puts(b, "</div>\n", err);
		i = j;
	}
	core_buf_puts(b, "</div>\n</body>\n</html>\n", err);
	return core_err_isset(err) ? -1 : 0;
}
