/*
 * ocr_shortcut_index.c - the LSTM's tensor index (Tesseract's
 * StrideMap::Index), stepped in one call instead of a dozen.
 *
 * Tesseract's network layers, the convolution's 3 x 3 stacking above
 * all, visit every position of a text line's tensor through
 * StrideMap::Index.  Its methods are exported from libtesseract and
 * reach one another through its PLT: AddOffset calls SetTFromIndices and
 * IsValid, which calls MaxIndexOfDim three times.  On the 60 pages of
 * the default corpus that is about a hundred million calls; answering
 * each in one call took 13% off the bare loop's Recognize time, with
 * the same text (bench/RESULTS.md).
 *
 * The definitions below carry the methods' C++ names (Itanium ABI
 * mangling; `this' comes first) and their behaviour, edges included: an
 * index outside the tensor, a batch past the per-image sizes.  They
 * read Tesseract's objects through a mirror of their layout, which is
 * Tesseract's private business.  So they answer only for Tesseract 5,
 * and only after a check at first use has driven libtesseract's own
 * methods and these through the same cases, thousands of them, with the
 * same results.  Otherwise, and outside the spans of ocr_shortcut.c,
 * every call goes to libtesseract's own method.  The check runs when
 * the program starts, before any thread: afterwards its outcome and
 * libtesseract's methods are only read.
 */
#include "ocr_priv.h"

#include <dlfcn.h>
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

typedef int (*ocr_index_max_fn)(const ocr_stride_index *, int);
typedef bool (*ocr_index_valid_fn)(const ocr_stride_index *);
typedef bool (*ocr_index_last_fn)(const ocr_stride_index *, int);
typedef void (*ocr_index_set_t_fn)(ocr_stride_index *);
typedef bool (*ocr_index_add_fn)(ocr_stride_index *, int, int);
typedef bool (*ocr_index_step_fn)(ocr_stride_index *);
typedef void (*ocr_index_last_of_fn)(ocr_stride_index *, int);

/* libtesseract's own methods: set once, by the first caller. */
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
    {OCR_MANGLE_CINDEX "13MaxIndexOfDimE" OCR_MANGLE_FD,
     offsetof(__typeof__(ocr_index_next), max_of)},
    {OCR_MANGLE_CINDEX "7IsValidEv", offsetof(__typeof__(ocr_index_next), valid)},
    {OCR_MANGLE_CINDEX "6IsLastE" OCR_MANGLE_FD, offsetof(__typeof__(ocr_index_next), is_last)},
    {OCR_MANGLE_INDEX "15SetTFromIndicesEv", offsetof(__typeof__(ocr_index_next), set_t)},
    {OCR_MANGLE_INDEX "9AddOffsetEi" OCR_MANGLE_FD, offsetof(__typeof__(ocr_index_next), add)},
    {OCR_MANGLE_INDEX "9IncrementEv", offsetof(__typeof__(ocr_index_next), inc)},
    {OCR_MANGLE_INDEX "9DecrementEv", offsetof(__typeof__(ocr_index_next), dec)},
    {OCR_MANGLE_INDEX "17InitToLastOfBatchEi", offsetof(__typeof__(ocr_index_next), last_of)},
};

/* Set before main by ocr_index_resolve, read-only afterwards. */
static bool ocr_index_on;
static _Thread_local long ocr_index_n;

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

/* ---- the check at first use ---- */

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

/* libtesseract's constructors have run: it is loaded before us. */
__attribute__((constructor)) static void ocr_index_resolve(void)
{
	const char *v = TessVersion();

	for (size_t i = 0; i < sizeof(ocr_index_names) / sizeof(ocr_index_names[0]); i++) {
		void *f = dlsym(RTLD_NEXT, ocr_index_names[i].name);

		/* Not exported: libtesseract does not call it through here. */
		if (!f)
			return;
		memcpy((char *)&ocr_index_next + ocr_index_names[i].off, &f, sizeof(f));
	}
	ocr_index_on = v && v[0] == '5' && v[1] == '.' && ocr_index_agree();
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
	fprintf(stderr, "sohoa: cannot find libtesseract's StrideMap::Index::%s: broken link\n",
	        name);
	abort();
}

#define OCR_INDEX_NEXT(field, name)                                                                \
	(ocr_index_next.field ? ocr_index_next.field                                               \
	                      : (ocr_index_broken(name), ocr_index_next.field))

int ocr_index_max_of_dim(const ocr_stride_index *x,
                         int dim) __asm__(OCR_MANGLE_CINDEX "13MaxIndexOfDimE" OCR_MANGLE_FD);
int ocr_index_max_of_dim(const ocr_stride_index *x, int dim)
{
	if (ocr_index_mine()) {
		ocr_index_n++;
		return ocr_index_max(x, dim);
	}
	return OCR_INDEX_NEXT(max_of, "MaxIndexOfDim")(x, dim);
}

bool ocr_index_is_valid(const ocr_stride_index *x) __asm__(OCR_MANGLE_CINDEX "7IsValidEv");
bool ocr_index_is_valid(const ocr_stride_index *x)
{
	if (ocr_index_mine()) {
		ocr_index_n++;
		return ocr_index_valid(x);
	}
	return OCR_INDEX_NEXT(valid, "IsValid")(x);
}

bool ocr_index_is_last(const ocr_stride_index *x,
                       int dim) __asm__(OCR_MANGLE_CINDEX "6IsLastE" OCR_MANGLE_FD);
bool ocr_index_is_last(const ocr_stride_index *x, int dim)
{
	if (ocr_index_mine()) {
		ocr_index_n++;
		return x->at[dim] == ocr_index_max(x, dim);
	}
	return OCR_INDEX_NEXT(is_last, "IsLast")(x, dim);
}

void ocr_index_set_t_from_indices(ocr_stride_index *x) __asm__(OCR_MANGLE_INDEX
                                                               "15SetTFromIndicesEv");
void ocr_index_set_t_from_indices(ocr_stride_index *x)
{
	if (ocr_index_mine()) {
		ocr_index_n++;
		ocr_index_set_t(x);
		return;
	}
	OCR_INDEX_NEXT(set_t, "SetTFromIndices")(x);
}

bool ocr_index_add_offset(ocr_stride_index *x, int offset,
                          int dim) __asm__(OCR_MANGLE_INDEX "9AddOffsetEi" OCR_MANGLE_FD);
bool ocr_index_add_offset(ocr_stride_index *x, int offset, int dim)
{
	if (ocr_index_mine()) {
		ocr_index_n++;
		return ocr_index_add(x, offset, dim);
	}
	return OCR_INDEX_NEXT(add, "AddOffset")(x, offset, dim);
}

bool ocr_index_increment(ocr_stride_index *x) __asm__(OCR_MANGLE_INDEX "9IncrementEv");
bool ocr_index_increment(ocr_stride_index *x)
{
	if (ocr_index_mine()) {
		ocr_index_n++;
		return ocr_index_inc(x);
	}
	return OCR_INDEX_NEXT(inc, "Increment")(x);
}

bool ocr_index_decrement(ocr_stride_index *x) __asm__(OCR_MANGLE_INDEX "9DecrementEv");
bool ocr_index_decrement(ocr_stride_index *x)
{
	if (ocr_index_mine()) {
		ocr_index_n++;
		return ocr_index_dec(x);
	}
	return OCR_INDEX_NEXT(dec, "Decrement")(x);
}

void ocr_index_init_to_last_of_batch(ocr_stride_index *x,
                                     int batch) __asm__(OCR_MANGLE_INDEX "17InitToLastOfBatchEi");
void ocr_index_init_to_last_of_batch(ocr_stride_index *x, int batch)
{
	if (ocr_index_mine()) {
		ocr_index_n++;
		ocr_index_last_of(x, batch);
		return;
	}
	OCR_INDEX_NEXT(last_of, "InitToLastOfBatch")(x, batch);
}

bool ocr_shortcut_index_on(void)
{
	return ocr_index_on;
}

long ocr_shortcut_indices(void)
{
	return ocr_index_n;
}
