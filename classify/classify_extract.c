/*
 * classify_extract.c - field values from a document's laid-out pages:
 * the words right of a label or on the lines below it, a pattern to
 * cut the value out, a normalizer, validators, a confidence, a status.
 *
 * Every field either earns auto_accepted (confident words, every
 * validator passed, a confidently typed document) or goes to review:
 * a wrong value reused silently costs more than a value not read.
 */
#include "classify_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BELOW_GAP        1.5 /* a value below its label: at most this many word heights down */
#define CONTINUATION_GAP 0.9 /* a wrapped value's next line: closer than a section gap */
#define EDIT_PENALTY     0.02
#define REPAIRED_CAP     0.5
#define FAILED_FACTOR    0.5
#define STRONG_BOOST     0.5 /* share of the remaining doubt a check digit removes */
#define TONE_CAP         0.5 /* a tone nearly read otherwise: as doubtful as a repair */

/* A value's text and which word each byte range came from. */
typedef struct vtext {
	core_buf b;
	const classify_xw **w;
	size_t *so, *eo;
	int n, cap;
} vtext;

static void vtext_init(vtext *t)
{
	memset(t, 0, sizeof(*t));
	core_buf_init(&t->b, CLASSIFY_MAX_PAGE_TEXT);
}

static void vtext_free(vtext *t)
{
	core_buf_free(&t->b);
	free(t->w);
	free(t->so);
	free(t->eo);
	memset(t, 0, sizeof(*t));
}

static int vtext_add(vtext *t, const classify_xw *w, const char *sep, core_err *err)
{
	if (t->n == t->cap) {
		int cap = t->cap ? t->cap * 2 : 32;
		const classify_xw **nw = realloc(t->w, (size_t)cap * sizeof(*nw));
		size_t *nso, *neo;

		if (!nw)
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		t->w = nw;
		nso = realloc(t->so, (size_t)cap * sizeof(*nso));
		if (!nso)
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		t->so = nso;
		neo = realloc(t->eo, (size_t)cap * sizeof(*neo));
		if (!neo)
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		t->eo = neo;
		t->cap = cap;
	}
	if (t->n && core_buf_puts(&t->b, sep, err))
		return -1;
	t->w[t->n] = w;
	t->so[t->n] = t->b.len;
	if (core_buf_puts(&t->b, w->text, err))
		return -1;
	t->eo[t->n++] = t->b.len;
	return 0;
}

/* What was read for one field. */
typedef struct cand {
	bool found;
	int page;
	char *raw;
	double wmin, wmean;
	bool tone_rival; /* some word had one; tone_gap the smallest */
	double tone_gap;
	classify_box box;
	int edits;
	char *value;
	bool repaired;
	char norm_reason[CLASSIFY_REASON_MAX];
} cand;

/* Cuts the value out of t with the field's patterns; fills c. */
static int vtext_match(const classify_fdef *f, vtext *t, int page, int edits, cand *c,
                       core_err *err)
{
	size_t so = 0, eo = 0;
	bool hit = false;
	double sum = 0;
	int k = 0;

	if (t->n == 0 || core_buf_puts(&t->b, "", err))
		return t->n == 0 ? 0 : -1;
	if (f->n_re == 0) {
		so = 0;
		eo = t->b.len;
		hit = eo > 0;
	}
	for (int i = 0; !hit && i < f->n_re; i++)
		hit = classify_re_find(f->re[i], t->b.data, t->b.len, &so, &eo);
	if (!hit)
		return 0;
	c->wmin = 1;
	c->box = (classify_box){0, 0, 0, 0};
	for (int i = 0; i < t->n; i++) {
		const classify_xw *w = t->w[i];
		double cf = w->conf / 100.0;

		if (t->eo[i] <= so || t->so[i] >= eo)
			continue;
		cf = cf < 0 ? 0 : cf > 1 ? 1 : cf;
		if (k == 0) {
			c->box = (classify_box){w->x0, w->y0, w->x1, w->y1};
		} else {
			c->box.x0 = w->x0 < c->box.x0 ? w->x0 : c->box.x0;
			c->box.y0 = w->y0 < c->box.y0 ? w->y0 : c->box.y0;
			c->box.x1 = w->x1 > c->box.x1 ? w->x1 : c->box.x1;
			c->box.y1 = w->y1 > c->box.y1 ? w->y1 : c->box.y1;
		}
		c->wmin = cf < c->wmin ? cf : c->wmin;
		if (w->tone_rival && (!c->tone_rival || w->tone_gap < c->tone_gap)) {
			c->tone_gap = w->tone_gap;
			c->tone_rival = true;
		}
		sum += cf;
		k++;
	}
	if (k == 0)
		return 0;
	c->wmean = sum / k;
	c->raw = malloc(eo - so + 1);
	if (!c->raw)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	memcpy(c->raw, t->b.data + so, eo - so);
	c->raw[eo - so] = '\0';
	c->found = true;
	c->page = page;
	c->edits = edits;
	return 0;
}

/* Row position of the first anchor at or after k in the row, or r->n. */
static int next_anchor(const classify_row *r, int k)
{
	for (int i = 0; i < r->n_a; i++)
		if (r->a[i].k0 >= k)
			return r->a[i].k0;
	return r->n;
}

static bool is_anchor_start(const classify_row *r, int k)
{
	if (k < r->skip)
		return true;
	for (int i = 0; i < r->n_a; i++)
		if (r->a[i].k0 == k)
			return true;
	return false;
}

/*
 * Margin debris: an enumerator, a lone character, or a short token with
 * a digit or a mark in it ("l2", "-.").  A short word of letters is a
 * syllable: Vietnamese names wrap onto a line of one ("An", "Lê").
 */
static bool is_debris(const classify_xw *w)
{
	if (classify_is_enumerator(w) || w->key_len <= 1)
		return true;
	if (w->key_len > 2)
		return false;
	return strpbrk(w->text, "0123456789.,:;-_|~'\"!?()[]/\\<>*") != NULL;
}

/*
 * Appends the words of row ri inside the column [cx0, cx1) up to the
 * first label.  *used: some words were taken; *stop: the column opens
 * with a label (a new field), so the value ends before this row.
 */
static int add_column(const classify_xpage *xp, int ri, int cx0, int cx1, vtext *t, bool *used,
                      bool *stop, core_err *err)
{
	const classify_row *r = &xp->rows[ri];
	int n0 = t->n, junk = 0;
	size_t len0 = t->b.len;
	bool label = false;

	*used = *stop = false;
	for (int k = 0; k < r->n && !label; k++) {
		const classify_xw *w = &xp->w[r->w[k]];

		if (w->x1 <= cx0 || w->x0 >= cx1)
			continue;
		if (is_anchor_start(r, k)) {
			label = true;
			break;
		}
		if (vtext_add(t, w, " ", err))
			return -1;
		junk += is_debris(w);
	}
	/* Margin debris (a misread enumerator, "l2 .", a border "-") is not
	 * part of any value; before a label it does not hide the label. */
	if (junk == t->n - n0) {
		t->n = n0;
		t->b.len = len0;
		if (t->b.data)
			t->b.data[len0] = '\0';
		*stop = label;
		return 0;
	}
	*used = true;
	return 0;
}

/*
 * Rows below `last` that hold words of the column, while each is close
 * enough to the previous one used: rows of another column in between
 * (two-column certificates) are passed over.
 */
static int add_rows_below(const classify_xpage *xp, int last, int cx0, int cx1, double max_gap,
                          int max_lines, vtext *t, int *lines, core_err *err)
{
	for (int ri = last + 1; ri < xp->n_rows && *lines < max_lines; ri++) {
		bool used, stop;

		if (xp->rows[ri].y0 - xp->rows[last].y1 > max_gap * xp->med_h)
			break;
		if (add_column(xp, ri, cx0, cx1, t, &used, &stop, err))
			return -1;
		if (stop)
			break;
		if (!used)
			continue;
		(*lines)++;
		last = ri;
		/* After the first line below, wrapped lines must be tight. */
		max_gap = CONTINUATION_GAP;
	}
	return 0;
}

/* Left edge of a label's column: a label opening its row (after an
 * enumerator at most) owns the page's left side, for centred or
 * outdented continuation lines; one further right heads a column. */
static int column_left(const classify_xpage *xp, const classify_row *r, int k0)
{
	for (int k = 0; k < k0; k++)
		if (!classify_is_enumerator(&xp->w[r->w[k]]))
			return xp->w[r->w[k0]].x0 - (int)xp->med_h;
	return -(1 << 30);
}

/* The value of one label anchor: right of it, else below, then wrapped lines. */
static int anchor_value(const classify_fdef *f, const classify_xpage *xp, int ri, int ai, int page,
                        cand *c, core_err *err)
{
	const classify_row *r = &xp->rows[ri];
	const classify_anchor *a = &r->a[ai];
	const classify_row *re = &xp->rows[a->row_end];
	int stop = next_anchor(re, a->k1 + 1), cx0, cx1, lines = 0, rc = -1;
	vtext t;

	vtext_init(&t);
	cx0 = column_left(xp, r, a->k0);
	cx1 = stop < re->n ? xp->w[re->w[stop]].x0 : 1 << 30;
	if (f->where != CLASSIFY_WHERE_BELOW) {
		for (int k = a->k1 + 1; k < stop; k++) {
			const classify_xw *w = &xp->w[re->w[k]];

			if (t.n == 0 && w->key_len == 0 && !strpbrk(w->text, "0123456789<"))
				continue; /* a stray colon or dash before the value */
			if (vtext_add(&t, w, " ", err))
				goto out;
		}
		if (t.n) {
			lines = 1;
			if (add_rows_below(xp, a->row_end, cx0, cx1, CONTINUATION_GAP, f->max_lines,
			                   &t, &lines, err) ||
			    vtext_match(f, &t, page, a->edits, c, err))
				goto out;
		}
	}
	if (!c->found && f->where != CLASSIFY_WHERE_RIGHT) {
		/* Nothing right of the label, or nothing the pattern accepts
		 * (a label wrapped, a value printed on its own line). */
		vtext_free(&t);
		vtext_init(&t);
		lines = 0;
		if (add_rows_below(xp, a->row_end, cx0, cx1, BELOW_GAP, f->max_lines, &t, &lines,
		                   err) ||
		    vtext_match(f, &t, page, a->edits, c, err))
			goto out;
	}
	rc = 0;
out:
	vtext_free(&t);
	return rc;
}

/* A label-less field: the pattern over max_lines consecutive rows. */
static int lines_value(const classify_fdef *f, const classify_xpage *xp, int page, cand *c,
                       core_err *err)
{
	for (int ri = 0; ri < xp->n_rows && !c->found; ri++) {
		vtext t;
		int rc = 0;

		vtext_init(&t);
		for (int rj = ri; rc == 0 && rj < xp->n_rows && rj < ri + f->max_lines; rj++) {
			const classify_row *r = &xp->rows[rj];
			int end = f->first_segment && r->n_a ? r->a[0].k0 : r->n;

			int k0 = f->first_segment ? r->skip : 0;

			for (int k = k0; rc == 0 && k < end; k++)
				rc = vtext_add(&t, &xp->w[r->w[k]],
				               k == k0      ? "\n"
				               : f->compact ? ""
				                            : " ",
				               err);
		}
		if (rc == 0)
			rc = vtext_match(f, &t, page, 0, c, err);
		vtext_free(&t);
		if (rc)
			return -1;
	}
	return 0;
}

/* Where a field's labels start to count: the first row (over the
 * document) that holds one of its "after" phrases, and the column of
 * that phrase when other labels share its row. */
typedef struct after_zone {
	bool none; /* the phrase is nowhere: the field is not on this document */
	int page, row;
	int x0, x1;
} after_zone;

static after_zone after_find(const classify_fdef *f, const classify_xpage *xps, int n)
{
	after_zone z = {false, 0, 0, -(1 << 30), 1 << 30};

	if (f->n_after == 0)
		return z;
	for (int p = 0; p < n; p++) {
		for (int ri = 0; ri < xps[p].n_rows; ri++) {
			const classify_row *r = &xps[p].rows[ri];

			for (int i = 0; i < f->n_after; i++) {
				int k = classify_phrase_at(&xps[p], ri, f->after[i]);

				if (k < 0)
					continue;
				z.page = p;
				z.row = ri;
				z.x0 = column_left(&xps[p], r, k);
				for (int j = 0; j < r->n_a; j++) {
					if (r->a[j].k0 > k) {
						z.x1 = xps[p].w[r->w[r->a[j].k0]].x0;
						break;
					}
				}
				return z;
			}
		}
	}
	z.none = true;
	return z;
}

/* Is this label one of field fi's?  Fields may share a printed label
 * (the wife's and the husband's "Giấy tờ tùy thân:"), told apart by
 * their "after" zones. */
static bool label_of_field(const classify_tdef *t, int label, int fi)
{
	const char *key = t->labels[label].key;

	for (int i = 0; i < t->n_labels; i++)
		if (t->labels[i].field == fi && strcmp(t->labels[i].key, key) == 0)
			return true;
	return false;
}

static int find_field(const classify_tdef *t, int fi, const classify_xpage *xps, int n, cand *c,
                      core_err *err)
{
	const classify_fdef *f = &t->fields[fi];
	after_zone z = after_find(f, xps, n);

	if (z.none)
		return 0;
	for (int p = 0; p < n && !c->found; p++) {
		if (f->where == CLASSIFY_WHERE_LINES) {
			if (lines_value(f, &xps[p], p, c, err))
				return -1;
			continue;
		}
		for (int ri = 0; ri < xps[p].n_rows && !c->found; ri++) {
			const classify_row *r = &xps[p].rows[ri];

			if (p < z.page || (p == z.page && ri < z.row))
				continue;
			for (int ai = 0; ai < r->n_a && !c->found; ai++) {
				int x = xps[p].w[r->w[r->a[ai].k0]].x0;

				if (!label_of_field(t, r->a[ai].label, fi) || x < z.x0 || x >= z.x1)
					continue;
				if (anchor_value(f, &xps[p], ri, ai, p, c, err))
					return -1;
			}
		}
	}
	return 0;
}

/* ---- validation -------------------------------------------------------------- */

int classify_field_note(classify_field *f, const char *key, const char *value, core_err *err)
{
	core_buf b;
	size_t n = f->validators_json ? strlen(f->validators_json) : 0;

	core_buf_init(&b, 1u << 16);
	if (n >= 2)
		core_buf_append(&b, f->validators_json, n - 1, err);
	else
		core_buf_puts(&b, "{", err);
	if ((b.len > 1 && core_buf_puts(&b, ",", err)) || core_buf_json_str(&b, key, err) ||
	    core_buf_puts(&b, ":", err) || core_buf_json_str(&b, value, err) ||
	    core_buf_puts(&b, "}", err)) {
		core_buf_free(&b);
		return -1;
	}
	free(f->validators_json);
	f->validators_json = core_buf_steal(&b);
	return 0;
}

/* A field may be defined more than once (alternatives): the first read wins. */
static int field_first(const classify_tdef *t, const cand *cs, const char *name)
{
	for (int i = 0; name && i < t->n_fields; i++)
		if (cs[i].found && strcmp(t->fields[i].name, name) == 0)
			return i;
	return -1;
}

static const char *field_value(const classify_tdef *t, const cand *cs, const char *name)
{
	int i = field_first(t, cs, name);

	return i < 0 ? NULL : cs[i].value;
}

/* The document's checked MRZ, if any. */
static bool doc_mrz(const classify_tdef *t, const cand *cs, classify_mrz *mrz)
{
	for (int i = 0; i < t->n_fields; i++)
		if (t->fields[i].norm == CLASSIFY_NORM_MRZ && cs[i].found && cs[i].value &&
		    classify_mrz_check(cs[i].value, mrz, NULL))
			return true;
	return false;
}

/* Compares a field with its part of a checked MRZ; 0 when no MRZ. */
static int mrz_agrees(const char *part, const char *value, const classify_mrz *mrz, char *reason)
{
	char buf[64];

	if (strcmp(part, "id") == 0) {
		size_t n = strlen(value);

		bool full = strlen(mrz->optional1) >= 12;

		/* The full ID in the optional field is under the composite check
		 * digit: when it is there it must match all 12 digits (a province
		 * misread, "019..." for "079...", keeps the last 9).  Only the
		 * last 9 (the document number) otherwise. */
		for (int i = 0; full && i < 12; i++)
			full = mrz->optional1[i] >= '0' && mrz->optional1[i] <= '9';
		if (n == 12 && (full ? strncmp(mrz->optional1, value, 12) != 0
		                     : strncmp(mrz->doc_number, value + 3, 9) != 0)) {
			snprintf(reason, CLASSIFY_REASON_MAX, "differs from the MRZ");
			return -1;
		}
		return n == 12 ? 1 : 0;
	}
	if (strcmp(part, "birth") == 0 || strcmp(part, "expiry") == 0) {
		const char *m = part[0] == 'b' ? mrz->birth : mrz->expiry;

		if (strlen(value) != 10)
			return 0;
		snprintf(buf, sizeof(buf), "%.2s%.2s%.2s", value + 2, value + 5, value + 8);
		if (strcmp(buf, m) != 0) {
			snprintf(reason, CLASSIFY_REASON_MAX, "MRZ reads %s", m);
			return -1;
		}
		return 1;
	}
	if (strcmp(part, "sex") == 0) {
		char want = strcmp(value, "Nữ") == 0 ? 'F' : 'M';

		if (mrz->sex != want) {
			snprintf(reason, CLASSIFY_REASON_MAX, "MRZ reads %c", mrz->sex);
			return -1;
		}
		return 1;
	}
	{
		/* name: folded, upper case, fillers as spaces. */
		char *f = classify_fold(value, NULL);
		size_t k = 0;
		int rc;

		if (!f)
			return 0;
		for (const char *p = mrz->name; *p && k + 1 < sizeof(buf); p++) {
			char ch = *p == '<' ? ' ' : *p;

			if (ch == ' ' && (k == 0 || buf[k - 1] == ' '))
				continue;
			buf[k++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
		}
		while (k && buf[k - 1] == ' ')
			k--;
		buf[k] = '\0';
		/* A name that fills the line's 30 places may have been cut there
		 * (ICAO 9303 truncates): then what the MRZ holds is a prefix. */
		if (strlen(mrz->name) >= 30 && mrz->name[29] != '<')
			rc = k > 0 && strncmp(buf, f, k) == 0 ? 1 : -1;
		else
			rc = strcmp(buf, f) == 0 ? 1 : -1;
		if (rc < 0)
			snprintf(reason, CLASSIFY_REASON_MAX, "MRZ reads %s", buf);
		free(f);
		return rc;
	}
}

static bool ascii_only(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/*
 * The personal ID's validator checks its century digit and year digits
 * against the date of birth; when they disagree either may be the one
 * misread (a speck turns a 6 into an 8), so the date is held too.  Only
 * when the ID is valid apart from the year: a bad ID says nothing of
 * the date.  The pairing is the definitions' (the validator's birth
 * field), not a name fixed here.
 */
static bool birth_disagrees(const classify_tdef *t, const cand *cs, int fi,
                            char reason[CLASSIFY_REASON_MAX])
{
	const char *v = cs[fi].value;
	int y, m, d;

	if (!v || !classify_date_parse(v, &y, &m, &d))
		return false;
	/* The fields whose personal-ID validator reads its year from this one. */
	for (int j = 0; j < t->n_fields; j++) {
		const char *pid = cs[j].value;

		for (int k = 0; pid && k < t->fields[j].n_validators; k++) {
			const classify_vdef *vd = &t->fields[j].validators[k];
			const char *birth = vd->field2 ? vd->field2 : "date_of_birth";

			if (vd->kind != CLASSIFY_V_PERSONAL_ID ||
			    strcmp(birth, t->fields[fi].name) != 0 ||
			    !classify_valid_personal_id(pid, NULL, 0, NULL) ||
			    classify_valid_personal_id(pid, NULL, y, NULL))
				continue;
			snprintf(reason, CLASSIFY_REASON_MAX,
			         "birth year %d differs from the personal id %s", y, pid);
			return true;
		}
	}
	return false;
}

/* Runs field fi's validators; returns false when one failed. */
static int run_validators(const classify_tdef *t, int fi, const cand *cs, classify_field *out,
                          bool *all_ok, bool *strong, core_err *err)
{
	const classify_fdef *f = &t->fields[fi];
	const char *v = cs[fi].value;
	char reason[CLASSIFY_REASON_MAX];

	*all_ok = true;
	*strong = false;
	for (int j = 0; j < f->n_validators; j++) {
		const classify_vdef *vd = &f->validators[j];
		bool ok = true;
		int r = 1;

		reason[0] = '\0';
		if (!v)
			break;
		switch (vd->kind) {
		case CLASSIFY_V_PERSONAL_ID: {
			const char *sex = vd->value
			                      ? vd->value
			                      : field_value(t, cs, vd->field ? vd->field : "sex");
			const char *birth =
			    field_value(t, cs, vd->field2 ? vd->field2 : "date_of_birth");
			int y, m, d;

			if (!birth || !classify_date_parse(birth, &y, &m, &d))
				y = 0;
			ok = classify_valid_personal_id(v, sex, y, reason);
			break;
		}
		case CLASSIFY_V_CMND:
			ok = classify_valid_cmnd(v, reason);
			break;
		case CLASSIFY_V_ENTERPRISE_CODE:
			ok = classify_valid_enterprise_code(v, reason);
			*strong = *strong || ok;
			break;
		case CLASSIFY_V_DATE:
			ok = strcmp(v, "Không thời hạn") == 0 || classify_valid_date(v, reason);
			break;
		case CLASSIFY_V_DATE_ORDER: {
			const char *earlier = field_value(t, cs, vd->field);

			if (!earlier || strcmp(v, "Không thời hạn") == 0)
				continue;
			ok = classify_valid_date_order(earlier, v, reason);
			break;
		}
		case CLASSIFY_V_NAME:
			ok = classify_valid_name(v, reason);
			break;
		case CLASSIFY_V_ADDRESS:
			ok = classify_valid_address(v, reason);
			break;
		case CLASSIFY_V_ONE_OF:
			ok = false;
			for (int k = 0; k < vd->n_values && !ok; k++)
				ok = strcmp(v, vd->values[k]) == 0;
			if (!ok)
				snprintf(reason, sizeof(reason), "not one of the known values");
			break;
		case CLASSIFY_V_MATCH: {
			size_t so, eo;

			ok = classify_re_find(vd->re, v, strlen(v), &so, &eo);
			if (!ok)
				snprintf(reason, sizeof(reason),
				         "does not match the expected form");
			break;
		}
		case CLASSIFY_V_MRZ:
			ok = classify_mrz_check(v, NULL, reason);
			*strong = *strong || ok;
			break;
		case CLASSIFY_V_MRZ_AGREES: {
			classify_mrz mrz;

			if (!doc_mrz(t, cs, &mrz))
				continue;
			r = mrz_agrees(vd->field, v, &mrz, reason);
			if (r == 0)
				continue;
			ok = r > 0;
			/* The MRZ spells names without tone marks: it vouches for
			 * the letters, not for "Quân" over "Quần".  Only a value
			 * it fully spells (digits, dates) gains its strength. */
			*strong = *strong || (ok && ascii_only(v));
			break;
		}
		default:
			continue;
		}
		if (classify_field_note(out, vd->name, ok ? "ok" : reason, err))
			return -1;
		*all_ok = *all_ok && ok;
	}
	return 0;
}

void classify_document_clear(classify_document *doc)
{
	for (int i = 0; i < doc->n_fields; i++) {
		free(doc->fields[i].name);
		free(doc->fields[i].raw);
		free(doc->fields[i].value);
		free(doc->fields[i].validators_json);
	}
	free(doc->fields);
	for (int i = 0; i < doc->n_subjects; i++) {
		free(doc->subjects[i].kind);
		free(doc->subjects[i].key);
		free(doc->subjects[i].display_name);
		free(doc->subjects[i].role);
	}
	free(doc->subjects);
	free(doc->type);
	memset(doc, 0, sizeof(*doc));
}

/* Builds the output field from what was read. */
static int finish_field(const classify_tdef *t, int fi, cand *cs, const classify_page *pages,
                        double type_conf, const classify_options *o, classify_field *out,
                        core_err *err)
{
	const classify_fdef *f = &t->fields[fi];
	cand *c = &cs[fi];
	double conf, thr;
	bool all_ok = true, strong = false, tone_doubt, speck_doubt;
	char note[96];

	out->name = core_strdup(f->name);
	out->raw = core_strdup(c->raw);
	out->value = core_strdup(c->value);
	out->page = pages[c->page].number;
	out->box = c->box;
	out->validators_json = core_strdup("{}");
	if (!out->name || !out->raw || (c->value && !out->value) || !out->validators_json)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	if (!c->value && classify_field_note(out, "normalizer", c->norm_reason, err))
		return -1;
	if (c->repaired &&
	    classify_field_note(out, "normalizer", "look-alike characters read as digits", err))
		return -1;
	if (run_validators(t, fi, cs, out, &all_ok, &strong, err))
		return -1;
	{
		char why[CLASSIFY_REASON_MAX];

		if (birth_disagrees(t, cs, fi, why)) {
			all_ok = false;
			if (classify_field_note(out, "personal_id", why, err))
				return -1;
		}
	}
	/* Only where the tone marks read reach the value. */
	tone_doubt = c->value && c->tone_rival && c->tone_gap < CLASSIFY_TONE_GAP_MIN &&
	             classify_norm_keeps_tones(f->norm);
	if (tone_doubt) {
		snprintf(note, sizeof(note), "another tone mark nearly read (gap %.1f)",
		         c->tone_gap);
		if (classify_field_note(out, "tone", note, err))
			return -1;
	}
	/*
	 * A speckled scan: the cleaning keeps specks that touch letters
	 * (they may be marks), and one under a vowel reads as a dot below
	 * ("nhận" for "nhân", seed 99), confidently.  Values that keep tone
	 * marks go to review; digits and dates do not depend on them.
	 */
	speck_doubt = c->value && pages[c->page].specked && classify_norm_keeps_tones(f->norm);
	if (speck_doubt &&
	    classify_field_note(out, "specks", "read from a speckled scan: a mark may be a speck",
	                        err))
		return -1;
	/* One misread word spoils a value: the weakest word counts most. */
	conf = (0.75 * c->wmin + 0.25 * c->wmean) * (1.0 - EDIT_PENALTY * c->edits);
	if (c->repaired)
		conf = fmin(conf, REPAIRED_CAP);
	if (tone_doubt || speck_doubt)
		conf = fmin(conf, TONE_CAP);
	if (!all_ok || !c->value)
		conf *= FAILED_FACTOR;
	else if (strong)
		conf += (1.0 - conf) * STRONG_BOOST;
	out->confidence = conf;
	out->validators_ok = c->value && all_ok && !c->repaired;
	thr = o->review_threshold > 0 ? o->review_threshold
	      : f->threshold >= 0     ? f->threshold
	                              : t->threshold;
	if (type_conf < o->min_type_confidence) {
		snprintf(note, sizeof(note), "confidence %.2f below %.2f", type_conf,
		         o->min_type_confidence);
		if (classify_field_note(out, "document_type", note, err))
			return -1;
	}
	out->status = c->value && all_ok && !c->repaired && !tone_doubt && !speck_doubt &&
	                      conf >= thr && type_conf >= o->min_type_confidence
	                  ? CLASSIFY_AUTO_ACCEPTED
	                  : CLASSIFY_NEEDS_REVIEW;
	return 0;
}

int classify_extract_doc(const classify_defs *d, const classify_tdef *t, const classify_page *pages,
                         int n, double type_conf, const classify_options *o, classify_document *doc,
                         core_err *err)
{
	classify_xpage *xps = NULL;
	cand *cs = NULL;
	int rc = -1;

	(void)d;
	if (t->n_fields == 0)
		return 0;
	xps = calloc((size_t)n, sizeof(*xps));
	cs = calloc((size_t)t->n_fields, sizeof(*cs));
	doc->fields = calloc((size_t)t->n_fields, sizeof(*doc->fields));
	if (!xps || !cs || !doc->fields) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (int p = 0; p < n; p++)
		if (classify_layout(t, &pages[p], &xps[p], err))
			goto out;
	for (int fi = 0; fi < t->n_fields; fi++) {
		cand *c = &cs[fi];
		core_err nerr;

		if (find_field(t, fi, xps, n, c, err))
			goto out;
		if (!c->found)
			continue;
		core_err_clear(&nerr);
		c->value = classify_norm_apply(t->fields[fi].norm, c->raw, &c->repaired, &nerr);
		if (!c->value) {
			if (nerr.code == CORE_ENOMEM) {
				core_err_set(err, CORE_ENOMEM, "out of memory");
				goto out;
			}
			core_strlcpy(c->norm_reason, nerr.msg, sizeof(c->norm_reason));
		}
	}
	for (int fi = 0; fi < t->n_fields; fi++) {
		if (!cs[fi].found || !t->fields[fi].emit ||
		    field_first(t, cs, t->fields[fi].name) != fi)
			continue;
		if (finish_field(t, fi, cs, pages, type_conf, o, &doc->fields[doc->n_fields++],
		                 err))
			goto out;
	}
	rc = 0;
out:
	for (int p = 0; xps && p < n; p++)
		classify_layout_free(&xps[p]);
	free(xps);
	for (int fi = 0; cs && fi < t->n_fields; fi++) {
		free(cs[fi].raw);
		free(cs[fi].value);
	}
	free(cs);
	return rc;
}
