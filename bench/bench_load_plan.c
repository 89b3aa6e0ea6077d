/*
 * bench_load_plan.c - which dossiers exist, which documents each holds
 * and whom each document is about.
 *
 * A dossier is one administrative procedure (an identity card, a
 * marriage, a land certificate, an enterprise...) and holds the
 * application, the papers it needs and sometimes the result.  Subjects
 * are drawn so that every one used appears in 1 to 10 documents, with
 * a skew (some citizens come back often), parents are of the right sex
 * and age, spouses are adults, and nearly all requested subjects are
 * used: a new subject is taken with the probability that spreads the
 * remaining ones over the remaining documents.
 *
 * What follows from a built plan (times, codes, ids) and the per-type
 * tables are in bench_load_lookup.c.
 */
#include "bench_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the planner -------------------------------------------------------- */

/* Dossiers are received from 2020-01-02 to 2025-09-30, Vietnam time. */
#define BENCH_LOAD_T0               ((int64_t)18263 * 86400 + 3600)
#define BENCH_LOAD_TEND             ((int64_t)20361 * 86400 + 3600)
#define BENCH_LOAD_DOCS_PER_DOSSIER 3.9
#define BENCH_LOAD_RUN_DOSSIERS     1000

/* Relative weights of the procedures about citizens only, in the order
 * of bench_load_proc (business dossiers are drawn apart). */
static const double bench_load_proc_weight[] = {0.24, 0.10, 0.16, 0.0, 0.22, 0.12, 0.16};

/* New persons are drawn from pools by sex and birth year, so that one
 * who fits a role (a mother of the right age) is always found while any
 * is left, and none is passed over. */
#define BENCH_LOAD_Y0    1938
#define BENCH_LOAD_YEARS 82
#define BENCH_LOAD_POOLS (2 * BENCH_LOAD_YEARS)

/* How far the pools and the used list went: what a failed procedure
 * gives back. */
typedef struct bench_load_mark {
	int32_t cursor[BENCH_LOAD_POOLS];
	int64_t left; /* persons never used */
	int64_t n_used;
} bench_load_mark;

typedef struct bench_load_planner {
	bench_load_plan *p;
	bench_load_rng r;
	int64_t want_docs, want_p, want_e;
	uint8_t *pc, *ec; /* documents per subject so far */
	int32_t *rep;     /* enterprise -> legal representative, -1 */
	/* persons by pool: order[start[b] .. start[b+1]), taken up to cursor */
	int32_t *order;
	int32_t start[BENCH_LOAD_POOLS + 1];
	int32_t *used; /* persons in the order they were first used */
	bench_load_mark news;
	int64_t enext;
	int64_t ppicks, epicks;
	double p_business;
	/* the dossier being built */
	int32_t today; /* its reception day */
	bench_load_doc cur[BENCH_LOAD_MAX_DOCS];
	int ncur;
	bench_load_mark news0;
	int64_t enext0;
} bench_load_planner;

typedef struct bench_load_want {
	int need; /* documents of this procedure the person will be in */
	int sex;  /* -1 either, 0 male, 1 female */
	int min_year, max_year;
} bench_load_want;

static int bench_load_age_at(uint64_t seed, int64_t person, int32_t day)
{
	bool female;
	int32_t birth;
	int y0, m0, d0, y1, m1, d1, age;

	bench_load_person_basic(seed, person, &female, &birth);
	bench_load_civil(birth, &y0, &m0, &d0);
	bench_load_civil(day, &y1, &m1, &d1);
	age = y1 - y0;
	if (m1 < m0 || (m1 == m0 && d1 < d0))
		age--;
	return age;
}

static bool bench_load_fits(bench_load_planner *x, int64_t person, const bench_load_want *w)
{
	bool female;
	int32_t birth;
	int year;

	if (x->pc[person] + w->need > BENCH_LOAD_MAX_PER_SUBJ)
		return false;
	bench_load_person_basic(x->p->seed, person, &female, &birth);
	year = bench_load_year(birth);
	if (w->sex >= 0 && female != (w->sex == 1))
		return false;
	return year >= w->min_year && year <= w->max_year;
}

/* Probability that a pick takes a subject never used: what spreads the
 * rest over the picks still to come. */
static double bench_load_p_new(bench_load_planner *x, int64_t left, int64_t picks)
{
	int64_t docs_done = x->p->n_docs + x->ncur;
	int64_t docs_left = x->want_docs - docs_done;
	double rate = docs_done > 500 ? (double)picks / (double)docs_done : 0.8;
	double est = (double)docs_left * rate;

	if (left <= 0)
		return 0;
	return est < 1 ? 1.0 : (double)left / est;
}

static int bench_load_pool(uint64_t seed, int64_t person)
{
	bool female;
	int32_t birth;
	int y;

	bench_load_person_basic(seed, person, &female, &birth);
	y = bench_load_year(birth) - BENCH_LOAD_Y0;
	y = y < 0 ? 0 : y >= BENCH_LOAD_YEARS ? BENCH_LOAD_YEARS - 1 : y;
	return (female ? BENCH_LOAD_YEARS : 0) + y;
}

/* Persons grouped by pool, in index order within each (a counting sort). */
static int bench_load_pools(bench_load_planner *x, core_err *err)
{
	int32_t fill[BENCH_LOAD_POOLS];
	uint8_t *pool = malloc((size_t)x->want_p);

	x->order = malloc((size_t)x->want_p * sizeof(*x->order));
	if (!pool || !x->order) {
		free(pool);
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	}
	memset(x->start, 0, sizeof(x->start));
	for (int64_t i = 0; i < x->want_p; i++) {
		pool[i] = (uint8_t)bench_load_pool(x->p->seed, i);
		x->start[pool[i] + 1]++;
	}
	for (int b = 0; b < BENCH_LOAD_POOLS; b++)
		x->start[b + 1] += x->start[b];
	memcpy(fill, x->start, sizeof(fill));
	for (int64_t i = 0; i < x->want_p; i++)
		x->order[fill[pool[i]]++] = (int32_t)i;
	memcpy(x->news.cursor, x->start, sizeof(x->news.cursor));
	x->news.left = x->want_p;
	free(pool);
	return 0;
}

/* A person never used who fits, or -1; pools are drawn in proportion to
 * what they have left, which keeps the population's shape. */
static int64_t bench_load_new_person(bench_load_planner *x, const bench_load_want *w)
{
	bench_load_mark *m = &x->news;
	int y0 = w->min_year - BENCH_LOAD_Y0, y1 = w->max_year - BENCH_LOAD_Y0;
	int64_t total = 0, u;
	int32_t k;

	if (w->need > BENCH_LOAD_MAX_PER_SUBJ)
		return -1;
	y0 = y0 < 0 ? 0 : y0;
	y1 = y1 >= BENCH_LOAD_YEARS ? BENCH_LOAD_YEARS - 1 : y1;
	for (int s = 0; s < 2; s++) {
		if (w->sex >= 0 && w->sex != s)
			continue;
		for (int y = y0; y <= y1; y++) {
			int b = s * BENCH_LOAD_YEARS + y;
			total += x->start[b + 1] - m->cursor[b];
		}
	}
	if (total == 0)
		return -1;
	u = (int64_t)(bench_load_unit(&x->r) * (double)total);
	for (int s = 0; s < 2; s++) {
		if (w->sex >= 0 && w->sex != s)
			continue;
		for (int y = y0; y <= y1; y++) {
			int b = s * BENCH_LOAD_YEARS + y;
			int64_t n = x->start[b + 1] - m->cursor[b];
			if (u < n || (n > 0 && u == total - 1)) {
				k = x->order[m->cursor[b]++];
				m->left--;
				x->used[m->n_used++] = k;
				return k;
			}
			u -= n;
		}
	}
	return -1;
}

/* An index, or -1 when no subject fits (the procedure is dropped). */
static int64_t bench_load_pick_person(bench_load_planner *x, const bench_load_want *w)
{
	int64_t k;

	x->ppicks++;
	if (x->news.left > 0 &&
	    bench_load_chance(&x->r, bench_load_p_new(x, x->news.left, x->ppicks)) &&
	    (k = bench_load_new_person(x, w)) >= 0)
		return k;
	for (int i = 0; x->news.n_used > 0 && i < 48; i++) {
		double u = bench_load_unit(&x->r);
		int64_t j;
		/* A few citizens come back often. */
		if (bench_load_chance(&x->r, 0.2))
			u = u * u;
		j = (int64_t)(u * (double)x->news.n_used);
		k = x->used[j < x->news.n_used ? j : x->news.n_used - 1];
		if (bench_load_fits(x, k, w))
			return k;
	}
	return bench_load_new_person(x, w);
}

static int64_t bench_load_pick_enterprise(bench_load_planner *x, int need)
{
	int64_t left = x->want_e - x->enext;

	x->epicks++;
	if (left > 0 && bench_load_chance(&x->r, bench_load_p_new(x, left, x->epicks)))
		return x->enext++;
	for (int i = 0; x->enext > 0 && i < 48; i++) {
		double u = bench_load_unit(&x->r);
		int64_t k = (int64_t)(u * u * (double)x->enext);
		if (k >= x->enext)
			k = x->enext - 1;
		if (x->ec[k] + need <= BENCH_LOAD_MAX_PER_SUBJ)
			return k;
	}
	if (left > 0)
		return x->enext++;
	return -1;
}

static void bench_load_add(bench_load_planner *x, bench_load_type type, int variant, int n,
                           const bench_load_role *roles, const int64_t *subjects)
{
	bench_load_doc *d = &x->cur[x->ncur++];

	memset(d, 0, sizeof(*d));
	d->type = (uint8_t)type;
	d->variant = (uint8_t)variant;
	d->n_pages = (uint8_t)bench_load_type_pages(type, variant);
	d->n_links = (uint8_t)n;
	for (int i = 0; i < n; i++) {
		d->role[i] = (uint8_t)roles[i];
		d->subject[i] = (int32_t)subjects[i];
		if (roles[i] == BENCH_LOAD_ENTERPRISE)
			x->ec[subjects[i]]++;
		else
			x->pc[subjects[i]]++;
	}
}

static void bench_load_add1(bench_load_planner *x, bench_load_type type, bench_load_role role,
                            int64_t subject)
{
	int variant = (int)bench_load_below(&x->r, 4);

	bench_load_add(x, type, variant, 1, &role, &subject);
}

static int bench_load_today_year(const bench_load_planner *x)
{
	return bench_load_year(x->today);
}

static bench_load_want bench_load_adult(const bench_load_planner *x, int need, int sex)
{
	bench_load_want w = {need, sex, 1930, bench_load_today_year(x) - 18};

	return w;
}

static bench_load_want bench_load_anyone(int need)
{
	bench_load_want w = {need, -1, 1900, 2100};

	return w;
}

/* The paper that identifies a person at that age and date. */
static bench_load_type bench_load_id_type(bench_load_planner *x, int64_t person)
{
	int age = bench_load_age_at(x->p->seed, person, x->today);
	bool female;
	int32_t birth;

	bench_load_person_basic(x->p->seed, person, &female, &birth);
	if (age < 14)
		return BENCH_LOAD_OTHER;
	/* CMND stayed valid until the end of 2024. */
	if (bench_load_today_year(x) <= 2024 && bench_load_year(birth) < 1990 &&
	    bench_load_chance(&x->r, 0.15))
		return BENCH_LOAD_CMND;
	return BENCH_LOAD_CCCD;
}

/* Parents of the right sex and age for a birth certificate; false when
 * none fit, and then nobody new was taken. */
static bool bench_load_pick_parents(bench_load_planner *x, int64_t child, int need_mother,
                                    int need_father, int64_t *mother, int64_t *father)
{
	bench_load_mark mark = x->news;
	bool female;
	int32_t birth;
	int by;
	bench_load_want wm, wf;

	bench_load_person_basic(x->p->seed, child, &female, &birth);
	by = bench_load_year(birth);
	wm = (bench_load_want){need_mother, 1, by - 42, by - 18};
	wf = (bench_load_want){need_father, 0, by - 50, by - 19};
	*mother = bench_load_pick_person(x, &wm);
	*father = *mother < 0 ? -1 : bench_load_pick_person(x, &wf);
	if (*father < 0) {
		x->news = mark;
		return false;
	}
	return true;
}

static void bench_load_add_birth_of(bench_load_planner *x, int64_t child, int64_t mother,
                                    int64_t father)
{
	bench_load_role roles[3] = {BENCH_LOAD_HOLDER, BENCH_LOAD_MOTHER, BENCH_LOAD_FATHER};
	int64_t subj[3] = {child, mother, father};

	bench_load_add(x, BENCH_LOAD_BIRTH, (int)bench_load_below(&x->r, 4), 3, roles, subj);
}

/* A birth certificate, left out when no parents fit. */
static void bench_load_add_birth(bench_load_planner *x, int64_t child)
{
	int64_t m, f;

	if (bench_load_pick_parents(x, child, 1, 1, &m, &f))
		bench_load_add_birth_of(x, child, m, f);
}

static void bench_load_add_id(bench_load_planner *x, int64_t person)
{
	bench_load_add1(x, bench_load_id_type(x, person), BENCH_LOAD_HOLDER, person);
}

static int bench_load_proc_idcard(bench_load_planner *x)
{
	bool birth = bench_load_chance(&x->r, 0.5), other = bench_load_chance(&x->r, 0.4);
	bench_load_want w = bench_load_anyone(2 + birth + other);
	int64_t p = bench_load_pick_person(x, &w);

	if (p < 0)
		return -1;
	bench_load_add1(x, BENCH_LOAD_APPLICATION, BENCH_LOAD_APPLICANT, p);
	bench_load_add_id(x, p);
	if (birth)
		bench_load_add_birth(x, p);
	if (other)
		bench_load_add1(x, BENCH_LOAD_OTHER, BENCH_LOAD_HOLDER, p);
	return 0;
}

static int bench_load_proc_marriage(bench_load_planner *x)
{
	bench_load_want ww = bench_load_adult(x, 4, 1), wh;
	bench_load_role roles[2] = {BENCH_LOAD_WIFE, BENCH_LOAD_HUSBAND};
	int64_t subj[2];
	bool female;
	int32_t birth;
	int by;

	ww.min_year = bench_load_today_year(x) - 55;
	subj[0] = bench_load_pick_person(x, &ww);
	if (subj[0] < 0)
		return -1;
	bench_load_person_basic(x->p->seed, subj[0], &female, &birth);
	by = bench_load_year(birth);
	wh = bench_load_adult(x, 3, 0);
	wh.min_year = by - 12;
	if (wh.max_year > by + 6)
		wh.max_year = by + 6;
	subj[1] = bench_load_pick_person(x, &wh);
	if (subj[1] < 0)
		return -1;
	bench_load_add1(x, BENCH_LOAD_APPLICATION, BENCH_LOAD_APPLICANT, subj[0]);
	bench_load_add_id(x, subj[0]);
	bench_load_add_id(x, subj[1]);
	bench_load_add1(x, BENCH_LOAD_MARITAL, BENCH_LOAD_HOLDER, subj[0]);
	bench_load_add1(x, BENCH_LOAD_MARITAL, BENCH_LOAD_HOLDER, subj[1]);
	bench_load_add(x, BENCH_LOAD_MARRIAGE, 0, 2, roles, subj);
	return 0;
}

static int bench_load_proc_birth(bench_load_planner *x)
{
	bool marriage = bench_load_chance(&x->r, 0.5), child_id = bench_load_chance(&x->r, 0.4);
	bench_load_want w = bench_load_anyone(1 + child_id);
	bench_load_role roles[2] = {BENCH_LOAD_WIFE, BENCH_LOAD_HUSBAND};
	int64_t c = bench_load_pick_person(x, &w), m, f;

	if (c < 0 || !bench_load_pick_parents(x, c, 3 + marriage, 1 + marriage, &m, &f))
		return -1;
	/* The mother applies for a copy of her child's registration. */
	bench_load_add1(x, BENCH_LOAD_APPLICATION, BENCH_LOAD_APPLICANT, m);
	bench_load_add_birth_of(x, c, m, f);
	bench_load_add_id(x, m);
	if (child_id)
		bench_load_add_id(x, c);
	if (marriage) {
		int64_t subj[2] = {m, f};
		bench_load_add(x, BENCH_LOAD_MARRIAGE, 0, 2, roles, subj);
	}
	return 0;
}

static int bench_load_proc_business(bench_load_planner *x)
{
	bool decision = bench_load_chance(&x->r, 0.3), other = bench_load_chance(&x->r, 0.2);
	bench_load_want w = bench_load_adult(x, 3 + other, -1);
	bench_load_role roles[2] = {BENCH_LOAD_ENTERPRISE, BENCH_LOAD_LEGAL_REP};
	int64_t e = bench_load_pick_enterprise(x, 1 + decision), r, subj[2];

	if (e < 0)
		return -1;
	r = x->rep[e];
	/* Representatives change now and then. */
	if (r < 0 || !bench_load_fits(x, r, &w) || bench_load_chance(&x->r, 0.1))
		r = bench_load_pick_person(x, &w);
	if (r < 0)
		return -1;
	x->rep[e] = (int32_t)r;
	subj[0] = e;
	subj[1] = r;
	bench_load_add1(x, BENCH_LOAD_APPLICATION, BENCH_LOAD_APPLICANT, r);
	bench_load_add(x, BENCH_LOAD_BUSINESS, (int)bench_load_below(&x->r, 4), 2, roles, subj);
	bench_load_add_id(x, r);
	if (decision)
		bench_load_add1(x, BENCH_LOAD_DECISION, BENCH_LOAD_ENTERPRISE, e);
	if (other)
		bench_load_add1(x, BENCH_LOAD_OTHER, BENCH_LOAD_HOLDER, r);
	return 0;
}

static int bench_load_proc_land(bench_load_planner *x)
{
	bool second = bench_load_chance(&x->r, 0.3), decision = bench_load_chance(&x->r, 0.5),
	     other = bench_load_chance(&x->r, 0.3);
	bench_load_want w = bench_load_adult(x, 3 + second + decision + other, -1);
	int64_t o = bench_load_pick_person(x, &w);

	if (o < 0)
		return -1;
	bench_load_add1(x, BENCH_LOAD_APPLICATION, BENCH_LOAD_APPLICANT, o);
	bench_load_add1(x, BENCH_LOAD_LAND, BENCH_LOAD_OWNER, o);
	if (second)
		bench_load_add1(x, BENCH_LOAD_LAND, BENCH_LOAD_OWNER, o);
	bench_load_add_id(x, o);
	if (decision)
		bench_load_add1(x, BENCH_LOAD_DECISION, BENCH_LOAD_HOLDER, o);
	if (other)
		bench_load_add1(x, BENCH_LOAD_OTHER, BENCH_LOAD_HOLDER, o);
	return 0;
}

static int bench_load_proc_marital(bench_load_planner *x)
{
	bool birth = bench_load_chance(&x->r, 0.4);
	bench_load_want w = bench_load_adult(x, 3 + birth, -1);
	int64_t p = bench_load_pick_person(x, &w);

	if (p < 0)
		return -1;
	bench_load_add1(x, BENCH_LOAD_APPLICATION, BENCH_LOAD_APPLICANT, p);
	bench_load_add_id(x, p);
	bench_load_add1(x, BENCH_LOAD_MARITAL, BENCH_LOAD_HOLDER, p);
	if (birth)
		bench_load_add_birth(x, p);
	return 0;
}

static int bench_load_proc_request(bench_load_planner *x)
{
	bool id = bench_load_chance(&x->r, 0.6), other = bench_load_chance(&x->r, 0.5);
	bench_load_want w = bench_load_adult(x, 2 + id + other, -1);
	int64_t p = bench_load_pick_person(x, &w);

	if (p < 0)
		return -1;
	bench_load_add1(x, BENCH_LOAD_APPLICATION, BENCH_LOAD_APPLICANT, p);
	if (id)
		bench_load_add_id(x, p);
	if (other)
		bench_load_add1(x, BENCH_LOAD_OTHER, BENCH_LOAD_HOLDER, p);
	bench_load_add1(x, BENCH_LOAD_DECISION, BENCH_LOAD_HOLDER, p);
	return 0;
}

/* Exactly n documents about one citizen: the last dossier, or when a
 * procedure found nobody who fits. */
static int bench_load_proc_fill(bench_load_planner *x, int n)
{
	bench_load_want w = bench_load_anyone(n);
	int64_t p = bench_load_pick_person(x, &w);

	if (p < 0)
		return -1;
	bench_load_add1(x, BENCH_LOAD_APPLICATION, BENCH_LOAD_APPLICANT, p);
	for (int i = 1; i < n; i++)
		bench_load_add1(x, BENCH_LOAD_OTHER, BENCH_LOAD_HOLDER, p);
	return 0;
}

/* Forgets the dossier being built: counts and new subjects go back. */
static void bench_load_undo(bench_load_planner *x)
{
	for (int i = 0; i < x->ncur; i++) {
		const bench_load_doc *d = &x->cur[i];
		for (int k = 0; k < d->n_links; k++) {
			if (d->role[k] == BENCH_LOAD_ENTERPRISE)
				x->ec[d->subject[k]]--;
			else
				x->pc[d->subject[k]]--;
		}
	}
	for (int64_t e = x->enext0; e < x->enext; e++)
		x->rep[e] = -1;
	x->ncur = 0;
	/* The used list is truncated: what follows news0 was new here. */
	x->news = x->news0;
	x->enext = x->enext0;
}

static bench_load_proc bench_load_choose(bench_load_planner *x)
{
	double u = bench_load_unit(&x->r), sum = 0, total = 0;

	if (x->want_e > 0 && u < x->p_business)
		return BENCH_LOAD_P_BUSINESS;
	for (int i = 0; i < BENCH_LOAD_N(bench_load_proc_weight); i++)
		total += bench_load_proc_weight[i];
	u = bench_load_unit(&x->r) * total;
	for (int i = 0; i < BENCH_LOAD_N(bench_load_proc_weight); i++) {
		sum += bench_load_proc_weight[i];
		if (u < sum)
			return (bench_load_proc)i;
	}
	return BENCH_LOAD_P_IDCARD;
}

static int bench_load_run_proc(bench_load_planner *x, bench_load_proc proc, int fill)
{
	switch (proc) {
	case BENCH_LOAD_P_IDCARD:
		return bench_load_proc_idcard(x);
	case BENCH_LOAD_P_MARRIAGE:
		return bench_load_proc_marriage(x);
	case BENCH_LOAD_P_BIRTH:
		return bench_load_proc_birth(x);
	case BENCH_LOAD_P_BUSINESS:
		return bench_load_proc_business(x);
	case BENCH_LOAD_P_LAND:
		return bench_load_proc_land(x);
	case BENCH_LOAD_P_MARITAL:
		return bench_load_proc_marital(x);
	case BENCH_LOAD_P_REQUEST:
		return bench_load_proc_request(x);
	default:
		return bench_load_proc_fill(x, fill);
	}
}

/* Appends the dossier being built to the plan. */
static void bench_load_commit(bench_load_planner *x, bench_load_proc proc)
{
	bench_load_plan *p = x->p;
	bench_load_dossier *d = &p->dossiers[p->n_dossiers];
	int page = 1;

	memset(d, 0, sizeof(*d));
	d->first_doc = (int32_t)p->n_docs;
	d->n_docs = (uint8_t)x->ncur;
	d->procedure = (uint8_t)proc;
	d->office = (uint8_t)bench_load_below(&x->r, (uint32_t)bench_load_n_provinces);
	d->page0 = p->n_pages;
	for (int i = 0; i < x->ncur; i++) {
		bench_load_doc *doc = &p->docs[p->n_docs++];
		*doc = x->cur[i];
		doc->dossier = (int32_t)p->n_dossiers;
		doc->first_page = (uint8_t)page;
		page += doc->n_pages;
		p->n_fields += bench_load_type_fields((bench_load_type)doc->type);
		p->n_links += doc->n_links;
		for (int k = 0; k < doc->n_links; k++) {
			int32_t *first = doc->role[k] == BENCH_LOAD_ENTERPRISE ? p->enterprise_first
			                                                       : p->person_first;
			if (first[doc->subject[k]] < 0)
				first[doc->subject[k]] = (int32_t)p->n_dossiers;
		}
	}
	d->n_pages = (uint8_t)(page - 1);
	p->n_pages += d->n_pages;
	p->n_dossiers++;
	x->ncur = 0;
}

static int64_t bench_load_received(int64_t i, int64_t n, bench_load_rng *r)
{
	double span = (double)(BENCH_LOAD_TEND - BENCH_LOAD_T0);

	return BENCH_LOAD_T0 + (int64_t)(((double)i + bench_load_unit(r) * 0.9) * span / (double)n);
}

int bench_load_plan_build(bench_load_plan *p, uint64_t seed, int64_t docs, int64_t persons,
                          int64_t enterprises, core_err *err)
{
	bench_load_planner x;
	int64_t est;
	int rc = -1;

	memset(p, 0, sizeof(*p));
	memset(&x, 0, sizeof(x));
	p->seed = seed;
	if (docs < 1 || docs > INT32_MAX / 2 || persons < 1 || persons > INT32_MAX / 2 ||
	    enterprises < 0 || enterprises > INT32_MAX / 2) {
		core_err_set(err, CORE_EARG, "bad plan size");
		goto out;
	}
	x.p = p;
	x.want_docs = docs;
	x.want_p = persons;
	x.want_e = enterprises;
	bench_load_rng_init(&x.r, seed, BENCH_LOAD_S_PLAN, 0);
	p->docs = calloc((size_t)docs, sizeof(*p->docs));
	/* Every dossier holds at least one document. */
	p->dossiers = calloc((size_t)docs, sizeof(*p->dossiers));
	x.pc = calloc((size_t)persons + 1, 1);
	x.ec = calloc((size_t)enterprises + 1, 1);
	x.rep = malloc(((size_t)enterprises + 1) * sizeof(*x.rep));
	x.used = malloc(((size_t)persons + 1) * sizeof(*x.used));
	p->person_first = malloc(((size_t)persons + 1) * sizeof(*p->person_first));
	p->enterprise_first = malloc(((size_t)enterprises + 1) * sizeof(*p->enterprise_first));
	if (!p->docs || !p->dossiers || !x.pc || !x.ec || !x.rep || !x.used || !p->person_first ||
	    !p->enterprise_first) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	if (bench_load_pools(&x, err))
		goto out;
	memset(x.rep, 0xff, ((size_t)enterprises + 1) * sizeof(*x.rep));
	memset(p->person_first, 0xff, ((size_t)persons + 1) * sizeof(*p->person_first));
	memset(p->enterprise_first, 0xff, ((size_t)enterprises + 1) * sizeof(*p->enterprise_first));
	est = (int64_t)((double)docs / BENCH_LOAD_DOCS_PER_DOSSIER) + 1;
	/* About 3.5 documents per enterprise: ~1.3 in each business dossier. */
	x.p_business = (double)enterprises * 2.7 / (double)est;
	if (x.p_business > 0.6)
		x.p_business = 0.6;
	while (p->n_docs < docs) {
		int64_t left = docs - p->n_docs;
		bench_load_rng dr;
		bench_load_proc proc;
		int tries = 0;

		bench_load_rng_init(&dr, seed, BENCH_LOAD_S_DOSSIER, (uint64_t)p->n_dossiers);
		x.today = (int32_t)((bench_load_received(p->n_dossiers, est, &dr) + BENCH_LOAD_TZ) /
		                    86400);
		x.news0 = x.news;
		x.enext0 = x.enext;
		for (;;) {
			/* A procedure never holds more than 7 documents. */
			proc = left <= 7 ? BENCH_LOAD_P_FILL : bench_load_choose(&x);
			if (tries >= 8)
				proc = BENCH_LOAD_P_FILL;
			if (bench_load_run_proc(&x, proc, (int)(left < 3 ? left : 3)) == 0 &&
			    x.ncur <= left)
				break;
			bench_load_undo(&x);
			if (++tries > 8) {
				core_err_set(err, CORE_EARG,
				             "too few subjects for this many documents");
				core_err_detail(
				    err,
				    "%lld documents, %lld persons, %lld enterprises: each "
				    "subject is in at most %d documents",
				    (long long)docs, (long long)persons, (long long)enterprises,
				    BENCH_LOAD_MAX_PER_SUBJ);
				goto out;
			}
		}
		bench_load_commit(&x, proc);
	}
	p->n_persons = persons;
	p->n_enterprises = x.enext;
	/* Times spread over the real number of dossiers. */
	for (int64_t i = 0; i < p->n_dossiers; i++) {
		bench_load_rng dr;
		bench_load_rng_init(&dr, seed, BENCH_LOAD_S_DOSSIER, (uint64_t)i);
		p->dossiers[i].received = bench_load_received(i, p->n_dossiers, &dr);
		p->dossiers[i].run = (int32_t)(i / BENCH_LOAD_RUN_DOSSIERS);
	}
	p->dossiers_per_run = BENCH_LOAD_RUN_DOSSIERS;
	p->n_runs = (p->n_dossiers + BENCH_LOAD_RUN_DOSSIERS - 1) / BENCH_LOAD_RUN_DOSSIERS;
	for (int64_t i = 0; i < p->n_persons; i++) {
		p->per_subject[x.pc[i] <= BENCH_LOAD_MAX_PER_SUBJ ? x.pc[i] : 0]++;
		p->persons_used += x.pc[i] > 0;
	}
	for (int64_t i = 0; i < p->n_enterprises; i++)
		p->per_subject[x.ec[i] <= BENCH_LOAD_MAX_PER_SUBJ ? x.ec[i] : 0]++;
	rc = 0;
out:
	free(x.pc);
	free(x.ec);
	free(x.rep);
	free(x.used);
	free(x.order);
	if (rc)
		bench_load_plan_free(p);
	return rc;
}

void bench_load_plan_free(bench_load_plan *p)
{
	free(p->docs);
	free(p->dossiers);
	free(p->person_first);
	free(p->enterprise_first);
	p->docs = NULL;
	p->dossiers = NULL;
	p->person_first = NULL;
	p->enterprise_first = NULL;
	p->n_docs = p->n_dossiers = 0;
}
