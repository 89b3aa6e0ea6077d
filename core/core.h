/*
 * core.h - what every sohoa module shares: errors, logging, bounded
 * buffers, hashing, time and small string helpers.
 *
 * Why a separate module: errors and limits cross every layer
 * (ocr -> classify -> store -> pipeline) and must be one definition.
 * core/ depends on libc and OpenSSL libcrypto only.
 */
#ifndef SOHOA_CORE_H
#define SOHOA_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __GNUC__
#define CORE_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CORE_PRINTF(a, b)
#endif

/* ---- errors -------------------------------------------------------- */

/*
 * Error classes.  A page failure keeps the class and message in the
 * store; the pipeline maps classes to exit codes.
 */
typedef enum core_code {
	CORE_OK = 0,
	CORE_EARG,     /* bad argument or option */
	CORE_EIO,      /* cannot open / read / write a file */
	CORE_EFORMAT,  /* corrupt, truncated, unsupported or mislabelled input */
	CORE_ELIMIT,   /* over a configured limit (pixels, pages, sizes) */
	CORE_ENOMEM,   /* allocation failed */
	CORE_EOCR,     /* OCR engine failure */
	CORE_EDB,      /* database unreachable or statement failed */
	CORE_ELEASE,   /* page lease lost to another worker */
	CORE_EINTERNAL /* a bug */
} core_code;

#define CORE_MSG_MAX    256
#define CORE_DETAIL_MAX 512

/*
 * Set once, then propagated (libvips style): the first core_err_set()
 * wins, later calls on an already set error are ignored so the root
 * cause survives the unwinding.  Messages are short, factual, lower
 * case; detail carries the specifics (PostgreSQL style).
 */
typedef struct core_err {
	core_code code;
	char msg[CORE_MSG_MAX];
	char detail[CORE_DETAIL_MAX];
} core_err;

void core_err_clear(core_err *e);
/* Returns code, so callers can `return core_err_set(...)`. */
int core_err_set(core_err *e, core_code code, const char *fmt, ...) CORE_PRINTF(3, 4);
/* Adds detail if none set yet. */
void core_err_detail(core_err *e, const char *fmt, ...) CORE_PRINTF(2, 3);
bool core_err_isset(const core_err *e);
const char *core_code_name(core_code code);

/* ---- logging ------------------------------------------------------- */

typedef enum core_log_level {
	CORE_LOG_DEBUG = 0,
	CORE_LOG_INFO,
	CORE_LOG_WARN,
	CORE_LOG_ERROR
} core_log_level;

typedef enum core_log_format { CORE_LOG_TEXT = 0, CORE_LOG_JSON } core_log_format;

/* Call once at start-up, before any thread starts. */
void core_log_setup(core_log_format fmt, core_log_level min_level);
core_log_format core_log_get_format(void);
/*
 * One line on stderr, written with a single write(2) so lines from
 * several threads never interleave.  In JSON mode the line is
 * {"ts":..., "level":..., "event":event, "msg":...} plus the given
 * extra members (a preformatted JSON object body without braces, may
 * be NULL).
 */
void core_log(core_log_level lvl, const char *event, const char *json_extra, const char *fmt, ...)
    CORE_PRINTF(4, 5);
/* Writes one raw line (newline added) to stderr atomically. */
void core_log_raw(const char *line);

/* ---- bounded buffers ----------------------------------------------- */

/* A growing byte buffer with a hard maximum (curl style). */
typedef struct core_buf {
	char *data; /* always NUL terminated when non-NULL */
	size_t len;
	size_t cap;
	size_t max;
} core_buf;

void core_buf_init(core_buf *b, size_t max);
int core_buf_append(core_buf *b, const void *p, size_t n, core_err *err);
int core_buf_puts(core_buf *b, const char *s, core_err *err);
int core_buf_printf(core_buf *b, core_err *err, const char *fmt, ...) CORE_PRINTF(3, 4);
/* Appends s as a JSON string literal, quotes included. */
int core_buf_json_str(core_buf *b, const char *s, core_err *err);
/* Appends s as XML character data or attribute text (& < > " escaped,
 * control characters other than tab and newline made spaces). */
int core_buf_xml_text(core_buf *b, const char *s, core_err *err);
void core_buf_reset(core_buf *b);
void core_buf_free(core_buf *b);
/* Hands the data to the caller (free() it); the buffer is left empty. */
char *core_buf_steal(core_buf *b);
/* A whole file, NUL-terminated, at most max bytes (CORE_ELIMIT beyond). */
char *core_slurp(const char *path, size_t max, core_err *err);

/* ---- strings ------------------------------------------------------- */

/* strlcpy semantics: always terminates, returns strlen(src). */
size_t core_strlcpy(char *dst, const char *src, size_t size);
/* snprintf that reports truncation as CORE_ELIMIT. */
int core_snprintf(char *dst, size_t size, core_err *err, const char *fmt, ...) CORE_PRINTF(4, 5);
char *core_strdup(const char *s); /* NULL in, NULL out */
/* Natural order: "p2.png" < "p10.png"; ties broken by strcmp. */
int core_natcmp(const char *a, const char *b);
bool core_str_endswith_ci(const char *s, const char *suffix);
/*
 * Length (1-4) of the well-formed UTF-8 sequence at p (no overlong
 * forms, no surrogates, at most U+10FFFF), 0 when p starts none.
 */
int core_utf8_seq(const unsigned char *p);
bool core_utf8_valid(const char *s);
/*
 * Makes s valid UTF-8 in place: a sequence cut at the end after one of
 * its continuation bytes (a message truncated by its buffer) is
 * dropped, any other byte that starts no valid sequence becomes '?'.
 * The database and JSON take only UTF-8, and file names or library
 * messages need not be.
 */
void core_utf8_scrub(char *s);

/* ---- hashing ------------------------------------------------------- */

#define CORE_SHA256_HEX 65

typedef struct core_sha256 core_sha256;
core_sha256 *core_sha256_new(void);
void core_sha256_update(core_sha256 *h, const void *p, size_t n);
/* Writes 64 hex chars + NUL to out and frees the context. */
void core_sha256_final(core_sha256 **h, char out[CORE_SHA256_HEX]);
void core_sha256_destroy(core_sha256 **h);
int core_sha256_file(const char *path, char out[CORE_SHA256_HEX], core_err *err);
/* Random 128-bit identifier as 32 hex chars + NUL. */
int core_random_hex(char out[33], core_err *err);

/* ---- time ---------------------------------------------------------- */

double core_now(void);     /* monotonic seconds */
double core_cpu_now(void); /* process CPU seconds */
/* ISO 8601 UTC, e.g. 2026-11-21T20:28:00Z; out holds >= 32 bytes. */
void core_utc_iso(char *out, size_t size);

#endif
