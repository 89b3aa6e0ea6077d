/* core_err.c - errors set once, then propagated. */
#include "core.h"

#include <stdio.h>
#include <string.h>

static const char *const code_names[] = {
    [CORE_OK] = "ok",        [CORE_EARG] = "argument",
    [CORE_EIO] = "io",       [CORE_EFORMAT] = "format",
    [CORE_ELIMIT] = "limit", [CORE_ENOMEM] = "memory",
    [CORE_EOCR] = "ocr",     [CORE_EDB] = "database",
    [CORE_ELEASE] = "lease", [CORE_EINTERNAL] = "internal",
};

const char *core_code_name(core_code code)
{
	if ((int)code < 0 || (size_t)code >= sizeof(code_names) / sizeof(code_names[0]))
		return "unknown";
	return code_names[code];
}

void core_err_clear(core_err *e)
{
	if (!e)
		return;
	e->code = CORE_OK;
	e->msg[0] = '\0';
	e->detail[0] = '\0';
}

bool core_err_isset(const core_err *e)
{
	return e && e->code != CORE_OK;
}

int core_err_set(core_err *e, core_code code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	/* First error wins: the root cause must survive the unwinding. */
	if (e->code != CORE_OK)
		return e->code;
	e->code = code == CORE_OK ? CORE_EINTERNAL : code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	/* Messages reach the database and JSON, which take only UTF-8. */
	core_utf8_scrub(e->msg);
	e->detail[0] = '\0';
	return e->code;
}

void core_err_detail(core_err *e, const char *fmt, ...)
{
	va_list ap;

	if (!e || e->detail[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(e->detail, sizeof(e->detail), fmt, ap);
	va_end(ap);
	core_utf8_scrub(e->detail);
}
