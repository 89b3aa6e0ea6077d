/*
 * ocr_shortcut_gates.c - the LSTM's four gates (LSTM::Forward), their
 * tanh and logistic eight values at a time.
 *
 * At every time step of every line, Tesseract's LSTM multiplies its
 * input with the weights of four gates and passes each product through
 * tanh (the cell input) or the logistic function (the input, forget
 * and output gates), from tables, one value at a time with a branch on
 * its sign that no predictor learns: about a tenth of sohoa's time on
 * the default corpus, more than the products themselves.  The four
 * gates are OpenMP sections: LSTM::Forward hands a compiler-made
 * function (the sections' body) and its variables to libgomp's
 * GOMP_parallel_sections, each step.  sohoa defines that entry point:
 * for that one function, on a step in 8-bit mode without a second
 * dimension, it runs the four gates itself, the products by
 * libtesseract's own WeightMatrix::MatrixDotVector, the activations
 * by ocr_shortcut_act_run, Tesseract's arithmetic operation for
 * operation.  Every other call, and every call outside sohoa's spans,
 * goes to libgomp.  The sections are independent of one another, and
 * the shortcut is taken only where libgomp would run them on the
 * calling thread too: where no active OpenMP level is left, as sohoa
 * sets it for its workers (pipe_run.c), where OpenMP may use one thread
 * (OMP_THREAD_LIMIT=1), or where one thread is asked.
 *
 * The function has no name: it is found as the address LSTM::Forward
 * loads just before its call (an instruction at a known place), and
 * taken only when its code is byte for byte that of Debian 12's
 * libtesseract 5.3.0 (amd64), whose layout of the sections' variables
 * and of the LSTM was read from its disassembly; the activations only
 * after a check at start-up against libtesseract's own Tanh and
 * FuncInplace<FFunc> on a fine sweep and every edge.  Otherwise
 * Tesseract runs as shipped.
 */
#include "ocr_priv.h"

#include <dlfcn.h>
#include <link.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The sections' variables, as LSTM::Forward lays them out. */
typedef struct {
	unsigned char *lstm;       /* this */
	unsigned char *temp_lines; /* NetworkScratch::FloatVec[WT_COUNT] */
	void *curr_input;          /* float mode only */
	int t;
} ocr_gates_vars;

/* LSTM members (tesseract 5.3.0, read from its disassembly). */
#define OCR_LSTM_NS       0x64  /* int ns_ */
#define OCR_LSTM_IS_2D    0x6c  /* bool is_2d_ */
#define OCR_LSTM_GATES    0x70  /* WeightMatrix gate_weights_[WT_COUNT] */
#define OCR_WEIGHTS_SIZE  0xf8  /* sizeof(WeightMatrix) */
#define OCR_LSTM_SRC_I    0x578 /* source_.i_'s array (int8_t *) */
#define OCR_LSTM_SRC_DIM2 0x588 /* source_.i_'s row length (int) */
#define OCR_LSTM_SRC_INT  0x590 /* source_.int_mode_ (bool) */
#define OCR_FLOATVEC_SIZE 0x18  /* sizeof(NetworkScratch::FloatVec) */
#define OCR_FLOATVEC_DATA 0x08  /* its data pointer */

/* Where LSTM::Forward loads the sections' function (lea rel32(%rip), %rdi),
 * and the function's length and FNV-1a hash in that build. */
#define OCR_FORWARD                                                                                \
	"_ZN9tesseract4LSTM7ForwardEbRKNS_9NetworkIOEPKNS_15TransposedArrayEPNS_"                  \
	"14NetworkScratchEPS1_"
#define OCR_FORWARD_LEA 0x4fe
#define OCR_GATES_LEN   0x746
#define OCR_GATES_FNV   0xdf601420085a5735ULL

#define OCR_MDV_INT8 "_ZNK9tesseract12WeightMatrix15MatrixDotVectorEPKaPf"

typedef void (*ocr_sections_fn)(void (*)(void *), void *, unsigned, unsigned, unsigned);
typedef void (*ocr_mdv_fn)(const void *, const int8_t *, float *);

static ocr_sections_fn ocr_gates_next;
static void (*ocr_gates_fn)(void *);
static ocr_mdv_fn ocr_gates_mdv;
static const float *ocr_gates_tanh, *ocr_gates_logistic;
/* Set before main by ocr_gates_resolve, read-only afterwards. */
static bool ocr_gates_on;

static _Thread_local long ocr_gates_n;

static void ocr_gates_run(const ocr_gates_vars *v)
{
	unsigned char *lstm = v->lstm;
	int ns, dim2;
	const int8_t *row;

	memcpy(&ns, lstm + OCR_LSTM_NS, sizeof(ns));
	memcpy(&dim2, lstm + OCR_LSTM_SRC_DIM2, sizeof(dim2));
	memcpy(&row, lstm + OCR_LSTM_SRC_I, sizeof(row));
	row += (ptrdiff_t)(dim2 * v->t);
	/* CI (tanh), GI, GF1, GO (logistic), as the sections number them. */
	for (int g = 0; g < 4; g++) {
		float *out;

		memcpy(&out, v->temp_lines + g * OCR_FLOATVEC_SIZE + OCR_FLOATVEC_DATA,
		       sizeof(out));
		ocr_gates_mdv(lstm + OCR_LSTM_GATES + g * OCR_WEIGHTS_SIZE, row, out);
		if (g == 0)
			ocr_shortcut_act_run(ocr_gates_tanh, false, out, ns);
		else
			ocr_shortcut_act_run(ocr_gates_logistic, true, out, ns);
	}
}

/* Values across both tables and past them, and every edge. */
static bool ocr_gates_agree(void)
{
	static float in[OCR_ACT_SWEEP + 40], a[OCR_ACT_SWEEP + 40], b[OCR_ACT_SWEEP + 40];
	void *fl = dlsym(RTLD_NEXT, "_ZN9tesseract11FuncInplaceINS_5FFuncEEEviPf");
	void *ft = dlsym(RTLD_NEXT, "_ZN9tesseract4TanhEf");
	void (*logistic)(int, float *);
	float (*tanh1)(float);
	int n = ocr_shortcut_act_sweep(in, OCR_ACT_SWEEP + 40);

	if (!fl || !ft)
		return false;
	memcpy(&logistic, &fl, sizeof(fl));
	memcpy(&tanh1, &ft, sizeof(ft));
	/* Every start in a group of four, and lengths 0 to 9 at the edges. */
	for (int pass = 0; pass < 14; pass++) {
		int off = pass < 4 ? pass : OCR_ACT_SWEEP, len = pass < 4 ? n - pass : pass - 4;

		memcpy(a, in, sizeof(in));
		memcpy(b, in, sizeof(in));
		logistic(len, a + off);
		ocr_shortcut_act_run(ocr_gates_logistic, true, b + off, len);
		if (memcmp(a, b, sizeof(a)) != 0)
			return false;
		memcpy(a, in, sizeof(in));
		memcpy(b, in, sizeof(in));
		for (int k = off; k < off + len; k++)
			a[k] = tanh1(a[k]);
		ocr_shortcut_act_run(ocr_gates_tanh, false, b + off, len);
		if (memcmp(a, b, sizeof(a)) != 0)
			return false;
	}
	return true;
}

/* The executable segment holding a code address: [lo, hi). */
typedef struct {
	uintptr_t at, lo, hi;
} ocr_gates_seg;

static int ocr_gates_seg_of(struct dl_phdr_info *info, size_t size, void *data)
{
	ocr_gates_seg *s = data;

	(void)size;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;

		if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X) && s->at >= lo && s->at < hi) {
			s->lo = lo;
			s->hi = hi;
			return 1;
		}
	}
	return 0;
}

/* The sections' function LSTM::Forward hands libgomp, if its code is
 * the one read; NULL otherwise. */
static void *ocr_gates_find(void)
{
	const unsigned char *fwd = dlsym(RTLD_NEXT, OCR_FORWARD), *lea, *fn;
	uint64_t h = 0xcbf29ce484222325ULL;
	int32_t rel;

	ocr_gates_seg seg = {0, 0, 0};

	if (!fwd)
		return NULL;
	/* Every byte read below lies in the code segment that holds
	 * LSTM::Forward: in another build the instruction or the function
	 * may be elsewhere, or nowhere. */
	seg.at = (uintptr_t)fwd;
	if (!dl_iterate_phdr(ocr_gates_seg_of, &seg) || seg.hi - seg.at < OCR_FORWARD_LEA + 7)
		return NULL;
	lea = fwd + OCR_FORWARD_LEA;
	if (lea[0] != 0x48 || lea[1] != 0x8d || lea[2] != 0x3d)
		return NULL;
	memcpy(&rel, lea + 3, sizeof(rel));
	fn = lea + 7 + rel;
	if ((uintptr_t)fn < seg.lo || (uintptr_t)fn > seg.hi - OCR_GATES_LEN)
		return NULL;
	for (size_t k = 0; k < OCR_GATES_LEN; k++) {
		h ^= fn[k];
		h *= 0x100000001b3ULL;
	}
	return h == OCR_GATES_FNV ? (void *)fn : NULL;
}

/*
 * libgomp's entry point is looked up whatever Tesseract's version; the
 * sections' function and the tables only under 5.3, for the build
 * whose code was read.
 */
__attribute__((constructor)) static void ocr_gates_resolve(void)
{
	const char *v = TessVersion();
	void *next = dlsym(RTLD_NEXT, "GOMP_parallel_sections"), *fn, *mdv, *t, *l;

	memcpy(&ocr_gates_next, &next, sizeof(next));
	if (!next || !v || strncmp(v, "5.3.", 4) != 0)
		return;
	fn = ocr_gates_find();
	mdv = dlsym(RTLD_NEXT, OCR_MDV_INT8);
	t = dlsym(RTLD_NEXT, "_ZN9tesseract9TanhTableE");
	l = dlsym(RTLD_NEXT, "_ZN9tesseract13LogisticTableE");
	if (!fn || !mdv || !t || !l)
		return;
	memcpy(&ocr_gates_fn, &fn, sizeof(fn));
	memcpy(&ocr_gates_mdv, &mdv, sizeof(mdv));
	ocr_gates_tanh = t;
	ocr_gates_logistic = l;
	ocr_gates_on = ocr_gates_agree();
}

void GOMP_parallel_sections(void (*fn)(void *), void *data, unsigned threads, unsigned count,
                            unsigned flags);
void GOMP_parallel_sections(void (*fn)(void *), void *data, unsigned threads, unsigned count,
                            unsigned flags)
{
	if (ocr_shortcut_depth > 0 && ocr_gates_on && fn == ocr_gates_fn && count == 4 &&
	    (threads == 1 || omp_get_thread_limit() == 1 ||
	     omp_get_active_level() >= omp_get_max_active_levels())) {
		const ocr_gates_vars *v = data;

		/* 8-bit mode, one dimension: the case read; else libgomp's. */
		if (v->lstm[OCR_LSTM_SRC_INT] && !v->lstm[OCR_LSTM_IS_2D]) {
			ocr_shortcut_lstm_n++;
			ocr_gates_n++;
			ocr_gates_run(v);
			return;
		}
	}
	if (!ocr_gates_next) {
		fputs("sohoa: cannot find libgomp's GOMP_parallel_sections: broken link\n", stderr);
		abort();
	}
	ocr_gates_next(fn, data, threads, count, flags);
}

bool ocr_shortcut_gates_on(void)
{
	return ocr_gates_on;
}

long ocr_shortcut_gates_calls(void)
{
	return ocr_gates_n;
}
