/*
 * ocr_pdftext.c - a PDF page's own text (typed text, or the invisible
 * text of an earlier OCR) as an ocr_result, words NFC-normalized, boxes
 * mapped from page points to the page image's pixels.
 */
#include "ocr_pdftext.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* A text layer with more unmapped glyphs (U+FFFD) than this is unusable. */
#define OCR_PDF_BAD_GLYPHS 0.10
/* Bounded text layer: far above any real page. */
#define OCR_PDF_TEXT_MAX (16u << 20)
#define OCR_PDF_WORD_MAX 512

static int ocr_pdf_clampi(double v, int hi)
{
	if (!(v > 0))
		return 0;
	return v > hi ? hi : (int)v;
}

/* A word being built from characters. */
typedef struct ocr_pdf_word {
	char text[OCR_PDF_WORD_MAX];
	size_t len;
	fz_rect box;
} ocr_pdf_word;

static int ocr_pdf_word_end(ocr_result *r, int *cap, ocr_pdf_word *w, const ocr_pdf_map *m,
                            int block, int line, core_buf *text, core_err *err)
{
	ocr_word ow;
	char *nfc;

	if (w->len == 0)
		return 0;
	w->text[w->len] = '\0';
	if (text->len > 0 && text->data[text->len - 1] != '\n' && core_buf_puts(text, " ", err))
		return -1;
	if (core_buf_puts(text, w->text, err))
		return -1;
	if (r->n_words == *cap) {
		int ncap = *cap ? *cap * 2 : 256;
		ocr_word *grown = realloc(r->words, (size_t)ncap * sizeof(*grown));

		if (!grown)
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		r->words = grown;
		*cap = ncap;
	}
	nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)w->text);
	memset(&ow, 0, sizeof(ow));
	ow.text = nfc ? nfc : core_strdup(w->text);
	if (!ow.text)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	/* The document's own text: nothing was guessed. */
	ow.conf = 100.0f;
	ow.x0 = ocr_pdf_clampi(floor((w->box.x0 - m->x0) * m->sx), m->w);
	ow.y0 = ocr_pdf_clampi(floor((w->box.y0 - m->y0) * m->sy), m->h);
	ow.x1 = ocr_pdf_clampi(ceil((w->box.x1 - m->x0) * m->sx), m->w);
	ow.y1 = ocr_pdf_clampi(ceil((w->box.y1 - m->y0) * m->sy), m->h);
	ow.block = block;
	ow.line = line;
	r->words[r->n_words++] = ow;
	w->len = 0;
	return 0;
}

static bool ocr_pdf_is_space(int c)
{
	return c <= ' ' || utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
}

/*
 * Words, lines and blocks of the page's text, as Tesseract would give
 * them: one line per text line, a blank line between blocks.  *r stays
 * NULL when the page has no usable text.
 */
int ocr_pdf_layer_build(fz_stext_page *sp, const ocr_pdf_map *m, ocr_result **out, core_err *err)
{
	ocr_result *r = calloc(1, sizeof(*r));
	ocr_pdf_word w;
	core_buf text;
	char *nfc = NULL;
	int cap = 0, block = -1, line = -1, rc = 0;
	long glyphs = 0, unmapped = 0;

	core_buf_init(&text, OCR_PDF_TEXT_MAX);
	memset(&w, 0, sizeof(w));
	if (!r)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	for (fz_stext_block *b = sp->first_block; b; b = b->next) {
		if (b->type != FZ_STEXT_BLOCK_TEXT)
			continue;
		if (++block > 0 && text.len > 0 && (rc = core_buf_puts(&text, "\n", err)))
			goto out;
		for (fz_stext_line *ln = b->u.t.first_line; ln; ln = ln->next) {
			line++;
			for (fz_stext_char *ch = ln->first_char; ch; ch = ch->next) {
				char utf[FZ_UTFMAX];
				int n;

				if (ocr_pdf_is_space(ch->c)) {
					rc = ocr_pdf_word_end(r, &cap, &w, m, block, line, &text,
					                      err);
					if (rc)
						goto out;
					continue;
				}
				glyphs++;
				unmapped += ch->c == 0xfffd;
				n = fz_runetochar(utf, ch->c);
				/* A run without spaces this long is not a word: cut it. */
				if (w.len + (size_t)n >= sizeof(w.text) &&
				    (rc =
				         ocr_pdf_word_end(r, &cap, &w, m, block, line, &text, err)))
					goto out;
				if (w.len == 0)
					w.box = fz_rect_from_quad(ch->quad);
				else
					w.box = fz_union_rect(w.box, fz_rect_from_quad(ch->quad));
				memcpy(w.text + w.len, utf, (size_t)n);
				w.len += (size_t)n;
			}
			rc = ocr_pdf_word_end(r, &cap, &w, m, block, line, &text, err);
			if (rc || (rc = core_buf_puts(&text, "\n", err)))
				goto out;
		}
	}
	/* No glyphs, or glyphs without Unicode (fonts without a ToUnicode
	 * map): OCR will do better than this layer. */
	if (glyphs == 0 || (double)unmapped > OCR_PDF_BAD_GLYPHS * (double)glyphs)
		goto out;
	nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)(text.data ? text.data : ""));
	r->text = nfc ? nfc : core_buf_steal(&text);
	if (!r->text) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	r->mean_conf = 100.0f;
	*out = r;
	r = NULL;
out:
	core_buf_free(&text);
	ocr_result_destroy(&r);
	return rc;
}
