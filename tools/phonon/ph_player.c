/* The mailbox and the retire ring between the thread that compiles and the audio thread.
 * Ownership moves with the pointer: a message taken from the mailbox belongs to the audio
 * thread until it is pushed on the ring; everything on the ring belongs to the collector. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "ph_player.h"

#define RING 64u /* a swap at most every block: far more than a collector a tick behind needs */

typedef struct ph_player_msg {
    ph_program *program;
    double cps; /* the text's tempo, read here rather than on the audio thread; 0 if none */
} ph_player_msg;

typedef struct retiree {
    ph_program *program;
    ph_player_msg *msg;
} retiree;

struct ph_player {
    ph_engine *engine;
    _Atomic(ph_player_msg *) mailbox;
    retiree ring[RING];
    atomic_uint head, tail; /* head: the audio thread's; tail: the collector's */

    /* [audio] */
    ph_player_msg *held; /* taken from the mailbox while the engine was still crossfading */
    double cps;

    _Atomic uint64_t cycle_bits; /* a double, published after each block */
    _Atomic uint64_t swaps;
};

ph_player *ph_player_new(const ph_settings *s)
{
    ph_player *pl = calloc(1, sizeof *pl);
    if (!pl) return NULL;
    pl->engine = ph_engine_new(s);
    if (!pl->engine) {
        free(pl);
        return NULL;
    }
    pl->cps = 0.5; /* the engine's own default */
    return pl;
}

static void free_msg(ph_player_msg *m)
{
    if (!m) return;
    ph_program_free(m->program);
    free(m);
}

void ph_player_free(ph_player *pl)
{
    if (!pl) return;
    free_msg(pl->held);
    free_msg(atomic_exchange(&pl->mailbox, NULL));
    ph_player_collect(pl);
    ph_engine_free(pl->engine);
    free(pl);
}

bool ph_player_offer(ph_player *pl, ph_program *p)
{
    ph_player_msg *m = malloc(sizeof *m);
    if (!m) {
        ph_program_free(p);
        return false;
    }
    m->program = p;
    m->cps = ph_program_cps(p);
    /* The audio thread had not picked up the previous one: it is ours again, and stale. */
    free_msg(atomic_exchange_explicit(&pl->mailbox, m, memory_order_acq_rel));
    return true;
}

void ph_player_collect(ph_player *pl)
{
    unsigned tail = atomic_load_explicit(&pl->tail, memory_order_relaxed);
    const unsigned head = atomic_load_explicit(&pl->head, memory_order_acquire);
    for (; tail != head; tail++) {
        retiree *r = &pl->ring[tail % RING];
        ph_program_free(r->program);
        free_msg(r->msg);
        *r = (retiree){0};
        atomic_store_explicit(&pl->tail, tail + 1, memory_order_release);
    }
}

/* [audio] Free slots on the ring. */
static unsigned room(ph_player *pl)
{
    return RING - (atomic_load_explicit(&pl->head, memory_order_relaxed) -
                   atomic_load_explicit(&pl->tail, memory_order_acquire));
}

static void push(ph_player *pl, ph_program *p, ph_player_msg *m)
{
    const unsigned head = atomic_load_explicit(&pl->head, memory_order_relaxed);
    pl->ring[head % RING] = (retiree){p, m};
    atomic_store_explicit(&pl->head, head + 1, memory_order_release);
}

void ph_player_render(void *user, float *const *out, uint32_t channels, uint32_t nframes)
{
    ph_player *pl = user;
    /* One slot stays free for the message of the swap below. */
    while (room(pl) > 1) {
        ph_program *old = ph_engine_take_retired(pl->engine);
        if (!old) break;
        push(pl, old, NULL);
    }
    if (!pl->held) pl->held = atomic_exchange_explicit(&pl->mailbox, NULL, memory_order_acq_rel);
    /* A full ring (a collector that stopped) postpones the swap rather than lose memory. */
    if (pl->held && room(pl) > 0 && ph_engine_set_program(pl->engine, pl->held->program)) {
        if (pl->held->cps > 0 && pl->held->cps != pl->cps) {
            ph_engine_set_cps(pl->engine, pl->held->cps); /* re-anchors: the cycle count runs on */
            pl->cps = pl->held->cps;
        }
        pl->held->program = NULL; /* the engine's now */
        push(pl, NULL, pl->held);
        pl->held = NULL;
        atomic_fetch_add_explicit(&pl->swaps, 1, memory_order_relaxed);
    }
    ph_engine_render(pl->engine, out, channels, nframes);
    double c = ph_engine_cycle(pl->engine);
    uint64_t bits;
    memcpy(&bits, &c, sizeof bits);
    atomic_store_explicit(&pl->cycle_bits, bits, memory_order_relaxed);
}

double ph_player_cycle(const ph_player *pl)
{
    uint64_t bits = atomic_load_explicit(&pl->cycle_bits, memory_order_relaxed);
    double c;
    memcpy(&c, &bits, sizeof c);
    return c;
}

uint64_t ph_player_swaps(const ph_player *pl) { return atomic_load_explicit(&pl->swaps, memory_order_relaxed); }
