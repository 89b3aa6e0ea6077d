/*
 * out_pdf.c - a searchable PDF/A-2b of one dossier, written by hand.
 *
 * Each page is its image, as it was when recognized (upright and
 * straightened, so stored word boxes fit it), under an invisible text
 * layer (render mode 3) that puts every stored word at its box.  The
 * text is shown in Tesseract's glyph-less font as 2-byte codes
 * (Identity-H) equal to the UTF-16 code of each character, every code
 * drawn with the font's one glyph and mapped back to its character by
 * a ToUnicode CMap: extraction gives the stored Vietnamese text.
 *
 * What PDF/A-2b asks, and where it is met: a binary comment after the
 * header; XMP metadata (pdfaid part 2, conformance B, dc:title, dates)
 * in an uncompressed stream, matching the Info dictionary; an sRGB
 * output intent with its ICC profile; the font embedded; a file ID in
 * the trailer; no encryption, no transparency, no LZW, exact stream
 * lengths.  No clock is read: the dates are the dossier's, so the same
 * dossier always gives the same bytes.
 */
#include "out_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* Fixed objects; pages take three numbers each after them. */
enum {
	OBJ_CATALOG = 1,
	OBJ_PAGES,
	OBJ_META,
	OBJ_ICC,
	OBJ_FONT,
	OBJ_CIDFONT,
	OBJ_FONTDESC,
	OBJ_FONTFILE,
	OBJ_CIDTOGID,
	OBJ_TOUNICODE,
	OBJ_FIRST_PAGE
};

#define OUT_PDF_MAX_PAGES   100000
#define OUT_PDF_CONTENT_MAX (64u << 20)
/* The font's one glyph is 500 units wide (Tesseract's kCharWidth 2). */
#define OUT_GLYPH_WIDTH 0.5

struct out_pdf {
	FILE *f;
	char tmp[4096];
	char path[4096];
	int64_t pos;
	core_sha256 *file_hash; /* every byte: the file's SHA-256 */
	core_sha256 *id_hash;   /* the body: the trailer's file ID */
	int64_t *offs;          /* by object number */
	int n_obj, cap_obj;
	int n_pages;
	const out_assets *a;
	char *title;
	char date[32];
	char *creator;
	core_buf content;
	core_buf scratch;
	bool io_failed;
	int io_errno;
};

static void pdf_write(out_pdf *p, const void *d, size_t n)
{
	if (p->io_failed || n == 0)
		return;
	if (fwrite(d, 1, n, p->f) != n) {
		p->io_failed = true;
		p->io_errno = errno;
		return;
	}
	core_sha256_update(p->file_hash, d, n);
	if (p->id_hash)
		core_sha256_update(p->id_hash, d, n);
	p->pos += (int64_t)n;
}

static void pdf_puts(out_pdf *p, const char *s)
{
	pdf_write(p, s, strlen(s));
}

static void pdf_printf(out_pdf *p, const char *fmt, ...) CORE_PRINTF(2, 3);
static void pdf_printf(out_pdf *p, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* Every caller formats a short dictionary line; longer is a bug. */
	if (n < 0 || (size_t)n >= sizeof(line)) {
		p->io_failed = true;
		p->io_errno = EOVERFLOW;
		return;
	}
	pdf_write(p, line, (size_t)n);
}

static int obj_begin(out_pdf *p, int num, core_err *err)
{
	if (num >= p->cap_obj) {
		int cap = p->cap_obj ? p->cap_obj * 2 : 64;
		int64_t *grown;

		while (cap <= num)
			cap *= 2;
		if (!(grown = realloc(p->offs, (size_t)cap * sizeof(*grown))))
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		memset(grown + p->cap_obj, 0, (size_t)(cap - p->cap_obj) * sizeof(*grown));
		p->offs = grown;
		p->cap_obj = cap;
	}
	if (num >= p->n_obj)
		p->n_obj = num + 1;
	p->offs[num] = p->pos;
	pdf_printf(p, "%d 0 obj\n", num);
	return 0;
}

/* A stream object: dict holds the entries other than /Length. */
static int obj_stream(out_pdf *p, int num, const char *dict, const void *data, size_t n,
                      core_err *err)
{
	if (obj_begin(p, num, err))
		return -1;
	pdf_printf(p, "<< %s /Length %zu >>\nstream\n", dict, n);
	pdf_write(p, data, n);
	pdf_puts(p, "\nendstream\nendobj\n");
	return 0;
}

/* A FlateDecode stream; the compressed copy lives only for the write. */
static int obj_stream_flate(out_pdf *p, int num, const char *dict, const void *data, size_t n,
                            core_err *err)
{
	uLongf len = compressBound((uLong)n);
	Bytef *z = NULL;
	char d[256];
	int rc = -1;

	if (n > OUT_PDF_CONTENT_MAX)
		return core_err_set(err, CORE_ELIMIT, "pdf stream too large");
	if (!(z = malloc(len)))
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	if (compress2(z, &len, data, (uLong)n, 6) != Z_OK) {
		core_err_set(err, CORE_ENOMEM, "cannot compress a pdf stream");
		goto out;
	}
	snprintf(d, sizeof(d), "/Filter /FlateDecode %s", dict);
	rc = obj_stream(p, num, d, z, len, err);
out:
	free(z);
	return rc;
}

/* Next code point of UTF-8 at *s; malformed bytes give U+FFFD. */
static uint32_t utf8_next(const unsigned char **s)
{
	const unsigned char *c = *s;
	uint32_t cp;
	int n;

	if (c[0] < 0x80) {
		*s += 1;
		return c[0];
	}
	if ((c[0] & 0xE0) == 0xC0) {
		cp = c[0] & 0x1F;
		n = 1;
	} else if ((c[0] & 0xF0) == 0xE0) {
		cp = c[0] & 0x0F;
		n = 2;
	} else if ((c[0] & 0xF8) == 0xF0) {
		cp = c[0] & 0x07;
		n = 3;
	} else {
		*s += 1;
		return 0xFFFD;
	}
	for (int i = 1; i <= n; i++) {
		if ((c[i] & 0xC0) != 0x80) {
			*s += i;
			return 0xFFFD;
		}
		cp = cp << 6 | (c[i] & 0x3F);
	}
	*s += n + 1;
	return cp;
}

/* A PDF text string as UTF-16BE hex with its byte-order mark. */
static void pdf_text_string(core_buf *b, const char *s, core_err *err)
{
	const unsigned char *u = (const unsigned char *)s;

	core_buf_puts(b, "<FEFF", err);
	while (*u) {
		uint32_t cp = utf8_next(&u);
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			core_buf_printf(b, err, "%04X%04X", 0xD800 + (cp >> 10),
			                0xDC00 + (cp & 0x3FF));
		} else {
			core_buf_printf(b, err, "%04X", cp);
		}
	}
	core_buf_puts(b, ">", err);
}

static const char out_tounicode[] =
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n"
    "/CMapType 2 def\n"
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    "1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n"
    "endcmap\n"
    "CMapName currentdict /CIDResource defineresource pop\n"
    "end\nend\n";

static int write_metadata(out_pdf *p, core_err *err)
{
	core_buf *b = &p->scratch;

	core_buf_reset(b);
	/* The packet's begin attribute is U+FEFF in UTF-8. */
	core_buf_puts(b,
	              "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	              "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	              "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	              "<rdf:Description rdf:about=\"\""
	              " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\""
	              " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
	              " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
	              " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
	              "<pdfaid:part>2</pdfaid:part>\n"
	              "<pdfaid:conformance>B</pdfaid:conformance>\n"
	              "<dc:format>application/pdf</dc:format>\n"
	              "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">",
	              err);
	core_buf_xml_text(b, p->title, err);
	core_buf_puts(b, "</rdf:li></rdf:Alt></dc:title>\n<xmp:CreateDate>", err);
	core_buf_printf(b, err,
	                "%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
	                "<xmp:MetadataDate>%s</xmp:MetadataDate>\n<xmp:CreatorTool>",
	                p->date, p->date, p->date);
	core_buf_xml_text(b, p->creator, err);
	core_buf_puts(b, "</xmp:CreatorTool>\n<pdf:Producer>", err);
	core_buf_xml_text(b, p->creator, err);
	core_buf_puts(b,
	              "</pdf:Producer>\n</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
	              "<?xpacket end=\"w\"?>",
	              err);
	if (core_err_isset(err))
		return -1;
	/* PDF/A readers must find the metadata without decoding: no filter. */
	return obj_stream(p, OBJ_META, "/Type /Metadata /Subtype /XML", b->data, b->len, err);
}

static int write_fixed(out_pdf *p, core_err *err)
{
	unsigned char *map = NULL;
	int rc = -1;

	/* A comment of bytes over 127 marks the file binary (PDF/A 6.1.2). */
	pdf_puts(p, "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
	if (obj_begin(p, OBJ_CATALOG, err))
		goto out;
	pdf_printf(p,
	           "<< /Type /Catalog /Pages %d 0 R /Metadata %d 0 R /Lang (vi)\n"
	           "   /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1"
	           " /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1)"
	           " /DestOutputProfile %d 0 R >>] >>\nendobj\n",
	           OBJ_PAGES, OBJ_META, OBJ_ICC);
	if (write_metadata(p, err) ||
	    obj_stream_flate(p, OBJ_ICC, "/N 3", p->a->icc, p->a->icc_size, err))
		goto out;
	if (obj_begin(p, OBJ_FONT, err))
		goto out;
	pdf_printf(p,
	           "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H"
	           " /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>\nendobj\n",
	           OBJ_CIDFONT, OBJ_TOUNICODE);
	if (obj_begin(p, OBJ_CIDFONT, err))
		goto out;
	pdf_printf(p,
	           "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont"
	           " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
	           " /FontDescriptor %d 0 R /DW %d /CIDToGIDMap %d 0 R >>\nendobj\n",
	           OBJ_FONTDESC, (int)(OUT_GLYPH_WIDTH * 1000), OBJ_CIDTOGID);
	if (obj_begin(p, OBJ_FONTDESC, err))
		goto out;
	pdf_printf(p,
	           "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5"
	           " /FontBBox [0 0 %d 1000] /ItalicAngle 0 /Ascent 1000 /Descent 0"
	           " /CapHeight 1000 /StemV 80 /FontFile2 %d 0 R >>\nendobj\n",
	           (int)(OUT_GLYPH_WIDTH * 1000), OBJ_FONTFILE);
	{
		char d[64];
		snprintf(d, sizeof(d), "/Length1 %zu", p->a->font_size);
		if (obj_stream_flate(p, OBJ_FONTFILE, d, p->a->font, p->a->font_size, err))
			goto out;
	}
	/* Every code to glyph 1, the blank one: never .notdef (glyph 0),
	 * which PDF/A forbids showing even invisibly. */
	if (!(map = malloc(2u << 16))) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < (2u << 16); i++)
		map[i] = i % 2 ? 1 : 0;
	if (obj_stream_flate(p, OBJ_CIDTOGID, "", map, 2u << 16, err) ||
	    obj_stream_flate(p, OBJ_TOUNICODE, "", out_tounicode, sizeof(out_tounicode) - 1, err))
		goto out;
	rc = 0;
out:
	free(map);
	return rc;
}

int out_pdf_open(const char *path, const out_assets *a, const out_meta *m, out_pdf **out,
                 core_err *err)
{
	out_pdf *p = calloc(1, sizeof(*p));

	*out = NULL;
	if (!p)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	p->a = a;
	core_buf_init(&p->content, OUT_PDF_CONTENT_MAX);
	core_buf_init(&p->scratch, OUT_PDF_CONTENT_MAX);
	p->title = core_strdup(m->title);
	p->creator = core_strdup(m->creator);
	p->file_hash = core_sha256_new();
	p->id_hash = core_sha256_new();
	if (!p->title || !p->creator || !p->file_hash || !p->id_hash) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto fail;
	}
	/* XMP wants "2026-01-02T03:04:05+00:00"; the Info dictionary the
	 * same instant as D:20260102030405+00'00'. */
	if (strlen(m->date) != 20 || m->date[19] != 'Z') {
		core_err_set(err, CORE_EARG, "bad output date");
		core_err_detail(err, "%s", m->date);
		goto fail;
	}
	snprintf(p->date, sizeof(p->date), "%.19s+00:00", m->date);
	if (core_snprintf(p->path, sizeof(p->path), err, "%s", path) ||
	    out_tmp_create(path, p->tmp, sizeof(p->tmp), &p->f, err))
		goto fail;
	if (write_fixed(p, err))
		goto fail;
	*out = p;
	return 0;
fail:
	out_pdf_destroy(&p);
	return -1;
}

/* Characters in UTF-8 text. */
static int utf8_count(const char *text)
{
	const unsigned char *u = (const unsigned char *)text;
	int n = 0;

	while (*u) {
		utf8_next(&u);
		n++;
	}
	return n;
}

/* Hex codes of a word's characters (+ a space when more follow). */
static int word_codes(core_buf *b, const char *text, bool space, core_err *err)
{
	const unsigned char *u = (const unsigned char *)text;

	core_buf_puts(b, "<", err);
	while (*u) {
		uint32_t cp = utf8_next(&u);
		/* One code per character: outside the BMP (never in
		 * Vietnamese) there is no single 2-byte code. */
		if (cp > 0xFFFF || cp == 0)
			cp = 0xFFFD;
		core_buf_printf(b, err, "%04X", cp);
	}
	if (space)
		core_buf_puts(b, "0020", err);
	return core_buf_puts(b, "> Tj\n", err);
}

/* The invisible text, in pixel units of the image (y upward). */
static int page_text(out_pdf *p, const out_page *pg, core_err *err)
{
	core_buf *b = &p->content;
	int i = 0;

	core_buf_printf(b, err, "q %.6f 0 0 %.6f 0 0 cm\nBT\n3 Tr\n", 72.0 / pg->dpi,
	                72.0 / pg->dpi);
	while (i < pg->n_words) {
		int j = i, top = pg->words[i].y0, bottom = pg->words[i].y1, fs;

		/* A line: consecutive words of the same block and line. */
		while (j < pg->n_words && pg->words[j].block == pg->words[i].block &&
		       pg->words[j].line == pg->words[i].line) {
			if (pg->words[j].y0 < top)
				top = pg->words[j].y0;
			if (pg->words[j].y1 > bottom)
				bottom = pg->words[j].y1;
			j++;
		}
		fs = bottom - top;
		if (fs < 1)
			fs = 1;
		core_buf_printf(b, err, "/F0 %d Tf\n", fs);
		for (int k = i; k < j; k++) {
			const out_word *w = &pg->words[k];
			bool more = k + 1 < j;
			double run;
			int n;

			if (!w->text || !w->text[0])
				continue;
			/* With its space the word reaches the next word, so
			 * extraction sees the gap as a space, not a guess. */
			run = more && pg->words[k + 1].x0 > w->x0 ? pg->words[k + 1].x0 - w->x0
			                                          : w->x1 - w->x0;
			if (run < 1)
				run = 1;
			n = utf8_count(w->text) + (more ? 1 : 0);
			/* Horizontal scaling stretches the blank glyphs over the box. */
			core_buf_printf(b, err, "1 0 0 1 %d %d Tm\n%.2f Tz\n", w->x0,
			                pg->height - bottom,
			                100.0 * run / (n * fs * OUT_GLYPH_WIDTH));
			if (word_codes(b, w->text, more, err))
				return -1;
		}
		i = j;
	}
	core_buf_puts(b, "ET\nQ\n", err);
	return core_err_isset(err) ? -1 : 0;
}

int out_pdf_page(out_pdf *p, const out_page *pg, core_err *err)
{
	const out_image *im = pg->image;
	int base = OBJ_FIRST_PAGE + 3 * p->n_pages;
	double wpt, hpt;
	char d[256];

	if (!im || pg->dpi <= 0 || pg->width <= 0 || pg->height <= 0)
		return core_err_set(err, CORE_EARG, "pdf page without image or size");
	if (im->width != pg->width || im->height != pg->height)
		return core_err_set(err, CORE_EINTERNAL,
		                    "page image does not match its stored size");
	if (p->n_pages >= OUT_PDF_MAX_PAGES)
		return core_err_set(err, CORE_ELIMIT, "too many pages for one pdf");
	wpt = pg->width * 72.0 / pg->dpi;
	hpt = pg->height * 72.0 / pg->dpi;

	/* The image XObject. */
	if (im->codec == OUT_CODEC_G4)
		snprintf(
		    d, sizeof(d),
		    "/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
		    " /BitsPerComponent 1 /Filter /CCITTFaxDecode"
		    " /DecodeParms << /K -1 /Columns %d /Rows %d /BlackIs1 %s >>",
		    im->width, im->height, im->width, im->height,
		    im->black_is_1 ? "true" : "false");
	else
		snprintf(
		    d, sizeof(d),
		    "/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
		    " /BitsPerComponent 8 /Filter /DCTDecode",
		    im->width, im->height);
	if (obj_stream(p, base + 2, d, im->data, im->size, err))
		return -1;

	/* The content: the image over the whole page, then the text. */
	core_buf_reset(&p->content);
	core_buf_printf(&p->content, err, "q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q\n", wpt, hpt);
	if (page_text(p, pg, err) ||
	    obj_stream_flate(p, base + 1, "", p->content.data, p->content.len, err))
		return -1;

	if (obj_begin(p, base, err))
		return -1;
	pdf_printf(p,
	           "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.4f %.4f]"
	           " /Resources << /XObject << /Im0 %d 0 R >> /Font << /F0 %d 0 R >> >>"
	           " /Contents %d 0 R >>\nendobj\n",
	           OBJ_PAGES, wpt, hpt, base + 2, OBJ_FONT, base + 1);
	p->n_pages++;
	if (p->io_failed) {
		core_err_set(err, CORE_EIO, "cannot write the pdf");
		core_err_detail(err, "%s: %s", p->tmp, strerror(p->io_errno));
		return -1;
	}
	return 0;
}

int out_pdf_finish(out_pdf **pp, out_file_info *info, core_err *err)
{
	out_pdf *p = *pp;
	char id[CORE_SHA256_HEX];
	int info_obj, rc = -1;
	int64_t xref;

	memset(info, 0, sizeof(*info));
	if (p->n_pages == 0) {
		core_err_set(err, CORE_EARG, "a pdf needs at least one page");
		goto out;
	}
	if (obj_begin(p, OBJ_PAGES, err))
		goto out;
	pdf_printf(p, "<< /Type /Pages /Count %d /Kids [", p->n_pages);
	for (int i = 0; i < p->n_pages; i++)
		pdf_printf(p, "%s%d 0 R", i ? " " : "", OBJ_FIRST_PAGE + 3 * i);
	pdf_puts(p, "] >>\nendobj\n");

	/* Info repeats the XMP (PDF/A wants them equal). */
	info_obj = p->n_obj;
	core_buf_reset(&p->scratch);
	core_buf_puts(&p->scratch, "<< /Title ", err);
	pdf_text_string(&p->scratch, p->title, err);
	core_buf_puts(&p->scratch, " /Creator ", err);
	pdf_text_string(&p->scratch, p->creator, err);
	core_buf_puts(&p->scratch, " /Producer ", err);
	pdf_text_string(&p->scratch, p->creator, err);
	core_buf_printf(&p->scratch, err,
	                " /CreationDate (D:%.4s%.2s%.2s%.2s%.2s%.2s+00'00')"
	                " /ModDate (D:%.4s%.2s%.2s%.2s%.2s%.2s+00'00') >>\nendobj\n",
	                p->date, p->date + 5, p->date + 8, p->date + 11, p->date + 14, p->date + 17,
	                p->date, p->date + 5, p->date + 8, p->date + 11, p->date + 14,
	                p->date + 17);
	if (core_err_isset(err) || obj_begin(p, info_obj, err))
		goto out;
	pdf_write(p, p->scratch.data, p->scratch.len);

	/* The ID names these contents: same dossier, same ID. */
	core_sha256_final(&p->id_hash, id);
	xref = p->pos;
	pdf_printf(p, "xref\n0 %d\n0000000000 65535 f\r\n", p->n_obj);
	for (int i = 1; i < p->n_obj; i++) {
		if (p->offs[i] == 0 && i != 0) {
			core_err_set(err, CORE_EINTERNAL, "pdf object never written");
			core_err_detail(err, "object %d", i);
			goto out;
		}
		pdf_printf(p, "%010lld 00000 n\r\n", (long long)p->offs[i]);
	}
	pdf_printf(p,
	           "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%.32s> <%.32s>] >>\n"
	           "startxref\n%lld\n%%%%EOF\n",
	           p->n_obj, OBJ_CATALOG, info_obj, id, id, (long long)xref);
	if (p->io_failed) {
		core_err_set(err, CORE_EIO, "cannot write the pdf");
		core_err_detail(err, "%s: %s", p->tmp, strerror(p->io_errno));
		goto out;
	}
	info->size = p->pos;
	core_sha256_final(&p->file_hash, info->sha256);
	if (out_tmp_commit(&p->f, p->tmp, p->path, info, err))
		goto out;
	rc = 0;
out:
	out_pdf_destroy(pp);
	return rc;
}

void out_pdf_destroy(out_pdf **pp)
{
	out_pdf *p;

	if (!pp || !*pp)
		return;
	p = *pp;
	if (p->f)
		fclose(p->f);
	if (p->tmp[0])
		unlink(p->tmp);
	core_sha256_destroy(&p->file_hash);
	core_sha256_destroy(&p->id_hash);
	core_buf_free(&p->content);
	core_buf_free(&p->scratch);
	free(p->offs);
	free(p->title);
	free(p->creator);
	free(p);
	*pp = NULL;
}
