#include "ph_file_watch.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define POLL_SECONDS 0.25

/* What the polling fallback compares. */
typedef struct file_sig {
    bool exists;
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
} file_sig;

struct ph_file_watch {
    char *path, *dir, *base;
    double debounce;
    int fd, wd_dir, wd_file;
    bool pending;      /* an event came; reported once the debounce has passed */
    double last_event; /* monotonic seconds */
    bool polling;
    file_sig sig;
    double next_poll;
};

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static file_sig sig_of(const char *path)
{
    struct stat st;
    if (stat(path, &st)) return (file_sig){0};
    return (file_sig){true, st.st_dev, st.st_ino, st.st_size, st.st_mtim};
}

static bool sig_equal(file_sig a, file_sig b)
{
    return a.exists == b.exists && a.dev == b.dev && a.ino == b.ino && a.size == b.size &&
           a.mtime.tv_sec == b.mtime.tv_sec && a.mtime.tv_nsec == b.mtime.tv_nsec;
}

static void start_polling(ph_file_watch *w)
{
    if (w->fd >= 0) close(w->fd);
    w->fd = -1;
    w->polling = true;
    w->sig = sig_of(w->path);
    w->next_poll = now_s() + POLL_SECONDS;
}

/* (Re)watches the file itself: after a save by rename the old watch follows the old inode. */
static void watch_file(ph_file_watch *w)
{
    if (w->fd < 0) return;
    if (w->wd_file >= 0) inotify_rm_watch(w->fd, w->wd_file);
    w->wd_file = inotify_add_watch(w->fd, w->path, IN_CLOSE_WRITE | IN_MODIFY);
}

ph_file_watch *ph_file_watch_new(const char *path, double debounce)
{
    ph_file_watch *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->path = strdup(path);
    const char *slash = strrchr(path, '/');
    w->dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    w->base = strdup(slash ? slash + 1 : path);
    if (!w->path || !w->dir || !w->base) {
        ph_file_watch_free(w);
        return NULL;
    }
    w->debounce = debounce;
    w->wd_file = -1;
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    w->wd_dir = w->fd < 0 ? -1
                          : inotify_add_watch(w->fd, w->dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY |
                                                                 IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF |
                                                                 IN_MOVE_SELF | IN_ONLYDIR);
    if (w->wd_dir < 0) start_polling(w);
    else watch_file(w);
    return w;
}

void ph_file_watch_free(ph_file_watch *w)
{
    if (!w) return;
    if (w->fd >= 0) close(w->fd);
    free(w->path);
    free(w->dir);
    free(w->base);
    free(w);
}

/* Reads the queued events; marks a change when one is about our file. */
static void drain(ph_file_watch *w)
{
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof buf);
        if (n <= 0) return;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            p += sizeof *ev + ev->len;
            bool ours = ev->wd == w->wd_file || (ev->wd == w->wd_dir && ev->len && !strcmp(ev->name, w->base));
            if (ev->wd == w->wd_file && (ev->mask & IN_IGNORED)) w->wd_file = -1;
            if (ev->wd == w->wd_dir && (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF))) {
                start_polling(w); /* the folder went away: watch by looking */
                ours = true;
            }
            if (ours && !(ev->mask & IN_IGNORED)) {
                w->pending = true;
                w->last_event = now_s();
            }
            if (w->polling) return;
        }
    }
}

bool ph_file_watch_wait(ph_file_watch *w, int timeout_ms)
{
    const double deadline = now_s() + timeout_ms * 1e-3;
    for (;;) {
        double now = now_s();
        if (w->pending && now - w->last_event >= w->debounce) {
            w->pending = false;
            watch_file(w);
            return true;
        }
        if (now >= deadline) return false;
        double until = deadline;
        if (w->pending && w->last_event + w->debounce < until) until = w->last_event + w->debounce;
        if (w->polling) {
            if (now >= w->next_poll) {
                w->next_poll = now + POLL_SECONDS;
                file_sig s = sig_of(w->path);
                if (!sig_equal(s, w->sig)) {
                    w->sig = s;
                    w->pending = true;
                    w->last_event = now;
                }
                continue;
            }
            if (w->next_poll < until) until = w->next_poll;
            double d = until - now;
            struct timespec ts = {(time_t)d, (long)((d - (double)(time_t)d) * 1e9)};
            if (nanosleep(&ts, NULL) && errno == EINTR) return false;
            continue;
        }
        struct pollfd pfd = {w->fd, POLLIN, 0};
        int ms = (int)((until - now) * 1000.0) + 1;
        int r = poll(&pfd, 1, ms);
        if (r < 0 && errno == EINTR) return false;
        if (r < 0) start_polling(w);
        else if (r > 0) drain(w);
    }
}
