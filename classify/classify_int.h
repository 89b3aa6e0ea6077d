/*
 * classify_int.h - what the classify sources share and nobody else
 * sees: compiled definitions, folding helpers, normalizer and validator
 * internals.
 */
#ifndef SOHOA_CLASSIFY_INT_H
#define SOHOA_CLASSIFY_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "classify.h"

#define CLASSIFY_MAX_TYPES         64 /* bits of classify_page_info.continues */
#define CLASSIFY_DEFAULT_THRESHOLD 0.80
#define CLASSIFY_TITLE_WEIGHT      8.0
#define CLASSIFY_MAX_PAGE_TEXT     (4u << 20)

/* ---- compiled definitions ------------------------------------------- */

typedef enum classify_where {
	CLASSIFY_WHERE_RIGHT = 0,
	CLASSIFY_WHERE_BELOW,
	CLASSIFY_WHERE_RIGHT_OR_BELOW,
	CLASSIFY_WHERE_LINES /* no label: a pattern over consecutive lines */
} classify_where;

typedef enum classify_norm_kind {
	CLASSIFY_NORM_TEXT = 0,
	CLASSIFY_NORM_NAME,
	CLASSIFY_NORM_DATE,
	CLASSIFY_NORM_EXPIRY,
	CLASSIFY_NORM_SEX,
	CLASSIFY_NORM_MONEY,
	CLASSIFY_NORM_DIGITS,
	CLASSIFY_NORM_AREA,
	CLASSIFY_NORM_CODE,
	CLASSIFY_NORM_MRZ,
	CLASSIFY_NORM_AUTHORITY,
	CLASSIFY_NORM_ADDRESS,
	CLASSIFY_NORM_COUNT
} classify_norm_kind;

typedef enum classify_vkind {
	CLASSIFY_V_PERSONAL_ID = 0,
	CLASSIFY_V_CMND,
	CLASSIFY_V_ENTERPRISE_CODE,
	CLASSIFY_V_DATE,
	CLASSIFY_V_DATE_ORDER,
	CLASSIFY_V_NAME,
	CLASSIFY_V_MATCH,
	CLASSIFY_V_MRZ,
	CLASSIFY_V_MRZ_AGREES,
	CLASSIFY_V_ADDRESS,
	CLASSIFY_V_ONE_OF,
	CLASSIFY_V_COUNT
} classify_vkind;

/* A label as printed, and its key: folded letters and digits only. */
typedef struct classify_label {
	char *printed;
	char *key;
	size_t key_len;
	int max_edits;
	bool colon; /* printed with a trailing colon: OCR must show one */
	int field;  /* index in the type's fields, -1 for a stop label */
} classify_label;

typedef struct classify_vdef {
	classify_vkind kind;
	char *name;     /* the JSON key of its result */
	char *field;    /* date_order: the earlier field; personal_id: sex field;
	                 * mrz_agrees: the MRZ part (id, birth, expiry, sex, name) */
	char *field2;   /* personal_id: birth date field */
	char *value;    /* personal_id: constant sex */
	pcre2_code *re; /* match */
	char **values;  /* one_of, NFC */
	int n_values;
} classify_vdef;

typedef struct classify_fdef {
	char *name;
	bool emit; /* false: read for validators only, not output */
	pcre2_code **re;
	int n_re;
	classify_where where;
	int max_lines;
	bool compact;       /* lines: spaces removed before matching */
	bool first_segment; /* lines: only the words left of a row's first label */
	char **after;       /* folded keys: the label counts only after one of these */
	int n_after;
	classify_norm_kind norm;
	classify_vdef *validators;
	int n_validators;
	double threshold; /* < 0: the type's */
} classify_fdef;

typedef struct classify_sdef {
	char *role, *kind, *key, *name, *birth;
} classify_sdef;

typedef struct classify_kw {
	char *text; /* key form: folded letters and digits */
	double weight;
} classify_kw;

typedef struct classify_tdef {
	char *type;
	char *path;
	pcre2_code **titles; /* on folded lines */
	int n_titles;
	pcre2_code **opens; /* extra opening patterns, folded lines */
	int n_opens;
	bool open_on_title, open_on_header;
	bool merge_consecutive;
	bool card;
	classify_kw *keywords;
	int n_keywords;
	double keyword_min;
	char **continuation; /* key forms of printed phrases */
	int n_continuation;
	classify_label *labels; /* every field label and stop label */
	int n_labels;
	classify_fdef *fields;
	int n_fields;
	classify_sdef *subjects;
	int n_subjects;
	double threshold;
} classify_tdef;

struct classify_defs {
	classify_tdef *types;
	int n_types;
	int other; /* index of "other", -1 if not defined */
	char version[CORE_SHA256_HEX];
	pcre2_code *mrz_line; /* an MRZ-looking line, for card detection */
};

struct json_t;
/* Parses one definition (the file's JSON) into t; type: from the file name. */
int classify_defs_parse_type(const char *path, struct json_t *root, const char *type,
                             classify_tdef *t, core_err *err);
const classify_tdef *classify_defs_find(const classify_defs *d, const char *type);
int classify_defs_index(const classify_defs *d, const char *type);

/* ---- folding and fuzzy matching -------------------------------------- */

/* Folded (lower case, no marks, đ -> d) copy; NULL on bad UTF-8. */
char *classify_fold(const char *s, core_err *err);
/* Longest text classify_tone_old_style takes (names, addresses). */
#define CLASSIFY_TONE_STYLE_MAX 4096
/*
 * A malloc'd NFC copy with the tone of open "oa", "oe", "uy" on the o or
 * u ("Hoà" -> "Hòa", "Thuỷ" -> "Thủy"), the placement the province list
 * uses; NULL on bad UTF-8, over the limit or out of memory.
 */
char *classify_tone_old_style(const char *s);
/* Equal up to that placement. */
bool classify_same_spelling(const char *a, const char *b);
/* Keeps [a-z0-9] of a folded string, in place; returns the new length. */
size_t classify_key_only(char *s);
/* Levenshtein distance on bytes, or max + 1 once it exceeds max. */
int classify_edit_bounded(const char *a, size_t na, const char *b, size_t nb, int max);
/* Allowed edits for a key of this length: one per 8 characters. */
int classify_key_edits(size_t len);
/* Finds needle in folded hay, fuzzily on whole lines of hay (used for
 * the national header): true when some line contains it within the
 * allowed edits. */
bool classify_line_has(const char *folded_line, const char *key);

/* Runs a pattern; returns the match offsets of group "v", else group 1,
 * else the whole match.  false when no match. */
bool classify_re_find(const pcre2_code *re, const char *s, size_t len, size_t *so, size_t *eo);

/* ---- normalizers and validators --------------------------------------- */

const char *classify_norm_kind_name(classify_norm_kind k);
/* The value keeps the tone marks as read (names, addresses, text). */
bool classify_norm_keeps_tones(classify_norm_kind k);
bool classify_norm_kind_parse(const char *name, classify_norm_kind *k);
/* *repaired: OCR look-alikes were mapped (O -> 0, l -> 1): the value
 * is a guess to confirm. */
char *classify_norm_apply(classify_norm_kind k, const char *s, bool *repaired, core_err *err);
const char *classify_vkind_name(classify_vkind k);
bool classify_vkind_parse(const char *name, classify_vkind *k);
/* Share of a text's words (2+ letters) that are Vietnamese syllables:
 * low for a page OCR could not read (rotated, upside down, noise). */
double classify_text_readability(const char *text);
/* Calendar check, year range, and day count for ordering. */
bool classify_date_parse(const char *iso, int *y, int *m, int *d);

/* ---- the model ------------------------------------------------------- */

/* Tempered posterior of every type of defs (post[i] for type i; 0 for a
 * type the model does not know); returns the features found, -1 on error. */
int classify_model_posteriors(const classify_model *m, const classify_defs *d, const char *text,
                              double *post, core_err *err);

/* ---- page layout: words, rows, label anchors ---------------------------- */

/* A word ready for matching (OCR words split at colons and dot leaders). */
typedef struct classify_xw {
	char *text; /* NFC */
	char *key;  /* folded letters and digits */
	size_t key_len;
	float conf;
	int x0, y0, x1, y1;
	int line;
	bool tone_rival; /* the OCR word's; a split word's pieces share it */
	float tone_gap;
	bool colon;       /* ends with ':' */
	bool punct_end;   /* ends with , ; : . */
	bool lower_start; /* starts with a lower-case letter */
} classify_xw;

/* A label found on a row: from word k0 of its row to word k1 of row
 * row_end (the same row, or the next one when the label wrapped). */
typedef struct classify_anchor {
	int k0, k1;
	int row_end;
	int label; /* index in the type's labels */
	int edits;
} classify_anchor;

/* A visual row: Tesseract lines that overlap vertically, left to right. */
typedef struct classify_row {
	int *w; /* word indexes, by x */
	int n;
	int y0, y1;
	classify_anchor *a;
	int n_a;
	int skip;   /* leading words that end a label wrapped from the row above */
	char *keys; /* the row's word keys joined by spaces */
} classify_row;

typedef struct classify_xpage {
	int number;
	classify_xw *w;
	int n_w;
	classify_row *rows; /* top to bottom */
	int n_rows;
	double med_h; /* median word height */
} classify_xpage;

/* A printed enumerator ("1.", "2)", "a.", "IV.") that numbers a label. */
bool classify_is_enumerator(const classify_xw *w);
/* Row position where a phrase (key form) starts, -1 if absent. */
int classify_phrase_at(const classify_xpage *xp, int row, const char *key);

/* Words to rows, and the type's labels found on them. */
int classify_layout(const classify_tdef *t, const classify_page *pg, classify_xpage *out,
                    core_err *err);
void classify_layout_free(classify_xpage *xp);

/* ---- the internal steps ----------------------------------------------- */

/* Extracts the fields of one document over its pages into doc. */
int classify_extract_doc(const classify_defs *d, const classify_tdef *t, const classify_page *pages,
                         int n, double type_conf, const classify_options *o, classify_document *doc,
                         core_err *err);
/* Subjects of a document from its fields. */
int classify_doc_subjects(const classify_tdef *t, classify_document *doc, core_err *err);
/* Adds or replaces one validator result in a field's JSON object. */
int classify_field_note(classify_field *f, const char *key, const char *value, core_err *err);
void classify_document_clear(classify_document *doc);

/* Page text from words, by Tesseract line; malloc'd. */
char *classify_words_text(const classify_word *w, int n, core_err *err);

#endif
