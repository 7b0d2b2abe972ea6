/* The render worker pool (see ph_pool.h for the protocol). */
#include "render/ph_pool.h"

#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define PH_PAUSE() _mm_pause()
#elif defined(__aarch64__)
#define PH_PAUSE() __asm__ __volatile__("yield")
#else
#define PH_PAUSE() ((void)0)
#endif

/* Spin this many rounds before sleeping: long enough to bridge the gap between the
 * stages of one chunk, short enough not to burn a core between host blocks. */
#define PH_SPIN_ROUNDS 20000

typedef struct ph_job {
    ph_graph *g;
    const uint32_t *nodes; /* stage jobs: the nodes; NULL for a task-graph job */
    uint32_t count;        /* nodes, or tasks */
    ph_ctx ctx;
    const ph_window *win;  /* prepare jobs: the window (nodes = g->prepares) */
} ph_job;

struct ph_pool {
    uint32_t n_workers;
    pthread_t *threads;
    _Alignas(64) _Atomic uint64_t claim; /* gen << 32 | next index */
    _Alignas(64) _Atomic uint32_t done;
    _Alignas(64) _Atomic uint32_t pushed; /* task-graph jobs: ready-queue length */
    _Alignas(64) _Atomic uint32_t wake;  /* futex word */
    _Atomic uint32_t sleepers;
    _Atomic bool quit;
    uint32_t gen;
    ph_job jobs[2]; /* jobs[gen & 1]: stragglers of the previous job never see a torn one */
};

static long futex(_Atomic uint32_t *addr, int op, uint32_t val)
{
    return syscall(SYS_futex, (uint32_t *)addr, op, val, NULL, NULL, 0);
}

/* Runs task `a` of a task-graph job, then makes ready the tasks waiting only for it. */
static void run_task(ph_pool *p, const ph_job *job, uint32_t gen, uint32_t a)
{
    ph_tasks *t = &job->g->tasks;
    for (uint32_t k = 0; k < t->count[a]; k++) {
        ph_node *n = &job->g->nodes[t->nodes[t->first[a] + k]];
        n->ops->render(n, &job->ctx);
    }
    for (uint32_t e = t->cons_start[a]; e < t->cons_start[a + 1]; e++) {
        uint32_t b = t->cons[e];
        if (atomic_fetch_sub(&t->pending[b], 1) == 1) {
            uint32_t slot = atomic_fetch_add(&p->pushed, 1);
            atomic_store(&t->slots[slot], (uint64_t)gen << 32 | (b + 1));
        }
    }
}

/* Claims and renders nodes (or tasks) of job generation `gen` until none are left. */
static void work(ph_pool *p, uint32_t gen)
{
    for (;;) {
        uint64_t c = atomic_load(&p->claim);
        if ((uint32_t)(c >> 32) != gen) return;
        const ph_job *job = &p->jobs[gen & 1];
        uint32_t idx = (uint32_t)c;
        if (idx >= job->count) return;
        if (!atomic_compare_exchange_weak(&p->claim, &c, c + 1)) continue;
        if (job->win) {
            ph_node *n = &job->g->nodes[job->nodes[idx]];
            n->ops->prepare(n, job->win);
        } else if (job->nodes) {
            ph_node *n = &job->g->nodes[job->nodes[idx]];
            n->ops->render(n, &job->ctx);
        } else {
            /* Queue slot idx: filled by whoever makes its task ready. It always gets
             * filled: the task graph is acyclic and every ready task is run. */
            _Atomic uint64_t *slot = &job->g->tasks.slots[idx];
            uint64_t v;
            while (((v = atomic_load(slot)) >> 32) != gen) PH_PAUSE();
            run_task(p, job, gen, (uint32_t)v - 1);
        }
        atomic_fetch_add(&p->done, 1);
    }
}

static void *worker_main(void *arg)
{
    ph_pool *p = arg;
    ph_fp_flush_denormals();
    uint32_t seen = 0;
    while (!atomic_load(&p->quit)) {
        uint32_t gen = (uint32_t)(atomic_load(&p->claim) >> 32);
        if (gen != seen) {
            seen = gen;
            work(p, gen);
            continue;
        }
        bool fresh = false;
        for (int i = 0; i < PH_SPIN_ROUNDS; i++) {
            if ((uint32_t)(atomic_load_explicit(&p->claim, memory_order_relaxed) >> 32) != seen ||
                atomic_load_explicit(&p->quit, memory_order_relaxed)) {
                fresh = true;
                break;
            }
            PH_PAUSE();
        }
        if (fresh) continue;
        atomic_fetch_add(&p->sleepers, 1);
        uint32_t w = atomic_load(&p->wake);
        if ((uint32_t)(atomic_load(&p->claim) >> 32) == seen && !atomic_load(&p->quit))
            futex(&p->wake, FUTEX_WAIT_PRIVATE, w);
        atomic_fetch_sub(&p->sleepers, 1);
    }
    return NULL;
}

ph_pool *ph_pool_new(uint32_t workers)
{
    ph_pool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    if (workers > 64) workers = 64;
    if (workers) {
        p->threads = calloc(workers, sizeof *p->threads);
        if (!p->threads) {
            free(p);
            return NULL;
        }
    }
    for (uint32_t i = 0; i < workers; i++) {
        if (pthread_create(&p->threads[i], NULL, worker_main, p) != 0) break;
        p->n_workers++;
    }
    return p;
}

void ph_pool_free(ph_pool *p)
{
    if (!p) return;
    atomic_store(&p->quit, true);
    atomic_fetch_add(&p->wake, 1);
    futex(&p->wake, FUTEX_WAKE_PRIVATE, INT_MAX);
    for (uint32_t i = 0; i < p->n_workers; i++) pthread_join(p->threads[i], NULL);
    free(p->threads);
    free(p);
}

uint32_t ph_pool_workers(const ph_pool *p) { return p ? p->n_workers : 0; }

void ph_pool_prepare(ph_pool *p, ph_graph *g, const ph_window *w)
{
    if (!p || p->n_workers == 0 || g->n_prepares < 2) {
        ph_graph_prepare(g, w);
        return;
    }
    uint32_t gen = ++p->gen;
    if (gen == 0) gen = p->gen = 1;
    ph_job *job = &p->jobs[gen & 1];
    job->g = g;
    job->nodes = g->prepares;
    job->count = g->n_prepares;
    job->win = w;
    atomic_store(&p->done, 0);
    atomic_store(&p->claim, (uint64_t)gen << 32);
    atomic_fetch_add(&p->wake, 1);
    if (atomic_load(&p->sleepers)) futex(&p->wake, FUTEX_WAKE_PRIVATE, INT_MAX);
    work(p, gen);
    while (atomic_load(&p->done) < g->n_prepares) PH_PAUSE();
}

void ph_pool_render_chunk(ph_pool *p, ph_graph *g, const ph_ctx *ctx)
{
    ph_tasks *t = &g->tasks;
    if (!p || p->n_workers == 0 || t->n < 2) {
        for (uint32_t s = 0; s < g->n_stages; s++) ph_graph_render_stage(g, s, ctx);
        return;
    }
    uint32_t gen = ++p->gen;
    if (gen == 0) gen = p->gen = 1;
    ph_job *job = &p->jobs[gen & 1];
    job->g = g;
    job->nodes = NULL;
    job->count = t->n;
    job->ctx = *ctx;
    job->win = NULL;
    for (uint32_t a = 0; a < t->n; a++) atomic_store_explicit(&t->pending[a], t->ndeps[a], memory_order_relaxed);
    for (uint32_t k = 0; k < t->n_initial; k++)
        atomic_store_explicit(&t->slots[k], (uint64_t)gen << 32 | (t->initial[k] + 1), memory_order_relaxed);
    atomic_store(&p->pushed, t->n_initial);
    atomic_store(&p->done, 0);
    atomic_store(&p->claim, (uint64_t)gen << 32); /* seq_cst: publishes everything above */
    atomic_fetch_add(&p->wake, 1);
    if (atomic_load(&p->sleepers)) futex(&p->wake, FUTEX_WAKE_PRIVATE, INT_MAX);
    work(p, gen);
    while (atomic_load(&p->done) < t->n) PH_PAUSE();
}

uint32_t ph_fp_flush_denormals(void)
{
#if defined(__x86_64__) || defined(__i386__)
    uint32_t old = _mm_getcsr();
    _mm_setcsr(old | 0x8040); /* FTZ | DAZ */
    return old;
#elif defined(__aarch64__)
    uint64_t fpcr;
    __asm__ __volatile__("mrs %0, fpcr" : "=r"(fpcr));
    __asm__ __volatile__("msr fpcr, %0" ::"r"(fpcr | (1ull << 24)));
    return (uint32_t)fpcr;
#else
    return 0;
#endif
}

void ph_fp_restore(uint32_t mode)
{
#if defined(__x86_64__) || defined(__i386__)
    _mm_setcsr(mode);
#elif defined(__aarch64__)
    uint64_t fpcr = mode;
    __asm__ __volatile__("msr fpcr, %0" ::"r"(fpcr));
#else
    (void)mode;
#endif
}
