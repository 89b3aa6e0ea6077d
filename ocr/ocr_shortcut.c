/*
 * ocr_shortcut.c - calls that Tesseract makes inside recognition,
 * answered by faster equivalents that give the same results; here the
 * spans that allow them, in ocr_shortcut_lept.c (1, 2),
 * ocr_shortcut_lstm.c (3, 4), ocr_shortcut_tanh.c (5),
 * ocr_shortcut_otsu.c (6) and ocr_shortcut_gates.c (7) the answers.
 *
 * 1. Line images.  Tesseract 5 gives every text line to its LSTM
 *    through an ImageData, which keeps the line's pixels as a PNG in
 *    memory (pixWriteMem with IFF_PNG) and decodes them again
 *    (pixReadMem) before scaling them to the network's height.  Nothing
 *    else reads those bytes.  pixReadMem reads every format Leptonica
 *    writes, so here the PNG is written as Leptonica's serialized pix
 *    (IFF_SPIX): a header and a copy of the raster, read back as the
 *    same pixels.
 *
 * 2. Rule lines.  Tesseract's line finder opens the binary page with
 *    long bricks (a quarter inch, 75 pixels at 300 dpi), which
 *    pixOpenBrick does with one full-page rasterop per pixel of the
 *    brick.  pixOpenCompBrick does it as a brick and a comb (75 = 5 x
 *    15: 20 rasterops).  An opening does not depend on where the
 *    brick's origin sits, so for a size that is exactly such a product
 *    the result is the same image; for other sizes Leptonica's
 *    composite is of a nearby size, and the call goes to pixOpenBrick.
 *
 * 3. Tensor indices.  The LSTM's layers walk their inputs with
 *    StrideMap::Index, whose eight small methods (validity, offsets,
 *    steps) are out of line in libtesseract and call one another
 *    through its PLT: a few index steps cost a dozen calls, some 100
 *    million per 60 pages.  Answered in one call each.
 *
 * 4. Step writes and copies.  NetworkIO stores every LSTM output as an
 *    8-bit value one at a time, with a branch on its sign, and the
 *    convolution stacks its inputs with a 1-byte memcpy per pixel.
 *    Four values at a time without the branch; no call for one byte.
 *
 * 5. The first layer's tanh, from Tesseract's table, four values at a
 *    time without a branch on the sign.
 *
 * 6. Otsu thresholding.  Before its layout analysis Tesseract makes a
 *    histogram of a gray page and compares every pixel with the
 *    threshold, one GET_DATA_BYTE and one bit at a time.  The histogram
 *    counts whole words into four tables; the comparison makes 32
 *    output bits at once.
 *
 * 7. The LSTM's gates.  At every time step LSTM::Forward hands libgomp
 *    a body that multiplies the step's input with four gates' weights
 *    and takes tanh or the logistic function of each product, one
 *    value at a time with a branch on its sign.  sohoa answers libgomp's
 *    GOMP_parallel_sections for that body: the same products
 *    (libtesseract's), the activations eight values at a time.
 *
 * The round trip took 3.6% of the time of sohoa's Recognize calls on
 * the 60 pages of the default corpus; the openings, 8.8% of their
 * instructions on three of those pages; 3, 4 and 5 took 12.0%, 7.5%
 * and 3.5% off sohoa's Recognize time in turn; 6 took 4% of the
 * samples of a CPU profile, 7 about 10%, and with 6 Recognize time
 * fell by 23% (bench/RESULTS.md).
 *
 * How: sohoa defines these functions itself.  The program exports
 * them (see CMakeLists.txt), and the dynamic linker binds
 * libtesseract's calls to them before Leptonica's and libtesseract's
 * own (ELF symbol interposition).  Only calls inside a span that
 * ocr_shortcut_enter() marked on the calling thread take a shortcut;
 * every other call goes to the library's own function unchanged (so do
 * calls on Tesseract's own OpenMP threads, where sohoa lets it run
 * them: the same results, without the shortcut).  The benchmark's bare
 * loop does not link them at all (the spans here alone do not pull them
 * in): it is Tesseract as the CLI runs it.
 */
#include "ocr_priv.h"

/* Per thread: nesting depth of marked spans. */
_Thread_local int ocr_shortcut_depth;

void ocr_shortcut_enter(void)
{
	ocr_shortcut_depth++;
}

void ocr_shortcut_leave(void)
{
	if (ocr_shortcut_depth > 0)
		ocr_shortcut_depth--;
}
