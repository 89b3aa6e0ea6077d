/*
 * classify_nb.c - the statistical page classifier: multinomial naive
 * Bayes on folded word unigrams and bigrams with Laplace smoothing.
 *
 * Folding first makes the features blind to the diacritic errors OCR
 * makes most; numbers become one token so that identifiers and dates
 * do not spread over the vocabulary.  The model is a versioned text
 * file; a trained model is serialized and parsed back, so what is used
 * right after training is exactly what a later load gives.
 */
#include "classify_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NB_HEADER     "sohoa-nb 1"
#define NB_MAX_FILE   (256u << 20)
#define NB_MAX_TOKENS 200000
#define NB_MIN_DF     2    /* a feature seen on one page only is noise (a name, a number) */
#define NB_TEMPER     40.0 /* pages longer than this many features count as this long */

struct classify_model {
	int n_classes;
	char (*classes)[CLASSIFY_TYPE_MAX];
	double *log_prior;
	int *docs; /* training pages per class, kept so a saved model is byte-identical */
	int n_vocab;
	char **vocab;
	double *lp;      /* n_vocab x n_classes */
	uint32_t *slots; /* open addressing: vocab index + 1, 0 empty */
	size_t n_slots;
	char version[CORE_SHA256_HEX];
};

/* ---- features -------------------------------------------------------------- */

static uint32_t nb_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

typedef struct nb_tokens {
	char **v;
	int n, cap;
} nb_tokens;

static void tokens_free(nb_tokens *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static int tokens_push(nb_tokens *t, const char *s, size_t n, core_err *err)
{
	char *p;

	if (t->n >= NB_MAX_TOKENS)
		return 0;
	if (t->n == t->cap) {
		int cap = t->cap ? 2 * t->cap : 256;
		char **v = realloc(t->v, (size_t)cap * sizeof(*v));

		if (!v)
			return core_err_set(err, CORE_ENOMEM, "out of memory");
		t->v = v;
		t->cap = cap;
	}
	p = malloc(n + 1);
	if (!p)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	memcpy(p, s, n);
	p[n] = '\0';
	t->v[t->n++] = p;
	return 0;
}

/* Unigrams, then bigrams "a_b" of adjacent words. */
static int features(const char *text, nb_tokens *out, core_err *err)
{
	char *f = classify_fold(text, err);
	nb_tokens words = {0};
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (!f)
		return -1;
	for (const char *p = f; *p;) {
		const char *b;
		bool digits = true;

		while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			p++;
		if (!*p)
			break;
		b = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
			digits = digits && *p >= '0' && *p <= '9';
			p++;
		}
		if (digits ? tokens_push(&words, "#", 1, err)
		           : tokens_push(&words, b, (size_t)(p - b), err))
			goto out;
	}
	for (int i = 0; i < words.n; i++)
		if (tokens_push(out, words.v[i], strlen(words.v[i]), err))
			goto out;
	for (int i = 0; i + 1 < words.n; i++) {
		char bi[256];
		int k = snprintf(bi, sizeof(bi), "%s_%s", words.v[i], words.v[i + 1]);

		if (k > 0 && (size_t)k < sizeof(bi) && tokens_push(out, bi, (size_t)k, err))
			goto out;
	}
	rc = 0;
out:
	if (rc)
		tokens_free(out);
	tokens_free(&words);
	free(f);
	return rc;
}

/* ---- the model ------------------------------------------------------------- */

void classify_model_destroy(classify_model **m)
{
	if (!m || !*m)
		return;
	for (int i = 0; i < (*m)->n_vocab; i++)
		free((*m)->vocab[i]);
	free((*m)->vocab);
	free((*m)->lp);
	free((*m)->classes);
	free((*m)->log_prior);
	free((*m)->docs);
	free((*m)->slots);
	free(*m);
	*m = NULL;
}

const char *classify_model_version(const classify_model *m)
{
	return m ? m->version : "";
}

static int model_index(classify_model *m, core_err *err)
{
	m->n_slots = 16;
	while (m->n_slots < (size_t)m->n_vocab * 2)
		m->n_slots *= 2;
	m->slots = calloc(m->n_slots, sizeof(*m->slots));
	if (!m->slots)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	for (int i = 0; i < m->n_vocab; i++) {
		size_t s = nb_hash(m->vocab[i]) & (m->n_slots - 1);

		while (m->slots[s])
			s = (s + 1) & (m->n_slots - 1);
		m->slots[s] = (uint32_t)i + 1;
	}
	return 0;
}

static int model_find(const classify_model *m, const char *tok)
{
	size_t s = nb_hash(tok) & (m->n_slots - 1);

	while (m->slots[s]) {
		int i = (int)m->slots[s] - 1;

		if (strcmp(m->vocab[i], tok) == 0)
			return i;
		s = (s + 1) & (m->n_slots - 1);
	}
	return -1;
}

/* Parses the text form; `where` names the source in messages. */
static int model_parse(const char *text, size_t len, const char *where, classify_model **out,
                       core_err *err)
{
	classify_model *m = NULL;
	const char *p = text, *end = text + len;
	int line = 0, rc = -1;
	char *eol;

	*out = NULL;
#define NEXT_LINE()                                                                                \
	do {                                                                                       \
		line++;                                                                            \
		eol = memchr(p, '\n', (size_t)(end - p));                                          \
		if (!eol)                                                                          \
			goto bad;                                                                  \
	} while (0)
	m = calloc(1, sizeof(*m));
	if (!m) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	NEXT_LINE();
	if ((size_t)(eol - p) != strlen(NB_HEADER) || memcmp(p, NB_HEADER, strlen(NB_HEADER)) != 0)
		goto bad;
	p = eol + 1;
	NEXT_LINE();
	if (sscanf(p, "classes %d", &m->n_classes) != 1 || m->n_classes < 1 ||
	    m->n_classes > CLASSIFY_MAX_TYPES)
		goto bad;
	p = eol + 1;
	m->classes = calloc((size_t)m->n_classes, sizeof(*m->classes));
	m->log_prior = calloc((size_t)m->n_classes, sizeof(*m->log_prior));
	m->docs = calloc((size_t)m->n_classes, sizeof(*m->docs));
	if (!m->classes || !m->log_prior || !m->docs) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (int c = 0; c < m->n_classes; c++) {
		char name[CLASSIFY_TYPE_MAX];

		NEXT_LINE();
		if (sscanf(p, "%47s %d %lf", name, &m->docs[c], &m->log_prior[c]) != 3)
			goto bad;
		core_strlcpy(m->classes[c], name, sizeof(m->classes[c]));
		p = eol + 1;
	}
	NEXT_LINE();
	if (sscanf(p, "vocab %d", &m->n_vocab) != 1 || m->n_vocab < 0 || m->n_vocab > 50000000)
		goto bad;
	p = eol + 1;
	m->vocab = calloc((size_t)m->n_vocab + 1, sizeof(*m->vocab));
	m->lp = malloc(((size_t)m->n_vocab * (size_t)m->n_classes + 1) * sizeof(*m->lp));
	if (!m->vocab || !m->lp) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (int i = 0; i < m->n_vocab; i++) {
		const char *q;
		char *num_end;

		NEXT_LINE();
		q = memchr(p, ' ', (size_t)(eol - p));
		if (!q || q == p)
			goto bad;
		m->vocab[i] = malloc((size_t)(q - p) + 1);
		if (!m->vocab[i]) {
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		memcpy(m->vocab[i], p, (size_t)(q - p));
		m->vocab[i][q - p] = '\0';
		for (int c = 0; c < m->n_classes; c++) {
			double v = strtod(q, &num_end);

			if (num_end == q || num_end > eol || !(v <= 0))
				goto bad;
			m->lp[(size_t)i * (size_t)m->n_classes + (size_t)c] = v;
			q = num_end;
		}
		p = eol + 1;
	}
	NEXT_LINE();
	if ((size_t)(eol - p) != 3 || memcmp(p, "end", 3) != 0)
		goto bad;
#undef NEXT_LINE
	if (model_index(m, err))
		goto out;
	{
		core_sha256 *h = core_sha256_new();

		if (!h) {
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		core_sha256_update(h, text, len);
		core_sha256_final(&h, m->version);
	}
	*out = m;
	m = NULL;
	rc = 0;
	goto out;
bad:
	core_err_set(err, CORE_EFORMAT, "bad model file");
	core_err_detail(err, "%s: line %d", where, line);
out:
	if (m) {
		/* vocab entries past the failure are NULL: free stops nowhere. */
		classify_model_destroy(&m);
	}
	return rc;
}

/* ---- training --------------------------------------------------------------- */

typedef struct nb_entry {
	char *tok;
	double *count; /* per class */
	int last_sample;
	int df;
} nb_entry;

typedef struct nb_table {
	nb_entry *e;
	size_t n, cap; /* power of two */
	int n_classes;
} nb_table;

static void table_free(nb_table *t)
{
	for (size_t i = 0; i < t->cap; i++) {
		free(t->e[i].tok);
		free(t->e[i].count);
	}
	free(t->e);
	memset(t, 0, sizeof(*t));
}

static nb_entry *table_get(nb_table *t, const char *tok, core_err *err)
{
	size_t s;

	if ((t->n + 1) * 2 > t->cap) {
		nb_table g = {.cap = t->cap ? t->cap * 2 : 1024, .n_classes = t->n_classes};

		g.e = calloc(g.cap, sizeof(*g.e));
		if (!g.e) {
			core_err_set(err, CORE_ENOMEM, "out of memory");
			return NULL;
		}
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->e[i].tok)
				continue;
			s = nb_hash(t->e[i].tok) & (g.cap - 1);
			while (g.e[s].tok)
				s = (s + 1) & (g.cap - 1);
			g.e[s] = t->e[i];
		}
		g.n = t->n;
		free(t->e);
		*t = g;
	}
	s = nb_hash(tok) & (t->cap - 1);
	while (t->e[s].tok) {
		if (strcmp(t->e[s].tok, tok) == 0)
			return &t->e[s];
		s = (s + 1) & (t->cap - 1);
	}
	t->e[s].tok = core_strdup(tok);
	t->e[s].count = calloc((size_t)t->n_classes, sizeof(double));
	t->e[s].last_sample = -1;
	if (!t->e[s].tok || !t->e[s].count) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		return NULL;
	}
	t->n++;
	return &t->e[s];
}

static int cmp_entry_tok(const void *a, const void *b)
{
	return strcmp((*(nb_entry *const *)a)->tok, (*(nb_entry *const *)b)->tok);
}

static int cmp_class(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

int classify_model_train(const classify_sample *samples, int n, classify_model **out, core_err *err)
{
	char(*classes)[CLASSIFY_TYPE_MAX] = NULL;
	double *docs = NULL, *total = NULL;
	nb_table tab = {0};
	nb_entry **kept = NULL;
	core_buf b;
	int nc = 0, nk = 0, rc = -1;

	*out = NULL;
	core_buf_init(&b, NB_MAX_FILE);
	if (n <= 0) {
		core_err_set(err, CORE_EARG, "no training samples");
		goto out;
	}
	classes = calloc(CLASSIFY_MAX_TYPES, sizeof(*classes));
	if (!classes) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (int i = 0; i < n; i++) {
		bool seen = false;

		if (!samples[i].type || !samples[i].text || strlen(samples[i].type) == 0 ||
		    strlen(samples[i].type) >= CLASSIFY_TYPE_MAX || strchr(samples[i].type, ' ')) {
			core_err_set(err, CORE_EARG, "bad training sample");
			core_err_detail(err, "sample %d: missing text or bad type", i);
			goto out;
		}
		for (int c = 0; c < nc && !seen; c++)
			seen = strcmp(classes[c], samples[i].type) == 0;
		if (seen)
			continue;
		if (nc == CLASSIFY_MAX_TYPES) {
			core_err_set(err, CORE_ELIMIT, "too many document types");
			goto out;
		}
		core_strlcpy(classes[nc++], samples[i].type, CLASSIFY_TYPE_MAX);
	}
	qsort(classes, (size_t)nc, sizeof(*classes), cmp_class);
	tab.n_classes = nc;
	docs = calloc((size_t)nc, sizeof(*docs));
	total = calloc((size_t)nc, sizeof(*total));
	if (!docs || !total) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (int i = 0; i < n; i++) {
		nb_tokens toks;
		int c = 0;

		while (strcmp(classes[c], samples[i].type) != 0)
			c++;
		docs[c]++;
		if (features(samples[i].text, &toks, err))
			goto out;
		for (int k = 0; k < toks.n; k++) {
			nb_entry *e = table_get(&tab, toks.v[k], err);

			if (!e) {
				tokens_free(&toks);
				goto out;
			}
			e->count[c]++;
			if (e->last_sample != i) {
				e->last_sample = i;
				e->df++;
			}
		}
		tokens_free(&toks);
	}
	kept = malloc((tab.n + 1) * sizeof(*kept));
	if (!kept) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < tab.cap; i++)
		if (tab.e[i].tok && (tab.e[i].df >= NB_MIN_DF || n < 2 * NB_MIN_DF))
			kept[nk++] = &tab.e[i];
	qsort(kept, (size_t)nk, sizeof(*kept), cmp_entry_tok);
	for (int k = 0; k < nk; k++)
		for (int c = 0; c < nc; c++)
			total[c] += kept[k]->count[c];

	if (core_buf_printf(&b, err, "%s\nclasses %d\n", NB_HEADER, nc))
		goto out;
	for (int c = 0; c < nc; c++)
		if (core_buf_printf(&b, err, "%s %d %.9g\n", classes[c], (int)docs[c],
		                    log(docs[c] / n)))
			goto out;
	if (core_buf_printf(&b, err, "vocab %d\n", nk))
		goto out;
	for (int k = 0; k < nk; k++) {
		if (core_buf_puts(&b, kept[k]->tok, err))
			goto out;
		for (int c = 0; c < nc; c++)
			if (core_buf_printf(&b, err, " %.9g",
			                    log((kept[k]->count[c] + 1) / (total[c] + nk))))
				goto out;
		if (core_buf_puts(&b, "\n", err))
			goto out;
	}
	if (core_buf_puts(&b, "end\n", err))
		goto out;
	rc = model_parse(b.data, b.len, "(trained)", out, err);
out:
	free(classes);
	free(docs);
	free(total);
	free(kept);
	table_free(&tab);
	core_buf_free(&b);
	return rc;
}

/* ---- files ------------------------------------------------------------------ */

static int model_serialize(const classify_model *m, core_buf *b, core_err *err)
{
	if (core_buf_printf(b, err, "%s\nclasses %d\n", NB_HEADER, m->n_classes))
		return -1;
	for (int c = 0; c < m->n_classes; c++)
		if (core_buf_printf(b, err, "%s %d %.9g\n", m->classes[c], m->docs[c],
		                    m->log_prior[c]))
			return -1;
	if (core_buf_printf(b, err, "vocab %d\n", m->n_vocab))
		return -1;
	for (int i = 0; i < m->n_vocab; i++) {
		if (core_buf_puts(b, m->vocab[i], err))
			return -1;
		for (int c = 0; c < m->n_classes; c++)
			if (core_buf_printf(b, err, " %.9g",
			                    m->lp[(size_t)i * (size_t)m->n_classes + (size_t)c]))
				return -1;
		if (core_buf_puts(b, "\n", err))
			return -1;
	}
	return core_buf_puts(b, "end\n", err);
}

int classify_model_save(const classify_model *m, const char *path, core_err *err)
{
	char tmp[4096];
	core_buf b;
	FILE *f = NULL;
	int rc = -1;

	core_buf_init(&b, NB_MAX_FILE);
	if (core_snprintf(tmp, sizeof(tmp), err, "%s.tmp.%ld", path, (long)getpid()))
		goto out;
	if (model_serialize(m, &b, err))
		goto out;
	f = fopen(tmp, "wb");
	if (!f || fwrite(b.data, 1, b.len, f) != b.len || fclose(f) != 0) {
		f = NULL;
		core_err_set(err, CORE_EIO, "cannot write the model file");
		core_err_detail(err, "%s: %s", tmp, strerror(errno));
		unlink(tmp);
		goto out;
	}
	f = NULL;
	if (rename(tmp, path) != 0) {
		core_err_set(err, CORE_EIO, "cannot write the model file");
		core_err_detail(err, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	if (f)
		fclose(f);
	core_buf_free(&b);
	return rc;
}

int classify_model_load(const char *path, classify_model **out, core_err *err)
{
	FILE *f = fopen(path, "rb");
	core_buf b;
	char chunk[65536];
	size_t n;
	int rc = -1;

	*out = NULL;
	core_buf_init(&b, NB_MAX_FILE);
	if (!f) {
		core_err_set(err, CORE_EIO, "cannot open the model file");
		core_err_detail(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (core_buf_append(&b, chunk, n, err))
			goto out;
	if (ferror(f)) {
		core_err_set(err, CORE_EIO, "cannot read the model file");
		core_err_detail(err, "%s", path);
		goto out;
	}
	if (core_buf_puts(&b, "", err))
		goto out;
	rc = model_parse(b.data, b.len, path, out, err);
out:
	fclose(f);
	core_buf_free(&b);
	return rc;
}

/* ---- prediction ------------------------------------------------------------- */

/* Tempered posteriors over the model's classes into post[n_classes]. */
static int model_posteriors(const classify_model *m, const char *text, double *post, core_err *err)
{
	nb_tokens toks;
	int found = 0;
	double scale, best = -INFINITY, sum = 0;

	for (int c = 0; c < m->n_classes; c++)
		post[c] = 0;
	if (features(text, &toks, err))
		return -1;
	for (int k = 0; k < toks.n; k++) {
		int i = model_find(m, toks.v[k]);

		if (i < 0)
			continue;
		found++;
		for (int c = 0; c < m->n_classes; c++)
			post[c] += m->lp[(size_t)i * (size_t)m->n_classes + (size_t)c];
	}
	tokens_free(&toks);
	/* Naive Bayes is overconfident on long pages: their many features
	 * are far from independent.  Scale the evidence to a fixed length. */
	scale = found > NB_TEMPER ? NB_TEMPER / found : 1.0;
	for (int c = 0; c < m->n_classes; c++) {
		post[c] = m->log_prior[c] + scale * post[c];
		if (post[c] > best)
			best = post[c];
	}
	for (int c = 0; c < m->n_classes; c++) {
		post[c] = exp(post[c] - best);
		sum += post[c];
	}
	for (int c = 0; c < m->n_classes; c++)
		post[c] /= sum;
	return found;
}

int classify_model_predict(const classify_model *m, const char *text, char type[CLASSIFY_TYPE_MAX],
                           double *posterior, core_err *err)
{
	double post[CLASSIFY_MAX_TYPES];
	int best = 0;

	type[0] = '\0';
	*posterior = 0;
	if (model_posteriors(m, text ? text : "", post, err) < 0)
		return -1;
	for (int c = 1; c < m->n_classes; c++)
		if (post[c] > post[best])
			best = c;
	core_strlcpy(type, m->classes[best], CLASSIFY_TYPE_MAX);
	*posterior = post[best];
	return 0;
}

int classify_model_posteriors(const classify_model *m, const classify_defs *d, const char *text,
                              double *post, core_err *err)
{
	double mp[CLASSIFY_MAX_TYPES];
	int found = model_posteriors(m, text ? text : "", mp, err);

	for (int i = 0; i < classify_defs_n_types(d); i++)
		post[i] = 0;
	if (found < 0)
		return -1;
	for (int c = 0; c < m->n_classes; c++) {
		int i = classify_defs_index(d, m->classes[c]);

		if (i >= 0)
			post[i] = mp[c];
	}
	return found;
}
