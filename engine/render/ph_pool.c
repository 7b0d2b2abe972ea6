/* The render worker pool (see ph_pool.h for the protocol). */
#include "render/ph_pool.h"

#include "core/ph_fp.h"

#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
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

/* Task-graph jobs: the first chunks of a program are shared out dynamically (whoever is
 * free takes the next ready task); then every task gets an owner thread by list
 * scheduling on measured task times (see make_schedule). Running the same tasks on the
 * same thread every chunk keeps their state (delay lines, filters) in that core's cache
 * and needs no shared claim counter or ready queue. Tasks are timed during chunks
 * [PH_POOL_TIME_FROM, PH_POOL_TIME_TO) of every PH_POOL_RESCHEDULE (the first
 * PH_POOL_TIME_FROM chunks are left out: first touches of delay lines, cold caches) and
 * the schedule is remade from those times, so it follows the program's real costs. The
 * output never depends on who rendered what: every node writes only its own buffers. */
#define PH_POOL_TIME_FROM 64
/* The window has PH_TASK_COST_PARTS parts of PH_POOL_TIME_PART chunks; a task's cost is
 * its cheapest part, so time lost in one part (hypervisor, interrupts) does not count. */
#define PH_POOL_TIME_PARTS PH_TASK_COST_PARTS
#define PH_POOL_TIME_PART 32
#define PH_POOL_TIME_TO (PH_POOL_TIME_FROM + PH_POOL_TIME_PARTS * PH_POOL_TIME_PART)
#define PH_POOL_RESCHEDULE 2048
/* A thread waiting this long (ticks: cycles on x86, else ns; ~40-100 us) while no thread
 * finished a task takes any ready task: the owner was probably preempted mid-list. */
#define PH_POOL_STALL_TICKS 100000

static inline uint64_t ticks(void)
{
#if defined(__x86_64__) || defined(__i386__)
    return __rdtsc();
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#endif
}

/* A job slot is rewritten two generations later while a worker held up since then may
 * still be looking at it (it then finds the job is not current and leaves). The fields
 * such a straggler reads before it has checked are atomics (relaxed: the generation check
 * is what orders); the rest is read only by a thread that has claimed work of the current
 * job, which the render thread waits for before it moves on. */
typedef struct ph_job {
    _Atomic(ph_plan *) plan;
    bool timed;                    /* task-graph jobs: time each task into tasks.cost */
    _Atomic bool fixed;            /* task-graph jobs: run the static schedule, pipelined */
    uint32_t cost_at;              /* timed jobs: this part's costs start at tasks.cost[cost_at] */
    const uint32_t *nodes;         /* stage jobs: the nodes; NULL for a task-graph job */
    _Atomic uint32_t count;        /* nodes, or tasks */
    ph_ctx ctx;                    /* dynamic jobs: the chunk */
    const ph_window *win;          /* prepare jobs: the window (nodes = the graph's prepares) */
    /* Pipelined jobs: chunks seq0 .. seq0 + n_chunks - 1, their contexts and offsets. */
    _Atomic uint64_t seq0;
    _Atomic uint32_t n_chunks;
    ph_ctx ctxs[PH_POOL_SPAN_CHUNKS];
    uint32_t offsets[PH_POOL_SPAN_CHUNKS];
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
    struct ph_worker_arg *args;
    /* started[i].gen: the job generation thread i (0 = render thread) has started. A
     * thread takes another's scheduled tasks only while that one has not started (asleep
     * or not yet scheduled by the OS), so a sleeping worker never stalls the chunk. */
    struct {
        _Alignas(64) _Atomic uint32_t gen;
        _Atomic uint32_t ran;    /* tasks run so far (progress, for stall_watch) */
        _Atomic uint32_t inside; /* workers: the job generation being worked on, 0 = none */
    } started[PH_TASK_MAX_THREADS];
    uint32_t gen;
    ph_job jobs[2]; /* jobs[gen & 1]: the render thread never waits for a straggler (see ph_job) */
};

typedef struct ph_worker_arg {
    ph_pool *p;
    uint32_t self; /* thread index: 1.. (0 is the render thread) */
} ph_worker_arg;

#define JOB_GET(job, field) atomic_load_explicit(&(job)->field, memory_order_relaxed)
#define JOB_SET(job, field, v) atomic_store_explicit(&(job)->field, (v), memory_order_relaxed)

static long futex(_Atomic uint32_t *addr, int op, uint32_t val)
{
    return syscall(SYS_futex, (uint32_t *)addr, op, val, NULL, NULL, 0);
}

/* Runs task `a` of a task-graph job, then makes ready the tasks waiting only for it. */
static void run_task(ph_pool *p, const ph_job *job, uint32_t gen, uint32_t a)
{
    ph_tasks *t = &JOB_GET(job, plan)->tasks;
    uint64_t t0 = job->timed ? ticks() : 0;
    for (uint32_t k = 0; k < t->count[a]; k++) {
        ph_node *n = &JOB_GET(job, plan)->g->nodes[t->nodes[t->first[a] + k]];
        ph_node_render(n, &job->ctx);
    }
    if (job->timed) {
        /* One thread runs task a per chunk and chunks are joined, so a plain add is
         * safe. A time slice lost to another process (over ~1 ms) is not counted. */
        uint64_t d = ticks() - t0;
        if (d < 4000000) t->cost[job->cost_at + a] += d;
    }
    for (uint32_t e = t->cons_start[a]; e < t->cons_start[a + 1]; e++) {
        uint32_t b = t->cons[e];
        if (atomic_fetch_sub(&t->pending[b], 1) == 1) {
            uint32_t slot = atomic_fetch_add(&p->pushed, 1);
            atomic_store(&t->slots[slot], (uint64_t)gen << 32 | (b + 1));
        }
    }
}

/* ---- static schedule ---------------------------------------------------------------- */

static inline bool taken(const ph_task_sync *s, uint64_t seq)
{
    return atomic_load_explicit(&s->claimed, memory_order_relaxed) >= seq;
}

static bool job_current(ph_pool *p, uint32_t gen)
{
    return (uint32_t)(atomic_load_explicit(&p->claim, memory_order_relaxed) >> 32) == gen;
}

/* Whether task a may render chunk seq (see ph_tasks, "Pipelining"): it has finished chunk
 * seq-1 and nobody has taken seq, its producers have finished seq, and the tasks in its
 * after[] list have finished seq-1. */
static bool ready(const ph_tasks *t, uint32_t a, uint64_t seq)
{
    const ph_task_sync *s = &t->sync[a];
    if (atomic_load_explicit(&s->claimed, memory_order_relaxed) != seq - 1 ||
        atomic_load_explicit(&s->done, memory_order_acquire) != seq - 1)
        return false;
    for (uint32_t e = t->prod_start[a]; e < t->prod_start[a + 1]; e++)
        if (atomic_load_explicit(&t->sync[t->prod[e]].done, memory_order_acquire) < seq) return false;
    for (uint32_t e = t->after_start[a]; e < t->after_start[a + 1]; e++)
        if (atomic_load_explicit(&t->sync[t->after[e]].done, memory_order_acquire) < seq - 1) return false;
    return true;
}

/* Renders chunk j of a pipelined job's task a if it is ready and nobody has taken it. */
static bool try_run_fixed(ph_pool *p, const ph_job *job, uint32_t gen, uint32_t j, uint32_t a, uint32_t self)
{
    ph_tasks *t = &JOB_GET(job, plan)->tasks;
    ph_task_sync *s = &t->sync[a];
    uint64_t seq = JOB_GET(job, seq0) + j, prev = seq - 1;
    if (!ready(t, a, seq)) return false;
    if (!atomic_compare_exchange_strong(&s->claimed, &prev, seq)) return false;
    /* A thread held up since an older job may have read a job slot that is being
     * reused: its claim counts only if job `gen` is still the current one (then the
     * render thread waits for this task before it moves on, so the slot stays put). */
    if ((uint32_t)(atomic_load(&p->claim) >> 32) != gen) {
        uint64_t mine = seq;
        atomic_compare_exchange_strong(&s->claimed, &mine, seq - 1);
        return false;
    }
    const ph_ctx *ctx = &job->ctxs[j];
    uint64_t t0 = job->timed ? ticks() : 0;
    for (uint32_t k = 0; k < t->count[a]; k++) {
        ph_node *n = &JOB_GET(job, plan)->g->nodes[t->nodes[t->first[a] + k]];
        ph_node_render(n, ctx);
    }
    if (job->timed) {
        uint64_t d = ticks() - t0;
        if (d < 4000000) t->cost[job->cost_at + a] += d; /* see run_task */
    }
    ph_plan_task_done(JOB_GET(job, plan), a, ctx, job->offsets[j]);
    atomic_store_explicit(&s->done, seq, memory_order_release);
    atomic_store_explicit(&p->started[self].ran, atomic_load_explicit(&p->started[self].ran, memory_order_relaxed) + 1,
                          memory_order_relaxed);
    return true;
}

/* How long a waiting thread has seen no task finish anywhere. */
typedef struct stall_watch {
    uint32_t seen; /* sum of the threads' `ran` */
    uint64_t since;
} stall_watch;

static bool stalled(ph_pool *p, const ph_tasks *t, stall_watch *w)
{
    uint32_t sum = 0;
    for (uint32_t q = 0; q < t->sched_threads; q++) sum += atomic_load_explicit(&p->started[q].ran, memory_order_relaxed);
    uint64_t now = ticks();
    if (sum != w->seen || w->since == 0) {
        w->seen = sum;
        w->since = now;
        return false;
    }
    return now - w->since > PH_POOL_STALL_TICKS;
}

/* Takes one ready task owned by a thread that has not started this job, or any ready
 * task when nothing has moved for a while (its owner is preempted). Earliest chunk
 * first. */
static bool steal_one(ph_pool *p, const ph_job *job, uint32_t gen, uint32_t self, stall_watch *w)
{
    ph_tasks *t = &JOB_GET(job, plan)->tasks;
    bool all = stalled(p, t, w), any = all;
    for (uint32_t q = 0; q < t->sched_threads; q++)
        any |= atomic_load_explicit(&p->started[q].gen, memory_order_relaxed) != gen;
    if (!any) return false;
    for (uint32_t j = 0; j < JOB_GET(job, n_chunks); j++)
        for (uint32_t k = 0; k < t->n; k++) {
            uint32_t a = t->order[k];
            if (!all && atomic_load_explicit(&p->started[t->owner[a]].gen, memory_order_relaxed) == gen) continue;
            if (try_run_fixed(p, job, gen, j, a, self)) return true;
        }
    return false;
}

/* A thread whose next task is not ready takes a ready task of another thread's, from the
 * end of that thread's list for the earliest chunk it has not finished: the owner works
 * from the front, so the two rarely meet, and when one core has become slower (a VM's
 * virtual cores change speed with the load on their host) the faster one takes work off
 * it. Measured on this VM: stress16 with 2 threads 0.075-0.095 ms per block against
 * 0.075-0.110 without it, W1 N=256 0.52-0.53 ms against 0.55-0.73. */
static bool steal_tail(ph_pool *p, const ph_job *job, uint32_t gen, uint32_t self)
{
    ph_tasks *t = &JOB_GET(job, plan)->tasks;
    for (uint32_t q = 0; q < t->sched_threads; q++) {
        if (q == self) continue;
        for (uint32_t j = 0; j < JOB_GET(job, n_chunks); j++) {
            uint64_t seq = JOB_GET(job, seq0) + j;
            bool open = false;
            for (uint32_t k = t->list_start[q + 1]; k-- > t->list_start[q];) {
                uint32_t a = t->lists[k];
                if (taken(&t->sync[a], seq)) continue;
                open = true;
                if (try_run_fixed(p, job, gen, j, a, self)) return true;
            }
            if (open) break; /* q's later chunks wait for this one */
        }
    }
    return false;
}

/* Thread `self` runs its own list of a pipelined job, chunk after chunk, waiting for its
 * dependencies; it starts a chunk's first tasks while the other threads are still on the
 * previous chunk's last ones. While it waits it helps with the tasks of threads that
 * have not started. */
static void work_fixed(ph_pool *p, const ph_job *job, uint32_t gen, uint32_t self)
{
    ph_tasks *t = &JOB_GET(job, plan)->tasks;
    stall_watch w = {0, 0};
    atomic_store_explicit(&p->started[self].gen, gen, memory_order_relaxed);
    for (uint32_t j = 0; j < JOB_GET(job, n_chunks); j++)
        for (uint32_t k = t->list_start[self]; k < t->list_start[self + 1]; k++) {
            uint32_t a = t->lists[k];
            while (!taken(&t->sync[a], JOB_GET(job, seq0) + j) && !try_run_fixed(p, job, gen, j, a, self)) {
                if (!job_current(p, gen)) return;
                if (!steal_one(p, job, gen, self, &w) && !steal_tail(p, job, gen, self)) PH_PAUSE();
            }
        }
}

/* List scheduling (earliest finish time, tasks by decreasing cost-weighted rank) of the
 * task DAG over `threads` threads, on the measured task costs. Bounded: O(tasks^2). */
static void make_schedule(ph_tasks *t, uint32_t threads)
{
    uint32_t n = t->n;
    /* rank = own cost + the largest rank among consumers (consumers have lower indices;
     * checked, else the dynamic scheme stays). */
    for (uint32_t a = 0; a < n; a++) {
        uint64_t best = 0;
        for (uint32_t e = t->cons_start[a]; e < t->cons_start[a + 1]; e++) {
            uint32_t b = t->cons[e];
            if (b >= a) return;
            if (t->rank[b] > best) best = t->rank[b];
        }
        t->rank[a] = t->cost[a] + 1 + best;
        t->order[a] = a;
        t->ready[a] = 0;
    }
    for (uint32_t i = 1; i < n; i++) { /* insertion sort, decreasing rank, stable */
        uint32_t v = t->order[i], j = i;
        while (j > 0 && t->rank[t->order[j - 1]] < t->rank[v]) t->order[j] = t->order[j - 1], j--;
        t->order[j] = v;
    }
    uint64_t avail[PH_TASK_MAX_THREADS] = {0};
    uint32_t count[PH_TASK_MAX_THREADS] = {0};
    for (uint32_t k = 0; k < n; k++) {
        uint32_t a = t->order[k], best = 0;
        uint64_t best_end = UINT64_MAX;
        for (uint32_t q = 0; q < threads; q++) {
            uint64_t start = avail[q] > t->ready[a] ? avail[q] : t->ready[a];
            if (start + t->cost[a] + 1 < best_end) best_end = start + t->cost[a] + 1, best = q;
        }
        t->owner[a] = best;
        avail[best] = best_end;
        count[best]++;
        for (uint32_t e = t->cons_start[a]; e < t->cons_start[a + 1]; e++)
            if (t->ready[t->cons[e]] < best_end) t->ready[t->cons[e]] = best_end;
    }
    t->list_start[0] = 0;
    for (uint32_t q = 0; q < threads; q++) t->list_start[q + 1] = t->list_start[q] + count[q], count[q] = 0;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t a = t->order[k], q = t->owner[a];
        t->lists[t->list_start[q] + count[q]++] = a;
    }
    t->sched_threads = threads;
}

/* A task's cost from its PH_POOL_TIME_PARTS timed parts: the mean of the middle two, so
 * that neither a part that lost time to another process nor a part in which the task had
 * little to do (a drum voice between hits) decides it. With the cheapest part, a task that
 * is busy only now and then looked cheap, and about one schedule in four put too much on
 * one thread (stress16: 1.26x instead of 1.85x for the 2048 chunks it lasted). */
static uint64_t typical_cost(const ph_tasks *t, uint32_t a)
{
    uint64_t v[PH_POOL_TIME_PARTS];
    for (uint32_t q = 0; q < PH_POOL_TIME_PARTS; q++) {
        uint64_t x = t->cost[q * t->n + a];
        uint32_t k = q;
        while (k > 0 && v[k - 1] > x) v[k] = v[k - 1], k--;
        v[k] = x;
    }
    return (v[PH_POOL_TIME_PARTS / 2 - 1] + v[PH_POOL_TIME_PARTS / 2]) / 2;
}

/* ---- dynamic distribution ------------------------------------------------------------ */

/* Claims and renders nodes (or tasks) of job generation `gen` until none are left. */
static void work(ph_pool *p, uint32_t gen)
{
    for (;;) {
        uint64_t c = atomic_load(&p->claim);
        if ((uint32_t)(c >> 32) != gen) return;
        const ph_job *job = &p->jobs[gen & 1];
        uint32_t idx = (uint32_t)c;
        if (idx >= JOB_GET(job, count)) return;
        if (!atomic_compare_exchange_weak(&p->claim, &c, c + 1)) continue;
        if (job->win) {
            ph_node *n = &JOB_GET(job, plan)->g->nodes[job->nodes[idx]];
            n->ops->prepare(n, job->win);
        } else if (job->nodes) {
            ph_node *n = &JOB_GET(job, plan)->g->nodes[job->nodes[idx]];
            ph_node_render(n, &job->ctx);
        } else {
            /* Queue slot idx: filled by whoever makes its task ready. It always gets
             * filled: the task graph is acyclic and every ready task is run. */
            _Atomic uint64_t *slot = &JOB_GET(job, plan)->tasks.slots[idx];
            uint64_t v;
            while (((v = atomic_load(slot)) >> 32) != gen) PH_PAUSE();
            run_task(p, job, gen, (uint32_t)v - 1);
        }
        atomic_fetch_add(&p->done, 1);
    }
}

static void *worker_main(void *arg)
{
    ph_worker_arg *wa = arg;
    ph_pool *p = wa->p;
    ph_fp_flush_denormals();
    uint32_t seen = 0;
    while (!atomic_load(&p->quit)) {
        uint32_t gen = (uint32_t)(atomic_load(&p->claim) >> 32);
        if (gen != seen) {
            seen = gen;
            /* Say which job this thread is in before looking at it, then check the job is
             * still current: a program retired after a fence (ph_pool_fence) is freed only
             * once no worker is inside a job older than the fence. */
            atomic_store(&p->started[wa->self].inside, gen);
            if ((uint32_t)(atomic_load(&p->claim) >> 32) == gen) {
                const ph_job *job = &p->jobs[gen & 1];
                if (JOB_GET(job, fixed)) work_fixed(p, job, gen, wa->self);
                else work(p, gen);
            }
            atomic_store(&p->started[wa->self].inside, 0);
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
        p->args = calloc(workers, sizeof *p->args);
        if (!p->threads || !p->args) {
            free(p->threads);
            free(p->args);
            free(p);
            return NULL;
        }
    }
    for (uint32_t i = 0; i < workers; i++) {
        p->args[i].p = p;
        p->args[i].self = i + 1;
        if (pthread_create(&p->threads[i], NULL, worker_main, &p->args[i]) != 0) break;
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
    free(p->args);
    free(p);
}

uint32_t ph_pool_workers(const ph_pool *p) { return p ? p->n_workers : 0; }

uint32_t ph_pool_fence(ph_pool *p)
{
    if (!p || p->n_workers == 0) return 0;
    uint32_t gen = ++p->gen;
    if (gen == 0) gen = p->gen = 1;
    ph_job *job = &p->jobs[gen & 1];
    JOB_SET(job, plan, NULL);
    job->nodes = NULL;
    job->win = NULL;
    JOB_SET(job, count, 0); /* nothing to do: workers look and leave */
    JOB_SET(job, fixed, false);
    job->timed = false;
    atomic_store(&p->claim, (uint64_t)gen << 32);
    return gen;
}

bool ph_pool_released(const ph_pool *p, uint32_t fence)
{
    if (!p || fence == 0) return true;
    for (uint32_t i = 1; i <= p->n_workers; i++) {
        uint32_t in = atomic_load(&p->started[i].inside);
        if (in != 0 && (int32_t)(in - fence) < 0) return false;
    }
    return true;
}

void ph_pool_prepare(ph_pool *p, ph_plan *pl, const ph_window *w)
{
    ph_graph *g = pl->g;
    if (!p || p->n_workers == 0 || g->n_prepares < 2) {
        ph_graph_prepare(g, w);
        return;
    }
    uint32_t gen = ++p->gen;
    if (gen == 0) gen = p->gen = 1;
    ph_job *job = &p->jobs[gen & 1];
    JOB_SET(job, plan, pl);
    job->nodes = g->prepares;
    JOB_SET(job, count, g->n_prepares);
    job->win = w;
    JOB_SET(job, fixed, false);
    job->timed = false;
    atomic_store(&p->done, 0);
    atomic_store(&p->claim, (uint64_t)gen << 32);
    atomic_fetch_add(&p->wake, 1);
    if (atomic_load(&p->sleepers)) futex(&p->wake, FUTEX_WAKE_PRIVATE, INT_MAX);
    work(p, gen);
    while (atomic_load(&p->done) < g->n_prepares) PH_PAUSE();
}

/* One chunk shared out dynamically (before the tasks have been timed): whoever is free
 * takes the next ready task; taps and captures after the whole chunk. */
static void render_dynamic(ph_pool *p, ph_plan *pl, const ph_ctx *ctx, uint32_t offset, bool timed, uint32_t cost_at)
{
    ph_tasks *t = &pl->tasks;
    uint32_t gen = ++p->gen;
    if (gen == 0) gen = p->gen = 1;
    ph_job *job = &p->jobs[gen & 1];
    JOB_SET(job, plan, pl);
    job->nodes = NULL;
    JOB_SET(job, count, t->n);
    job->ctx = *ctx;
    job->win = NULL;
    JOB_SET(job, fixed, false);
    job->timed = timed;
    job->cost_at = cost_at;
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
    ph_plan_chunk_done(pl, ctx, offset);
}

/* n chunks pipelined on the static schedule (see ph_tasks, "Pipelining"). */
static void render_fixed(ph_pool *p, ph_plan *pl, const ph_ctx *ctxs, const uint32_t *offsets, uint32_t n,
                         bool timed, uint32_t cost_at)
{
    ph_tasks *t = &pl->tasks;
    uint32_t gen = ++p->gen;
    if (gen == 0) gen = p->gen = 1;
    ph_job *job = &p->jobs[gen & 1];
    JOB_SET(job, plan, pl);
    job->nodes = NULL;
    JOB_SET(job, count, t->n);
    job->win = NULL;
    JOB_SET(job, fixed, true);
    job->timed = timed;
    job->cost_at = cost_at;
    JOB_SET(job, seq0, t->seq + 1);
    JOB_SET(job, n_chunks, n);
    for (uint32_t j = 0; j < n; j++) job->ctxs[j] = ctxs[j], job->offsets[j] = offsets[j];
    atomic_store_explicit(&p->started[0].gen, gen, memory_order_relaxed);
    atomic_store(&p->claim, (uint64_t)gen << 32); /* seq_cst: publishes everything above */
    atomic_fetch_add(&p->wake, 1);
    if (atomic_load(&p->sleepers)) futex(&p->wake, FUTEX_WAKE_PRIVATE, INT_MAX);
    work_fixed(p, job, gen, 0);
    uint64_t last = t->seq + n;
    stall_watch w = {0, 0};
    for (uint32_t k = 0; k < t->n; k++) { /* join, helping the others */
        uint32_t a = t->order[k];
        while (atomic_load_explicit(&t->sync[a].done, memory_order_acquire) != last)
            if (!steal_one(p, job, gen, 0, &w) && !steal_tail(p, job, gen, 0)) PH_PAUSE();
    }
    t->seq = last;
}

void ph_pool_render_span(ph_pool *p, ph_plan *pl, const ph_ctx *ctxs, const uint32_t *offsets, uint32_t n_chunks)
{
    ph_tasks *t = &pl->tasks;
    ph_graph *g = pl->g;
    if (!p || p->n_workers == 0 || t->n < 2) {
        for (uint32_t j = 0; j < n_chunks; j++) {
            for (uint32_t k = 0; k < pl->n_serial; k++) ph_node_render(&g->nodes[pl->serial[k]], &ctxs[j]);
            ph_plan_chunk_done(pl, &ctxs[j], offsets[j]);
        }
        return;
    }
    uint32_t threads = p->n_workers + 1;
    for (uint32_t j = 0; j < n_chunks;) {
        uint32_t phase = t->calib_chunks % PH_POOL_RESCHEDULE;
        if (phase == PH_POOL_TIME_FROM)
            for (uint32_t a = 0; a < PH_POOL_TIME_PARTS * t->n; a++) t->cost[a] = 0;
        if (phase == PH_POOL_TIME_TO)
            for (uint32_t a = 0; a < t->n; a++) t->cost[a] = typical_cost(t, a);
        if (phase == PH_POOL_TIME_TO || (t->sched_threads && t->sched_threads != threads)) make_schedule(t, threads);
        bool timed = phase >= PH_POOL_TIME_FROM && phase < PH_POOL_TIME_TO;
        uint32_t cost_at = timed ? (phase - PH_POOL_TIME_FROM) / PH_POOL_TIME_PART * t->n : 0;
        /* chunks until the timing state changes */
        uint32_t room = phase < PH_POOL_TIME_FROM ? PH_POOL_TIME_FROM - phase
                        : timed                   ? PH_POOL_TIME_PART - (phase - PH_POOL_TIME_FROM) % PH_POOL_TIME_PART
                                                  : PH_POOL_RESCHEDULE - phase;
        uint32_t k = n_chunks - j < room ? n_chunks - j : room;
        if (t->sched_threads == threads) render_fixed(p, pl, ctxs + j, offsets + j, k, timed, cost_at);
        else
            for (uint32_t i = 0; i < k; i++) render_dynamic(p, pl, &ctxs[j + i], offsets[j + i], timed, cost_at);
        t->calib_chunks += k;
        j += k;
    }
}
