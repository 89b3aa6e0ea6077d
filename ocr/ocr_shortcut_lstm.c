/*
 * ocr_shortcut_lstm.c - the LSTM's bookkeeping inside Tesseract: its
 * tensor index (StrideMap::Index) and two of its tensor copies
 * (NetworkIO), answered in one call each.
 *
 * 1. Tesseract's network layers, the convolution's 3 x 3 stacking above
 *    all, visit every position of a text line's tensor through
 *    StrideMap::Index.  Its methods are exported from libtesseract and
 *    reach one another through its PLT: AddOffset calls SetTFromIndices
 *    and IsValid, which calls MaxIndexOfDim three times.  On the 60
 *    pages of the default corpus that is about a hundred million calls;
 *    answering each in one call took 13% off the bare loop's Recognize
 *    time, with the same text.
 * 2. NetworkIO::WriteTimeStepPart stores every output of every LSTM
 *    step as an 8-bit value, one element at a time, with a branch on
 *    its sign that the processor cannot guess; here four at a time,
 *    without a branch, with the same rounding.  CopyTimeStepGeneral
 *    (the convolution's stacking, one 1-byte memcpy per pixel) copies
 *    short runs itself.  Another 8% of the bare loop's Recognize time
 *    (bench/RESULTS.md).
 *
 * The definitions below carry the methods' C++ names (Itanium ABI
 * mangling; `this' comes first) and their behaviour, edges included: an
 * index outside the tensor, a batch past the per-image sizes, values
 * past the 8-bit range, NaN.  They read Tesseract's objects through a
 * mirror of their layout, which is Tesseract's private business.  So
 * they answer only for Tesseract 5.3, and each group only after a check
 * has driven libtesseract's own methods and these through the same
 * cases, thousands of them, with the same results.  Otherwise, and
 * outside the spans of ocr_shortcut.c, every call goes to libtesseract's
 * own method.  The checks run when the program starts, before any
 * thread: afterwards their outcome and libtesseract's methods are only
 * read.
 */
#include "ocr_priv.h"

#include <dlfcn.h>
#include <emmintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* tesseract::FlexDimensions */
enum { OCR_FD_BATCH, OCR_FD_HEIGHT, OCR_FD_WIDTH, OCR_FD_N };

/* std::vector<int> as libstdc++ lays it out. */
typedef struct {
	const int *begin, *end, *cap;
} ocr_int_vec;

/* tesseract::StrideMap: sizes, t steps, then per-image heights, widths. */
typedef struct {
	int shape[OCR_FD_N];
	int step[OCR_FD_N];
	ocr_int_vec heights, widths;
} ocr_stride_map;

/* tesseract::StrideMap::Index */
typedef struct {
	const ocr_stride_map *map;
	int t;
	int at[OCR_FD_N];
} ocr_stride_index;

#define OCR_MANGLE_INDEX  "_ZN9tesseract9StrideMap5Index"
#define OCR_MANGLE_CINDEX "_ZNK9tesseract9StrideMap5Index"
#define OCR_MANGLE_FD     "NS_14FlexDimensionsE"
/* The eight methods' linker names, for the lookups and the definitions. */
#define OCR_SYM_MAX_OF  OCR_MANGLE_CINDEX "13MaxIndexOfDimE" OCR_MANGLE_FD
#define OCR_SYM_VALID   OCR_MANGLE_CINDEX "7IsValidEv"
#define OCR_SYM_IS_LAST OCR_MANGLE_CINDEX "6IsLastE" OCR_MANGLE_FD
#define OCR_SYM_SET_T   OCR_MANGLE_INDEX "15SetTFromIndicesEv"
#define OCR_SYM_ADD     OCR_MANGLE_INDEX "9AddOffsetEi" OCR_MANGLE_FD
#define OCR_SYM_INC     OCR_MANGLE_INDEX "9IncrementEv"
#define OCR_SYM_DEC     OCR_MANGLE_INDEX "9DecrementEv"
#define OCR_SYM_LAST_OF OCR_MANGLE_INDEX "17InitToLastOfBatchEi"

typedef int (*ocr_index_max_fn)(const ocr_stride_index *, int);
typedef bool (*ocr_index_valid_fn)(const ocr_stride_index *);
typedef bool (*ocr_index_last_fn)(const ocr_stride_index *, int);
typedef void (*ocr_index_set_t_fn)(ocr_stride_index *);
typedef bool (*ocr_index_add_fn)(ocr_stride_index *, int, int);
typedef bool (*ocr_index_step_fn)(ocr_stride_index *);
typedef void (*ocr_index_last_of_fn)(ocr_stride_index *, int);

/* libtesseract's own methods: set before main by ocr_lstm_resolve. */
static struct {
	ocr_index_max_fn max_of;
	ocr_index_valid_fn valid;
	ocr_index_last_fn is_last;
	ocr_index_set_t_fn set_t;
	ocr_index_add_fn add;
	ocr_index_step_fn inc, dec;
	ocr_index_last_of_fn last_of;
} ocr_index_next;

static const struct {
	const char *name;
	size_t off;
} ocr_index_names[] = {
    {OCR_SYM_MAX_OF, offsetof(__typeof__(ocr_index_next), max_of)},
    {OCR_SYM_VALID, offsetof(__typeof__(ocr_index_next), valid)},
    {OCR_SYM_IS_LAST, offsetof(__typeof__(ocr_index_next), is_last)},
    {OCR_SYM_SET_T, offsetof(__typeof__(ocr_index_next), set_t)},
    {OCR_SYM_ADD, offsetof(__typeof__(ocr_index_next), add)},
    {OCR_SYM_INC, offsetof(__typeof__(ocr_index_next), inc)},
    {OCR_SYM_DEC, offsetof(__typeof__(ocr_index_next), dec)},
    {OCR_SYM_LAST_OF, offsetof(__typeof__(ocr_index_next), last_of)},
};

/* Set before main by ocr_lstm_resolve, read-only afterwards. */
static bool ocr_index_on;
_Thread_local long ocr_shortcut_lstm_n;

static inline int ocr_index_max(const ocr_stride_index *x, int dim)
{
	const ocr_stride_map *m = x->map;
	int max = m->shape[dim] - 1;
	/* As Tesseract's: a negative batch wraps to a huge one. */
	size_t batch = (size_t)x->at[OCR_FD_BATCH];
	const ocr_int_vec *v;

	if (dim == OCR_FD_BATCH)
		return max;
	v = dim == OCR_FD_HEIGHT ? &m->heights : &m->widths;
	if (batch >= (size_t)(v->end - v->begin) || v->begin[batch] > max)
		return max;
	return v->begin[batch] - 1;
}

static inline void ocr_index_set_t(ocr_stride_index *x)
{
	const int *s = x->map->step;

	x->t = s[0] * x->at[0] + s[1] * x->at[1] + s[2] * x->at[2];
}

static inline bool ocr_index_valid(const ocr_stride_index *x)
{
	if (x->at[0] < 0 || x->at[1] < 0 || x->at[2] < 0)
		return false;
	return x->at[0] <= ocr_index_max(x, OCR_FD_BATCH) &&
	       x->at[1] <= ocr_index_max(x, OCR_FD_HEIGHT) &&
	       x->at[2] <= ocr_index_max(x, OCR_FD_WIDTH);
}

static inline bool ocr_index_add(ocr_stride_index *x, int offset, int dim)
{
	x->at[dim] += offset;
	ocr_index_set_t(x);
	return ocr_index_valid(x);
}

static inline void ocr_index_last_of(ocr_stride_index *x, int batch)
{
	x->at[OCR_FD_BATCH] = batch;
	x->at[OCR_FD_HEIGHT] = ocr_index_max(x, OCR_FD_HEIGHT);
	x->at[OCR_FD_WIDTH] = ocr_index_max(x, OCR_FD_WIDTH);
	ocr_index_set_t(x);
}

/* The last dimension moves fastest; a dimension at its end carries. */
static inline bool ocr_index_inc(ocr_stride_index *x)
{
	for (int d = OCR_FD_N - 1; d >= 0; d--) {
		if (x->at[d] != ocr_index_max(x, d)) {
			x->t += x->map->step[d];
			x->at[d]++;
			return true;
		}
		x->t -= x->map->step[d] * x->at[d];
		x->at[d] = 0;
	}
	return false;
}

static inline bool ocr_index_dec(ocr_stride_index *x)
{
	for (int d = OCR_FD_N - 1; d >= 0; d--) {
		if (x->at[d] > 0) {
			x->at[d]--;
			/* Another image of the batch: its own last position. */
			if (d == OCR_FD_BATCH)
				ocr_index_last_of(x, x->at[OCR_FD_BATCH]);
			else
				x->t -= x->map->step[d];
			return true;
		}
		x->at[d] = ocr_index_max(x, d);
		x->t += x->map->step[d] * x->at[d];
	}
	return false;
}

/* ---- the check ---- */

static bool ocr_index_same(const ocr_stride_index *a, const ocr_stride_index *b)
{
	return a->map == b->map && a->t == b->t && a->at[0] == b->at[0] && a->at[1] == b->at[1] &&
	       a->at[2] == b->at[2];
}

/* Every method at one position, Tesseract's against ours. */
static bool ocr_index_agree_at(const ocr_stride_index *x)
{
	ocr_stride_index a, b;
	bool valid = ocr_index_valid(x);

	if (ocr_index_next.valid(x) != valid)
		return false;
	a = *x, b = *x;
	ocr_index_next.set_t(&a), ocr_index_set_t(&b);
	if (!ocr_index_same(&a, &b))
		return false;
	for (int d = 0; d < OCR_FD_N; d++)
		for (int off = -2; off <= 2; off++) {
			a = *x, b = *x;
			if (ocr_index_next.add(&a, off, d) != (ocr_index_add(&b, off, d)) ||
			    !ocr_index_same(&a, &b))
				return false;
		}
	/* Tesseract's own may assert on a negative batch here. */
	if (x->at[OCR_FD_BATCH] < 0)
		return true;
	for (int d = 0; d < OCR_FD_N; d++)
		if (ocr_index_next.max_of(x, d) != ocr_index_max(x, d) ||
		    ocr_index_next.is_last(x, d) != (x->at[d] == ocr_index_max(x, d)))
			return false;
	if (!valid)
		return true;
	a = *x, b = *x;
	if (ocr_index_next.inc(&a) != ocr_index_inc(&b) || !ocr_index_same(&a, &b))
		return false;
	a = *x, b = *x;
	if (ocr_index_next.dec(&a) != ocr_index_dec(&b) || !ocr_index_same(&a, &b))
		return false;
	a = *x, b = *x;
	ocr_index_next.last_of(&a, x->at[OCR_FD_BATCH]);
	ocr_index_last_of(&b, x->at[OCR_FD_BATCH]);
	return ocr_index_same(&a, &b);
}

/*
 * Tensors as Tesseract makes them: a batch of images of unequal sizes,
 * one taller than the tensor, fewer sizes than images, none at all, one
 * row high.  Every position inside and one around.
 */
static bool ocr_index_agree(void)
{
	static const int h1[] = {6, 4, 8}, w1[] = {9, 5}, h3[] = {1, 1}, w3[] = {7, 3};
	const ocr_stride_map maps[] = {
	    {{3, 6, 9}, {54, 9, 1}, {h1, h1 + 3, h1 + 3}, {w1, w1 + 2, w1 + 2}},
	    {{1, 4, 5}, {20, 5, 1}, {NULL, NULL, NULL}, {NULL, NULL, NULL}},
	    {{2, 1, 7}, {7, 7, 1}, {h3, h3 + 2, h3 + 2}, {w3, w3 + 2, w3 + 2}},
	};

	for (size_t i = 0; i < sizeof(maps) / sizeof(maps[0]); i++) {
		const ocr_stride_map *m = &maps[i];

		for (int b = -1; b <= m->shape[0]; b++)
			for (int y = -1; y <= m->shape[1]; y++)
				for (int xx = -1; xx <= m->shape[2]; xx++) {
					/* t deliberately stale: the methods must set it. */
					ocr_stride_index x = {m, 12345, {b, y, xx}};

					if (!ocr_index_agree_at(&x))
						return false;
				}
	}
	return true;
}

/* Each of libtesseract's own, whatever its version; true if all are there. */
static bool ocr_index_resolve(void)
{
	bool all = true;

	for (size_t i = 0; i < sizeof(ocr_index_names) / sizeof(ocr_index_names[0]); i++) {
		void *f = dlsym(RTLD_NEXT, ocr_index_names[i].name);

		/* Not exported: libtesseract does not call it through here. */
		if (!f)
			all = false;
		memcpy((char *)&ocr_index_next + ocr_index_names[i].off, &f, sizeof(f));
	}
	return all;
}

/*
 * Inside a span, ours; elsewhere libtesseract's, which it then must
 * have (a broken link is stopped here rather than answered wrongly).
 */
static inline bool ocr_index_mine(void)
{
	return ocr_shortcut_depth > 0 && ocr_index_on;
}

static void ocr_index_broken(const char *name)
{
	fprintf(stderr, "sohoa: cannot find libtesseract's %s: broken link\n", name);
	abort();
}

#define OCR_INDEX_NEXT(field, name)                                                                \
	(ocr_index_next.field                                                                      \
	     ? ocr_index_next.field                                                                \
	     : (ocr_index_broken("StrideMap::Index::" name), ocr_index_next.field))

int ocr_index_max_of_dim(const ocr_stride_index *x, int dim) __asm__(OCR_SYM_MAX_OF);
int ocr_index_max_of_dim(const ocr_stride_index *x, int dim)
{
	if (ocr_index_mine()) {
		ocr_shortcut_lstm_n++;
		return ocr_index_max(x, dim);
	}
	return OCR_INDEX_NEXT(max_of, "MaxIndexOfDim")(x, dim);
}

bool ocr_index_is_valid(const ocr_stride_index *x) __asm__(OCR_SYM_VALID);
bool ocr_index_is_valid(const ocr_stride_index *x)
{
	if (ocr_index_mine()) {
		ocr_shortcut_lstm_n++;
		return ocr_index_valid(x);
	}
	return OCR_INDEX_NEXT(valid, "IsValid")(x);
}

bool ocr_index_is_last(const ocr_stride_index *x, int dim) __asm__(OCR_SYM_IS_LAST);
bool ocr_index_is_last(const ocr_stride_index *x, int dim)
{
	if (ocr_index_mine()) {
		ocr_shortcut_lstm_n++;
		return x->at[dim] == ocr_index_max(x, dim);
	}
	return OCR_INDEX_NEXT(is_last, "IsLast")(x, dim);
}

void ocr_index_set_t_from_indices(ocr_stride_index *x) __asm__(OCR_SYM_SET_T);
void ocr_index_set_t_from_indices(ocr_stride_index *x)
{
	if (ocr_index_mine()) {
		ocr_shortcut_lstm_n++;
		ocr_index_set_t(x);
		return;
	}
	OCR_INDEX_NEXT(set_t, "SetTFromIndices")(x);
}

bool ocr_index_add_offset(ocr_stride_index *x, int offset, int dim) __asm__(OCR_SYM_ADD);
bool ocr_index_add_offset(ocr_stride_index *x, int offset, int dim)
{
	if (ocr_index_mine()) {
		ocr_shortcut_lstm_n++;
		return ocr_index_add(x, offset, dim);
	}
	return OCR_INDEX_NEXT(add, "AddOffset")(x, offset, dim);
}

bool ocr_index_increment(ocr_stride_index *x) __asm__(OCR_SYM_INC);
bool ocr_index_increment(ocr_stride_index *x)
{
	if (ocr_index_mine()) {
		ocr_shortcut_lstm_n++;
		return ocr_index_inc(x);
	}
	return OCR_INDEX_NEXT(inc, "Increment")(x);
}

bool ocr_index_decrement(ocr_stride_index *x) __asm__(OCR_SYM_DEC);
bool ocr_index_decrement(ocr_stride_index *x)
{
	if (ocr_index_mine()) {
		ocr_shortcut_lstm_n++;
		return ocr_index_dec(x);
	}
	return OCR_INDEX_NEXT(dec, "Decrement")(x);
}

void ocr_index_init_to_last_of_batch(ocr_stride_index *x, int batch) __asm__(OCR_SYM_LAST_OF);
void ocr_index_init_to_last_of_batch(ocr_stride_index *x, int batch)
{
	if (ocr_index_mine()) {
		ocr_shortcut_lstm_n++;
		ocr_index_last_of(x, batch);
		return;
	}
	OCR_INDEX_NEXT(last_of, "InitToLastOfBatch")(x, batch);
}

/* ---- 2. NetworkIO's step writes and copies ---- */

/* tesseract::GENERIC_2D_ARRAY<T>: a vtable, the cells, the unused
 * cell, its two sizes and the cells allocated; row r at cells + r * dim2. */
typedef struct {
	const void *vtable;
	float *cells;
	float empty;
	int dim1, dim2, allocated;
} ocr_float_2d;

typedef struct {
	const void *vtable;
	int8_t *cells;
	int8_t empty;
	int dim1, dim2, allocated;
} ocr_int8_2d;

/* tesseract::NetworkIO: float and 8-bit storage, which one is in use. */
typedef struct {
	ocr_float_2d f;
	ocr_int8_2d i;
	bool int_mode;
	ocr_stride_map stride;
} ocr_network_io;

/* As Tesseract 5.3.0's code reads them (its disassembly). */
_Static_assert(offsetof(ocr_network_io, i) == 0x20, "NetworkIO::i_");
_Static_assert(offsetof(ocr_network_io, i.cells) == 0x28, "NetworkIO::i_.array_");
_Static_assert(offsetof(ocr_network_io, i.dim2) == 0x38, "NetworkIO::i_.dim2_");
_Static_assert(offsetof(ocr_network_io, int_mode) == 0x40, "NetworkIO::int_mode_");

#define OCR_MANGLE_NIO   "_ZN9tesseract9NetworkIO"
#define OCR_WRITE_PART   OCR_MANGLE_NIO "17WriteTimeStepPartEiiiPKf"
#define OCR_COPY_GENERAL OCR_MANGLE_NIO "19CopyTimeStepGeneralEiiiRKS0_ii"

typedef void (*ocr_nio_write_fn)(ocr_network_io *, int, int, int, const float *);
typedef void (*ocr_nio_copy_fn)(ocr_network_io *, int, int, int, const ocr_network_io *, int, int);

static ocr_nio_write_fn ocr_nio_next_write;
static ocr_nio_copy_fn ocr_nio_next_copy;
/* The vtables of the two array types: a subclass would index otherwise. */
static const void *ocr_nio_float_vt, *ocr_nio_int8_vt;
/* Set before main by ocr_nio_resolve, read-only afterwards. */
static bool ocr_nio_on;

/* One value as Tesseract stores it: x * 127 rounded half away from
 * zero by truncation, clipped to +-127; a NaN takes the negative side. */
static inline int8_t ocr_nio_quantize(float x)
{
	float v = x * 127.0f;
	int r;

	/* cvttss2si as Tesseract's build: INT_MIN past the int range. */
	if (v >= 0.0f)
		r = _mm_cvttss_si32(_mm_set_ss(v + 0.5f));
	else
		r = (int)(0u - (unsigned)_mm_cvttss_si32(_mm_set_ss(0.5f - v)));
	return (int8_t)(r > 127 ? 127 : r < -127 ? -127 : r);
}

/* ocr_nio_quantize on 16 values: both roundings, the sign selects one. */
static inline void ocr_nio_quantize16(int8_t *dst, const float *src)
{
	const __m128 k = _mm_set1_ps(127.0f), half = _mm_set1_ps(0.5f), zero = _mm_setzero_ps();
	const __m128i lo = _mm_set1_epi16(-127), hi = _mm_set1_epi16(127);
	__m128i q[4];

	for (int j = 0; j < 4; j++) {
		__m128 v = _mm_mul_ps(_mm_loadu_ps(src + 4 * j), k);
		__m128i up = _mm_cvttps_epi32(_mm_add_ps(v, half));
		__m128i down =
		    _mm_sub_epi32(_mm_setzero_si128(), _mm_cvttps_epi32(_mm_sub_ps(half, v)));
		__m128i pos = _mm_castps_si128(_mm_cmpge_ps(v, zero));

		q[j] = _mm_or_si128(_mm_and_si128(pos, up), _mm_andnot_si128(pos, down));
	}
	/* Saturating packs keep the order, so clipping after them is the same. */
	_mm_storeu_si128(
	    (__m128i *)dst,
	    _mm_packs_epi16(_mm_min_epi16(_mm_max_epi16(_mm_packs_epi32(q[0], q[1]), lo), hi),
	                    _mm_min_epi16(_mm_max_epi16(_mm_packs_epi32(q[2], q[3]), lo), hi)));
}

static void ocr_nio_write(ocr_network_io *io, int t, int offset, int n, const float *in)
{
	int k = 0;

	if (!io->int_mode) {
		float *line = io->f.cells + (ptrdiff_t)(t * io->f.dim2) + offset;

		for (; k < n; k++)
			line[k] = in[k];
		return;
	}
	int8_t *line = io->i.cells + (ptrdiff_t)(t * io->i.dim2) + offset;

	for (; k + 16 <= n; k += 16)
		ocr_nio_quantize16(line + k, in + k);
	for (; k < n; k++)
		line[k] = ocr_nio_quantize(in[k]);
}

/* False when Tesseract's own must answer: storage kinds that differ
 * (its assertion) or an array of another type. */
static bool ocr_nio_copy(ocr_network_io *io, int dt, int doff, int n, const ocr_network_io *src,
                         int st, int soff)
{
	if (io->int_mode != src->int_mode)
		return false;
	if (io->int_mode) {
		if (io->i.vtable != ocr_nio_int8_vt || src->i.vtable != ocr_nio_int8_vt)
			return false;
		int8_t *d = io->i.cells + (ptrdiff_t)(dt * io->i.dim2) + doff;
		const int8_t *s = src->i.cells + (ptrdiff_t)(st * src->i.dim2) + soff;

		/* One byte a pixel in the convolution: no call for it. */
		if (n == 1)
			*d = *s;
		else
			memcpy(d, s, (size_t)(ptrdiff_t)n);
		return true;
	}
	if (io->f.vtable != ocr_nio_float_vt || src->f.vtable != ocr_nio_float_vt)
		return false;
	memcpy(io->f.cells + (ptrdiff_t)(dt * io->f.dim2) + doff,
	       src->f.cells + (ptrdiff_t)(st * src->f.dim2) + soff,
	       (size_t)(ptrdiff_t)n * sizeof(float));
	return true;
}

/*
 * The check: both ways into twin tensors of both kinds, every length to
 * 40 at several offsets, values across the range and past it, halves
 * that round either way, signed zeros, infinities, NaN.
 */
#define OCR_NIO_ROWS 4
#define OCR_NIO_COLS 64

typedef struct {
	ocr_network_io io;
	float fcells[OCR_NIO_ROWS * OCR_NIO_COLS];
	int8_t icells[OCR_NIO_ROWS * OCR_NIO_COLS];
} ocr_nio_twin;

static void ocr_nio_twin_init(ocr_nio_twin *w, bool int_mode, int seed)
{
	memset(w, 0, sizeof(*w));
	w->io.f = (ocr_float_2d){ocr_nio_float_vt, w->fcells,    0.0f,
	                         OCR_NIO_ROWS,     OCR_NIO_COLS, OCR_NIO_ROWS * OCR_NIO_COLS};
	w->io.i = (ocr_int8_2d){ocr_nio_int8_vt, w->icells,    0,
	                        OCR_NIO_ROWS,    OCR_NIO_COLS, OCR_NIO_ROWS * OCR_NIO_COLS};
	w->io.int_mode = int_mode;
	for (int k = 0; k < OCR_NIO_ROWS * OCR_NIO_COLS; k++) {
		w->fcells[k] = (float)((k * 37 + seed) % 101) / 50.0f - 1.0f;
		w->icells[k] = (int8_t)((k * 53 + seed) % 255 - 127);
	}
}

static bool ocr_nio_twins_same(const ocr_nio_twin *a, const ocr_nio_twin *b)
{
	return memcmp(a->fcells, b->fcells, sizeof(a->fcells)) == 0 &&
	       memcmp(a->icells, b->icells, sizeof(a->icells)) == 0;
}

static bool ocr_nio_agree(void)
{
	static ocr_nio_twin a, b, src;
	float in[48];
	const float odd[] = {0.0f,        -0.0f, 0.5f / 127,  -0.5f / 127,  1.5f / 127,
	                     -2.5f / 127, 1.0f,  -1.0f,       1.01f,        -1.01f,
	                     3e9f,        -3e9f, 1.0f / 0.0f, -1.0f / 0.0f, __builtin_nanf("")};

	for (int k = 0; k < 48; k++)
		in[k] = k < (int)(sizeof(odd) / sizeof(odd[0]))
		            ? odd[k]
		            : (float)((k * 7919) % 2001 - 1000) / 997.0f + (float)(k % 3) * 1e-7f;
	for (int mode = 0; mode < 2; mode++)
		for (int n = 0; n <= 40; n++)
			for (int t = 0; t < OCR_NIO_ROWS; t++) {
				int offset = (n * 5 + t) % (OCR_NIO_COLS - 40);

				ocr_nio_twin_init(&a, mode, n);
				ocr_nio_twin_init(&b, mode, n);
				ocr_nio_next_write(&a.io, t, offset, n, in + (n + t) % 8);
				ocr_nio_write(&b.io, t, offset, n, in + (n + t) % 8);
				if (!ocr_nio_twins_same(&a, &b))
					return false;
				ocr_nio_twin_init(&src, mode, 7 * n + 1);
				ocr_nio_twin_init(&a, mode, n);
				ocr_nio_twin_init(&b, mode, n);
				ocr_nio_next_copy(&a.io, t, offset, n, &src.io,
				                  OCR_NIO_ROWS - 1 - t, (offset + 3) % 24);
				if (!ocr_nio_copy(&b.io, t, offset, n, &src.io,
				                  OCR_NIO_ROWS - 1 - t, (offset + 3) % 24) ||
				    !ocr_nio_twins_same(&a, &b))
					return false;
			}
	return true;
}

/* libtesseract's own, whatever its version; true if all are there. */
static bool ocr_nio_resolve(void)
{
	void *w = dlsym(RTLD_NEXT, OCR_WRITE_PART), *c = dlsym(RTLD_NEXT, OCR_COPY_GENERAL);
	const char *fvt = dlsym(RTLD_NEXT, "_ZTVN9tesseract16GENERIC_2D_ARRAYIfEE");
	const char *ivt = dlsym(RTLD_NEXT, "_ZTVN9tesseract16GENERIC_2D_ARRAYIaEE");

	memcpy(&ocr_nio_next_write, &w, sizeof(w));
	memcpy(&ocr_nio_next_copy, &c, sizeof(c));
	if (!w || !c || !fvt || !ivt)
		return false;
	/* An object's vtable pointer: past the offset to top and the type. */
	ocr_nio_float_vt = fvt + 2 * sizeof(void *);
	ocr_nio_int8_vt = ivt + 2 * sizeof(void *);
	return true;
}

void ocr_nio_write_time_step_part(ocr_network_io *io, int t, int offset, int n,
                                  const float *in) __asm__(OCR_WRITE_PART);
void ocr_nio_write_time_step_part(ocr_network_io *io, int t, int offset, int n, const float *in)
{
	if (ocr_shortcut_depth > 0 && ocr_nio_on) {
		ocr_shortcut_lstm_n++;
		ocr_nio_write(io, t, offset, n, in);
		return;
	}
	if (!ocr_nio_next_write)
		ocr_index_broken("NetworkIO::WriteTimeStepPart");
	ocr_nio_next_write(io, t, offset, n, in);
}

void ocr_nio_copy_time_step_general(ocr_network_io *io, int dt, int doff, int n,
                                    const ocr_network_io *src, int st,
                                    int soff) __asm__(OCR_COPY_GENERAL);
void ocr_nio_copy_time_step_general(ocr_network_io *io, int dt, int doff, int n,
                                    const ocr_network_io *src, int st, int soff)
{
	if (ocr_shortcut_depth > 0 && ocr_nio_on && ocr_nio_copy(io, dt, doff, n, src, st, soff)) {
		ocr_shortcut_lstm_n++;
		return;
	}
	if (!ocr_nio_next_copy)
		ocr_index_broken("NetworkIO::CopyTimeStepGeneral");
	ocr_nio_next_copy(io, dt, doff, n, src, st, soff);
}

/*
 * libtesseract's constructors have run: it is loaded before us.  Its
 * own methods are looked up whatever its version, since every call
 * outside a span, or without a passed check, goes to them.  The checks
 * hand mirrored objects to libtesseract's code, so they run only for the
 * release whose layout was read from its disassembly (5.3, Debian 12's).
 */
__attribute__((constructor)) static void ocr_lstm_resolve(void)
{
	const char *v = TessVersion();
	bool index = ocr_index_resolve(), nio = ocr_nio_resolve();

	if (!v || strncmp(v, "5.3.", 4) != 0)
		return;
	ocr_index_on = index && ocr_index_agree();
	ocr_nio_on = nio && ocr_nio_agree();
}

bool ocr_shortcut_lstm_on(void)
{
	return ocr_index_on && ocr_nio_on && ocr_shortcut_tanh_on();
}

long ocr_shortcut_lstm_calls(void)
{
	return ocr_shortcut_lstm_n;
}
