/* core_log.c - one line per event on stderr, text or JSON lines. */
#include "core.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Set once at start-up, read-only after threads start. */
static core_log_format log_format = CORE_LOG_TEXT;
static core_log_level log_min = CORE_LOG_INFO;

static const char *const level_names[] = {"debug", "info", "warn", "error"};

void core_log_setup(core_log_format fmt, core_log_level min_level)
{
	log_format = fmt;
	log_min = min_level;
}

core_log_format core_log_get_format(void)
{
	return log_format;
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

void core_log_raw(const char *line)
{
	char buf[8192];
	size_t n = core_strlcpy(buf, line, sizeof(buf) - 1);

	if (n > sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	/* A single write(2) keeps lines from several threads whole. */
	write_all(STDERR_FILENO, buf, n);
}

void core_log(core_log_level lvl, const char *event, const char *json_extra, const char *fmt, ...)
{
	char msg[2048];
	char ts[32];
	core_buf b;
	va_list ap;

	if (lvl < log_min)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	core_buf_init(&b, 8000);
	if (log_format == CORE_LOG_JSON) {
		core_utc_iso(ts, sizeof(ts));
		core_buf_printf(&b, NULL, "{\"ts\":\"%s\",\"level\":\"%s\",\"event\":", ts,
		                level_names[lvl]);
		core_buf_json_str(&b, event ? event : "log", NULL);
		core_buf_puts(&b, ",\"msg\":", NULL);
		core_buf_json_str(&b, msg, NULL);
		if (json_extra && json_extra[0]) {
			core_buf_puts(&b, ",", NULL);
			core_buf_puts(&b, json_extra, NULL);
		}
		core_buf_puts(&b, "}", NULL);
	} else {
		core_buf_printf(&b, NULL, "sohoa: %s%s%s",
		                lvl >= CORE_LOG_WARN ? level_names[lvl] : "",
		                lvl >= CORE_LOG_WARN ? ": " : "", msg);
	}
	if (b.data)
		core_log_raw(b.data);
	core_buf_free(&b);
}
