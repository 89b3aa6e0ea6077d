/*
 * test_ocr_lstm.c - sohoa's StrideMap::Index and NetworkIO methods
 * (ocr_shortcut_lstm.c) against libtesseract's own, on random tensors:
 * every index method at every position inside and one around, whole
 * walks forwards and backwards, step writes and copies of every
 * length with values across the 8-bit range and past it, and the first
 * layer's tanh on values across its table and past it, the gates'
 * tanh and logistic likewise; Otsu
 * thresholding's histogram and binary page on random pages and
 * rectangles.
 */
/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dlfcn.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ocr_priv.h"

/* The layout ocr_shortcut_lstm.c mirrors (libstdc++'s vector). */
typedef struct {
	const int *begin, *end, *cap;
} t_vec;
typedef struct {
	int shape[3], step[3];
	t_vec heights, widths;
} t_map;
typedef struct {
	const t_map *map;
	int t;
	int at[3];
} t_index;

typedef struct {
	int (*max_of)(const t_index *, int);
	bool (*valid)(const t_index *);
	bool (*is_last)(const t_index *, int);
	void (*set_t)(t_index *);
	bool (*add)(t_index *, int, int);
	bool (*inc)(t_index *);
	bool (*dec)(t_index *);
	void (*last_of)(t_index *, int);
} t_methods;

static const char *const names[] = {
    "_ZNK9tesseract9StrideMap5Index13MaxIndexOfDimENS_14FlexDimensionsE",
    "_ZNK9tesseract9StrideMap5Index7IsValidEv",
    "_ZNK9tesseract9StrideMap5Index6IsLastENS_14FlexDimensionsE",
    "_ZN9tesseract9StrideMap5Index15SetTFromIndicesEv",
    "_ZN9tesseract9StrideMap5Index9AddOffsetEiNS_14FlexDimensionsE",
    "_ZN9tesseract9StrideMap5Index9IncrementEv",
    "_ZN9tesseract9StrideMap5Index9DecrementEv",
    "_ZN9tesseract9StrideMap5Index17InitToLastOfBatchEi",
};

/* ours: the program's definitions; theirs: libtesseract's. */
static void methods_load(void *handle, t_methods *m)
{
	void *f[sizeof(names) / sizeof(names[0])];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		f[i] = dlsym(handle, names[i]);
		assert_non_null(f[i]);
	}
	memcpy(&m->max_of, &f[0], sizeof(f[0]));
	memcpy(&m->valid, &f[1], sizeof(f[0]));
	memcpy(&m->is_last, &f[2], sizeof(f[0]));
	memcpy(&m->set_t, &f[3], sizeof(f[0]));
	memcpy(&m->add, &f[4], sizeof(f[0]));
	memcpy(&m->inc, &f[5], sizeof(f[0]));
	memcpy(&m->dec, &f[6], sizeof(f[0]));
	memcpy(&m->last_of, &f[7], sizeof(f[0]));
}

static t_methods ours, theirs;
static unsigned long long rng = 0x9e3779b97f4a7c15ULL;

static int rnd(int lo, int hi)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return lo + (int)((rng >> 33) % (unsigned long long)(hi - lo + 1));
}

static void same(const t_index *a, const t_index *b)
{
	assert_ptr_equal(a->map, b->map);
	assert_int_equal(a->t, b->t);
	assert_int_equal(a->at[0], b->at[0]);
	assert_int_equal(a->at[1], b->at[1]);
	assert_int_equal(a->at[2], b->at[2]);
}

/* One position, every method, ours inside a span against theirs. */
static void check_at(const t_index *x)
{
	t_index a, b;
	bool valid;

	ocr_shortcut_enter();
	valid = ours.valid(x);
	ocr_shortcut_leave();
	assert_int_equal(valid, theirs.valid(x));
	a = *x, b = *x;
	ocr_shortcut_enter();
	ours.set_t(&a);
	ocr_shortcut_leave();
	theirs.set_t(&b);
	same(&a, &b);
	for (int d = 0; d < 3; d++)
		for (int off = -3; off <= 3; off++) {
			bool ra, rb;

			a = *x, b = *x;
			ocr_shortcut_enter();
			ra = ours.add(&a, off, d);
			ocr_shortcut_leave();
			rb = theirs.add(&b, off, d);
			assert_int_equal(ra, rb);
			same(&a, &b);
		}
	/* Debian's 5.3.0 is built without assertions: every method at every
	 * position, invalid ones and negative batches included. */
	for (int d = 0; d < 3; d++) {
		int ma, la;

		ocr_shortcut_enter();
		ma = ours.max_of(x, d);
		la = ours.is_last(x, d);
		ocr_shortcut_leave();
		assert_int_equal(ma, theirs.max_of(x, d));
		assert_int_equal(la, theirs.is_last(x, d));
	}
	for (int k = 0; k < 4; k++) {
		/* The batch given to InitToLastOfBatch: this one, and past it. */
		int batch = k == 2 ? x->at[0] : x->at[0] + x->map->shape[0];
		bool ra, rb;

		a = *x, b = *x;
		ocr_shortcut_enter();
		ra = k == 0   ? ours.inc(&a)
		     : k == 1 ? ours.dec(&a)
		              : (ours.last_of(&a, batch), true);
		ocr_shortcut_leave();
		rb = k == 0   ? theirs.inc(&b)
		     : k == 1 ? theirs.dec(&b)
		              : (theirs.last_of(&b, batch), true);
		assert_int_equal(ra, rb);
		same(&a, &b);
	}
}

/*
 * A random tensor as Tesseract builds one, sizes per image optional;
 * with `empty', some images may have no rows or columns (where a walk
 * would never end).
 */
static void map_random(t_map *m, int *h, int *w, bool empty)
{
	int nb = rnd(1, 4), nh = rnd(0, nb), nw = rnd(0, nb);

	m->shape[0] = nb;
	m->shape[1] = rnd(1, 9);
	m->shape[2] = rnd(1, 40);
	m->step[2] = 1;
	m->step[1] = m->shape[2];
	m->step[0] = m->shape[1] * m->shape[2];
	/* Some sizes past the tensor's, as after a transposition. */
	for (int i = 0; i < nh; i++)
		h[i] = rnd(!empty, m->shape[1] + 2);
	for (int i = 0; i < nw; i++)
		w[i] = rnd(!empty, m->shape[2] + 2);
	m->heights = (t_vec){nh ? h : NULL, nh ? h + nh : NULL, nh ? h + nh : NULL};
	m->widths = (t_vec){nw ? w : NULL, nw ? w + nw : NULL, nw ? w + nw : NULL};
}

static void index_methods_are_tesseracts(void **state)
{
	long taken = ocr_shortcut_lstm_calls();
	int positions = 0, steps = 0;

	(void)state;
	/* Debian's Tesseract 5 passes the check at start-up: else every call
	 * would silently go to libtesseract. */
	assert_true(ocr_shortcut_lstm_on());
	methods_load(RTLD_DEFAULT, &ours);
	methods_load(RTLD_NEXT, &theirs);
	assert_ptr_not_equal((void *)ours.inc, (void *)theirs.inc);
	for (int n = 0; n < 200; n++) {
		int h[4], w[4];
		t_map m;

		map_random(&m, h, w, n % 2);
		for (int b = -1; b <= m.shape[0]; b++)
			for (int y = -1; y <= m.shape[1]; y++)
				for (int x = -1; x <= m.shape[2]; x++) {
					t_index at = {&m, rnd(-1000, 1000), {b, y, x}};

					check_at(&at);
					positions++;
				}
		/* A whole walk each way, as the layers make them. */
		for (int dir = 0; dir < 2 && n % 2 == 0; dir++) {
			t_index a = {&m, 0, {0, 0, 0}}, b;
			bool ra = true, rb;

			if (dir)
				theirs.last_of(&a, m.shape[0] - 1);
			b = a;
			while (ra) {
				ocr_shortcut_enter();
				ra = dir ? ours.dec(&a) : ours.inc(&a);
				ocr_shortcut_leave();
				rb = dir ? theirs.dec(&b) : theirs.inc(&b);
				assert_int_equal(ra, rb);
				same(&a, &b);
				steps++;
			}
		}
	}
	/* Outside a span ours answer nothing themselves. */
	{
		t_map m;
		int h[4], w[4];
		t_index x;
		long before;

		map_random(&m, h, w, false);
		x = (t_index){&m, 0, {0, 0, 0}};
		before = ocr_shortcut_lstm_calls();
		while (ours.inc(&x))
			;
		assert_int_equal(ocr_shortcut_lstm_calls(), before);
	}
	taken = ocr_shortcut_lstm_calls() - taken;
	printf("# %d positions and %d walk steps alike; %ld calls answered by sohoa\n", positions,
	       steps, taken);
	assert_true(positions > 10000);
	assert_true(taken > 10 * positions);
}

/* NetworkIO as ocr_shortcut_lstm.c mirrors it. */
typedef struct {
	const void *vt;
	float *cells;
	float empty;
	int dim1, dim2, allocated;
} t_f2d;
typedef struct {
	const void *vt;
	int8_t *cells;
	int8_t empty;
	int dim1, dim2, allocated;
} t_i2d;
typedef struct {
	t_f2d f;
	t_i2d i;
	bool int_mode;
	t_map stride;
} t_nio;

typedef void (*t_write_fn)(t_nio *, int, int, int, const float *);
typedef void (*t_copy_fn)(t_nio *, int, int, int, const t_nio *, int, int);

#define NIO_CELLS (6 * 300)

typedef struct {
	t_nio io;
	float f[NIO_CELLS];
	int8_t i[NIO_CELLS];
} t_twin;

static const void *vt_f, *vt_i;

static void twin_init(t_twin *w, bool int_mode, int rows, int cols, unsigned seed)
{
	memset(w, 0, sizeof(*w));
	w->io.f = (t_f2d){vt_f, w->f, 0.0f, rows, cols, rows * cols};
	w->io.i = (t_i2d){vt_i, w->i, 0, rows, cols, rows * cols};
	w->io.int_mode = int_mode;
	for (int k = 0; k < NIO_CELLS; k++) {
		w->f[k] = (float)((k * 31u + seed) % 977u);
		w->i[k] = (int8_t)((k * 17u + seed) % 251u);
	}
}

static void twin_same(const t_twin *a, const t_twin *b)
{
	assert_memory_equal(a->f, b->f, sizeof(a->f));
	assert_memory_equal(a->i, b->i, sizeof(a->i));
}

/* Values an LSTM gives, with halves that round either way and worse. */
static float value_random(void)
{
	switch (rnd(0, 9)) {
	case 0:
		return ((float)rnd(-160, 160) + 0.5f) / 127.0f;
	case 1: {
		static const float odd[] = {0.0f, -0.0f, 1e30f, -1e30f, INFINITY, -INFINITY, NAN};

		return odd[rnd(0, 6)];
	}
	default:
		return (float)rnd(-1500000, 1500000) / 1000000.0f;
	}
}

static void step_writes_are_tesseracts(void **state)
{
	void *w = dlsym(RTLD_NEXT, "_ZN9tesseract9NetworkIO17WriteTimeStepPartEiiiPKf");
	void *c = dlsym(RTLD_NEXT, "_ZN9tesseract9NetworkIO19CopyTimeStepGeneralEiiiRKS0_ii");
	void *mw = dlsym(RTLD_DEFAULT, "_ZN9tesseract9NetworkIO17WriteTimeStepPartEiiiPKf");
	void *mc = dlsym(RTLD_DEFAULT, "_ZN9tesseract9NetworkIO19CopyTimeStepGeneralEiiiRKS0_ii");
	const char *fvt = dlsym(RTLD_NEXT, "_ZTVN9tesseract16GENERIC_2D_ARRAYIfEE");
	const char *ivt = dlsym(RTLD_NEXT, "_ZTVN9tesseract16GENERIC_2D_ARRAYIaEE");
	static t_twin a, b, src;
	t_write_fn their_write, our_write;
	t_copy_fn their_copy, our_copy;
	long taken = ocr_shortcut_lstm_calls(), values = 0;
	float in[300];

	(void)state;
	assert_true(ocr_shortcut_lstm_on());
	assert_true(w && c && mw && mc && fvt && ivt);
	assert_ptr_not_equal(w, mw);
	memcpy(&their_write, &w, sizeof(w));
	memcpy(&their_copy, &c, sizeof(c));
	memcpy(&our_write, &mw, sizeof(mw));
	memcpy(&our_copy, &mc, sizeof(mc));
	vt_f = fvt + 2 * sizeof(void *);
	vt_i = ivt + 2 * sizeof(void *);
	for (int trial = 0; trial < 3000; trial++) {
		bool int_mode = trial % 4 != 0;
		int rows = rnd(1, 6), cols = rnd(1, 300), t = rnd(0, rows - 1);
		int offset = rnd(0, cols - 1), n = rnd(0, cols - offset), st = rnd(0, rows - 1);
		int soff = rnd(0, cols - n);
		unsigned seed = (unsigned)rnd(0, 1 << 20);

		for (int k = 0; k < n; k++)
			in[k] = value_random();
		values += n;
		twin_init(&a, int_mode, rows, cols, seed);
		twin_init(&b, int_mode, rows, cols, seed);
		their_write(&a.io, t, offset, n, in);
		ocr_shortcut_enter();
		our_write(&b.io, t, offset, n, in);
		ocr_shortcut_leave();
		twin_same(&a, &b);
		twin_init(&src, int_mode, rows, cols, seed ^ 0x5555u);
		their_copy(&a.io, t, offset, n, &src.io, st, soff);
		ocr_shortcut_enter();
		our_copy(&b.io, t, offset, n, &src.io, st, soff);
		ocr_shortcut_leave();
		twin_same(&a, &b);
	}
	taken = ocr_shortcut_lstm_calls() - taken;
	printf("# 3000 step writes and copies alike (%ld values); %ld answered by sohoa\n", values,
	       taken);
	assert_int_equal(taken, 2 * 3000);
}

/* tesseract::Network's first members, as ocr_shortcut_tanh.c mirrors them. */
typedef struct {
	const void *vtable;
	int type, training;
	bool needs_backprop;
	int flags, ni, no;
} t_network;

typedef void (*t_step_fn)(t_network *, int, float *);

/* Values before the first layer's tanh, some far past its table. */
static float preactivation_random(void)
{
	switch (rnd(0, 19)) {
	case 0: {
		static const float odd[] = {0.0f,   -0.0f,    16.0f,     -16.0f, 1e10f,
		                            -1e10f, INFINITY, -INFINITY, NAN,    1e-40f};

		return odd[rnd(0, 9)];
	}
	case 1:
		return (float)rnd(-4200, 4200) / 256.0f;
	default:
		return (float)rnd(-8000000, 8000000) / 1000000.0f;
	}
}

static void tanh_is_tesseracts(void **state)
{
	void *theirs_p = dlsym(RTLD_NEXT, "_ZN9tesseract14FullyConnected15ForwardTimeStepEiPf");
	void *ours_p = dlsym(RTLD_DEFAULT, "_ZN9tesseract14FullyConnected15ForwardTimeStepEiPf");
	t_step_fn theirs_f, ours_f;
	/* NT_TANH and NT_SOFTMAX in Tesseract's NetworkType. */
	t_network net = {NULL, 19, 0, false, 0, 0, 0};
	float a[260], b[260];
	long taken = ocr_shortcut_lstm_calls(), values = 0, before;

	(void)state;
	assert_true(ocr_shortcut_lstm_on());
	assert_true(theirs_p && ours_p && theirs_p != ours_p);
	memcpy(&theirs_f, &theirs_p, sizeof(theirs_p));
	memcpy(&ours_f, &ours_p, sizeof(ours_p));
	for (int trial = 0; trial < 4000; trial++) {
		int off = rnd(0, 3), n = rnd(0, 256);

		for (int k = 0; k < 260; k++)
			a[k] = b[k] = preactivation_random();
		values += n;
		net.no = n;
		theirs_f(&net, 0, a + off);
		ocr_shortcut_enter();
		ours_f(&net, 0, b + off);
		ocr_shortcut_leave();
		assert_memory_equal(a, b, sizeof(a));
	}
	assert_int_equal(ocr_shortcut_lstm_calls() - taken, 4000);
	/* Another activation is Tesseract's own, inside a span too. */
	net.type = 22;
	net.no = 100;
	for (int k = 0; k < 100; k++)
		a[k] = b[k] = (float)rnd(-3000, 3000) / 1000.0f;
	theirs_f(&net, 0, a);
	before = ocr_shortcut_lstm_calls();
	ocr_shortcut_enter();
	ours_f(&net, 0, b);
	ocr_shortcut_leave();
	assert_int_equal(ocr_shortcut_lstm_calls(), before);
	assert_memory_equal(a, b, 100 * sizeof(float));
	printf("# 4000 tanh steps alike (%ld values)\n", values);
}

/* libstdc++'s std::vector<int>, and the thresholder's rectangle. */
typedef struct {
	int *begin, *end, *cap;
} t_ivec;
typedef struct {
	unsigned char head[0x2c];
	int left, top, width, height;
} t_thresholder;
typedef void (*t_hist_fn)(PIX *, int, int, int, int, int, int *);
typedef void (*t_thresh_fn)(const t_thresholder *, PIX *, int, const t_ivec *, const t_ivec *,
                            PIX **);

#define HIST_NAME "_ZN9tesseract13HistogramRectENS_5ImageEiiiiiPi"
#define THRESH_NAME                                                                                \
	"_ZNK9tesseract16ImageThresholder18ThresholdRectToPixENS_5ImageEiRKSt6vectorIiSaIiEES6_"   \
	"PS1_"

/* Paper, ink and runs of anything, as scanned pages have. */
static PIX *page_random(int w, int h, int depth)
{
	PIX *pix = pixCreate(w, h, depth);
	l_uint32 v = 255;

	assert_non_null(pix);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			switch (rnd(0, 15)) {
			case 0:
				v = (l_uint32)rnd(0, 255);
				break;
			case 1:
				v = (l_uint32)rnd(240, 255);
				break;
			case 2:
				v = (l_uint32)rnd(0, 40);
				break;
			default:
				break;
			}
			pixSetPixel(pix, x, y, depth == 32 ? v * 0x01010100u : v);
		}
	return pix;
}

static void pix_same(PIX *a, PIX *b)
{
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(pixGetWidth(a), pixGetWidth(b));
	assert_int_equal(pixGetHeight(a), pixGetHeight(b));
	assert_int_equal(pixGetDepth(a), pixGetDepth(b));
	assert_int_equal(pixGetXRes(a), pixGetXRes(b));
	assert_int_equal(pixGetYRes(a), pixGetYRes(b));
	/* Padding bits included: both must leave them clear. */
	assert_memory_equal(pixGetData(a), pixGetData(b),
	                    (size_t)pixGetWpl(a) * (size_t)pixGetHeight(a) * sizeof(l_uint32));
}

static void otsu_is_tesseracts(void **state)
{
	void *hp[2] = {dlsym(RTLD_NEXT, HIST_NAME), dlsym(RTLD_DEFAULT, HIST_NAME)};
	void *tp[2] = {dlsym(RTLD_NEXT, THRESH_NAME), dlsym(RTLD_DEFAULT, THRESH_NAME)};
	t_hist_fn hist_theirs, hist_ours;
	t_thresh_fn thresh_theirs, thresh_ours;
	long taken = ocr_shortcut_otsu_calls(), before;
	int trials = 0;

	(void)state;
	assert_true(ocr_shortcut_otsu_on());
	assert_true(hp[0] && hp[1] && hp[0] != hp[1] && tp[0] && tp[1] && tp[0] != tp[1]);
	memcpy(&hist_theirs, &hp[0], sizeof(hp[0]));
	memcpy(&hist_ours, &hp[1], sizeof(hp[1]));
	memcpy(&thresh_theirs, &tp[0], sizeof(tp[0]));
	memcpy(&thresh_ours, &tp[1], sizeof(tp[1]));
	for (int p = 0; p < 40; p++) {
		int w = rnd(1, 700), h = rnd(1, 30);
		PIX *page = page_random(w, h, 8);

		pixSetResolution(page, rnd(70, 600), rnd(70, 600));
		for (int r = 0; r < 20; r++, trials++) {
			t_thresholder th;
			int ha[256], hb[256], tv = rnd(0, 9) ? rnd(0, 255) : rnd(-3, 300),
			                      hv = rnd(0, 3) - 1;
			t_ivec t = {&tv, &tv + 1, &tv + 1}, hi = {&hv, &hv + 1, &hv + 1};
			PIX *a = NULL, *b = NULL;

			memset(&th, 0, sizeof(th));
			th.left = rnd(0, 3) ? rnd(0, w - 1) : 4 * rnd(0, (w - 1) / 4);
			th.top = rnd(0, h - 1);
			th.width = rnd(1, w - th.left);
			th.height = rnd(1, h - th.top);
			/* A stray channel number: Tesseract clips it to the one there is. */
			hist_theirs(page, r % 3, th.left, th.top, th.width, th.height, ha);
			ocr_shortcut_enter();
			hist_ours(page, r % 3, th.left, th.top, th.width, th.height, hb);
			ocr_shortcut_leave();
			assert_memory_equal(ha, hb, sizeof(ha));
			thresh_theirs(&th, page, 1, &t, &hi, &a);
			ocr_shortcut_enter();
			thresh_ours(&th, page, 1, &t, &hi, &b);
			ocr_shortcut_leave();
			pix_same(a, b);
			pixDestroy(&a);
			pixDestroy(&b);
		}
		pixDestroy(&page);
	}
	assert_int_equal(ocr_shortcut_otsu_calls() - taken, 2 * trials);
	/* A colour page is libtesseract's, inside a span too. */
	{
		PIX *page = page_random(77, 9, 32), *a = NULL, *b = NULL;
		t_thresholder th;
		int tv[4] = {120, 130, 140, 0}, hv[4] = {1, 0, 1, -1}, ha[256], hb[256];
		t_ivec t = {tv, tv + 4, tv + 4}, hi = {hv, hv + 4, hv + 4};

		memset(&th, 0, sizeof(th));
		th.width = 77;
		th.height = 9;
		before = ocr_shortcut_otsu_calls();
		hist_theirs(page, 1, 0, 0, 77, 9, ha);
		thresh_theirs(&th, page, 4, &t, &hi, &a);
		ocr_shortcut_enter();
		hist_ours(page, 1, 0, 0, 77, 9, hb);
		thresh_ours(&th, page, 4, &t, &hi, &b);
		ocr_shortcut_leave();
		assert_int_equal(ocr_shortcut_otsu_calls(), before);
		assert_memory_equal(ha, hb, sizeof(ha));
		pix_same(a, b);
		pixDestroy(&a);
		pixDestroy(&b);
		pixDestroy(&page);
	}
	printf("# %d histograms and thresholdings alike\n", trials);
}

/* libgomp's, for a sections body of the test's own. */
unsigned GOMP_sections_next(void);
void GOMP_sections_end_nowait(void);
void GOMP_parallel_sections(void (*fn)(void *), void *data, unsigned threads, unsigned count,
                            unsigned flags);

static void sections_body(void *data)
{
	int *ran = data;

	for (unsigned s = GOMP_sections_next(); s; s = GOMP_sections_next())
		__atomic_fetch_add(&ran[s], 1, __ATOMIC_RELAXED);
	GOMP_sections_end_nowait();
}

/*
 * The LSTM gates' activations (ocr_shortcut_gates.c) against
 * libtesseract's own Logistic (FuncInplace<FFunc>) and Tanh on random
 * values, every offset and length; any other sections' body, inside a
 * span too, still runs through libgomp.
 */
static void gates_are_tesseracts(void **state)
{
	void *fl = dlsym(RTLD_NEXT, "_ZN9tesseract11FuncInplaceINS_5FFuncEEEviPf");
	void *ft = dlsym(RTLD_NEXT, "_ZN9tesseract4TanhEf");
	const float *ltab = dlsym(RTLD_NEXT, "_ZN9tesseract13LogisticTableE");
	const float *ttab = dlsym(RTLD_NEXT, "_ZN9tesseract9TanhTableE");
	void (*logistic)(int, float *);
	float (*tanh1)(float);
	float a[260], b[260];
	long values = 0;
	int ran[6] = {0};

	(void)state;
	assert_true(ocr_shortcut_gates_on());
	assert_true(fl && ft && ltab && ttab);
	memcpy(&logistic, &fl, sizeof(fl));
	memcpy(&tanh1, &ft, sizeof(ft));
	for (int trial = 0; trial < 4000; trial++) {
		int off = rnd(0, 3), n = rnd(0, 256);

		for (int k = 0; k < 260; k++)
			a[k] = b[k] = preactivation_random();
		values += n;
		if (trial % 2) {
			logistic(n, a + off);
			ocr_shortcut_act_run(ltab, true, b + off, n);
		} else {
			for (int k = off; k < off + n; k++)
				a[k] = tanh1(a[k]);
			ocr_shortcut_act_run(ttab, false, b + off, n);
		}
		assert_memory_equal(a, b, sizeof(a));
	}
	ocr_shortcut_enter();
	GOMP_parallel_sections(sections_body, ran, 2, 5, 0);
	ocr_shortcut_leave();
	for (int s = 1; s <= 5; s++)
		assert_int_equal(ran[s], 1);
	assert_int_equal(ran[0], 0);
	printf("# 4000 logistic and tanh runs alike (%ld values)\n", values);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(index_methods_are_tesseracts),
	    cmocka_unit_test(step_writes_are_tesseracts),
	    cmocka_unit_test(tanh_is_tesseracts),
	    cmocka_unit_test(otsu_is_tesseracts),
	    cmocka_unit_test(gates_are_tesseracts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
