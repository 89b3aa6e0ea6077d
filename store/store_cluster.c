/*
 * store_cluster.c - the private embedded cluster: state directory,
 * initdb, pg_ctl start/stop/status, run as an unprivileged user when
 * sohoa runs as root.
 */
#include "store_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* The socket file path must fit sockaddr_un.sun_path (108) with room. */
#define STORE_SOCK_MAX  100
#define STORE_SOCK_FILE "/.s.PGSQL.5432"
/* Pinned, so a PGPORT in someone's environment cannot split the server
 * and its clients. */
#define STORE_PG_PORT    "5432"
#define STORE_MAX_GROUPS 64
/* Larger logs are set aside at the next start. */
#define STORE_LOG_KEEP (16L << 20)

static const char store_start_failed[] = "cannot start the embedded database";
/* Missing binaries or user: start, stop and status alike. */
static const char store_setup_failed[] = "cannot run the embedded database";

typedef struct store_pg_user {
	bool switch_user; /* run the server tools as another OS user */
	uid_t uid;
	gid_t gid;
	gid_t groups[STORE_MAX_GROUPS];
	int n_groups;
	char name[64];
} store_pg_user;

typedef struct store_cluster {
	char state[PATH_MAX];
	char data[PATH_MAX];
	char version[PATH_MAX]; /* <data>/PG_VERSION: present once initdb succeeded */
	char sock[STORE_SOCK_MAX];
	char log[PATH_MAX];
	char out[PATH_MAX]; /* output of the last initdb / pg_ctl */
	char lock[PATH_MAX];
	char pg_ctl[PATH_MAX];
	char initdb[PATH_MAX];
	store_pg_user user;
} store_cluster;

/* ---- paths -------------------------------------------------------------- */

static const char *store_strerror(int e, char *buf, size_t size)
{
	/* GNU strerror_r (_GNU_SOURCE is set project-wide): thread safe. */
	return strerror_r(e, buf, size);
}

static int store_io_error(const char *what, const char *path, int e, core_err *err)
{
	char buf[128];

	core_err_set(err, CORE_EIO, "%s", what);
	core_err_detail(err, "%s: %s", path, store_strerror(e, buf, sizeof(buf)));
	return CORE_EIO;
}

/* mkdir -p.  Directories made here get 0755 whatever the umask: the
 * server user must be able to traverse the state directory. */
static int store_mkdir_p(const char *path, core_err *err)
{
	char tmp[PATH_MAX];
	size_t n;

	if (core_snprintf(tmp, sizeof(tmp), err, "%s", path))
		return -1;
	n = strlen(tmp);
	for (size_t i = 1; i <= n; i++) {
		if (tmp[i] != '/' && tmp[i] != '\0')
			continue;
		tmp[i] = '\0';
		if (mkdir(tmp, 0755) == 0) {
			if (chmod(tmp, 0755) != 0)
				return store_io_error("cannot create the state directory", tmp,
				                      errno, err);
		} else if (errno != EEXIST) {
			return store_io_error("cannot create the state directory", tmp, errno, err);
		}
		if (i < n)
			tmp[i] = '/';
	}
	return 0;
}

static bool store_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* The socket-path and quoting limits, checked on the spelling first so
 * that a path that can never work creates nothing. */
static int store_check_state_path(const char *path, core_err *err)
{
	size_t limit = STORE_SOCK_MAX - strlen("/run" STORE_SOCK_FILE) - 1;

	/* pg_ctl runs the server through /bin/sh with these paths quoted:
	 * characters that would end a quote are refused, not escaped. */
	if (strpbrk(path, "'\"\\$`\n")) {
		core_err_set(err, CORE_EARG, "unsupported character in the state directory path");
		core_err_detail(err, "%s", path);
		return CORE_EARG;
	}
	if (strlen(path) > limit) {
		core_err_set(err, CORE_EARG, "state directory path too long for a unix socket");
		core_err_detail(err,
		                "%s is %zu bytes, the limit is %zu: set SOHOA_STATE_DIR to a "
		                "shorter path",
		                path, strlen(path), limit);
		return CORE_EARG;
	}
	return 0;
}

static int store_cluster_paths(store_cluster *c, const char *state_dir, bool create, core_err *err)
{
	char cwd[PATH_MAX], real[PATH_MAX];

	if (!state_dir || !state_dir[0])
		return core_err_set(err, CORE_EARG, "no state directory");
	if (state_dir[0] == '/') {
		if (core_snprintf(c->state, sizeof(c->state), err, "%s", state_dir))
			return -1;
	} else if (!getcwd(cwd, sizeof(cwd)) ||
	           core_snprintf(c->state, sizeof(c->state), err, "%s/%s", cwd, state_dir)) {
		return core_err_set(err, CORE_EARG, "cannot use the state directory");
	}
	if (store_check_state_path(c->state, err))
		return -1;
	if (create && store_mkdir_p(c->state, err))
		return -1;
	/* The server chdirs into its data directory: every path it gets
	 * must be absolute, and symlinks resolved keep them short. */
	if (realpath(c->state, real))
		core_strlcpy(c->state, real, sizeof(c->state));
	else if (create || errno != ENOENT)
		return store_io_error("cannot use the state directory", c->state, errno, err);
	if (store_check_state_path(c->state, err))
		return -1;
	if (core_snprintf(c->sock, sizeof(c->sock), err, "%s/run", c->state) ||
	    core_snprintf(c->data, sizeof(c->data), err, "%s/pg", c->state) ||
	    core_snprintf(c->version, sizeof(c->version), err, "%s/pg/PG_VERSION", c->state) ||
	    core_snprintf(c->log, sizeof(c->log), err, "%s/pg.log", c->state) ||
	    core_snprintf(c->out, sizeof(c->out), err, "%s/pg_ctl.out", c->state) ||
	    core_snprintf(c->lock, sizeof(c->lock), err, "%s/cluster.lock", c->state))
		return -1;
	return 0;
}

static int store_cluster_conninfo(const store_cluster *c, const char *db, char *out, size_t size,
                                  core_err *err)
{
	return core_snprintf(out, size, err,
	                     "host='%s' port=" STORE_PG_PORT " dbname=%s user=sohoa", c->sock, db);
}

/* ---- server binaries and user ----------------------------------------- */

static bool store_has_tools(const char *dir)
{
	char p[PATH_MAX];

	return snprintf(p, sizeof(p), "%s/pg_ctl", dir) < (int)sizeof(p) && access(p, X_OK) == 0 &&
	       snprintf(p, sizeof(p), "%s/initdb", dir) < (int)sizeof(p) && access(p, X_OK) == 0;
}

/* "15" -> 1500, "9.6" -> 906; -1 for anything else. */
static long store_pg_version(const char *name)
{
	char *end;
	long major = strtol(name, &end, 10), minor = 0;

	if (end == name || major < 0 || major > 1000)
		return -1;
	if (*end == '.') {
		const char *m = end + 1;
		minor = strtol(m, &end, 10);
		if (end == m || minor < 0 || minor > 99)
			return -1;
	}
	return *end ? -1 : major * 100 + minor;
}

/* Debian's layout first, then the PATH of distributions that put
 * pg_ctl there. */
static int store_find_bindir(store_cluster *c, core_err *err)
{
	char best[PATH_MAX] = "", dir[PATH_MAX];
	const char *v;
	long best_v = -1;
	DIR *d;

	if ((v = store_env("SOHOA_PG_BINDIR"))) {
		if (!store_has_tools(v)) {
			core_err_set(err, CORE_EDB, "%s", store_setup_failed);
			core_err_detail(err, "SOHOA_PG_BINDIR=%s has no pg_ctl and initdb", v);
			return CORE_EDB;
		}
		core_strlcpy(best, v, sizeof(best));
	} else if ((d = opendir("/usr/lib/postgresql"))) {
		struct dirent *e;
		while ((e = readdir(d))) {
			long ver = store_pg_version(e->d_name);
			if (ver <= best_v ||
			    snprintf(dir, sizeof(dir), "/usr/lib/postgresql/%s/bin", e->d_name) >=
			        (int)sizeof(dir) ||
			    !store_has_tools(dir))
				continue;
			best_v = ver;
			core_strlcpy(best, dir, sizeof(best));
		}
		closedir(d);
	}
	if (!best[0] && (v = store_env("PATH"))) {
		const char *p = v;
		while (*p && !best[0]) {
			size_t n = strcspn(p, ":");
			if (n > 0 && n < sizeof(dir)) {
				memcpy(dir, p, n);
				dir[n] = '\0';
				if (dir[0] == '/' && store_has_tools(dir))
					core_strlcpy(best, dir, sizeof(best));
			}
			p += n + (p[n] == ':');
		}
	}
	if (!best[0]) {
		core_err_set(err, CORE_EDB, "%s", store_setup_failed);
		core_err_detail(err,
		                "no PostgreSQL server binaries (pg_ctl, initdb) found: install "
		                "the postgresql package or set SOHOA_PG_BINDIR");
		return CORE_EDB;
	}
	if (core_snprintf(c->pg_ctl, sizeof(c->pg_ctl), err, "%s/pg_ctl", best) ||
	    core_snprintf(c->initdb, sizeof(c->initdb), err, "%s/initdb", best))
		return -1;
	return 0;
}

static bool store_user_fill(store_pg_user *u, const struct passwd *pw)
{
	int n = STORE_MAX_GROUPS;

	if (core_strlcpy(u->name, pw->pw_name, sizeof(u->name)) >= sizeof(u->name))
		return false;
	u->uid = pw->pw_uid;
	u->gid = pw->pw_gid;
	/* Computed here: the forked child may only make system calls. */
	if (getgrouplist(pw->pw_name, pw->pw_gid, u->groups, &n) < 0) {
		u->groups[0] = pw->pw_gid;
		n = 1;
	}
	u->n_groups = n;
	u->switch_user = true;
	return true;
}

static bool store_user_by_name(store_pg_user *u, const char *name)
{
	char buf[16384];
	struct passwd pw, *res = NULL;

	return getpwnam_r(name, &pw, buf, sizeof(buf), &res) == 0 && res && store_user_fill(u, res);
}

static bool store_user_by_uid(store_pg_user *u, uid_t uid)
{
	char buf[16384];
	struct passwd pw, *res = NULL;

	return getpwuid_r(uid, &pw, buf, sizeof(buf), &res) == 0 && res && store_user_fill(u, res);
}

/*
 * PostgreSQL refuses to run as root.  An existing cluster keeps the
 * user that owns it (created as "postgres" before a "sohoa" user
 * existed, say); a new one gets $SOHOA_PG_USER, "sohoa" or "postgres".
 */
static int store_find_user(store_cluster *c, core_err *err)
{
	const char *v = store_env("SOHOA_PG_USER");
	struct stat st;

	memset(&c->user, 0, sizeof(c->user));
	if (geteuid() != 0)
		return 0;
	if (v) {
		if (store_user_by_name(&c->user, v))
			return 0;
	} else if (store_exists(c->version) && stat(c->data, &st) == 0 && st.st_uid != 0 &&
	           store_user_by_uid(&c->user, st.st_uid)) {
		return 0;
	} else if (store_user_by_name(&c->user, "sohoa") ||
	           store_user_by_name(&c->user, "postgres")) {
		return 0;
	}
	core_err_set(err, CORE_EDB, "%s", store_setup_failed);
	if (v)
		core_err_detail(err, "SOHOA_PG_USER=%s: no such user", v);
	else
		core_err_detail(err, "no unprivileged user to run the server as root: create one "
		                     "with 'useradd --system --no-create-home --shell "
		                     "/usr/sbin/nologin sohoa' or set SOHOA_PG_USER");
	return CORE_EDB;
}

/* ---- running the tools -------------------------------------------------- */

static int store_os_error(const char *tool, int e, core_err *err)
{
	char buf[128];

	core_err_set(err, CORE_EDB, "cannot run the postgresql tools");
	core_err_detail(err, "%s: %s", tool, store_strerror(e, buf, sizeof(buf)));
	return CORE_EDB;
}

static void store_child_fail(const char *what, const char *arg)
{
	/* Only write(2) after fork: no stdio, no malloc. */
	ssize_t r = write(STDERR_FILENO, what, strlen(what));

	r += write(STDERR_FILENO, arg, strlen(arg));
	r += write(STDERR_FILENO, "\n", 1);
	(void)r;
	_exit(127);
}

/*
 * Runs argv[0] (no shell) with stdout and stderr in c->out, as the
 * server user when running as root.  *status: the exit code, or 128 +
 * signal.
 */
static int store_run_tool(const store_cluster *c, const char *const argv[], int *status,
                          core_err *err)
{
	char tz[256] = "";
	const char *envp[4] = {"PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C", NULL, NULL};
	const char *v = store_env("TZ");
	int fd = -1, wst = 0, rc = -1;
	pid_t pid;

	*status = -1;
	/* A clean environment: PGPORT, PGDATA and friends must not reach
	 * pg_ctl or the server. */
	if (v && snprintf(tz, sizeof(tz), "TZ=%s", v) < (int)sizeof(tz))
		envp[2] = tz;
	fd = open(c->out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		store_io_error("cannot write in the state directory", c->out, errno, err);
		goto out;
	}
	pid = fork();
	if (pid < 0) {
		store_os_error(argv[0], errno, err);
		goto out;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		sigset_t none;
		if (null < 0 || dup2(null, STDIN_FILENO) < 0 || dup2(fd, STDOUT_FILENO) < 0 ||
		    dup2(fd, STDERR_FILENO) < 0 || fcntl(STDOUT_FILENO, F_SETFD, 0) < 0 ||
		    fcntl(STDERR_FILENO, F_SETFD, 0) < 0)
			_exit(127);
		/* The server outlives us: it must not keep the caller's files
		 * open, nor a signal mask a worker thread had set. */
		if (close_range(3, ~0U, 0) != 0)
			for (int i = 3; i < 1024; i++)
				close(i);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		/* The caller's cwd (/root, say) may be closed to the server
		 * user; every path passed is absolute. */
		if (chdir("/") != 0)
			store_child_fail("cannot change directory to /", "");
		if (c->user.switch_user &&
		    (setgroups((size_t)c->user.n_groups, c->user.groups) != 0 ||
		     setgid(c->user.gid) != 0 || setuid(c->user.uid) != 0))
			store_child_fail("cannot switch to the server user ", c->user.name);
		execve(argv[0], (char *const *)argv, (char *const *)envp);
		store_child_fail("cannot run ", argv[0]);
	}
	while (waitpid(pid, &wst, 0) < 0) {
		if (errno != EINTR) {
			store_os_error(argv[0], errno, err);
			goto out;
		}
	}
	*status = WIFEXITED(wst) ? WEXITSTATUS(wst) : 128 + (WIFSIGNALED(wst) ? WTERMSIG(wst) : 0);
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Drops empty lines and carriage returns, in place; returns the length. */
static size_t store_squeeze_lines(char *buf, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (buf[i] == '\r' || (buf[i] == '\n' && (o == 0 || buf[o - 1] == '\n')))
			continue;
		buf[o++] = buf[i] == '\t' ? ' ' : buf[i];
	}
	while (o > 0 && (buf[o - 1] == '\n' || buf[o - 1] == ' '))
		o--;
	buf[o] = '\0';
	return o;
}

/*
 * The last lines written to a log since offset `from`, joined with
 * "; " for an error detail: the cause is at the end.  from_error: skip
 * to the first error line, if any.
 */
static void store_tail(const char *path, off_t from, bool from_error, char *out, size_t size)
{
	char buf[2048];
	size_t o = 0, start = 0, n;
	ssize_t got = 0;
	off_t end, pos;
	int fd;

	out[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	end = lseek(fd, 0, SEEK_END);
	pos = end - (off_t)sizeof(buf) + 1;
	if (pos < from)
		pos = from;
	if (pos < 0)
		pos = 0;
	if (end > pos && lseek(fd, pos, SEEK_SET) == pos)
		got = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (got <= 0)
		return;
	buf[got] = '\0';
	/* Started mid-line: drop the fragment. */
	if (pos > from) {
		char *nl = strchr(buf, '\n');
		start = nl ? (size_t)(nl - buf) + 1 : 0;
	}
	n = start + store_squeeze_lines(buf + start, (size_t)got - start);
	/* initdb and pg_ctl chat before they fail: start at the first
	 * error when there is one.  A server log explains a FATAL in the
	 * lines before it, and has only this start's lines anyway. */
	for (const char *const *k = (const char *const[]){"error:", "FATAL:", "PANIC:", NULL};
	     from_error && *k; k++) {
		char *hit = strstr(buf + start, *k);
		if (hit) {
			while (hit > buf + start && hit[-1] != '\n')
				hit--;
			start = (size_t)(hit - buf);
			break;
		}
	}
	/* Drop whole lines from the front until the rest, each newline
	 * written as "; ", fits. */
	for (;;) {
		size_t len = n - start;
		char *nl;
		for (size_t i = start; i < n; i++)
			len += buf[i] == '\n';
		if (len < size)
			break;
		nl = strchr(buf + start, '\n');
		if (!nl) {
			start = n - (size - 1);
			break;
		}
		start = (size_t)(nl - buf) + 1;
	}
	for (const char *p = buf + start; *p && o + 2 < size; p++) {
		if (*p == '\n') {
			out[o++] = ';';
			out[o++] = ' ';
		} else {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
}

/* log: the server log (from offset `from`) with the tool output as
 * fallback, or the tool output alone (fallback NULL). */
static int store_tool_failed(const char *what, const char *log, off_t from, const char *fallback,
                             core_err *err)
{
	char tail[CORE_DETAIL_MAX];

	store_tail(log, from, !fallback, tail, sizeof(tail));
	if (!tail[0] && fallback)
		store_tail(fallback, 0, true, tail, sizeof(tail));
	core_err_set(err, CORE_EDB, "%s", what);
	core_err_detail(err, "%s", tail[0] ? tail : "no output");
	return CORE_EDB;
}

/* pg_ctl status: 0 running, 3 not running, anything else is trouble. */
static int store_pg_running(const store_cluster *c, bool *running, const char *what, core_err *err)
{
	const char *argv[] = {c->pg_ctl, "-D", c->data, "status", NULL};
	int st;

	*running = false;
	if (store_run_tool(c, argv, &st, err))
		return -1;
	if (st != 0 && st != 3)
		return store_tool_failed(what, c->out, 0, NULL, err);
	*running = st == 0;
	return 0;
}

/* ---- the cluster -------------------------------------------------------- */

static int store_lock(const store_cluster *c, int *fd, core_err *err)
{
	/* O_CLOEXEC: a postmaster inheriting this descriptor would hold
	 * the lock for its whole life. */
	*fd = open(c->lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (*fd < 0)
		return store_io_error("cannot lock the state directory", c->lock, errno, err);
	while (flock(*fd, LOCK_EX) != 0)
		if (errno != EINTR)
			return store_io_error("cannot lock the state directory", c->lock, errno,
			                      err);
	return 0;
}

/* Directories and the log the server user writes into. */
static int store_own(const store_cluster *c, const char *path, mode_t mode, bool dir, core_err *err)
{
	int fd;

	if (dir) {
		if (mkdir(path, mode) != 0 && errno != EEXIST)
			return store_io_error("cannot create a directory", path, errno, err);
		if (c->user.switch_user && chown(path, c->user.uid, c->user.gid) != 0)
			return store_io_error("cannot give a directory to the server user", path,
			                      errno, err);
		return 0;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode);
	if (fd < 0)
		return store_io_error("cannot create a file", path, errno, err);
	if (c->user.switch_user && fchown(fd, c->user.uid, c->user.gid) != 0) {
		close(fd);
		return store_io_error("cannot give a file to the server user", path, errno, err);
	}
	close(fd);
	return 0;
}

static int store_initdb(const store_cluster *c, core_err *err)
{
	/* Trust on the socket only; the socket directory is private (0700)
	 * and TCP is off, and rejected should it ever be turned on. */
	const char *argv[12] = {c->initdb,
	                        "-D",
	                        c->data,
	                        "-U",
	                        "sohoa",
	                        "--auth-local=trust",
	                        "--auth-host=reject",
	                        "-E",
	                        "UTF8",
	                        "--locale=C.UTF-8"};
	const char *fast = store_env("SOHOA_PG_FAST");
	static const char conf[] = "\n# sohoa: a private server reached through its socket only\n"
	                           "listen_addresses = ''\n"
	                           "port = " STORE_PG_PORT "\n"
	                           "unix_socket_permissions = 0700\n";
	char path[PATH_MAX], tail[CORE_DETAIL_MAX];
	FILE *f = NULL;
	int st, rc = -1;

	/* Tests only: initdb without fsync is several times faster. */
	if (fast && strcmp(fast, "1") == 0)
		argv[10] = "--no-sync";
	if (store_run_tool(c, argv, &st, err))
		goto out;
	if (st != 0)
		store_tail(c->out, 0, true, tail, sizeof(tail));
	if (st != 0 && strstr(tail, "invalid locale")) {
		/* Systems without the C.UTF-8 locale: C sorts the same. */
		argv[9] = "--locale=C";
		if (store_run_tool(c, argv, &st, err))
			goto out;
	}
	if (st != 0) {
		store_tool_failed(store_start_failed, c->out, 0, NULL, err);
		goto out;
	}
	/* Also for a server started by hand with pg_ctl: never on TCP. */
	if (core_snprintf(path, sizeof(path), err, "%s/postgresql.auto.conf", c->data))
		goto out;
	f = fopen(path, "ae");
	if (!f || fputs(conf, f) == EOF || fflush(f) != 0) {
		store_io_error("cannot configure the embedded database", path, errno, err);
		goto out;
	}
	rc = 0;
out:
	if (f)
		fclose(f);
	return rc;
}

static int store_pg_start(const store_cluster *c, core_err *err)
{
	char opts[512];
	const char *argv[] = {c->pg_ctl, "-D", c->data, "-l", c->log,  "-w",
	                      "-t",      "60", "-o",    opts, "start", NULL};
	char old[PATH_MAX];
	struct stat st;
	off_t log_size;
	int status;

	/* One argv element; pg_ctl hands it to /bin/sh, hence the quotes
	 * (store_cluster_paths refused quote characters in the path). */
	if (core_snprintf(opts, sizeof(opts), err,
	                  "-c listen_addresses='' -p " STORE_PG_PORT " -k '%s'"
	                  " -c unix_socket_permissions=0700",
	                  c->sock))
		return -1;
	if (stat(c->log, &st) == 0 && st.st_size > STORE_LOG_KEEP &&
	    snprintf(old, sizeof(old), "%s.old", c->log) < (int)sizeof(old))
		(void)rename(c->log, old);
	if (store_own(c, c->log, 0600, false, err))
		return -1;
	/* Only what this start wrote explains its failure. */
	log_size = stat(c->log, &st) == 0 ? st.st_size : 0;
	if (store_run_tool(c, argv, &status, err))
		return -1;
	if (status != 0)
		return store_tool_failed(store_start_failed, c->log, log_size, c->out, err);
	return 0;
}

static int store_create_sohoa_db(const store_cluster *c, core_err *err)
{
	char admin[STORE_SOCK_MAX + 128];
	PGresult *res = NULL;
	store *s = NULL;
	const char *state;
	int rc = -1;

	if (store_cluster_conninfo(c, "postgres", admin, sizeof(admin), err) ||
	    store_open(admin, &s, err))
		goto out;
	res = store_exec(s, "SELECT 1 FROM pg_database WHERE datname = 'sohoa'", 0, NULL,
	                 PGRES_TUPLES_OK, "cannot create the database", err);
	if (!res)
		goto out;
	if (PQntuples(res) == 0) {
		PQclear(res);
		res = PQexec(s->conn, "CREATE DATABASE sohoa");
		state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
		/* 42P04 duplicate_database: a concurrent creator won. */
		if (!res || (PQresultStatus(res) != PGRES_COMMAND_OK &&
		             !(state && strcmp(state, "42P04") == 0))) {
			store_db_error(s, res, "cannot create the database", err);
			goto out;
		}
	}
	rc = 0;
out:
	PQclear(res);
	store_close(&s);
	return rc;
}

int store_cluster_start(const char *state_dir, char *conninfo, size_t size, core_err *err)
{
	store_cluster *c = NULL;
	bool running = false;
	int lock_fd = -1, rc = -1;

	if (conninfo && size)
		conninfo[0] = '\0';
	if (!conninfo || !size)
		return core_err_set(err, CORE_EARG, "no room for the connection string");
	c = calloc(1, sizeof(*c));
	if (!c) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	if (store_cluster_paths(c, state_dir, true, err) || store_lock(c, &lock_fd, err) ||
	    store_find_bindir(c, err) || store_find_user(c, err))
		goto out;
	if (store_own(c, c->sock, 0700, true, err))
		goto out;
	if (!store_exists(c->version)) {
		/* initdb accepts an empty directory, which it can then use
		 * without write access to the state directory. */
		if (store_own(c, c->data, 0700, true, err) || store_initdb(c, err))
			goto out;
	}
	if (store_pg_running(c, &running, store_start_failed, err))
		goto out;
	if (!running && store_pg_start(c, err))
		goto out;
	if (store_create_sohoa_db(c, err) ||
	    store_cluster_conninfo(c, "sohoa", conninfo, size, err))
		goto out;
	rc = 0;
out:
	if (rc && conninfo && size)
		conninfo[0] = '\0';
	if (lock_fd >= 0)
		close(lock_fd);
	free(c);
	return rc;
}

int store_cluster_stop(const char *state_dir, core_err *err)
{
	store_cluster *c = NULL;
	bool running = false;
	int lock_fd = -1, st, rc = -1;

	c = calloc(1, sizeof(*c));
	if (!c) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	if (store_cluster_paths(c, state_dir, false, err))
		goto out;
	if (!store_exists(c->version)) {
		rc = 0;
		goto out;
	}
	if (store_lock(c, &lock_fd, err) || store_find_bindir(c, err) || store_find_user(c, err) ||
	    store_pg_running(c, &running, "cannot stop the embedded database", err))
		goto out;
	if (running) {
		const char *argv[] = {c->pg_ctl, "-D", c->data, "-m",   "fast",
		                      "-w",      "-t", "60",    "stop", NULL};
		if (store_run_tool(c, argv, &st, err))
			goto out;
		if (st != 0) {
			store_tool_failed("cannot stop the embedded database", c->out, 0, NULL,
			                  err);
			goto out;
		}
	}
	rc = 0;
out:
	if (lock_fd >= 0)
		close(lock_fd);
	free(c);
	return rc;
}

int store_cluster_status(const char *state_dir, bool *running, char *conninfo, size_t size,
                         core_err *err)
{
	store_cluster *c = NULL;
	int rc = -1;

	*running = false;
	if (conninfo && size)
		conninfo[0] = '\0';
	c = calloc(1, sizeof(*c));
	if (!c) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	if (store_cluster_paths(c, state_dir, false, err))
		goto out;
	if (conninfo && size && store_cluster_conninfo(c, "sohoa", conninfo, size, err))
		goto out;
	if (store_exists(c->version) &&
	    (store_find_bindir(c, err) || store_find_user(c, err) ||
	     store_pg_running(c, running, "cannot query the embedded database", err)))
		goto out;
	rc = 0;
out:
	free(c);
	return rc;
}
