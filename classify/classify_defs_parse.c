/*
 * classify_defs_parse.c - one document type definition, JSON to the
 * compiled form: every key checked, every pattern compiled, every
 * reference between fields resolved, or an error naming the file, the
 * key and the problem.
 */
#include "classify_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The roles the store accepts (document_subjects.role). */
static const char *const defs_roles[] = {"holder", "mother",    "father",
                                         "wife",   "husband",   "legal_representative",
                                         "owner",  "applicant", "enterprise"};

/* Where a definition is being read, for messages. */
typedef struct defs_ctx {
	const char *path;
	core_err *err;
} defs_ctx;

static int bad(defs_ctx *c, const char *key, const char *fmt, ...) CORE_PRINTF(3, 4);

static int bad(defs_ctx *c, const char *key, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	core_err_set(c->err, CORE_EFORMAT, "bad document definition");
	core_err_detail(c->err, "%s: %s: %s", c->path, key, what);
	return -1;
}

static int oom(defs_ctx *c)
{
	return core_err_set(c->err, CORE_ENOMEM, "out of memory");
}

/* ---- small readers ------------------------------------------------------ */

static int only_keys(defs_ctx *c, json_t *o, const char *where, const char *const *keys)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v)
	{
		bool known = false;

		for (const char *const *p = keys; *p; p++)
			known = known || strcmp(*p, k) == 0;
		if (!known) {
			char key[160];

			snprintf(key, sizeof(key), "%s%s%s", where, *where ? "." : "", k);
			return bad(c, key, "unknown key");
		}
	}
	return 0;
}

static int get_str(defs_ctx *c, json_t *o, const char *k, const char *where, bool required,
                   const char **out)
{
	json_t *v = json_object_get(o, k);
	char key[160];

	*out = NULL;
	snprintf(key, sizeof(key), "%s%s%s", where, *where ? "." : "", k);
	if (!v)
		return required ? bad(c, key, "missing") : 0;
	if (!json_is_string(v) || json_string_length(v) == 0)
		return bad(c, key, "not a non-empty string");
	*out = json_string_value(v);
	return 0;
}

static int get_num(defs_ctx *c, json_t *o, const char *k, const char *where, double lo, double hi,
                   double dflt, double *out)
{
	json_t *v = json_object_get(o, k);
	char key[160];

	*out = dflt;
	if (!v)
		return 0;
	snprintf(key, sizeof(key), "%s%s%s", where, *where ? "." : "", k);
	if (!json_is_number(v))
		return bad(c, key, "not a number");
	*out = json_number_value(v);
	if (*out < lo || *out > hi)
		return bad(c, key, "out of range %g..%g", lo, hi);
	return 0;
}

static int get_bool(defs_ctx *c, json_t *o, const char *k, const char *where, bool dflt, bool *out)
{
	json_t *v = json_object_get(o, k);
	char key[160];

	*out = dflt;
	if (!v)
		return 0;
	snprintf(key, sizeof(key), "%s%s%s", where, *where ? "." : "", k);
	if (!json_is_boolean(v))
		return bad(c, key, "not true or false");
	*out = json_is_true(v);
	return 0;
}

/* An optional array of non-empty strings. */
static int get_strs(defs_ctx *c, json_t *o, const char *k, const char *where, json_t **out)
{
	json_t *v = json_object_get(o, k), *x;
	char key[160];
	size_t i;

	*out = NULL;
	snprintf(key, sizeof(key), "%s%s%s", where, *where ? "." : "", k);
	if (!v)
		return 0;
	if (!json_is_array(v))
		return bad(c, key, "not an array");
	json_array_foreach(v, i, x)
	{
		if (!json_is_string(x) || json_string_length(x) == 0) {
			snprintf(key, sizeof(key), "%s%s%s[%zu]", where, *where ? "." : "", k, i);
			return bad(c, key, "not a non-empty string");
		}
	}
	*out = v;
	return 0;
}

static bool ident_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= CLASSIFY_TYPE_MAX)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

static int compile(defs_ctx *c, const char *key, const char *pattern, pcre2_code **out)
{
	int ec;
	PCRE2_SIZE off;

	*out = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &ec,
	                     &off, NULL);
	if (!*out) {
		PCRE2_UCHAR msg[160];

		pcre2_get_error_message(ec, msg, sizeof(msg));
		return bad(c, key, "%s at offset %zu", (const char *)msg, (size_t)off);
	}
	return 0;
}

/* Folded copy of printed text. */
static char *fold_dup(defs_ctx *c, const char *s)
{
	char *f = classify_fold(s, c->err);

	if (!f)
		bad(c, "text", "invalid utf-8");
	return f;
}

/* ---- the parts of a definition ----------------------------------------- */

static int add_label(defs_ctx *c, classify_tdef *t, const char *key, const char *printed, int field)
{
	classify_label *l;
	size_t n = strlen(printed);
	char *f;

	l = realloc(t->labels, (size_t)(t->n_labels + 1) * sizeof(*l));
	if (!l)
		return oom(c);
	t->labels = l;
	l = &t->labels[t->n_labels];
	memset(l, 0, sizeof(*l));
	while (n && printed[n - 1] == ' ')
		n--;
	l->colon = n && printed[n - 1] == ':';
	l->field = field;
	l->printed = core_strdup(printed);
	f = classify_fold(printed, c->err);
	if (!l->printed || !f) {
		free(l->printed);
		free(f);
		return f ? oom(c) : bad(c, key, "invalid utf-8");
	}
	l->key_len = classify_key_only(f);
	l->key = f;
	l->max_edits = classify_key_edits(l->key_len);
	t->n_labels++;
	if (l->key_len == 0)
		return bad(c, key, "label has no letters or digits");
	return 0;
}

static int folded_list(defs_ctx *c, json_t *arr, char ***out, int *n, bool keys)
{
	json_t *x;
	size_t i;

	*n = 0;
	*out = NULL;
	if (!arr || json_array_size(arr) == 0)
		return 0;
	*out = calloc(json_array_size(arr), sizeof(**out));
	if (!*out)
		return oom(c);
	json_array_foreach(arr, i, x)
	{
		char *f = fold_dup(c, json_string_value(x));

		if (!f)
			return -1;
		if (keys)
			classify_key_only(f);
		(*out)[(*n)++] = f;
	}
	return 0;
}

static int field_exists(const classify_tdef *t, const char *name)
{
	for (int i = 0; i < t->n_fields; i++)
		if (t->fields[i].name && strcmp(t->fields[i].name, name) == 0)
			return i;
	return -1;
}

static int parse_validator(defs_ctx *c, json_t *v, const char *key, classify_vdef *vd)
{
	static const char *const vkeys[] = {"name",      "field",   "sex",    "birth",
	                                    "sex_value", "pattern", "values", NULL};
	const char *name = NULL, *s;
	char sub[256], buf[CLASSIFY_TYPE_MAX + 64];

	memset(vd, 0, sizeof(*vd));
	if (json_is_string(v)) {
		/* "date_order:date_of_birth" is short for {name, field}. */
		const char *colon = strchr(json_string_value(v), ':');

		core_strlcpy(buf, json_string_value(v), sizeof(buf));
		if (colon) {
			buf[colon - json_string_value(v)] = '\0';
			vd->field = core_strdup(colon + 1);
			if (!vd->field)
				return oom(c);
		}
		name = buf;
	} else if (json_is_object(v)) {
		if (only_keys(c, v, key, vkeys) || get_str(c, v, "name", key, true, &name))
			return -1;
		if (get_str(c, v, "field", key, false, &s))
			return -1;
		if (!s && get_str(c, v, "sex", key, false, &s))
			return -1;
		vd->field = core_strdup(s);
		if (get_str(c, v, "birth", key, false, &s))
			return -1;
		vd->field2 = core_strdup(s);
		if (get_str(c, v, "sex_value", key, false, &s))
			return -1;
		vd->value = core_strdup(s);
		if (get_str(c, v, "pattern", key, false, &s))
			return -1;
		if (s) {
			snprintf(sub, sizeof(sub), "%s.pattern", key);
			if (compile(c, sub, s, &vd->re))
				return -1;
		}
	} else {
		return bad(c, key, "not a validator name or object");
	}
	if (!classify_vkind_parse(name, &vd->kind))
		return bad(c, key, "unknown validator '%s'", name);
	/* Results are keyed by what was written, so two date_order checks
	 * on one field keep both their answers. */
	if ((vd->kind == CLASSIFY_V_DATE_ORDER || vd->kind == CLASSIFY_V_MRZ_AGREES) && vd->field) {
		char full[CLASSIFY_TYPE_MAX * 2 + 16];

		snprintf(full, sizeof(full), "%s:%s", name, vd->field);
		vd->name = core_strdup(full);
	} else {
		vd->name = core_strdup(name);
	}
	if (!vd->name)
		return oom(c);
	if (vd->kind == CLASSIFY_V_DATE_ORDER && !vd->field)
		return bad(c, key, "date_order needs the earlier field (\"date_order:FIELD\")");
	if (vd->kind == CLASSIFY_V_MATCH && !vd->re)
		return bad(c, key, "match needs a pattern");
	if (vd->kind == CLASSIFY_V_ONE_OF) {
		json_t *vals = json_is_object(v) ? json_object_get(v, "values") : NULL, *x;
		size_t i;

		snprintf(sub, sizeof(sub), "%s.values", key);
		if (!json_is_array(vals) || json_array_size(vals) == 0)
			return bad(c, sub, "one_of needs a non-empty array of values");
		vd->values = calloc(json_array_size(vals), sizeof(*vd->values));
		if (!vd->values)
			return oom(c);
		json_array_foreach(vals, i, x)
		{
			if (!json_is_string(x))
				return bad(c, sub, "not a string");
			vd->values[vd->n_values] = classify_text_nfc(json_string_value(x), c->err);
			if (!vd->values[vd->n_values])
				return bad(c, sub, "invalid utf-8");
			vd->n_values++;
		}
	}
	return 0;
}

static int parse_field(defs_ctx *c, classify_tdef *t, json_t *fo, int idx)
{
	static const char *const fkeys[] = {
	    "name",       "labels",           "after", "value", "normalizer",
	    "validators", "review_threshold", "emit",  NULL};
	static const char *const vkeys[] = {"pattern", "where",   "max_lines",
	                                    "compact", "segment", NULL};
	classify_fdef *f = &t->fields[idx];
	char where[64], key[192];
	const char *name, *s;
	json_t *labels, *after, *val, *pat, *vals, *x;
	double num;
	size_t i;

	snprintf(where, sizeof(where), "fields[%d]", idx);
	f->threshold = -1;
	f->max_lines = 1;
	if (!json_is_object(fo))
		return bad(c, where, "not an object");
	if (only_keys(c, fo, where, fkeys) || get_str(c, fo, "name", where, true, &name))
		return -1;
	snprintf(key, sizeof(key), "%s.name", where);
	if (!ident_ok(name))
		return bad(c, key, "'%s' is not a field name of [a-z0-9_]", name);
	f->name = core_strdup(name);
	if (!f->name)
		return oom(c);
	if (get_bool(c, fo, "emit", where, true, &f->emit))
		return -1;
	if (get_num(c, fo, "review_threshold", where, 0, 1, -1, &f->threshold))
		return -1;

	val = json_object_get(fo, "value");
	snprintf(key, sizeof(key), "%s.value", where);
	if (val && !json_is_object(val))
		return bad(c, key, "not an object");
	f->where = CLASSIFY_WHERE_RIGHT_OR_BELOW;
	if (val) {
		if (only_keys(c, val, key, vkeys) || get_str(c, val, "where", key, false, &s))
			return -1;
		if (s) {
			static const char *const w[] = {"right", "below", "right_or_below",
			                                "lines"};
			int k = -1;

			for (int j = 0; j < 4; j++)
				if (strcmp(s, w[j]) == 0)
					k = j;
			if (k < 0) {
				snprintf(key, sizeof(key), "%s.value.where", where);
				return bad(c, key,
				           "'%s' is not right, below, right_or_below or lines", s);
			}
			f->where = (classify_where)k;
		}
		if (get_num(c, val, "max_lines", key, 1, 20, 1, &num))
			return -1;
		f->max_lines = (int)num;
		if (get_bool(c, val, "compact", key, false, &f->compact))
			return -1;
		if (get_str(c, val, "segment", key, false, &s))
			return -1;
		if (s && strcmp(s, "first") != 0 && strcmp(s, "row") != 0) {
			snprintf(key, sizeof(key), "%s.value.segment", where);
			return bad(c, key, "'%s' is not first or row", s);
		}
		f->first_segment = s && strcmp(s, "first") == 0;
	}
	pat = val ? json_object_get(val, "pattern") : NULL;
	snprintf(key, sizeof(key), "%s.value.pattern", where);
	if (pat && json_is_string(pat)) {
		f->re = calloc(1, sizeof(*f->re));
		if (!f->re)
			return oom(c);
		f->n_re = 1;
		if (compile(c, key, json_string_value(pat), &f->re[0]))
			return -1;
	} else if (pat && json_is_array(pat) && json_array_size(pat) > 0) {
		f->re = calloc(json_array_size(pat), sizeof(*f->re));
		if (!f->re)
			return oom(c);
		json_array_foreach(pat, i, x)
		{
			snprintf(key, sizeof(key), "%s.value.pattern[%zu]", where, i);
			if (!json_is_string(x))
				return bad(c, key, "not a string");
			f->n_re++;
			if (compile(c, key, json_string_value(x), &f->re[i]))
				return -1;
		}
	} else if (pat) {
		return bad(c, key, "not a pattern or a non-empty array of patterns");
	} else if (f->where == CLASSIFY_WHERE_LINES) {
		return bad(c, key, "missing (a \"lines\" field is found by its pattern)");
	}

	if (get_strs(c, fo, "labels", where, &labels))
		return -1;
	snprintf(key, sizeof(key), "%s.labels", where);
	if (f->where == CLASSIFY_WHERE_LINES && labels && json_array_size(labels))
		return bad(c, key, "a \"lines\" field has no labels");
	if (f->where != CLASSIFY_WHERE_LINES && (!labels || json_array_size(labels) == 0))
		return bad(c, key, "missing or empty");
	json_array_foreach(labels, i, x)
	{
		snprintf(key, sizeof(key), "%s.labels[%zu]", where, i);
		if (add_label(c, t, key, json_string_value(x), idx))
			return -1;
	}
	if (get_strs(c, fo, "after", where, &after) ||
	    folded_list(c, after, &f->after, &f->n_after, true))
		return -1;

	if (get_str(c, fo, "normalizer", where, false, &s))
		return -1;
	f->norm = CLASSIFY_NORM_TEXT;
	snprintf(key, sizeof(key), "%s.normalizer", where);
	if (s && !classify_norm_kind_parse(s, &f->norm))
		return bad(c, key, "unknown normalizer '%s'", s);

	vals = json_object_get(fo, "validators");
	snprintf(key, sizeof(key), "%s.validators", where);
	if (vals && !json_is_array(vals))
		return bad(c, key, "not an array");
	if (vals && json_array_size(vals)) {
		f->validators = calloc(json_array_size(vals), sizeof(*f->validators));
		if (!f->validators)
			return oom(c);
		json_array_foreach(vals, i, x)
		{
			snprintf(key, sizeof(key), "%s.validators[%zu]", where, i);
			f->n_validators++;
			if (parse_validator(c, x, key, &f->validators[i]))
				return -1;
		}
	}
	return 0;
}

/* References between fields, checked once every field is known. */
static int check_refs(defs_ctx *c, classify_tdef *t)
{
	char key[192];

	for (int i = 0; i < t->n_fields; i++) {
		classify_fdef *f = &t->fields[i];

		for (int j = 0; j < f->n_validators; j++) {
			classify_vdef *v = &f->validators[j];

			snprintf(key, sizeof(key), "fields[%d].validators[%d]", i, j);
			if (v->kind == CLASSIFY_V_MRZ_AGREES) {
				static const char *const parts[] = {"id", "birth", "expiry", "sex",
				                                    "name"};
				bool ok = false;

				for (size_t k = 0; v->field && k < 5; k++)
					ok = ok || strcmp(v->field, parts[k]) == 0;
				if (!ok)
					return bad(
					    c, key,
					    "mrz_agrees needs a part: id, birth, expiry, sex "
					    "or name (\"mrz_agrees:birth\")");
				continue;
			}
			if (v->field && field_exists(t, v->field) < 0)
				return bad(c, key, "no field '%s' in this type", v->field);
			if (v->field2 && field_exists(t, v->field2) < 0)
				return bad(c, key, "no field '%s' in this type", v->field2);
			if (v->value && strcmp(v->value, "Nam") != 0 && strcmp(v->value, "Nữ") != 0)
				return bad(c, key, "sex_value must be Nam or Nữ");
		}
	}
	for (int i = 0; i < t->n_subjects; i++) {
		classify_sdef *s = &t->subjects[i];
		const char *refs[3] = {s->key, s->name, s->birth};

		snprintf(key, sizeof(key), "subjects[%d]", i);
		for (int j = 0; j < 3; j++)
			if (refs[j] && field_exists(t, refs[j]) < 0)
				return bad(c, key, "no field '%s' in this type", refs[j]);
	}
	return 0;
}

static int parse_subjects(defs_ctx *c, classify_tdef *t, json_t *arr)
{
	static const char *const skeys[] = {"role", "kind", "key", "name", "birth", NULL};
	json_t *x;
	size_t i;

	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return bad(c, "subjects", "not an array");
	t->subjects = calloc(json_array_size(arr) + 1, sizeof(*t->subjects));
	if (!t->subjects)
		return oom(c);
	json_array_foreach(arr, i, x)
	{
		classify_sdef *s = &t->subjects[i];
		const char *role, *kind, *k, *name, *birth;
		char where[48];
		bool ok = false;

		snprintf(where, sizeof(where), "subjects[%zu]", i);
		if (!json_is_object(x))
			return bad(c, where, "not an object");
		t->n_subjects++;
		if (only_keys(c, x, where, skeys) || get_str(c, x, "role", where, true, &role) ||
		    get_str(c, x, "kind", where, true, &kind) ||
		    get_str(c, x, "key", where, true, &k) ||
		    get_str(c, x, "name", where, false, &name) ||
		    get_str(c, x, "birth", where, false, &birth))
			return -1;
		for (size_t j = 0; j < sizeof(defs_roles) / sizeof(defs_roles[0]); j++)
			ok = ok || strcmp(role, defs_roles[j]) == 0;
		if (!ok)
			return bad(c, where, "unknown role '%s'", role);
		if (strcmp(kind, "person") != 0 && strcmp(kind, "enterprise") != 0)
			return bad(c, where, "kind must be person or enterprise");
		s->role = core_strdup(role);
		s->kind = core_strdup(kind);
		s->key = core_strdup(k);
		s->name = core_strdup(name);
		s->birth = core_strdup(birth);
		if (!s->role || !s->kind || !s->key || (name && !s->name) || (birth && !s->birth))
			return oom(c);
	}
	return 0;
}

static int parse_keywords(defs_ctx *c, classify_tdef *t, json_t *arr)
{
	json_t *x;
	size_t i;

	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return bad(c, "keywords", "not an array");
	t->keywords = calloc(json_array_size(arr) + 1, sizeof(*t->keywords));
	if (!t->keywords)
		return oom(c);
	json_array_foreach(arr, i, x)
	{
		char where[48];
		const char *text = NULL;
		double w = 1;

		snprintf(where, sizeof(where), "keywords[%zu]", i);
		if (json_is_string(x) && json_string_length(x)) {
			text = json_string_value(x);
		} else if (json_is_object(x)) {
			static const char *const kk[] = {"text", "weight", NULL};

			if (only_keys(c, x, where, kk) ||
			    get_str(c, x, "text", where, true, &text) ||
			    get_num(c, x, "weight", where, -100, 100, 1, &w))
				return -1;
		} else {
			return bad(c, where, "not a string or {text, weight}");
		}
		t->keywords[i].text = fold_dup(c, text);
		if (!t->keywords[i].text)
			return -1;
		if (classify_key_only(t->keywords[i].text) == 0)
			return bad(c, where, "keyword has no letters or digits");
		t->keywords[i].weight = w;
		t->n_keywords++;
	}
	return 0;
}

static int parse_patterns(defs_ctx *c, json_t *arr, const char *name, pcre2_code ***out, int *n)
{
	json_t *x;
	size_t i;

	*n = 0;
	if (!arr || json_array_size(arr) == 0)
		return 0;
	*out = calloc(json_array_size(arr), sizeof(**out));
	if (!*out)
		return oom(c);
	json_array_foreach(arr, i, x)
	{
		char key[64];

		snprintf(key, sizeof(key), "%s[%zu]", name, i);
		(*n)++;
		if (compile(c, key, json_string_value(x), &(*out)[i]))
			return -1;
	}
	return 0;
}

static int parse_type(defs_ctx *c, json_t *root, const char *type_from_name, classify_tdef *t)
{
	static const char *const tkeys[] = {"version",
	                                    "type",
	                                    "description",
	                                    "titles",
	                                    "keywords",
	                                    "keyword_min",
	                                    "continuation",
	                                    "opens_document",
	                                    "merge_consecutive",
	                                    "card",
	                                    "review_threshold",
	                                    "stop_labels",
	                                    "fields",
	                                    "subjects",
	                                    NULL};
	static const char *const okeys[] = {"title", "national_header", "patterns", NULL};
	json_t *v, *arr, *opens, *x;
	const char *type, *s;
	size_t i;

	if (!json_is_object(root))
		return bad(c, "(top)", "not a JSON object");
	if (only_keys(c, root, "", tkeys))
		return -1;
	v = json_object_get(root, "version");
	if (!v)
		return bad(c, "version", "missing");
	if (!json_is_integer(v) || json_integer_value(v) != 1)
		return bad(c, "version", "only version 1 is known");
	if (get_str(c, root, "type", "", true, &type))
		return -1;
	if (!ident_ok(type))
		return bad(c, "type", "'%s' is not a type code of [a-z0-9_]", type);
	if (strcmp(type, type_from_name) != 0)
		return bad(c, "type", "'%s' differs from the file name", type);
	t->type = core_strdup(type);
	if (!t->type)
		return oom(c);
	if (get_str(c, root, "description", "", false, &s))
		return -1;
	if (get_strs(c, root, "titles", "", &arr) ||
	    parse_patterns(c, arr, "titles", &t->titles, &t->n_titles))
		return -1;
	if (parse_keywords(c, t, json_object_get(root, "keywords")))
		return -1;
	if (get_num(c, root, "keyword_min", "", 0, 1000, 2, &t->keyword_min))
		return -1;
	if (get_strs(c, root, "continuation", "", &arr) ||
	    folded_list(c, arr, &t->continuation, &t->n_continuation, true))
		return -1;
	opens = json_object_get(root, "opens_document");
	t->open_on_title = t->open_on_header = true;
	if (opens) {
		if (!json_is_object(opens))
			return bad(c, "opens_document", "not an object");
		if (only_keys(c, opens, "opens_document", okeys) ||
		    get_bool(c, opens, "title", "opens_document", true, &t->open_on_title) ||
		    get_bool(c, opens, "national_header", "opens_document", true,
		             &t->open_on_header) ||
		    get_strs(c, opens, "patterns", "opens_document", &arr) ||
		    parse_patterns(c, arr, "opens_document.patterns", &t->opens, &t->n_opens))
			return -1;
	}
	if (get_bool(c, root, "merge_consecutive", "", false, &t->merge_consecutive) ||
	    get_bool(c, root, "card", "", false, &t->card) ||
	    get_num(c, root, "review_threshold", "", 0, 1, CLASSIFY_DEFAULT_THRESHOLD,
	            &t->threshold))
		return -1;

	arr = json_object_get(root, "fields");
	if (arr && !json_is_array(arr))
		return bad(c, "fields", "not an array");
	if (arr && json_array_size(arr)) {
		t->fields = calloc(json_array_size(arr), sizeof(*t->fields));
		if (!t->fields)
			return oom(c);
		json_array_foreach(arr, i, x)
		{
			t->n_fields++;
			if (parse_field(c, t, x, (int)i))
				return -1;
		}
	}
	if (get_strs(c, root, "stop_labels", "", &arr))
		return -1;
	json_array_foreach(arr, i, x)
	{
		char key[48];

		snprintf(key, sizeof(key), "stop_labels[%zu]", i);
		if (add_label(c, t, key, json_string_value(x), -1))
			return -1;
	}
	if (parse_subjects(c, t, json_object_get(root, "subjects")))
		return -1;
	return check_refs(c, t);
}

int classify_defs_parse_type(const char *path, struct json_t *root, const char *type,
                             classify_tdef *t, core_err *err)
{
	defs_ctx c = {path, err};

	return parse_type(&c, root, type, t);
}
