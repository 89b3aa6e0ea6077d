/*
 * bench_harness_run.c - child processes for the harness: fork/execvp
 * without a shell, output to files, wait4() for the child's own CPU
 * time and peak RSS, and small file helpers.
 */
#include "bench_harness.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs in the child between fork and exec: the harness is single
 * threaded, so setenv and open are safe here. */
static void bench_child(char *const argv[], const char *const env_set[], const char *out_path,
                        const char *err_path)
{
	int fd;

	for (int i = 0; env_set && env_set[i]; i++) {
		const char *eq = strchr(env_set[i], '=');
		char name[128];

		if (!eq || (size_t)(eq - env_set[i]) >= sizeof(name))
			continue;
		memcpy(name, env_set[i], (size_t)(eq - env_set[i]));
		name[eq - env_set[i]] = '\0';
		if (eq[1])
			setenv(name, eq + 1, 1);
		else
			unsetenv(name);
	}
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
	if (out_path) {
		fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
			_exit(126);
		close(fd);
	}
	if (err_path && out_path && strcmp(err_path, out_path) == 0) {
		/* One file for both: one open file description, shared offset. */
		if (dup2(STDOUT_FILENO, STDERR_FILENO) < 0)
			_exit(126);
	} else if (err_path) {
		fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0 || dup2(fd, STDERR_FILENO) < 0)
			_exit(126);
		close(fd);
	}
	execvp(argv[0], argv);
	/* 127 as a shell would: the program is missing. */
	_exit(127);
}

int bench_proc_spawn(char *const argv[], const char *const env_set[], const char *out_path,
                     const char *err_path, pid_t *pid, core_err *err)
{
	pid_t p;

	fflush(stdout);
	fflush(stderr);
	p = fork();
	if (p < 0) {
		core_err_set(err, CORE_EIO, "cannot start %s", argv[0]);
		core_err_detail(err, "fork: %s", strerror(errno));
		return -1;
	}
	if (p == 0)
		bench_child(argv, env_set, out_path, err_path);
	*pid = p;
	return 0;
}

int bench_proc_wait(pid_t pid, pid_t *got, bench_proc_usage *u, core_err *err)
{
	struct rusage ru;
	int status = 0;
	pid_t p;

	memset(&ru, 0, sizeof(ru));
	do
		p = wait4(pid, &status, 0, &ru);
	while (p < 0 && errno == EINTR);
	if (p < 0) {
		core_err_set(err, CORE_EINTERNAL, "cannot wait for a child process");
		core_err_detail(err, "wait4: %s", strerror(errno));
		return -1;
	}
	*got = p;
	u->status = status;
	u->cpu_s = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	u->maxrss_kb = ru.ru_maxrss;
	return 0;
}

int bench_proc_run(char *const argv[], const char *const env_set[], const char *out_path,
                   const char *err_path, bench_proc_usage *u, core_err *err)
{
	double t0 = core_now();
	pid_t pid, got;

	memset(u, 0, sizeof(*u));
	if (bench_proc_spawn(argv, env_set, out_path, err_path, &pid, err) ||
	    bench_proc_wait(pid, &got, u, err))
		return -1;
	u->wall_s = core_now() - t0;
	return 0;
}

bool bench_proc_ok(const bench_proc_usage *u)
{
	return WIFEXITED(u->status) && WEXITSTATUS(u->status) == 0;
}

bool bench_result_finished(bench_result *r, const bench_proc_usage *u, const char *what,
                           const char *log)
{
	char why[64], tail[200];

	r->wall_s = u->wall_s;
	r->cpu_s = u->cpu_s;
	r->maxrss_kb = u->maxrss_kb;
	/* 4: finished with failed pages; the figures stand, the note says so. */
	if (bench_proc_ok(u) || (WIFEXITED(u->status) && WEXITSTATUS(u->status) == 4))
		return true;
	bench_proc_log_tail(log, tail, sizeof(tail));
	r->state = BENCH_FAILED;
	bench_note(r->note, sizeof(r->note), "%s failed: %s: %s (log: %s)", what,
	           bench_proc_describe(u, why, sizeof(why)), tail, log);
	return false;
}

const char *bench_proc_describe(const bench_proc_usage *u, char *buf, size_t size)
{
	if (WIFEXITED(u->status)) {
		if (WEXITSTATUS(u->status) == 127)
			snprintf(buf, size, "exit 127 (program not found)");
		else
			snprintf(buf, size, "exit %d", WEXITSTATUS(u->status));
	} else if (WIFSIGNALED(u->status)) {
		snprintf(buf, size, "killed by signal %d", WTERMSIG(u->status));
	} else {
		snprintf(buf, size, "status %d", u->status);
	}
	return buf;
}

bool bench_proc_which(const char *prog, char *out, size_t size)
{
	const char *path = getenv("PATH"), *p, *end;

	if (strchr(prog, '/')) {
		if (access(prog, X_OK) != 0)
			return false;
		core_strlcpy(out, prog, size);
		return true;
	}
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; *p; p = *end ? end + 1 : end) {
		char cand[BENCH_PATH_MAX];
		struct stat st;
		int len;

		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		len = (int)(end - p);
		if (len == 0)
			continue;
		if (snprintf(cand, sizeof(cand), "%.*s/%s", len, p, prog) >= (int)sizeof(cand))
			continue;
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode) && access(cand, X_OK) == 0) {
			core_strlcpy(out, cand, size);
			return true;
		}
	}
	return false;
}

void bench_proc_first_line(const char *prog, const char *arg, const char *work, char *out,
                           size_t size)
{
	char path[BENCH_PATH_MAX], *text = NULL, *nl;
	char *argv[] = {(char *)prog, (char *)arg, NULL};
	bench_proc_usage u;
	core_err err;

	core_err_clear(&err);
	core_strlcpy(out, "unknown", size);
	const char *name = strrchr(prog, '/') ? strrchr(prog, '/') + 1 : prog;

	if (snprintf(path, sizeof(path), "%s/version-%s.txt", work, name) >= (int)sizeof(path))
		return;
	/* Tools differ on where they print their version: both to one file. */
	if (bench_proc_run(argv, NULL, path, path, &u, &err) || !bench_proc_ok(&u))
		return;
	text = core_slurp(path, 1 << 20, &err);
	if (!text)
		return;
	nl = strchr(text, '\n');
	if (nl)
		*nl = '\0';
	if (text[0])
		core_strlcpy(out, text, size);
	free(text);
}

int bench_mkpath(const char *path, core_err *err)
{
	char buf[BENCH_PATH_MAX];
	size_t len = core_strlcpy(buf, path, sizeof(buf));

	if (len >= sizeof(buf))
		return core_err_set(err, CORE_ELIMIT, "path too long: %s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(buf, 0755) != 0 && errno != EEXIST)
		goto fail;
	return 0;
fail:
	core_err_set(err, CORE_EIO, "cannot create the folder %s", buf);
	core_err_detail(err, "%s", strerror(errno));
	return -1;
}

static int bench_rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

int bench_rmtree(const char *path, core_err *err)
{
	struct stat st;

	if (lstat(path, &st) != 0 && errno == ENOENT)
		return 0;
	if (nftw(path, bench_rm_entry, 16, FTW_DEPTH | FTW_PHYS) == 0)
		return 0;
	core_err_set(err, CORE_EIO, "cannot remove the folder %s", path);
	core_err_detail(err, "%s", strerror(errno));
	return -1;
}

void bench_proc_log_tail(const char *path, char *out, size_t size)
{
	char *text = core_slurp(path, BENCH_TEXT_MAX, NULL), *p;
	size_t len;
	int lines = 0;

	out[0] = '\0';
	if (!text)
		return;
	len = strlen(text);
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
		text[--len] = '\0';
	/* The last two lines usually hold the reason. */
	for (p = text + len; p > text; p--)
		if (p[-1] == '\n' && ++lines == 2)
			break;
	core_strlcpy(out, p, size);
	for (char *q = out; *q; q++)
		if (*q == '\n' || *q == '\t' || *q == '|')
			*q = ' ';
	free(text);
}

void bench_note(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}
