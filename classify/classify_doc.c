/*
 * classify_doc.c - a dossier in, documents out: page classification,
 * separation into documents, extraction, the cross-document identity
 * check and the subjects each document speaks of.
 */
#include "classify_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOSSIER_MAX_PAGES 100000
#define JOIN_LOW_CONF     0.6 /* a page typed less surely than this follows its neighbour */

void classify_options_default(classify_options *o)
{
	o->review_threshold = 0;
	o->min_type_confidence = CLASSIFY_DEFAULT_THRESHOLD;
}

const char *classify_status_name(classify_status st)
{
	static const char *const names[] = {"auto_accepted", "needs_review", "verified",
	                                    "rejected"};

	return (unsigned)st < sizeof(names) / sizeof(names[0]) ? names[st] : "needs_review";
}

/* ---- separation ------------------------------------------------------------ */

int classify_separate(const classify_defs *d, const classify_page_info *pages, int n, int *doc_of,
                      int *n_docs, core_err *err)
{
	int cur = -1, cur_type = -1;

	*n_docs = 0;
	if (n < 0 || n > DOSSIER_MAX_PAGES)
		return core_err_set(err, CORE_ELIMIT, "too many pages in a dossier");
	for (int i = 0; i < n; i++) {
		const classify_page_info *p = &pages[i];
		int t = classify_defs_index(d, p->type);
		bool start;

		if (p->blank) {
			/* A separator sheet ends the document before it. */
			doc_of[i] = -1;
			cur = -1;
			continue;
		}
		if (cur < 0) {
			start = true;
		} else if (p->unreadable || pages[i - 1].unreadable) {
			start = true;
		} else if (t == cur_type && t >= 0 && d->types[t].merge_consecutive) {
			start = false;
		} else if (p->opens_document) {
			start = true;
		} else if (t == cur_type) {
			start = false;
		} else if (cur_type >= 0 && (p->continues >> cur_type) & 1) {
			start = false;
		} else {
			/* An unsure typing follows its neighbour; a page with no
			 * evidence at all ("other") does not. */
			start = p->confidence >= JOIN_LOW_CONF || t < 0 || t == d->other;
		}
		if (start) {
			cur = (*n_docs)++;
			cur_type = t;
		}
		doc_of[i] = cur;
	}
	return 0;
}

/* ---- subjects and the cross-document check -------------------------------- */

static classify_field *doc_field(classify_document *doc, const char *name)
{
	for (int i = 0; name && i < doc->n_fields; i++)
		if (strcmp(doc->fields[i].name, name) == 0)
			return &doc->fields[i];
	return NULL;
}

/* A key is usable when read, normalized and every validator passed. */
static bool key_valid(const classify_field *f)
{
	return f && f->value && f->validators_ok;
}

int classify_doc_subjects(const classify_tdef *t, classify_document *doc, core_err *err)
{
	if (t->n_subjects == 0)
		return 0;
	doc->subjects = calloc((size_t)t->n_subjects, sizeof(*doc->subjects));
	if (!doc->subjects)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	for (int i = 0; i < t->n_subjects; i++) {
		const classify_sdef *s = &t->subjects[i];
		classify_field *key = doc_field(doc, s->key), *name = doc_field(doc, s->name);
		classify_subject *o;

		if (!key_valid(key))
			continue;
		o = &doc->subjects[doc->n_subjects++];
		o->kind = core_strdup(s->kind);
		o->key = core_strdup(key->value);
		o->role = core_strdup(s->role);
		o->display_name = name && name->value ? core_strdup(name->value) : NULL;
		o->status = key->status;
		if (!o->kind || !o->key || !o->role || (name && name->value && !o->display_name))
			return core_err_set(err, CORE_ENOMEM, "out of memory");
	}
	return 0;
}

/* Marks a field for review with the reason of a conflict. */
static int conflict(classify_field *f, const char *what, const classify_document *other,
                    const classify_field *of, core_err *err)
{
	char note[CLASSIFY_REASON_MAX + 64];

	snprintf(note, sizeof(note), "%s differs in %s page %d: %s", what, other->type, of->page,
	         of->value ? of->value : "");
	f->status = CLASSIFY_NEEDS_REVIEW;
	f->validators_ok = false;
	return classify_field_note(f, "cross_document", note, err);
}

static bool same_birth(const char *a, const char *b)
{
	/* A year alone agrees with any date of that year. */
	if (strlen(a) == 4 || strlen(b) == 4)
		return strncmp(a, b, 4) == 0;
	return strcmp(a, b) == 0;
}

/*
 * One personal ID, one person: every pair of documents naming the same
 * ID must agree on the name and the birth date it comes with.
 */
static int cross_check(const classify_defs *d, classify_result *r, core_err *err)
{
	for (int a = 0; a < r->n_documents; a++) {
		classify_document *da = &r->documents[a];
		const classify_tdef *ta = classify_defs_find(d, da->type);

		for (int i = 0; ta && i < ta->n_subjects; i++) {
			const classify_sdef *sa = &ta->subjects[i];
			classify_field *ka = doc_field(da, sa->key);

			if (strcmp(sa->kind, "person") != 0 || !key_valid(ka))
				continue;
			for (int b = a + 1; b < r->n_documents; b++) {
				classify_document *db = &r->documents[b];
				const classify_tdef *tb = classify_defs_find(d, db->type);

				for (int j = 0; tb && j < tb->n_subjects; j++) {
					const classify_sdef *sb = &tb->subjects[j];
					classify_field *kb = doc_field(db, sb->key);
					classify_field *na = doc_field(da, sa->name);
					classify_field *nb = doc_field(db, sb->name);
					classify_field *ba = doc_field(da, sa->birth);
					classify_field *bb = doc_field(db, sb->birth);

					if (strcmp(sb->kind, "person") != 0 || !key_valid(kb) ||
					    strcmp(ka->value, kb->value) != 0)
						continue;
					/* "Thủy" on one paper, "Thuỷ" on another: one name. */
					if (na && nb && na->value && nb->value &&
					    !classify_same_spelling(na->value, nb->value) &&
					    (conflict(na, "name", db, nb, err) ||
					     conflict(nb, "name", da, na, err)))
						return -1;
					if (ba && bb && ba->value && bb->value &&
					    !same_birth(ba->value, bb->value) &&
					    (conflict(ba, "birth date", db, bb, err) ||
					     conflict(bb, "birth date", da, ba, err)))
						return -1;
				}
			}
		}
	}
	return 0;
}

/* ---- the dossier ------------------------------------------------------------- */

void classify_result_destroy(classify_result **r)
{
	if (!r || !*r)
		return;
	for (int i = 0; i < (*r)->n_documents; i++)
		classify_document_clear(&(*r)->documents[i]);
	free((*r)->documents);
	free((*r)->pages);
	free(*r);
	*r = NULL;
}

static classify_result *result_new(const classify_defs *d, const classify_model *m, int n_pages,
                                   core_err *err)
{
	classify_result *r = calloc(1, sizeof(*r));

	if (!r || (n_pages > 0 && !(r->pages = calloc((size_t)n_pages, sizeof(*r->pages))))) {
		free(r);
		core_err_set(err, CORE_ENOMEM, "out of memory");
		return NULL;
	}
	r->n_pages = n_pages;
	core_strlcpy(r->definitions_version, classify_defs_version(d),
	             sizeof(r->definitions_version));
	core_strlcpy(r->model_version, m ? classify_model_version(m) : "",
	             sizeof(r->model_version));
	return r;
}

/* Extracts one document over pages [first, last] of the input. */
static int build_doc(const classify_defs *d, const classify_page *pages, int first, int last,
                     const char *type, double conf, const classify_options *o,
                     classify_document *doc, core_err *err)
{
	const classify_tdef *t = classify_defs_find(d, type);

	doc->type = core_strdup(type);
	if (!doc->type)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	doc->first_page = pages[first].number;
	doc->last_page = pages[last].number;
	doc->confidence = conf;
	if (!t)
		return 0;
	if (classify_extract_doc(d, t, pages + first, last - first + 1, conf, o, doc, err))
		return -1;
	return classify_doc_subjects(t, doc, err);
}

int classify_dossier(const classify_defs *d, const classify_model *m, const classify_page *pages,
                     int n, const classify_options *o, classify_result **out, core_err *err)
{
	classify_options dflt;
	classify_result *r = NULL;
	int *doc_of = NULL, n_docs = 0, rc = -1;

	*out = NULL;
	if (!o) {
		classify_options_default(&dflt);
		o = &dflt;
	}
	if (n < 0 || n > DOSSIER_MAX_PAGES) {
		core_err_set(err, CORE_ELIMIT, "too many pages in a dossier");
		return -1;
	}
	r = result_new(d, m, n, err);
	if (!r)
		return -1;
	doc_of = calloc((size_t)n + 1, sizeof(*doc_of));
	if (!doc_of) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (int i = 0; i < n; i++) {
		char *text = NULL;
		int prc;

		if (pages[i].blank) {
			r->pages[i].blank = true;
			continue;
		}
		if (!pages[i].text) {
			text = classify_words_text(pages[i].words, pages[i].n_words, err);
			if (!text)
				goto out;
		}
		prc = classify_page_classify(d, m, text ? text : pages[i].text, &r->pages[i], err);
		free(text);
		if (prc)
			goto out;
	}
	if (classify_separate(d, r->pages, n, doc_of, &n_docs, err))
		goto out;
	r->documents = calloc((size_t)n_docs + 1, sizeof(*r->documents));
	if (!r->documents) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (int k = 0; k < n_docs; k++) {
		int first = -1, last = -1;

		for (int i = 0; i < n; i++) {
			if (doc_of[i] != k)
				continue;
			if (first < 0)
				first = i;
			last = i;
		}
		r->n_documents++;
		if (build_doc(d, pages, first, last, r->pages[first].type,
		              r->pages[first].confidence, o, &r->documents[k], err))
			goto out;
	}
	if (cross_check(d, r, err))
		goto out;
	*out = r;
	r = NULL;
	rc = 0;
out:
	free(doc_of);
	classify_result_destroy(&r);
	return rc;
}

int classify_extract(const classify_defs *d, const char *type, const classify_page *pages, int n,
                     const classify_options *o, classify_result **out, core_err *err)
{
	classify_options dflt;
	classify_result *r = NULL;
	int rc = -1;

	*out = NULL;
	if (!o) {
		classify_options_default(&dflt);
		o = &dflt;
	}
	if (!classify_defs_find(d, type)) {
		core_err_set(err, CORE_EARG, "unknown document type");
		core_err_detail(err, "%s", type ? type : "(null)");
		return -1;
	}
	if (n < 1 || n > DOSSIER_MAX_PAGES) {
		core_err_set(err, CORE_EARG, "no pages to extract from");
		return -1;
	}
	r = result_new(d, NULL, n, err);
	if (!r)
		return -1;
	r->documents = calloc(1, sizeof(*r->documents));
	if (!r->documents) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	r->n_documents = 1;
	for (int i = 0; i < n; i++) {
		core_strlcpy(r->pages[i].type, type, sizeof(r->pages[i].type));
		r->pages[i].confidence = 1;
	}
	if (build_doc(d, pages, 0, n - 1, type, 1.0, o, &r->documents[0], err))
		goto out;
	*out = r;
	r = NULL;
	rc = 0;
out:
	classify_result_destroy(&r);
	return rc;
}

/* ---- JSON ---------------------------------------------------------------------- */

static int json_kv_str(core_buf *b, const char *k, const char *v, bool comma, core_err *err)
{
	if ((comma && core_buf_puts(b, ",", err)) || core_buf_json_str(b, k, err) ||
	    core_buf_puts(b, ":", err))
		return -1;
	return v ? core_buf_json_str(b, v, err) : core_buf_puts(b, "null", err);
}

static int json_field(core_buf *b, const classify_field *f, core_err *err)
{
	if (core_buf_puts(b, "{", err) || json_kv_str(b, "name", f->name, false, err) ||
	    json_kv_str(b, "raw", f->raw, true, err) ||
	    json_kv_str(b, "value", f->value, true, err) ||
	    core_buf_printf(b, err, ",\"confidence\":%.3f,\"page\":%d,\"box\":[%d,%d,%d,%d]",
	                    f->confidence, f->page, f->box.x0, f->box.y0, f->box.x1, f->box.y1) ||
	    core_buf_printf(b, err, ",\"validators\":%s",
	                    f->validators_json ? f->validators_json : "{}") ||
	    json_kv_str(b, "status", classify_status_name(f->status), true, err))
		return -1;
	return core_buf_puts(b, "}", err);
}

static int json_doc(core_buf *b, const classify_document *doc, core_err *err)
{
	if (core_buf_puts(b, "{", err) || json_kv_str(b, "type", doc->type, false, err) ||
	    core_buf_printf(b, err, ",\"first_page\":%d,\"last_page\":%d,\"confidence\":%.3f",
	                    doc->first_page, doc->last_page, doc->confidence) ||
	    core_buf_puts(b, ",\"fields\":[", err))
		return -1;
	for (int i = 0; i < doc->n_fields; i++)
		if ((i && core_buf_puts(b, ",", err)) || json_field(b, &doc->fields[i], err))
			return -1;
	if (core_buf_puts(b, "],\"subjects\":[", err))
		return -1;
	for (int i = 0; i < doc->n_subjects; i++) {
		const classify_subject *s = &doc->subjects[i];

		if ((i && core_buf_puts(b, ",", err)) || core_buf_puts(b, "{", err) ||
		    json_kv_str(b, "kind", s->kind, false, err) ||
		    json_kv_str(b, "key", s->key, true, err) ||
		    json_kv_str(b, "display_name", s->display_name, true, err) ||
		    json_kv_str(b, "role", s->role, true, err) ||
		    json_kv_str(b, "status", classify_status_name(s->status), true, err) ||
		    core_buf_puts(b, "}", err))
			return -1;
	}
	return core_buf_puts(b, "]}", err);
}

int classify_result_json(const classify_result *r, core_buf *b, core_err *err)
{
	if (core_buf_puts(b, "{", err) ||
	    json_kv_str(b, "definitions_version", r->definitions_version, false, err) ||
	    json_kv_str(b, "model_version", r->model_version, true, err) ||
	    core_buf_puts(b, ",\"documents\":[", err))
		return -1;
	for (int i = 0; i < r->n_documents; i++)
		if ((i && core_buf_puts(b, ",", err)) || json_doc(b, &r->documents[i], err))
			return -1;
	if (core_buf_puts(b, "],\"pages\":[", err))
		return -1;
	for (int i = 0; i < r->n_pages; i++) {
		const classify_page_info *p = &r->pages[i];

		if ((i && core_buf_puts(b, ",", err)) ||
		    core_buf_printf(b, err,
		                    "{\"type\":\"%s\",\"confidence\":%.3f,\"title\":%s,"
		                    "\"opens_document\":%s,\"card\":%s,\"blank\":%s}",
		                    p->type, p->confidence, p->title ? "true" : "false",
		                    p->opens_document ? "true" : "false",
		                    p->card ? "true" : "false", p->blank ? "true" : "false"))
			return -1;
	}
	return core_buf_puts(b, "]}", err);
}
