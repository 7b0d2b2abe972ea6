/* A fixed arithmetic kernel on 1 or N threads (see bench_calib.h). */
#include "bench_calib.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A block: PH_CALIB_PHASES phases, each PH_CALIB_UNITS passes over a 1024-float buffer
 * split between the threads, with a barrier after each phase: about 0.07 ms on one core
 * of the 2-core VM this was written on (a stress16 block there: about 0.14 ms). */
#define PH_CALIB_PHASES 4
#define PH_CALIB_UNITS 240
#define PH_CALIB_LEN 1024
#define PH_CALIB_SPIN_NS 200000 /* workers spin this long after a phase, then sleep */

typedef struct calib_slot {
    _Alignas(64) float buf[PH_CALIB_LEN]; /* each thread's own, never shared */
    pthread_t thread;
    struct ph_calib *c;
    uint32_t index;
} calib_slot;

struct ph_calib {
    _Alignas(64) _Atomic uint64_t gen; /* phase generation */
    _Alignas(64) _Atomic uint32_t done;
    _Atomic uint32_t active; /* threads taking part in the current block */
    _Atomic bool quit;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    uint32_t n_threads;
    calib_slot *slots;
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

/* `units` passes of a multiply-add over the slot's buffer (vectorises; stays in L1). */
__attribute__((noinline)) static void kernel(float *b, uint32_t units)
{
    for (uint32_t k = 0; k < units; k++)
        for (uint32_t i = 0; i < PH_CALIB_LEN; i++) b[i] = b[i] * 0.999f + 0.001f * (float)k;
    __asm__ __volatile__("" ::"r"(b) : "memory");
}

static uint32_t share(uint32_t threads, uint32_t index)
{
    return PH_CALIB_UNITS / threads + (index < PH_CALIB_UNITS % threads);
}

static void *worker(void *arg)
{
    calib_slot *s = arg;
    ph_calib *c = s->c;
    uint64_t seen = 0;
    while (!atomic_load(&c->quit)) {
        uint64_t g = atomic_load(&c->gen);
        if (g != seen) {
            seen = g;
            uint32_t active = atomic_load(&c->active);
            if (s->index < active) {
                kernel(s->buf, share(active, s->index));
                atomic_fetch_add(&c->done, 1);
            }
            continue;
        }
        double t0 = now_ms();
        while (atomic_load(&c->gen) == seen && !atomic_load(&c->quit) && now_ms() - t0 < PH_CALIB_SPIN_NS * 1e-6) {
        }
        if (atomic_load(&c->gen) != seen) continue;
        pthread_mutex_lock(&c->lock);
        while (atomic_load(&c->gen) == seen && !atomic_load(&c->quit)) pthread_cond_wait(&c->wake, &c->lock);
        pthread_mutex_unlock(&c->lock);
    }
    return NULL;
}

ph_calib *ph_calib_new(uint32_t threads)
{
    if (threads < 1) threads = 1;
    ph_calib *c = aligned_alloc(64, sizeof *c);
    if (!c) return NULL;
    memset(c, 0, sizeof *c);
    c->slots = aligned_alloc(64, threads * sizeof *c->slots);
    if (!c->slots) {
        free(c);
        return NULL;
    }
    memset(c->slots, 0, threads * sizeof *c->slots);
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->wake, NULL);
    c->n_threads = 1;
    for (uint32_t i = 1; i < threads; i++) {
        c->slots[i].c = c;
        c->slots[i].index = i;
        if (pthread_create(&c->slots[i].thread, NULL, worker, &c->slots[i]) != 0) break;
        c->n_threads++;
    }
    if (c->n_threads != threads) {
        ph_calib_free(c);
        return NULL;
    }
    return c;
}

void ph_calib_free(ph_calib *c)
{
    if (!c) return;
    pthread_mutex_lock(&c->lock);
    atomic_store(&c->quit, true);
    pthread_cond_broadcast(&c->wake);
    pthread_mutex_unlock(&c->lock);
    for (uint32_t i = 1; i < c->n_threads; i++) pthread_join(c->slots[i].thread, NULL);
    pthread_mutex_destroy(&c->lock);
    pthread_cond_destroy(&c->wake);
    free(c->slots);
    free(c);
}

double ph_calib_block(ph_calib *c, uint32_t threads)
{
    if (threads < 1) threads = 1;
    if (threads > c->n_threads) threads = c->n_threads;
    double t0 = now_ms();
    atomic_store(&c->active, threads);
    for (int phase = 0; phase < PH_CALIB_PHASES; phase++) {
        atomic_store(&c->done, 0);
        if (threads > 1) {
            /* a new generation under the lock, so that a worker about to sleep sees it */
            pthread_mutex_lock(&c->lock);
            atomic_fetch_add(&c->gen, 1);
            pthread_cond_broadcast(&c->wake);
            pthread_mutex_unlock(&c->lock);
        }
        kernel(c->slots[0].buf, share(threads, 0));
        while (atomic_load(&c->done) < threads - 1) {
        }
    }
    return now_ms() - t0;
}
