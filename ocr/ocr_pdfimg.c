/*
 * ocr_pdfimg.c - page images encoded for an archival PDF.
 *
 * Bilevel scans go back to CCITT group 4, the archival norm for black
 * and white pages and a tenth of the size of any gray coding; other
 * pages become gray JPEG.  Leptonica writes G4 only inside a TIFF (its
 * own PDF helpers go through a temporary file), so the TIFF is written
 * to memory and its single strip, which is the raw G4 data a PDF
 * CCITTFaxDecode filter takes, is cut out of it.
 */
#include "ocr_priv.h"

#include <stdlib.h>
#include <string.h>

#define OCR_BILEVEL_THRESH     128
#define OCR_TIFF_STRIP_OFFSETS 273
#define OCR_TIFF_STRIP_COUNTS  279
#define OCR_TIFF_PHOTOMETRIC   262

typedef struct tiff_view {
	const l_uint8 *d;
	size_t n;
	bool be; /* big-endian ("MM") */
} tiff_view;

/* libjpeg refuses larger images (JPEG_MAX_DIMENSION). */
#define OCR_JPEG_MAX_SIDE 65500

static bool tiff_u16(const tiff_view *t, size_t off, uint32_t *v)
{
	if (off > t->n || t->n - off < 2)
		return false;
	*v = t->be ? (uint32_t)(t->d[off] << 8 | t->d[off + 1])
	           : (uint32_t)(t->d[off + 1] << 8 | t->d[off]);
	return true;
}

static bool tiff_u32(const tiff_view *t, size_t off, uint32_t *v)
{
	uint32_t hi, lo;

	if (!tiff_u16(t, off, t->be ? &hi : &lo) || !tiff_u16(t, off + 2, t->be ? &lo : &hi))
		return false;
	*v = hi << 16 | lo;
	return true;
}

/*
 * The one strip of the first directory of a classic TIFF, and its
 * photometric interpretation.  Leptonica writes a G4 page as a single
 * strip; anything else is refused rather than guessed at.
 */
static int tiff_single_strip(const tiff_view *t, size_t *off, size_t *len, uint32_t *photo,
                             core_err *err)
{
	uint32_t ifd, count, have = 0;

	*photo = 0;
	if (t->n < 8 || (memcmp(t->d, "II*\0", 4) != 0 && memcmp(t->d, "MM\0*", 4) != 0))
		goto bad;
	if (!tiff_u32(t, 4, &ifd) || !tiff_u16(t, ifd, &count))
		goto bad;
	for (uint32_t i = 0; i < count; i++) {
		size_t e = (size_t)ifd + 2 + (size_t)i * 12;
		uint32_t tag, type, n, v;

		if (!tiff_u16(t, e, &tag) || !tiff_u16(t, e + 2, &type) || !tiff_u32(t, e + 4, &n))
			goto bad;
		if (type == 3) { /* SHORT, left-justified in the value field */
			if (!tiff_u16(t, e + 8, &v))
				goto bad;
		} else if (type == 4) { /* LONG */
			if (!tiff_u32(t, e + 8, &v))
				goto bad;
		} else {
			continue;
		}
		if ((tag == OCR_TIFF_STRIP_OFFSETS || tag == OCR_TIFF_STRIP_COUNTS) && n != 1)
			goto bad;
		if (tag == OCR_TIFF_STRIP_OFFSETS) {
			*off = v;
			have |= 1;
		} else if (tag == OCR_TIFF_STRIP_COUNTS) {
			*len = v;
			have |= 2;
		} else if (tag == OCR_TIFF_PHOTOMETRIC) {
			*photo = v;
		}
	}
	if (have != 3 || *off > t->n || *len > t->n - *off || *len == 0)
		goto bad;
	return 0;
bad:
	return core_err_set(err, CORE_EINTERNAL, "unexpected g4 tiff layout from leptonica");
}

static int encode_g4(PIX *gray, ocr_encoded *out, core_err *err)
{
	PIX *bin = NULL;
	l_uint8 *mem = NULL;
	size_t n = 0, off = 0, len = 0;
	uint32_t photo = 0;
	tiff_view t;
	int rc = -1;

	bin = ocr_pix_threshold(gray, OCR_BILEVEL_THRESH);
	if (!bin || pixWriteMemTiff(&mem, &n, bin, IFF_TIFF_G4) != 0 || !mem) {
		rc = core_err_set(err, CORE_ENOMEM, "cannot encode the page as g4");
		goto out;
	}
	t = (tiff_view){mem, n, mem[0] == 'M'};
	if (tiff_single_strip(&t, &off, &len, &photo, err))
		goto out;
	if (!(out->data = malloc(len))) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	memcpy(out->data, mem + off, len);
	out->size = len;
	out->codec = OCR_CODEC_G4;
	out->bits = 1;
	/* G4 codes say which runs are white; a TIFF that calls its 0 bits
	 * black (min-is-black) coded the colours the other way round. */
	out->black_is_1 = photo == 1;
	rc = 0;
out:
	lept_free(mem);
	pixDestroy(&bin);
	return rc;
}

int ocr_image_encode(const ocr_image *img, bool bilevel, int jpeg_quality, ocr_encoded *out,
                     core_err *err)
{
	l_uint8 *mem = NULL;
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	if (!img || !img->pix)
		return core_err_set(err, CORE_EARG, "no image to encode");
	out->width = pixGetWidth(img->pix);
	out->height = pixGetHeight(img->pix);
	if (bilevel)
		return encode_g4(img->pix, out, err);
	if (jpeg_quality < 1 || jpeg_quality > 100)
		return core_err_set(err, CORE_EARG, "jpeg quality out of range");
	/* JPEG's own limit: said as such, not as a failed allocation. */
	if (out->width > OCR_JPEG_MAX_SIDE || out->height > OCR_JPEG_MAX_SIDE) {
		core_err_set(err, CORE_ELIMIT, "page too large for jpeg");
		core_err_detail(err, "%dx%d, at most %d pixels a side", out->width, out->height,
		                OCR_JPEG_MAX_SIDE);
		return CORE_ELIMIT;
	}
	if (pixWriteMemJpeg(&mem, &n, img->pix, jpeg_quality, 0) != 0 || !mem)
		return core_err_set(err, CORE_ENOMEM, "cannot encode the page as jpeg");
	out->data = malloc(n);
	if (!out->data) {
		lept_free(mem);
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	}
	memcpy(out->data, mem, n);
	out->size = n;
	out->codec = OCR_CODEC_JPEG;
	out->bits = 8;
	lept_free(mem);
	return 0;
}

void ocr_encoded_clear(ocr_encoded *e)
{
	if (!e)
		return;
	free(e->data);
	memset(e, 0, sizeof(*e));
}
