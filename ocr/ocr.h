/*
 * ocr.h - page images in, recognized text and words out.
 *
 * The only module that includes Tesseract and Leptonica.  Images are
 * read one page at a time (memory stays bounded whatever the number of
 * pages in a file), converted to 8-bit gray and checked against limits
 * before any pixel buffer is allocated.
 */
#ifndef SOHOA_OCR_H
#define SOHOA_OCR_H

#include "core.h"

typedef enum ocr_format {
	OCR_FMT_UNKNOWN = 0,
	OCR_FMT_TIFF,
	OCR_FMT_PNG,
	OCR_FMT_JPEG,
	OCR_FMT_PNM,
	OCR_FMT_PDF
} ocr_format;

typedef struct ocr_limits {
	double max_megapixels; /* per page; default 250 */
	int max_pages;         /* per file; default 10000 */
} ocr_limits;

void ocr_limits_default(ocr_limits *lim);
const char *ocr_format_name(ocr_format f);

/* What a file holds, read from its headers only. */
typedef struct ocr_probe {
	ocr_format format;
	int pages;
} ocr_probe;

/*
 * Identifies the format by magic bytes (never by the name: a .jpg that
 * is text is CORE_EFORMAT) and counts pages.  A TIFF whose directory
 * chain breaks after k good pages reports pages = k + 1 so that the
 * broken page is attempted and recorded as failed.
 */
int ocr_file_probe(const char *path, const ocr_limits *lim, ocr_probe *out, core_err *err);

/* A decoded page: 8-bit gray, opaque. */
typedef struct ocr_image ocr_image;

/*
 * Loads page `index` (0-based) of the file.  TIFF goes through libtiff
 * (any compression libtiff supports; bilevel, gray, RGB, palette);
 * PNG / JPEG / PNM through Leptonica.  Dimensions are checked against
 * lim->max_megapixels from the header, before decoding.  PDF goes
 * through MuPDF: a page that is one embedded image gives that image at
 * its native resolution (pixels / page inches), checked from the
 * image's dictionary; any other page is rendered at 300 dpi, checked
 * from the page size.
 */
int ocr_image_load(const char *path, int index, const ocr_limits *lim, ocr_image **out,
                   core_err *err);
void ocr_image_destroy(ocr_image **img);

int ocr_image_width(const ocr_image *img);
int ocr_image_height(const ocr_image *img);
int ocr_image_dpi(const ocr_image *img);
bool ocr_image_dpi_assumed(const ocr_image *img); /* no resolution tag: 300 assumed */
int ocr_image_source_depth(const ocr_image *img); /* bits per pixel before gray conversion */
/* Whether every pixel is black (0) or white (255): a bilevel page no step has greyed. */
bool ocr_image_black_white(const ocr_image *img);
/* Gray value 0..255 of one pixel, -1 outside the image (tests, diagnostics). */
int ocr_image_gray_at(const ocr_image *img, int x, int y);
/*
 * SHA-256 over width, height and the gray rows (no padding).  Callers
 * hash before ocr_image_orient, so the hash names the source pixels as
 * scanned, whatever turn the page gets afterwards.
 */
void ocr_image_sha256(const ocr_image *img, char out[CORE_SHA256_HEX]);
/*
 * Blank-page test: share of dark pixels away from the margins, where
 * scanner borders and punch holes live.  Cheap: a sampled pass.
 */
bool ocr_image_is_blank(const ocr_image *img, double *ink_ratio);

/*
 * Detects the page's orientation (text upright, rotated 90, 180 or 270
 * degrees clockwise) and turns the image upright in place when the
 * detection is confident.  *rotation receives the clockwise degrees
 * applied (0, 90, 180, 270), *confidence the detector's confidence.
 * A page scanned turned 90 degrees clockwise gets 270.  Leptonica's
 * ascender statistic on a binary copy scaled to 300 ppi; *confidence is
 * the larger absolute value of its two scores (a turn needs 6 and
 * 2 times the other score).  Pages with too little text, or an undecided score, stay
 * as they are with rotation 0.  Width and height follow the turn.
 */
int ocr_image_orient(ocr_image *img, int *rotation, double *confidence, core_err *err);

/*
 * Finds a small skew (up to 7 degrees either way) and turns the page
 * straight when the finding is clear (Leptonica's confidence >= 3) and
 * the angle is at least 0.1 degree.  *angle receives the degrees turned
 * (0 when the page stayed), *confidence the finding's confidence.  The
 * size stays; corners brought in are white.  A turned page's thin rules
 * (a card's rim and boxes) are drawn solid again for recognition.
 */
int ocr_image_deskew(ocr_image *img, double *angle, double *confidence, core_err *err);

/*
 * Cleaning before orientation (ocr_clean.c).  Each step is switched on
 * by its bit and first asks a cheap detector whether the page needs it:
 * a clean page comes out untouched.  Names are those of the command
 * line and of pages.preprocess_steps.
 */
enum {
	OCR_STEP_SCALE = 1u << 0,     /* "scale300": 360 dpi and up brought down to 300 */
	OCR_STEP_UPSCALE = 1u << 1,   /* "upscale300": 240 dpi and below brought up to 300 */
	OCR_STEP_BORDER = 1u << 2,    /* "border": dark scan borders at the edges whitened */
	OCR_STEP_DESPECKLE = 1u << 3, /* "despeckle": isolated tiny specks whitened */
	OCR_STEP_NORMALIZE = 1u << 4, /* "normalize": low-contrast pages flattened, stretched */
	OCR_STEP_BINARIZE = 1u << 5,  /* "binarize": low-contrast pages thresholded (Sauvola) */
	/* "reduce": large letters read at 2/3 of the size; applied when the
	 * page is handed to Tesseract (ocr_options.reduce), not here. */
	OCR_STEP_REDUCE = 1u << 6,
};
#define OCR_STEPS_ALL 0x7fu
/* On unless switched off: the steps measured to help (bench/RESULTS.md). */
#define OCR_STEPS_DEFAULT (OCR_STEP_SCALE | OCR_STEP_BORDER | OCR_STEP_DESPECKLE | OCR_STEP_REDUCE)

/* What ocr_image_clean did to one page. */
typedef struct ocr_clean_info {
	unsigned done;  /* steps that changed the page */
	double scale;   /* factor applied to both sides, 1 when none */
	int border_px;  /* pixels whitened as scan border */
	int speck_px;   /* pixels whitened as isolated specks */
	int ink, paper; /* gray levels the contrast detector found (when asked) */
	double seconds; /* spent in ocr_image_clean, detectors included */
} ocr_clean_info;

/*
 * Runs the asked steps in order: scaling, border, specks, contrast.
 * Scaling changes the size and resolution (ocr_image_dpi then says
 * 300) and drops any text layer; the others keep the geometry.
 */
int ocr_image_clean(ocr_image *img, unsigned steps, ocr_clean_info *info, core_err *err);
/* "border,despeckle" to bits; "all" is every step.  CORE_EARG names an unknown step. */
int ocr_steps_parse(const char *list, unsigned *out, core_err *err);
/* Bits to "scale300,border" (comma-separated names, "" for none). */
void ocr_steps_format(unsigned steps, char *buf, size_t size);
/* Bits to the reuse-key tokens, each with a leading space: " border1 despeckle1". */
void ocr_steps_config(unsigned steps, char *buf, size_t size);
/* Name of one step bit, "" when unknown. */
const char *ocr_step_name(unsigned step);

/* One recognized word: UTF-8 (NFC), confidence 0..100, box in pixels. */
typedef struct ocr_word {
	char *text;
	float conf;
	int x0, y0, x1, y1;
	int block, line; /* ordinals in reading order, from Tesseract's layout */
	/*
	 * How sure the recognizer was of the word's tone marks (see
	 * ocr_tone.c).  tone_rival: some letter had a runner-up reading that
	 * differs from it only in its tone mark ("ồ" for "ô"); tone_gap is
	 * then the smallest rating gap between such a letter and its rival
	 * (summed negative certainty: near 0 a tie, negative when the rival
	 * alone scored better).  Both zero when no letter had one.
	 */
	bool tone_rival;
	float tone_gap;
} ocr_word;

typedef struct ocr_result {
	char *text;      /* whole page, UTF-8 NFC */
	float mean_conf; /* Tesseract's mean text confidence, 0..100 */
	ocr_word *words;
	int n_words;
	double recognize_s; /* time inside TessBaseAPIRecognize */
	bool reduced;       /* read at two thirds of the page's size; boxes are the page's */
} ocr_result;

void ocr_result_destroy(ocr_result **r);
/*
 * Maps word boxes from a from_w x from_h page onto the same page at
 * to_w x to_h: boxes of a page recognized after scaling, back onto the
 * page as scanned.
 */
void ocr_result_fit(ocr_result *r, int from_w, int from_h, int to_w, int to_h);

/*
 * A PDF page's own text layer (typed text, or an earlier OCR's
 * invisible text) as a result: UTF-8 NFC text with one line per text
 * line and a blank line between blocks, words with boxes in this
 * image's pixels and confidence 100.  NULL when the page has none, or
 * only glyphs without Unicode, for every other format, and once the
 * image was turned (its boxes would be wrong).  Owned by the image.
 */
const ocr_result *ocr_image_text_layer(const ocr_image *img);

/* Engine options, shared and immutable once the batch starts. */
typedef struct ocr_options {
	const char *lang;     /* "vie", "vie+eng", ... */
	const char *datapath; /* NULL: Tesseract's default */
	int psm;              /* page segmentation mode; default 3 (auto) */
	/* Tesseract's own settings but psm: no tone choices, no MRZ reader.
	 * For ocr_engine_recognize_bare(), the benchmark's reference. */
	bool bare;
	/* Pages whose letters are large go to Tesseract at two thirds of
	 * their size ("reduce", OCR_STEP_REDUCE); default on, never bare. */
	bool reduce;
} ocr_options;

void ocr_options_default(ocr_options *o);

/* One Tesseract handle; create one per worker thread, once per batch. */
typedef struct ocr_engine ocr_engine;

int ocr_engine_create(const ocr_options *opt, ocr_engine **out, core_err *err);
int ocr_engine_recognize(ocr_engine *eng, const ocr_image *img, ocr_result **out, core_err *err);
void ocr_engine_destroy(ocr_engine **eng);
/*
 * Recognition as a plain C-API loop does it: the page as loaded, no
 * turn, cleaning or second pass.  *seconds: the TessBaseAPIRecognize
 * call alone; *text (may be NULL): the page's text, UTF-8 NFC, to free.
 * The benchmark's recognition limit is made of these times.
 */
int ocr_engine_recognize_bare(ocr_engine *eng, const ocr_image *img, char **text, double *seconds,
                              core_err *err);

/*
 * Orientation as the batch does it: Leptonica's statistic first (cheap),
 * and where it cannot decide, Tesseract's orientation model
 * (osd.traineddata, loaded once per engine on first need; about 0.3 s a
 * page), trusted from a confidence of 5.  *by_osd tells that the turn
 * came from the model.
 */
int ocr_engine_orient(ocr_engine *eng, ocr_image *img, int *rotation, double *confidence,
                      bool *by_osd, core_err *err);

/* Version string of the linked Tesseract, static storage. */
const char *ocr_tesseract_version(void);

/* ---- handing a page back out (the reuse service) ------------------- */

/* Turns the image clockwise by degrees (a multiple of 90), as a page's
 * recorded rotation was applied before OCR. */
int ocr_image_rotate(ocr_image *img, int degrees, core_err *err);
/* The image as PNG in a malloc'd buffer (free() it). */
int ocr_image_png(const ocr_image *img, unsigned char **data, size_t *size, core_err *err);

/* Turns the image by a recorded deskew angle with the same geometry as
 * ocr_image_deskew, so that stored word boxes match again (its rules
 * are left as scanned: this is the page image archived). */
int ocr_image_skew(ocr_image *img, double degrees, core_err *err);

/* ---- page images for archival PDF (output/) ------------------------ */

typedef enum ocr_codec {
	OCR_CODEC_G4 = 1, /* CCITT group 4 (PDF CCITTFaxDecode, K -1) */
	OCR_CODEC_JPEG    /* baseline JFIF (PDF DCTDecode) */
} ocr_codec;

typedef struct ocr_encoded {
	ocr_codec codec;
	unsigned char *data; /* malloc'd; ocr_encoded_clear frees it */
	size_t size;
	int width, height;
	int bits;        /* per component: 1 (G4) or 8 (JPEG gray) */
	bool black_is_1; /* G4: 1 bits are black */
} ocr_encoded;

/*
 * Encodes the page for a PDF image XObject: a bilevel source (1 bit
 * when scanned) becomes G4 again, thresholded at mid-gray after any
 * turn; anything else is gray JPEG at jpeg_quality (1..100).  Done in
 * memory, no temporary file.
 */
int ocr_image_encode(const ocr_image *img, bool bilevel, int jpeg_quality, ocr_encoded *out,
                     core_err *err);
void ocr_encoded_clear(ocr_encoded *e);

#endif
