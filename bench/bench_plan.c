/*
 * bench_plan.c - what goes into a dossier.  A dossier is one or more
 * requests; each request has a lead paper taken in turn from a cycle
 * over every document type (so any corpus of a few dozen pages has them
 * all) and the papers that come with it at a one-stop-shop counter,
 * all about the same applicant.
 */
#include "bench_priv.h"

#include <string.h>

#define BENCH_STREAM_PLAN 1
#define BENCH_STREAM_DOC  3

/* The lead types, in the order the corpus takes them. */
static const bench_doc_type bench_cycle[] = {
    BENCH_DOC_CCCD,     BENCH_DOC_BIRTH, BENCH_DOC_BUSINESS, BENCH_DOC_LAND,    BENCH_DOC_MARRIAGE,
    BENCH_DOC_DECISION, BENCH_DOC_CMND,  BENCH_DOC_FORM,     BENCH_DOC_MARITAL, BENCH_DOC_OTHER,
};

/*
 * Each lead's request: the papers in the order they are filed (the
 * application first, then the identity card, then the evidence), the
 * form's topic (bench_forms.c titles) and the applicant's birth years.
 */
static const struct {
	bench_doc_type docs[3];
	int n, topic, y0, y1;
} bench_requests[BENCH_DOC_N] = {
    [BENCH_DOC_CCCD] = {{BENCH_DOC_FORM, BENCH_DOC_CCCD, BENCH_DOC_BIRTH}, 3, 0, 1950, 2005},
    [BENCH_DOC_CMND] = {{BENCH_DOC_FORM, BENCH_DOC_CMND, BENCH_DOC_MARITAL}, 3, 2, 1950, 1998},
    [BENCH_DOC_BIRTH] = {{BENCH_DOC_FORM, BENCH_DOC_BIRTH, BENCH_DOC_CCCD}, 3, 1, 1950, 2005},
    [BENCH_DOC_MARRIAGE] = {{BENCH_DOC_FORM, BENCH_DOC_MARRIAGE, BENCH_DOC_CCCD}, 3, 4, 1960, 1999},
    [BENCH_DOC_MARITAL] = {{BENCH_DOC_FORM, BENCH_DOC_MARITAL, BENCH_DOC_CCCD}, 3, 2, 1955, 2003},
    [BENCH_DOC_BUSINESS] =
        {{BENCH_DOC_BUSINESS, BENCH_DOC_DECISION, BENCH_DOC_CCCD}, 3, -1, 1955, 2000},
    [BENCH_DOC_LAND] = {{BENCH_DOC_FORM, BENCH_DOC_LAND, BENCH_DOC_CCCD}, 3, 3, 1950, 2000},
    [BENCH_DOC_DECISION] = {{BENCH_DOC_DECISION, BENCH_DOC_OTHER}, 2, -1, 1950, 2000},
    [BENCH_DOC_FORM] = {{BENCH_DOC_FORM, BENCH_DOC_CCCD, BENCH_DOC_BUSINESS}, 3, 6, 1955, 2000},
    [BENCH_DOC_OTHER] = {{BENCH_DOC_OTHER, BENCH_DOC_DECISION}, 2, -1, 1950, 2000},
};

/* The lead to file next: an owed one first, else the cycle's; one
 * longer than the room left is owed to a later dossier. */
static bench_doc_type bench_next_lead(bench_plan_state *st, int room)
{
	bench_doc_type t;

	if (st->owed >= 0 && bench_doc_page_count((bench_doc_type)st->owed) <= room) {
		t = (bench_doc_type)st->owed;
		st->owed = -1;
		return t;
	}
	for (;;) {
		t = bench_cycle[st->pos % (int)N_(bench_cycle)];
		st->pos = (st->pos + 1) % (int)N_(bench_cycle);
		if (bench_doc_page_count(t) <= room)
			return t;
		if (st->owed < 0)
			st->owed = (int)t;
	}
}

void bench_plan_dossier(uint64_t seed, int index, int n, bench_plan_state *st, bench_doc *docs,
                        int *n_docs, bench_plan_page *pages)
{
	bench_rng r;
	int used = 0, nd = 0;

	bench_rng_seed(&r, bench_seed_mix(seed, BENCH_STREAM_PLAN, (uint64_t)index));
	while (used < n) {
		bench_doc_type lead = bench_next_lead(st, n - used), keep[3];
		bench_person subject;
		int nk = 0, pages_needed = 0, at = 0;

		/* The request, then companions dropped until it fits: the
		 * last one first, the first one if the lead is last. */
		for (int i = 0; i < bench_requests[lead].n; i++) {
			keep[nk] = bench_requests[lead].docs[i];
			/* Not every request brings every paper: a third leaves
			 * each companion out, which also keeps the types even. */
			if (keep[nk] != lead && bench_rng_below(&r, 3) == 0)
				continue;
			if (keep[nk] == lead)
				at = nk;
			pages_needed += bench_doc_page_count(keep[nk++]);
		}
		while (pages_needed > n - used) {
			int drop = nk - 1 != at ? nk - 1 : 0;

			pages_needed -= bench_doc_page_count(keep[drop]);
			memmove(keep + drop, keep + drop + 1,
			        (size_t)(nk - drop - 1) * sizeof(*keep));
			nk--;
			if (drop < at)
				at--;
		}
		bench_make_person(&r, bench_rng_below(&r, 2), NULL, bench_requests[lead].y0,
		                  bench_requests[lead].y1, bench_rng_below(&r, bench_n_provinces()),
		                  &subject);
		for (int i = 0; i < nk; i++) {
			bench_doc *d = &docs[nd];

			memset(d, 0, sizeof(*d));
			d->type = keep[i];
			d->seed = bench_seed_mix(seed, BENCH_STREAM_DOC,
			                         ((uint64_t)index << 24) | (uint64_t)nd);
			d->subject = subject;
			d->font = (int)bench_rng_below(&r, 5);
			d->topic = bench_requests[lead].topic;
			for (int k = 0; k < bench_doc_page_count(d->type); k++)
				pages[used++] = (bench_plan_page){d->type, nd, k};
			pages_needed -= bench_doc_page_count(d->type);
			nd++;
			/* A separator sheet between papers now and then, never
			 * first or last, never crowding out a planned paper. */
			if (used + 1 + pages_needed < n && bench_rng_below(&r, 10) == 0)
				pages[used++] = (bench_plan_page){BENCH_DOC_BLANK, -1, 0};
		}
	}
	*n_docs = nd;
}
