/*
 * ocr_shortcut_tanh.c - Tesseract's tanh and logistic functions over a
 * vector, eight or four values at a time; the tanh of its fully
 * connected layers (FullyConnected::ForwardTimeStep) by them.
 *
 * The LSTM's first layer turns each pixel's 3 x 3 neighbourhood into 16
 * values through tanh, and its gates (ocr_shortcut_gates.c) take tanh
 * or the logistic function of every product, which Tesseract reads from
 * tables of 4096 samples with linear interpolation, on the value's
 * magnitude, one value at a time with a branch on its sign.  The signs
 * follow no pattern a branch predictor learns.  Here eight values go at
 * once where the CPU gathers (AVX2), else four: both signs computed,
 * the sign selecting.  The arithmetic is Tesseract's, operation for
 * operation; the rare value whose scaled magnitude is past 2^32 or NaN
 * (where Tesseract's 64-bit truncation keeps only the low bits) takes
 * the scalar copy of Tesseract's steps.  The fully connected layers'
 * other activations (softmax, ...) go to libtesseract.
 *
 * As in ocr_shortcut_lstm.c: only inside the spans of ocr_shortcut.c,
 * only under Tesseract 5.3, and only after a check at start-up has run
 * libtesseract's method and this one on the same values (a fine sweep
 * and every edge) with the same bits.  Otherwise every call goes to
 * libtesseract's own.
 */
#include "ocr_priv.h"

#include <dlfcn.h>
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* tesseract::Network's first members, as far as the output count. */
typedef struct {
	const void *vtable;
	int type;
	int training;
	bool needs_backprop;
	int flags, ni, no;
} ocr_network;

_Static_assert(offsetof(ocr_network, type) == 0x08, "Network::type_");
_Static_assert(offsetof(ocr_network, no) == 0x1c, "Network::no_");

/* tesseract::NetworkType's NT_TANH. */
#define OCR_NT_TANH 19
/* tesseract::kTableSize and kScaleFactor (functions.h). */
#define OCR_TANH_SIZE  4096
#define OCR_TANH_SCALE 256.0f

#define OCR_FORWARD_STEP "_ZN9tesseract14FullyConnected15ForwardTimeStepEiPf"

typedef void (*ocr_fc_step_fn)(ocr_network *, int, float *);

static ocr_fc_step_fn ocr_tanh_next;
static const float *ocr_tanh_table;
/* Set before main by ocr_tanh_resolve, read-only afterwards. */
static bool ocr_tanh_on;

/* Tesseract's Tanh or Logistic on a magnitude's scaled value v (v >= 0 or -0). */
static inline float ocr_act_scaled(const float *table, float v)
{
	/* cvttss2si to 64 bits, then the low 32 as an index, as its build. */
	unsigned i = (unsigned)_mm_cvttss_si64(_mm_set_ss(v));
	float t0, t1;

	if (i > OCR_TANH_SIZE - 2)
		return 1.0f;
	t0 = table[i];
	t1 = table[i + 1];
	return t0 + (t1 - t0) * (v - (float)(int)i);
}

/* x >= 0 and NaN on the positive side, as Tesseract's comparison;
 * below 0, -Tanh(-x) or 1 - Logistic(-x). */
static inline float ocr_act1(const float *table, bool logistic, float x)
{
	float r;

	if (!(x < 0.0f))
		return ocr_act_scaled(table, x * OCR_TANH_SCALE);
	r = ocr_act_scaled(table, -x * OCR_TANH_SCALE);
	return logistic ? 1.0f - r : -r;
}

/* Set before main by ocr_act_resolve, read-only afterwards. */
static bool ocr_act_avx2;

/* Before the default-priority constructors whose start-up checks run
 * this code (here and in ocr_shortcut_gates.c, whatever their order on
 * the link line): the checks must try the path recognition takes. */
__attribute__((constructor(101))) static void ocr_act_resolve(void)
{
	__builtin_cpu_init();
	ocr_act_avx2 = __builtin_cpu_supports("avx2");
}

/*
 * Eight values at a time where the CPU gathers: the table's two reads
 * for each value are one instruction each.  The same operations as the
 * four-wide loop below, lane for lane (no fused multiply-add: the
 * target is AVX2 alone).  Returns how many values it did.
 */
__attribute__((target("avx2"))) static int ocr_act_run8(const float *table, bool logistic, float *p,
                                                        int n)
{
	const __m256 zero = _mm256_setzero_ps(), sign = _mm256_set1_ps(-0.0f);
	const __m256 scale = _mm256_set1_ps(OCR_TANH_SCALE), one = _mm256_set1_ps(1.0f);
	const __m256 end = _mm256_set1_ps((float)(OCR_TANH_SIZE - 1));
	const __m256 wrap = _mm256_set1_ps(4294967296.0f);
	int k = 0;

	for (; k + 8 <= n; k += 8) {
		__m256 x = _mm256_loadu_ps(p + k);
		__m256 neg = _mm256_cmp_ps(x, zero, _CMP_LT_OQ);
		__m256 v = _mm256_mul_ps(_mm256_xor_ps(x, _mm256_and_ps(neg, sign)), scale);
		__m256 past = _mm256_cmp_ps(v, end, _CMP_GE_OQ);
		__m256 odd = _mm256_or_ps(_mm256_cmp_ps(x, x, _CMP_UNORD_Q),
		                          _mm256_cmp_ps(v, wrap, _CMP_GE_OQ));
		__m256i idx;
		__m256 a, b, r;

		if (_mm256_movemask_ps(odd)) {
			for (int j = 0; j < 8; j++)
				p[k + j] = ocr_act1(table, logistic, p[k + j]);
			continue;
		}
		idx = _mm256_andnot_si256(_mm256_castps_si256(past), _mm256_cvttps_epi32(v));
		a = _mm256_i32gather_ps(table, idx, 4);
		b = _mm256_i32gather_ps(table + 1, idx, 4);
		r = _mm256_add_ps(a, _mm256_mul_ps(_mm256_sub_ps(b, a),
		                                   _mm256_sub_ps(v, _mm256_cvtepi32_ps(idx))));
		r = _mm256_blendv_ps(r, one, past);
		if (logistic)
			r = _mm256_blendv_ps(r, _mm256_sub_ps(one, r), neg);
		else
			r = _mm256_xor_ps(r, _mm256_and_ps(neg, sign));
		_mm256_storeu_ps(p + k, r);
	}
	return k;
}

void ocr_shortcut_act_run(const float *table, bool logistic, float *p, int n)
{
	const __m128 zero = _mm_setzero_ps(), sign = _mm_set1_ps(-0.0f);
	const __m128 scale = _mm_set1_ps(OCR_TANH_SCALE), one = _mm_set1_ps(1.0f);
	/* Scaled magnitudes from here on read the table's end (1). */
	const __m128 end = _mm_set1_ps((float)(OCR_TANH_SIZE - 1));
	/* From here on the 64-bit truncation's low bits are another number. */
	const __m128 wrap = _mm_set1_ps(4294967296.0f);
	int k = ocr_act_avx2 ? ocr_act_run8(table, logistic, p, n) : 0;

	for (; k + 4 <= n; k += 4) {
		__m128 x = _mm_loadu_ps(p + k);
		__m128 neg = _mm_cmplt_ps(x, zero);
		__m128 v = _mm_mul_ps(_mm_xor_ps(x, _mm_and_ps(neg, sign)), scale);
		__m128 past = _mm_cmpge_ps(v, end);
		__m128i idx;
		int at[4];
		__m128 a, b, r;

		if (_mm_movemask_ps(_mm_or_ps(_mm_cmpunord_ps(x, x), _mm_cmpge_ps(v, wrap)))) {
			for (int j = 0; j < 4; j++)
				p[k + j] = ocr_act1(table, logistic, p[k + j]);
			continue;
		}
		idx = _mm_andnot_si128(_mm_castps_si128(past), _mm_cvttps_epi32(v));
		_mm_storeu_si128((__m128i *)at, idx);
		/* Built in registers: a vector load of four values just stored
		 * one by one would wait for the stores. */
		a = _mm_setr_ps(table[at[0]], table[at[1]], table[at[2]], table[at[3]]);
		b = _mm_setr_ps(table[at[0] + 1], table[at[1] + 1], table[at[2] + 1],
		                table[at[3] + 1]);
		r = _mm_add_ps(a,
		               _mm_mul_ps(_mm_sub_ps(b, a), _mm_sub_ps(v, _mm_cvtepi32_ps(idx))));
		r = _mm_or_ps(_mm_and_ps(past, one), _mm_andnot_ps(past, r));
		if (logistic)
			r = _mm_or_ps(_mm_and_ps(neg, _mm_sub_ps(one, r)), _mm_andnot_ps(neg, r));
		else
			r = _mm_xor_ps(r, _mm_and_ps(neg, sign));
		_mm_storeu_ps(p + k, r);
	}
	for (; k < n; k++)
		p[k] = ocr_act1(table, logistic, p[k]);
}

static void ocr_tanh_run(float *p, int n)
{
	ocr_shortcut_act_run(ocr_tanh_table, false, p, n);
}

/* A fine sweep across the table's range and past it, and every edge. */
int ocr_shortcut_act_sweep(float *in, int cap)
{
	static const float odd[] = {0.0f,         -0.0f,      15.99f,    -15.99f,   15.996094f,
	                            -15.996094f,  16.0f,      -16.0f,    1e7f,      -1e7f,
	                            1.6777e7f,    -1.6777e7f, 2e7f,      -2e7f,     1e30f,
	                            -1e30f,       INFINITY,   -INFINITY, NAN,       -NAN,
	                            1e-30f,       -1e-30f,    1.4e-45f,  -1.4e-45f, 0.00390625f,
	                            -0.00390625f, 0.5f,       -0.5f,     3.0f,      -3.0f};
	int n = 0;

	for (int k = 0; k < OCR_ACT_SWEEP && n < cap; k++)
		in[n++] = (float)(k - 4096) * (20.0f / 4096.0f) + (float)(k % 7) * 1e-4f;
	for (size_t k = 0; k < sizeof(odd) / sizeof(odd[0]) && n < cap; k++)
		in[n++] = odd[k];
	return n;
}

static bool ocr_tanh_agree(void)
{
	static float in[OCR_ACT_SWEEP + 40], a[OCR_ACT_SWEEP + 40], b[OCR_ACT_SWEEP + 40];
	ocr_network net = {NULL, OCR_NT_TANH, 0, false, 0, 0, 0};
	int n = ocr_shortcut_act_sweep(in, OCR_ACT_SWEEP + 40);

	/* Every start in a group of four, then every length to 9 at the
	 * edge values; each pass on fresh inputs. */
	for (int pass = 0; pass < 14; pass++) {
		int off = pass < 4 ? pass : OCR_ACT_SWEEP, len = pass < 4 ? n - pass : pass - 4;

		memcpy(a, in, sizeof(in));
		memcpy(b, in, sizeof(in));
		net.no = len;
		ocr_tanh_next(&net, 0, a + off);
		ocr_tanh_run(b + off, len);
		if (memcmp(a, b, sizeof(a)) != 0)
			return false;
	}
	return true;
}

/*
 * libtesseract's constructors have run: it is loaded before us.  Its
 * own method is looked up whatever its version (every other call goes
 * to it); the check, which hands it a mirrored object, runs only for
 * the release whose layout was read from its disassembly (5.3).
 */
__attribute__((constructor)) static void ocr_tanh_resolve(void)
{
	const char *v = TessVersion();
	void *f = dlsym(RTLD_NEXT, OCR_FORWARD_STEP),
	     *t = dlsym(RTLD_NEXT, "_ZN9tesseract9TanhTableE");

	memcpy(&ocr_tanh_next, &f, sizeof(f));
	if (!f || !t || !v || strncmp(v, "5.3.", 4) != 0)
		return;
	ocr_tanh_table = t;
	ocr_tanh_on = ocr_tanh_agree();
}

void ocr_fc_forward_time_step(ocr_network *net, int t, float *out) __asm__(OCR_FORWARD_STEP);
void ocr_fc_forward_time_step(ocr_network *net, int t, float *out)
{
	if (ocr_shortcut_depth > 0 && ocr_tanh_on && net->type == OCR_NT_TANH) {
		ocr_shortcut_lstm_n++;
		ocr_tanh_run(out, net->no);
		return;
	}
	if (!ocr_tanh_next) {
		fputs("sohoa: cannot find libtesseract's FullyConnected::ForwardTimeStep: broken "
		      "link\n",
		      stderr);
		abort();
	}
	ocr_tanh_next(net, t, out);
}

bool ocr_shortcut_tanh_on(void)
{
	return ocr_tanh_on;
}
