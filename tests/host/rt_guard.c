/* The interposed allocator and lock functions (see rt_guard.h). dlsym itself may
 * allocate before the real functions are known: those requests come from a small
 * static arena that free() recognises and ignores. */
#include "rt_guard.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define PH_RT_GUARD_OFF 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PH_RT_GUARD_OFF 1
#endif

#include <dlfcn.h>
#include <execinfo.h>
#include <stdlib.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

static _Thread_local int in_rt;
static atomic_long violations;
static const char *_Atomic first_violation;

#ifdef PH_RT_GUARD_OFF
/* Sanitizer runtimes own malloc; interposing it under them is not possible. */
bool rt_guard_available(void) { return false; }
#else
bool rt_guard_available(void) { return true; }

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
static int (*real_mutex_lock)(pthread_mutex_t *);
static int (*real_mutex_trylock)(pthread_mutex_t *);

static _Alignas(16) char boot[1 << 16];
static size_t boot_used;
static _Thread_local int resolving;

static void *boot_alloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (boot_used + n > sizeof boot) return NULL;
    void *p = boot + boot_used;
    boot_used += n;
    return p;
}

static int in_boot(const void *p)
{
    return (const char *)p >= boot && (const char *)p < boot + sizeof boot;
}

static void resolve(void)
{
    if (real_free || resolving) return;
    resolving = 1;
    real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
    real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
    real_posix_memalign = (int (*)(void **, size_t, size_t))dlsym(RTLD_NEXT, "posix_memalign");
    real_aligned_alloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "aligned_alloc");
    real_mutex_lock = (int (*)(pthread_mutex_t *))dlsym(RTLD_NEXT, "pthread_mutex_lock");
    real_mutex_trylock = (int (*)(pthread_mutex_t *))dlsym(RTLD_NEXT, "pthread_mutex_trylock");
    real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
    resolving = 0;
}

/* PH_RT_GUARD_TRACE=1 prints a backtrace of each counted call (to find the culprit). */
static void trace(void)
{
    static _Thread_local int busy;
    if (busy || !getenv("PH_RT_GUARD_TRACE")) return;
    busy = 1;
    void *frames[32];
    int n = backtrace(frames, 32);
    backtrace_symbols_fd(frames, n, 2);
    busy = 0;
}

static void count(const char *what)
{
    if (!in_rt) return;
    trace();
    const char *expected = NULL;
    atomic_compare_exchange_strong(&first_violation, &expected, what);
    atomic_fetch_add(&violations, 1);
}

void *malloc(size_t n)
{
    resolve();
    if (!real_malloc) return boot_alloc(n);
    count("malloc");
    return real_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    resolve();
    if (!real_calloc) return boot_alloc(n * size); /* static arena: already zero */
    count("calloc");
    return real_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    resolve();
    count("realloc");
    if (in_boot(p)) {
        void *q = malloc(n);
        const size_t left = (size_t)(boot + sizeof boot - (char *)p);
        if (q) memcpy(q, p, n < left ? n : left);
        return q;
    }
    return real_realloc(p, n);
}

void free(void *p)
{
    if (!p || in_boot(p)) return;
    resolve();
    count("free");
    real_free(p);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    resolve();
    count("posix_memalign");
    return real_posix_memalign(out, align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
    resolve();
    count("aligned_alloc");
    return real_aligned_alloc(align, n);
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
    resolve();
    count("pthread_mutex_lock");
    return real_mutex_lock(m);
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
    resolve();
    count("pthread_mutex_trylock");
    return real_mutex_trylock(m);
}

#endif /* PH_RT_GUARD_OFF */

void rt_guard_enter(void) { in_rt = 1; }
void rt_guard_leave(void) { in_rt = 0; }
bool rt_guard_active(void) { return in_rt != 0; }
long rt_guard_violations(void) { return atomic_load(&violations); }
const char *rt_guard_first(void)
{
    const char *f = atomic_load(&first_violation);
    return f ? f : "";
}
void rt_guard_reset(void)
{
    atomic_store(&violations, 0);
    atomic_store(&first_violation, NULL);
}
