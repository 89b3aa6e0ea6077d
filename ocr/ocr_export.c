/* ocr_export.c - a page image handed back out: turned as it was for
 * OCR (so word boxes match) and encoded as PNG for the reuse service. */
#include "ocr_priv.h"

#include <stdlib.h>
#include <string.h>

int ocr_image_rotate(ocr_image *img, int degrees, core_err *err)
{
	if (degrees % 90 != 0)
		return core_err_set(err, CORE_EARG, "rotation is not a multiple of 90 degrees");
	return ocr_image_turn(img, degrees / 90, err);
}

int ocr_image_png(const ocr_image *img, unsigned char **data, size_t *size, core_err *err)
{
	l_uint8 *mem = NULL;
	size_t n = 0;

	*data = NULL;
	*size = 0;
	/* Leptonica allocates with its own allocator (malloc by default);
	 * copy so that the caller frees with free() whatever it is. */
	if (pixWriteMem(&mem, &n, img->pix, IFF_PNG) != 0 || !mem)
		return core_err_set(err, CORE_ENOMEM, "cannot encode the page as png");
	*data = malloc(n);
	if (!*data) {
		lept_free(mem);
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	}
	memcpy(*data, mem, n);
	*size = n;
	lept_free(mem);
	return 0;
}
