/*
 * classify_layout.c - a page's words as rows, and where the labels of a
 * document type sit on them.
 *
 * Rows are rebuilt from geometry rather than taken from Tesseract's
 * lines alone: on two-column forms and cards Tesseract often puts the
 * label and its value in different blocks, while a person reads them
 * on one line.  Labels are matched on folded keys with a small edit
 * budget, longest label first, so "Họ, chữ đệm, tên người mẹ:" is never
 * read as "Họ, chữ đệm, tên:" followed by a value "người mẹ: ...".
 */
#include "classify_int.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define LAYOUT_MAX_WORDS  50000
#define LAYOUT_KEY_MAX    256
#define LONG_LABEL        12 /* key length from which a missing colon is forgiven */
#define COLON_START_LABEL 6  /* a label this long with its colon may start mid-row */

/* ---- words ---------------------------------------------------------------- */

typedef struct word_vec {
	classify_xw *v;
	int n, cap;
} word_vec;

static int push_piece(word_vec *wv, const classify_word *in, size_t len, size_t b, size_t e,
                      core_err *err)
{
	classify_xw *x;
	char *raw, *f;
	const utf8proc_uint8_t *p;
	utf8proc_int32_t cp = 0;
	size_t n;
	int span = in->x1 - in->x0;

	while (b < e && in->text[b] == ' ')
		b++;
	if (b >= e)
		return 0;
	if (wv->n >= LAYOUT_MAX_WORDS)
		return core_err_set(err, CORE_ELIMIT, "too many words on a page");
	if (wv->n == wv->cap) {
		int cap = wv->cap ? wv->cap * 2 : 256;
		classify_xw *v = realloc(wv->v, (size_t)cap * sizeof(*v));

		if (!v)
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		wv->v = v;
		wv->cap = cap;
	}
	raw = malloc(e - b + 1);
	if (!raw)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	memcpy(raw, in->text + b, e - b);
	raw[e - b] = '\0';
	x = &wv->v[wv->n];
	memset(x, 0, sizeof(*x));
	x->text = classify_text_canon(raw, false, err);
	f = classify_fold(raw, err);
	free(raw);
	if (!x->text || !f) {
		free(x->text);
		free(f);
		return -1;
	}
	x->key = f;
	x->key_len = classify_key_only(f);
	x->conf = in->conf;
	x->tone_rival = in->tone_rival;
	x->tone_gap = in->tone_gap;
	/* A split word's box is cut in proportion to its bytes. */
	x->x0 = in->x0 + (int)((long)span * (long)b / (long)(len ? len : 1));
	x->x1 = in->x0 + (int)((long)span * (long)e / (long)(len ? len : 1));
	x->y0 = in->y0;
	x->y1 = in->y1;
	x->line = in->line;
	n = strlen(x->text);
	x->colon = n && (x->text[n - 1] == ':' || x->text[n - 1] == ';');
	x->punct_end = n && strchr(",;:.", x->text[n - 1]) != NULL;
	p = (const utf8proc_uint8_t *)x->text;
	if (n && utf8proc_iterate(p, -1, &cp) > 0)
		x->lower_start = utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
	wv->n++;
	return 0;
}

/* Cuts an OCR word after an inner colon and out of dot leaders
 * ("tên:Nguyễn" -> "tên:" "Nguyễn"; "tên.......AN" -> "tên" "AN"). */
static int split_word(word_vec *wv, const classify_word *in, core_err *err)
{
	const char *s = in->text;
	size_t len = strlen(s), b = 0, i = 0;

	while (i < len) {
		size_t run = 0;

		while (i + run < len &&
		       (s[i + run] == '.' ||
		        (len - i - run >= 3 && memcmp(s + i + run, "\xE2\x80\xA6", 3) == 0)))
			run += s[i + run] == '.' ? 1 : 3;
		/* Two dots or more, or one ellipsis (which counts 3). */
		if (run >= 2) {
			if (push_piece(wv, in, len, b, i, err))
				return -1;
			i += run;
			b = i;
			continue;
		}
		if (s[i] == ':' && i + 1 < len && i > b) {
			if (push_piece(wv, in, len, b, i + 1, err))
				return -1;
			b = i + 1;
		}
		i++;
	}
	return push_piece(wv, in, len, b, len, err);
}

/* ---- rows -------------------------------------------------------------------- */

/* Sort key of a word: its Tesseract line, then x. */
typedef struct word_pos {
	int line, x0, idx;
} word_pos;

static int cmp_line_x(const void *pa, const void *pb)
{
	const word_pos *a = pa, *b = pb;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->x0 != b->x0)
		return a->x0 < b->x0 ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int cmp_int(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;

	return a < b ? -1 : a > b;
}

typedef struct tline {
	int b, e; /* range in the sorted word order */
	int y0, y1;
} tline;

static int cmp_tline(const void *pa, const void *pb)
{
	const tline *a = pa, *b = pb;
	int ca = a->y0 + a->y1, cb = b->y0 + b->y1;

	return ca < cb ? -1 : ca > cb;
}

/* Lines merge into a row only side by side: two lines whose words
 * overlap horizontally are stacked, however close their boxes are. */
static bool collides(const classify_xw *w, const classify_row *r, const int *order, const tline *t)
{
	for (int k = t->b; k < t->e; k++) {
		const classify_xw *a = &w[order[k]];

		for (int j = 0; j < r->n; j++) {
			const classify_xw *b = &w[r->w[j]];
			int lo = a->x0 > b->x0 ? a->x0 : b->x0, hi = a->x1 < b->x1 ? a->x1 : b->x1;
			int wa = a->x1 - a->x0, wb = b->x1 - b->x0;

			if (hi - lo > 0 && (hi - lo) * 3 > (wa < wb ? wa : wb))
				return true;
		}
	}
	return false;
}

static int build_rows(classify_xpage *xp, core_err *err)
{
	int *order = NULL, *hs = NULL, n = xp->n_w, nt = 0, rc = -1;
	word_pos *pos = NULL;
	tline *tl = NULL;
	const classify_xw *w = xp->w;

	if (n == 0)
		return 0;
	order = malloc((size_t)n * sizeof(*order));
	hs = malloc((size_t)n * sizeof(*hs));
	tl = malloc((size_t)n * sizeof(*tl));
	pos = malloc((size_t)n * sizeof(*pos));
	xp->rows = calloc((size_t)n, sizeof(*xp->rows));
	if (!order || !hs || !tl || !pos || !xp->rows) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (int i = 0; i < n; i++) {
		pos[i] = (word_pos){w[i].line, w[i].x0, i};
		hs[i] = w[i].y1 - w[i].y0;
	}
	qsort(hs, (size_t)n, sizeof(*hs), cmp_int);
	xp->med_h = hs[n / 2] > 0 ? hs[n / 2] : 1;
	qsort(pos, (size_t)n, sizeof(*pos), cmp_line_x);
	for (int i = 0; i < n; i++)
		order[i] = pos[i].idx;
	/*
	 * Tesseract lines, cut where a word no longer overlaps the words
	 * before it vertically: a column of margin numbers is sometimes
	 * read as one "line" running down the page, and must not glue
	 * the rows it crosses into one.
	 */
	for (int i = 0; i < n;) {
		int j = i + 1;

		tl[nt] = (tline){i, i, w[order[i]].y0, w[order[i]].y1};
		while (j < n && w[order[j]].line == w[order[i]].line) {
			const classify_xw *x = &w[order[j]];
			int a = x->y0 > tl[nt].y0 ? x->y0 : tl[nt].y0;
			int b = x->y1 < tl[nt].y1 ? x->y1 : tl[nt].y1;
			int h = x->y1 - x->y0 < tl[nt].y1 - tl[nt].y0 ? x->y1 - x->y0
			                                              : tl[nt].y1 - tl[nt].y0;

			if ((b - a) * 2 < h)
				break;
			if (x->y0 < tl[nt].y0)
				tl[nt].y0 = x->y0;
			if (x->y1 > tl[nt].y1)
				tl[nt].y1 = x->y1;
			j++;
		}
		tl[nt++].e = j;
		i = j;
	}
	qsort(tl, (size_t)nt, sizeof(*tl), cmp_tline);
	for (int i = 0; i < nt; i++) {
		classify_row *r = xp->n_rows ? &xp->rows[xp->n_rows - 1] : NULL;
		int ov = 0, h;

		if (r) {
			int a = r->y0 > tl[i].y0 ? r->y0 : tl[i].y0;
			int b = r->y1 < tl[i].y1 ? r->y1 : tl[i].y1;

			ov = b - a;
			h = (r->y1 - r->y0) < (tl[i].y1 - tl[i].y0) ? r->y1 - r->y0
			                                            : tl[i].y1 - tl[i].y0;
			if (ov * 2 < h || collides(w, r, order, &tl[i]))
				r = NULL;
		}
		if (!r) {
			r = &xp->rows[xp->n_rows++];
			r->y0 = tl[i].y0;
			r->y1 = tl[i].y1;
			r->w = malloc((size_t)n * sizeof(*r->w));
			if (!r->w) {
				core_err_set(err, CORE_ENOMEM, "out of memory");
				goto out;
			}
		}
		for (int k = tl[i].b; k < tl[i].e; k++)
			r->w[r->n++] = order[k];
		if (tl[i].y0 < r->y0)
			r->y0 = tl[i].y0;
		if (tl[i].y1 > r->y1)
			r->y1 = tl[i].y1;
	}
	for (int i = 0; i < xp->n_rows; i++) {
		classify_row *r = &xp->rows[i];

		/* Insertion sort by x: rows are short. */
		for (int a = 1; a < r->n; a++) {
			int v = r->w[a], b = a - 1;

			while (b >= 0 && w[r->w[b]].x0 > w[v].x0) {
				r->w[b + 1] = r->w[b];
				b--;
			}
			r->w[b + 1] = v;
		}
	}
	rc = 0;
out:
	free(order);
	free(hs);
	free(tl);
	free(pos);
	return rc;
}

/* ---- labels -------------------------------------------------------------------- */

bool classify_is_enumerator(const classify_xw *w)
{
	const char *t = w->text;
	size_t n = strlen(t), i = 0;

	if (n < 2 || n > 5 || (t[n - 1] != '.' && t[n - 1] != ')'))
		return false;
	if (t[0] >= '0' && t[0] <= '9') {
		while (i < n - 1 && t[i] >= '0' && t[i] <= '9')
			i++;
		return i == n - 1;
	}
	if (n == 2 && t[0] >= 'a' && t[0] <= 'z')
		return true;
	while (i < n - 1 && strchr("IVX", t[i]))
		i++;
	return i == n - 1;
}

/* Keys of a row's words from k on, joined, one cursor for label_at. */
typedef struct key_walk {
	char s[LAYOUT_KEY_MAX];
	size_t len;
} key_walk;

static bool walk_add(key_walk *kw, const classify_xw *w)
{
	if (kw->len + w->key_len >= sizeof(kw->s))
		return false;
	memcpy(kw->s + kw->len, w->key, w->key_len);
	kw->len += w->key_len;
	return true;
}

/* May a label wrapped at the end of row r go on at the start of r + 1? */
static bool wraps_to(const classify_xpage *xp, int r, const classify_xw *w0)
{
	const classify_row *next;
	const classify_xw *first;

	if (r + 1 >= xp->n_rows)
		return false;
	next = &xp->rows[r + 1];
	if (next->n == 0 || next->y0 - xp->rows[r].y1 > 0.9 * xp->med_h)
		return false;
	first = &xp->w[next->w[0]];
	return first->x0 >= w0->x0 - 2 * xp->med_h && first->x0 <= w0->x0 + 2 * xp->med_h;
}

/*
 * Does label L start at row position k?  Keys of following words are
 * joined until they are as long as the label's; the best alignment
 * within the edit budget wins.  A label cut by the end of its row goes
 * on at the start of the next row when that row is aligned under it
 * (narrow card columns wrap long bilingual labels).  A label printed
 * with a colon must show it, unless it is long and the next word does
 * not continue it.
 */
static bool label_at(const classify_xpage *xp, int ri, int k, const classify_label *L, int *row_end,
                     int *end, int *edits)
{
	const classify_row *r = &xp->rows[ri], *er;
	key_walk kw = {.len = 0};
	int best_end = -1, best_row = ri, best_d = L->max_edits + 1, e, cur = ri, j = k;
	const classify_xw *w0 = &xp->w[r->w[k]];
	bool colon;

	if (w0->key_len == 0)
		return false;
	/* The label starts with this word: the edit budget must not be
	 * spent swallowing the end of a value ("An Họ, chữ đệm, tên chồng:"). */
	{
		size_t n0 = w0->key_len < L->key_len ? w0->key_len : L->key_len;
		int b0 = (int)(n0 / 3);

		if (classify_edit_bounded(w0->key, n0, L->key, n0, b0) > b0)
			return false;
	}
	for (;;) {
		const classify_row *cr = &xp->rows[cur];
		const classify_xw *w;
		int d;

		if (j >= cr->n) {
			/* Only a consistent prefix may wrap, and only once. */
			if (cur != ri || kw.len >= L->key_len ||
			    classify_edit_bounded(kw.s, kw.len, L->key, kw.len, L->max_edits) >
			        L->max_edits ||
			    !wraps_to(xp, ri, w0))
				break;
			cur = ri + 1;
			j = 0;
			continue;
		}
		w = &xp->w[cr->w[j]];
		if (!walk_add(&kw, w) || kw.len > L->key_len + (size_t)L->max_edits)
			break;
		if (w->key_len && kw.len + (size_t)L->max_edits >= L->key_len) {
			d = classify_edit_bounded(kw.s, kw.len, L->key, L->key_len, L->max_edits);
			if (d < best_d) {
				best_d = d;
				best_end = j;
				best_row = cur;
			}
		}
		j++;
	}
	if (best_end < 0)
		return false;
	er = &xp->rows[best_row];
	e = best_end;
	colon = xp->w[er->w[e]].colon;
	if (!colon && e + 1 < er->n && xp->w[er->w[e + 1]].key_len == 0 &&
	    xp->w[er->w[e + 1]].colon) {
		e++;
		colon = true;
	}
	if (L->colon && !colon &&
	    (L->key_len < LONG_LABEL || (e + 1 < er->n && xp->w[er->w[e + 1]].lower_start)))
		return false;
	if (k > r->skip) {
		const classify_xw *pv = &xp->w[r->w[k - 1]];
		bool gap = w0->x0 - pv->x1 >= 0.8 * xp->med_h;

		if (!pv->punct_end && !gap && !classify_is_enumerator(pv) &&
		    !(L->colon && colon && L->key_len >= COLON_START_LABEL))
			return false;
	}
	*row_end = best_row;
	*end = e;
	*edits = best_d;
	return true;
}

int classify_phrase_at(const classify_xpage *xp, int row, const char *key)
{
	const classify_row *r = &xp->rows[row];
	size_t kl = strlen(key);
	int max = classify_key_edits(kl);

	for (int k = 0; k < r->n; k++) {
		key_walk kw = {.len = 0};

		if (xp->w[r->w[k]].key_len == 0)
			continue;
		for (int j = k; j < r->n; j++) {
			if (!walk_add(&kw, &xp->w[r->w[j]]) || kw.len > kl + (size_t)max)
				break;
			if (kw.len + (size_t)max >= kl &&
			    classify_edit_bounded(kw.s, kw.len, key, kl, max) <= max)
				return k;
		}
	}
	return -1;
}

static int find_anchors(const classify_tdef *t, classify_xpage *xp, int ri, core_err *err)
{
	classify_row *r = &xp->rows[ri];

	r->a = malloc((size_t)(r->n + 1) * sizeof(*r->a));
	if (!r->a)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	for (int k = r->skip; k < r->n;) {
		int best = -1, best_end = 0, best_row = ri, best_ed = 0;

		for (int i = 0; i < t->n_labels; i++) {
			const classify_label *L = &t->labels[i];
			int end, row_end, ed;

			if (!label_at(xp, ri, k, L, &row_end, &end, &ed))
				continue;
			/* Fewest edits, then the longest label: a longer label
			 * read with errors must not beat an exact shorter one. */
			if (best < 0 || ed < best_ed ||
			    (ed == best_ed && L->key_len > t->labels[best].key_len)) {
				best = i;
				best_end = end;
				best_row = row_end;
				best_ed = ed;
			}
		}
		if (best < 0) {
			k++;
			continue;
		}
		r->a[r->n_a++] = (classify_anchor){k, best_end, best_row, best, best_ed};
		if (best_row != ri) {
			/* The label took the rest of this row and the start of the next. */
			xp->rows[best_row].skip = best_end + 1;
			break;
		}
		k = best_end + 1;
	}
	return 0;
}

static int row_keys(const classify_xpage *xp, classify_row *r, core_err *err)
{
	core_buf b;

	core_buf_init(&b, 1u << 16);
	for (int k = 0; k < r->n; k++) {
		if ((k && core_buf_puts(&b, " ", err)) ||
		    core_buf_puts(&b, xp->w[r->w[k]].key, err)) {
			core_buf_free(&b);
			return -1;
		}
	}
	if (core_buf_puts(&b, "", err)) {
		core_buf_free(&b);
		return -1;
	}
	r->keys = core_buf_steal(&b);
	return 0;
}

void classify_layout_free(classify_xpage *xp)
{
	if (!xp)
		return;
	for (int i = 0; i < xp->n_w; i++) {
		free(xp->w[i].text);
		free(xp->w[i].key);
	}
	free(xp->w);
	for (int i = 0; i < xp->n_rows; i++) {
		free(xp->rows[i].w);
		free(xp->rows[i].a);
		free(xp->rows[i].keys);
	}
	free(xp->rows);
	memset(xp, 0, sizeof(*xp));
}

int classify_layout(const classify_tdef *t, const classify_page *pg, classify_xpage *out,
                    core_err *err)
{
	word_vec wv = {0};

	memset(out, 0, sizeof(*out));
	out->number = pg->number;
	for (int i = 0; i < pg->n_words; i++) {
		if (!pg->words[i].text || !*pg->words[i].text)
			continue;
		if (split_word(&wv, &pg->words[i], err)) {
			out->w = wv.v;
			out->n_w = wv.n;
			goto fail;
		}
	}
	out->w = wv.v;
	out->n_w = wv.n;
	if (build_rows(out, err))
		goto fail;
	for (int i = 0; i < out->n_rows; i++)
		if (find_anchors(t, out, i, err) || row_keys(out, &out->rows[i], err))
			goto fail;
	return 0;
fail:
	classify_layout_free(out);
	return -1;
}
