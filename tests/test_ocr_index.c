/*
 * test_ocr_index.c - sohoa's StrideMap::Index methods
 * (ocr_shortcut_index.c) against libtesseract's own, on random tensors:
 * every method, every position inside and one around, and whole walks
 * forwards and backwards.
 */
/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ocr_priv.h"

/* The layout ocr_shortcut_index.c mirrors (libstdc++'s vector). */
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
	/* Tesseract's own may assert on a negative batch below. */
	if (x->at[0] < 0)
		return;
	for (int d = 0; d < 3; d++) {
		int ma, la;

		ocr_shortcut_enter();
		ma = ours.max_of(x, d);
		la = ours.is_last(x, d);
		ocr_shortcut_leave();
		assert_int_equal(ma, theirs.max_of(x, d));
		assert_int_equal(la, theirs.is_last(x, d));
	}
	if (!valid)
		return;
	for (int k = 0; k < 3; k++) {
		bool ra, rb;

		a = *x, b = *x;
		ocr_shortcut_enter();
		ra = k == 0   ? ours.inc(&a)
		     : k == 1 ? ours.dec(&a)
		              : (ours.last_of(&a, x->at[0]), true);
		ocr_shortcut_leave();
		rb = k == 0   ? theirs.inc(&b)
		     : k == 1 ? theirs.dec(&b)
		              : (theirs.last_of(&b, x->at[0]), true);
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
	long taken = ocr_shortcut_indices();
	int positions = 0, steps = 0;

	(void)state;
	/* Debian's Tesseract 5 passes the check at start-up: else every call
	 * would silently go to libtesseract. */
	assert_true(ocr_shortcut_index_on());
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
		before = ocr_shortcut_indices();
		while (ours.inc(&x))
			;
		assert_int_equal(ocr_shortcut_indices(), before);
	}
	taken = ocr_shortcut_indices() - taken;
	printf("# %d positions and %d walk steps alike; %ld calls answered by sohoa\n", positions,
	       steps, taken);
	assert_true(positions > 10000);
	assert_true(taken > 10 * positions);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(index_methods_are_tesseracts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
