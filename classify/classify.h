/*
 * classify.h - from OCR text to meaning: the text layer (Unicode
 * normalization, accent folding, CER and WER), then document types,
 * document separation, field extraction with normalizers and
 * validators, and the subjects (citizens, enterprises) a dossier names.
 *
 * Document types and their fields are data (classify/defs/<type>.json,
 * see classify/defs/README.md); a new type or a changed form needs no C
 * change.  Definitions and models are immutable once loaded: any number
 * of threads may call classify_dossier() sharing them.
 */
#ifndef SOHOA_CLASSIFY_H
#define SOHOA_CLASSIFY_H

#include "core.h"

/* NFC of UTF-8 text; malloc'd.  Invalid UTF-8 is CORE_EFORMAT. */
char *classify_text_nfc(const char *s, core_err *err);

/*
 * Canonical form for comparison: NFC, every run of white space turned
 * into one space, trimmed.  With fold: also lower case, diacritics
 * stripped and đ/Đ -> d (so "Nguyễn Văn Đức" -> "nguyen van duc").
 */
char *classify_text_canon(const char *s, bool fold, core_err *err);

/* Edit counts against a reference, in Unicode code points (CER) or
 * in white-space separated words (WER), on canonical text. */
typedef struct classify_errcount {
	int64_t edits;
	int64_t ref_len;
} classify_errcount;

int classify_cer(const char *ref, const char *hyp, bool fold, classify_errcount *out,
                 core_err *err);
int classify_wer(const char *ref, const char *hyp, bool fold, classify_errcount *out,
                 core_err *err);
/* edits / ref_len, 0 when both empty, 1 when only the reference is. */
double classify_rate(const classify_errcount *c);

/* ==== document types, fields and subjects ============================ */

#define CLASSIFY_TYPE_MAX    48  /* a type code with its NUL */
#define CLASSIFY_REASON_MAX  160 /* a validator's reason with its NUL */
#define CLASSIFY_VERSION_MAX 72  /* a definitions or model version with its NUL */

/* ---- definitions ------------------------------------------------------ */

/* Every document type definition, loaded and compiled; opaque, immutable. */
typedef struct classify_defs classify_defs;

/*
 * The definitions folder: $SOHOA_DEFS_DIR when set and not empty, else
 * the source tree's classify/defs compiled in.  Static storage.
 */
const char *classify_defs_dir_default(void);

/*
 * Loads every *.json of dir (NULL: classify_defs_dir_default()),
 * validates it and compiles its patterns.  A bad file refuses the whole
 * set: err->msg is "bad document definition" and err->detail names the
 * file, the key and the problem, e.g.
 * "defs/cccd.json: fields[2].value.pattern: missing closing parenthesis at offset 7".
 */
int classify_defs_load(const char *dir, classify_defs **out, core_err *err);
void classify_defs_destroy(classify_defs **d);

/* SHA-256 (hex) of the definition files' contents in file name order. */
const char *classify_defs_version(const classify_defs *d);
int classify_defs_n_types(const classify_defs *d);
/* Type code of definition i (file order), NULL out of range. */
const char *classify_defs_type(const classify_defs *d, int i);
bool classify_defs_has_type(const classify_defs *d, const char *type);

/* ---- normalizers -------------------------------------------------------- */

/*
 * Each returns a malloc'd canonical value, or NULL with err set
 * (CORE_EFORMAT, detail saying why) when the text is not recognised.
 *
 * name:   NFC, Vietnamese title case, single spaces ("NGUYỄN văn  an" -> "Nguyễn Văn An")
 * date:   ISO 8601 from dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy,
 *         "ngày 05 tháng 3 năm 1990", or a year alone ("1990")
 * sex:    "Nam" or "Nữ" (from Nam/Nữ/nu/M/F/Male/Female, any case or accent)
 * money:  integer number of đồng as digits ("8.000.000.000 đồng" -> "8000000000")
 * digits: digits only, separators (space . - ) dropped
 * area:   decimal with "." ("120,5 m²" -> "120.5"; "1.234,5" -> "1234.5")
 * text:   NFC, single spaces, trimmed of edge punctuation
 * code:   no inner spaces ("145 / QĐ-UBND" -> "145/QĐ-UBND", "CS 01234" -> "CS01234")
 * mrz:    upper case lines without spaces joined by "\n"
 * expiry: a date, or "Không thời hạn"
 * authority: an issuing body in sentence case, its place capitalised
 *         ("ỦY BAN NHÂN DÂN HUYỆN ĐỨC HÒA" -> "Ủy ban nhân dân huyện Đức Hòa")
 */
char *classify_norm_name(const char *s, core_err *err);
char *classify_norm_date(const char *s, core_err *err);
char *classify_norm_sex(const char *s, core_err *err);
char *classify_norm_money(const char *s, core_err *err);
char *classify_norm_digits(const char *s, core_err *err);
char *classify_norm_area(const char *s, core_err *err);
char *classify_norm_text(const char *s, core_err *err);
/* By normalizer name, as used in the definitions (for reviewers' edits). */
char *classify_normalize(const char *normalizer, const char *s, core_err *err);
bool classify_normalizer_known(const char *normalizer);

/* ---- validators --------------------------------------------------------- */

/*
 * Each returns true when the value passes; otherwise false with a short
 * reason in `reason` (may be NULL), e.g. "bad province prefix 099".
 */

/* 12 digits PPP G YY NNNNNN: PPP one of the 63 province codes; when
 * given, sex ("Nam"/"Nữ") agrees with G's parity and birth_year with
 * G's century and YY. */
bool classify_valid_personal_id(const char *id, const char *sex, int birth_year,
                                char reason[CLASSIFY_REASON_MAX]);
/* 9 digits. */
bool classify_valid_cmnd(const char *id, char reason[CLASSIFY_REASON_MAX]);
/* 10 digits with the weighted check digit, or NNNNNNNNNN-BBB (branch 001-999). */
bool classify_valid_enterprise_code(const char *code, char reason[CLASSIFY_REASON_MAX]);
/* ISO yyyy-mm-dd that exists in the calendar, or yyyy; years 1900-2100. */
bool classify_valid_date(const char *iso, char reason[CLASSIFY_REASON_MAX]);
/* earlier <= later (ISO dates or years; a year compares with its year). */
bool classify_valid_date_order(const char *earlier, const char *later,
                               char reason[CLASSIFY_REASON_MAX]);
/*
 * A Vietnamese personal name as normalized (NFC, title case): 2-8
 * syllables, each an onset and a rhyme Vietnamese is written with, one
 * tone mark at most, only sắc or nặng on a syllable closed by c, ch, p
 * or t; the first a known family name.  OCR dropping a circumflex
 * ("Nguyen") or misreading a tone ("Đàt") fails here.
 */
bool classify_valid_name(const char *name, char reason[CLASSIFY_REASON_MAX]);
/* An address ending with one of the 63 province names, after "tỉnh",
 * "thành phố" or "TP." if any ("..., huyện Đức Hòa, tỉnh Long An"). */
bool classify_valid_address(const char *addr, char reason[CLASSIFY_REASON_MAX]);

/* ICAO 9303 TD1 (3 lines of 30, joined by "\n"), as read from a card. */
typedef struct classify_mrz {
	char doc_number[10]; /* line 1, positions 6-14 */
	char optional1[16];  /* line 1, positions 16-30 (the 12-digit ID on a CCCD) */
	char birth[7];       /* YYMMDD */
	char sex;            /* 'M', 'F' or '<' */
	char expiry[7];      /* YYMMDD */
	char nationality[4];
	char name[31]; /* line 3, '<' kept */
} classify_mrz;

/* MRZ character value: 0-9, A-Z = 10..35, '<' = 0; -1 for others. */
int classify_mrz_char_value(char c);
/* Check digit (weights 7,3,1) of n characters, -1 on a bad character. */
int classify_mrz_digit(const char *s, size_t n);
/* Every check digit of a TD1 MRZ (document number, birth, expiry,
 * composite); fills out (may be NULL) when the layout is readable. */
bool classify_mrz_check(const char *mrz, classify_mrz *out, char reason[CLASSIFY_REASON_MAX]);

/* ---- page classification ----------------------------------------------- */

/* A trained statistical page classifier; opaque, immutable. */
typedef struct classify_model classify_model;

/* A labelled page for training. */
typedef struct classify_sample {
	const char *text;
	const char *type;
} classify_sample;

/*
 * Multinomial naive Bayes on accent- and case-folded word unigrams and
 * bigrams, Laplace smoothing.  Deterministic: the same samples give a
 * byte-identical model file.
 */
int classify_model_train(const classify_sample *samples, int n, classify_model **out,
                         core_err *err);
/* Text format, header "sohoa-nb 1"; written to a temporary name, renamed. */
int classify_model_save(const classify_model *m, const char *path, core_err *err);
int classify_model_load(const char *path, classify_model **out, core_err *err);
void classify_model_destroy(classify_model **m);
/* SHA-256 (hex) of the model file's bytes. */
const char *classify_model_version(const classify_model *m);
/* Most likely type and its (length-tempered) posterior. */
int classify_model_predict(const classify_model *m, const char *text, char type[CLASSIFY_TYPE_MAX],
                           double *posterior, core_err *err);

/*
 * Training pages from a sohoa-gen truth folder (DIR/<code>.json): one
 * sample per non-blank page, its lines joined by newlines, typed by the
 * document that covers it.  *samples is a malloc'd array whose text and
 * type strings are malloc'd too; free with classify_samples_free.
 */
int classify_truth_samples(const char *truth_dir, classify_sample **samples, int *n, core_err *err);
void classify_samples_free(classify_sample *samples, int n);

/* What one page looks like. */
typedef struct classify_page_info {
	char type[CLASSIFY_TYPE_MAX];
	double confidence;    /* 0..1 */
	bool title;           /* a title of `type` was read */
	bool national_header; /* "Cộng hòa xã hội chủ nghĩa Việt Nam" */
	bool opens_document;  /* a title or a national header: a document starts here */
	bool card;            /* an identity card photocopy (title or MRZ) */
	bool mrz;             /* machine readable zone lines seen */
	bool blank;
	bool unreadable; /* OCR text is no Vietnamese (a rotated page): typed "other" */
	/* bit i: the page reads as a continuation of type i (defs order) */
	uint64_t continues;
} classify_page_info;

/*
 * Rules (titles, keywords from the definitions) combined with the model
 * (may be NULL: rules only).  A title wins; otherwise the model's
 * posterior, nudged by keywords; otherwise keywords alone; else "other".
 */
int classify_page_classify(const classify_defs *d, const classify_model *m, const char *text,
                           classify_page_info *out, core_err *err);

/* ---- a dossier in, documents and fields out ------------------------------ */

/* A recognized word: same meaning as ocr_word and store_word. */
typedef struct classify_word {
	const char *text; /* UTF-8 */
	float conf;       /* 0..100 */
	int x0, y0, x1, y1;
	int block, line; /* Tesseract ordinals in reading order */
	/* tone_rival: a letter's runner-up reading differed only in its
	 * tone mark, tone_gap below it (small: nearly read that way). */
	bool tone_rival;
	float tone_gap;
} classify_word;

/*
 * A value that keeps its tone marks (a name, an address, text) and
 * holds a word with a tone rival closer than this goes to review, its
 * confidence capped at 0.5: the wrong tone ("Đồng" for "Đông") reads
 * as a confident word that no validator can check.  Set on the
 * calibration corpora (seeds 11 and 42), see bench/RESULTS.md.
 */
#define CLASSIFY_TONE_GAP_MIN 10.0

typedef struct classify_page {
	int number; /* 1-based in the dossier */
	bool blank;
	const char *text; /* page text; NULL: rebuilt from the words */
	const classify_word *words;
	int n_words;
	int width, height; /* pixels; 0 if unknown */
	/* Specks were removed from the scan before OCR: those left beside
	 * letters (kept as possible marks) make its tone marks doubtful. */
	bool specked;
} classify_page;

typedef struct classify_options {
	/* > 0: review threshold for every field, overriding the definitions. */
	double review_threshold;
	/* Fields of a document typed below this confidence all go to review. */
	double min_type_confidence;
} classify_options;

void classify_options_default(classify_options *o);

typedef enum classify_status {
	CLASSIFY_AUTO_ACCEPTED = 0,
	CLASSIFY_NEEDS_REVIEW,
	CLASSIFY_VERIFIED, /* set by people, never by the library */
	CLASSIFY_REJECTED  /* idem */
} classify_status;

/* "auto_accepted", "needs_review", "verified", "rejected" (the store's words). */
const char *classify_status_name(classify_status st);

typedef struct classify_box {
	int x0, y0, x1, y1;
} classify_box;

typedef struct classify_field {
	char *name;            /* canonical field name, e.g. "date_of_birth" */
	char *raw;             /* the OCR text the value was read from */
	char *value;           /* normalized; NULL when the normalizer refused the text */
	double confidence;     /* 0..1 */
	int page;              /* page number */
	classify_box box;      /* union of the value's words, page pixels */
	char *validators_json; /* {"personal_id":"ok","date_order":"..."} */
	bool validators_ok;    /* normalized, and every validator passed */
	classify_status status;
} classify_field;

typedef struct classify_subject {
	char *kind;             /* "person" or "enterprise" */
	char *key;              /* personal ID or enterprise code, validated */
	char *display_name;     /* may be NULL */
	char *role;             /* holder, mother, father, wife, husband, legal_representative,
	                           owner, applicant, enterprise */
	classify_status status; /* the key field's: link at once only if auto_accepted */
} classify_subject;

typedef struct classify_document {
	char *type;
	int first_page, last_page; /* page numbers */
	double confidence;
	classify_field *fields;
	int n_fields;
	classify_subject *subjects;
	int n_subjects;
} classify_document;

typedef struct classify_result {
	classify_document *documents;
	int n_documents;
	classify_page_info *pages; /* one per input page, same order */
	int n_pages;
	char definitions_version[CLASSIFY_VERSION_MAX];
	char model_version[CLASSIFY_VERSION_MAX]; /* "" without a model */
} classify_result;

/*
 * The whole dossier at once, pages in order: classifies each page,
 * groups pages into documents (blank pages separate and belong to
 * none), extracts and validates fields, checks that one personal ID
 * carries one name and birth date across documents, and lists subjects.
 * model may be NULL (rules only); options may be NULL (defaults).
 */
int classify_dossier(const classify_defs *d, const classify_model *m, const classify_page *pages,
                     int n, const classify_options *o, classify_result **out, core_err *err);

/* Extraction alone, the type being known: one document over the pages. */
int classify_extract(const classify_defs *d, const char *type, const classify_page *pages, int n,
                     const classify_options *o, classify_result **out, core_err *err);

/*
 * Separation alone.  Groups pages (their classification, in order) into
 * documents; doc_of[i] receives the document index of page i, or -1
 * for a blank page.  *n_docs receives the number of documents.
 */
int classify_separate(const classify_defs *d, const classify_page_info *pages, int n, int *doc_of,
                      int *n_docs, core_err *err);

void classify_result_destroy(classify_result **r);

/* The result as one JSON object (documents, fields, subjects, pages). */
int classify_result_json(const classify_result *r, core_buf *out, core_err *err);

#endif
