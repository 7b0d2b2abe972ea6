/* Orbit nodes: one orbit's reverb and delay (dsp/ph_orbit_fx.h) fed by the voice nodes'
 * sends. The effect's parameters are orbit-wide, as in SuperDirt: each query window the
 * node queries the sound patterns that send to it and, at the onset of every event on its
 * orbit that sets size, delaytime or delayfeedback, sets that parameter from there on. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/ph_orbit_fx.h"
#include "nodes/ph_nodes.h"

#define ORBIT_ARENA_BYTES (128u * 1024u)
#define MAX_CHANGES 256 /* per window; more are dropped (counted) */
#define DEFAULT_DELAY_CYCLES (3.0 / 16.0) /* Strudel's delaysync */

typedef struct change {
    int64_t at;
    float size, time, feedback; /* NaN: not set by this event */
} change;

typedef struct orbit_node {
    int orbit;
    double rate;
    const ph_pat **pats;
    uint32_t n_pats;
    ph_arena *arena;
    ph_orbit_fx *fx;
    bool time_set; /* a delaytime was given; until then 3/16 cycle at the current tempo */
    double cps;
    change ch[MAX_CHANGES];
    uint32_t n_ch, next, dropped;
    ph_word k_orbit, k_size, k_time, k_feedback;
} orbit_node;

static float num_or_nan(ph_value map, ph_word key)
{
    ph_value v;
    double x;
    if (ph_cmap_get(map, key, &v) && ph_value_to_number(v, &x) && isfinite(x)) return (float)x;
    return NAN;
}

static void orbit_prepare(ph_node *n, const ph_window *w)
{
    orbit_node *s = n->state;
    s->n_ch = s->next = 0;
    if (!w->rolling || !ph_rat_lt(w->cycle_begin, w->cycle_end)) return;
    s->cps = ph_rat_to_double(w->clock.cps);
    if (!s->time_set) ph_orbit_fx_set(s->fx, NAN, (float)(DEFAULT_DELAY_CYCLES / s->cps), NAN);
    ph_arena_reset(s->arena);
    for (uint32_t p = 0; p < s->n_pats; p++) {
        ph_events evs;
        ph_events_init(&evs);
        if (ph_query(s->pats[p], ph_span_make(w->cycle_begin, w->cycle_end), s->arena, &evs) != PH_Q_OK) s->dropped++;
        for (uint32_t i = 0; i < evs.count; i++) {
            const ph_event *e = &evs.ev[i];
            if (!e->has_whole || !ph_event_has_onset(e)) continue;
            float orbit = num_or_nan(e->value, s->k_orbit);
            if (ph_voice_orbit_of(orbit == orbit ? orbit : 0) != s->orbit) continue;
            change c = {ph_clock_sample_of(&w->clock, e->whole.begin), num_or_nan(e->value, s->k_size),
                        num_or_nan(e->value, s->k_time), num_or_nan(e->value, s->k_feedback)};
            if (c.size != c.size && c.time != c.time && c.feedback != c.feedback) continue;
            if (s->n_ch == MAX_CHANGES) {
                s->dropped++;
                break;
            }
            uint32_t k = s->n_ch++; /* in onset order; ties keep pattern order */
            while (k > 0 && s->ch[k - 1].at > c.at) {
                s->ch[k] = s->ch[k - 1];
                k--;
            }
            s->ch[k] = c;
        }
    }
}

static void orbit_render(ph_node *n, const ph_ctx *ctx)
{
    orbit_node *s = n->state;
    int64_t t0 = ctx->sample;
    uint32_t i = 0;
    while (i < ctx->n) {
        /* run up to the next change, then apply it */
        uint32_t end = ctx->n;
        while (s->next < s->n_ch && s->ch[s->next].at <= t0 + i) {
            const change *c = &s->ch[s->next++];
            if (c->time == c->time) s->time_set = true;
            ph_orbit_fx_set(s->fx, c->size, c->time, c->feedback);
        }
        if (s->next < s->n_ch && s->ch[s->next].at < t0 + end) end = (uint32_t)(s->ch[s->next].at - t0);
        ph_orbit_fx_process(s->fx, n->out[0] + i, n->out[1] + i, n->in[0][0] + i, n->in[1][0] + i, n->in[2][0] + i,
                            end - i, (uint64_t)(t0 + i));
        i = end;
    }
}

static void orbit_destroy(ph_node *n)
{
    orbit_node *s = n->state;
    if (!s) return;
    ph_orbit_fx_destroy(s->fx);
    ph_arena_free(s->arena);
    free(s->pats);
    free(s);
}

const ph_node_ops ph_kind_orbit = {
    .kind = "orbit", .render = orbit_render, .prepare = orbit_prepare, .destroy = orbit_destroy};

const char *const *ph_orbit_controls(void)
{
    static const char *const keys[] = {"size", "delaytime", "delayfeedback", NULL};
    return keys;
}

int ph_node_orbit(ph_graph *g, int orbit, ph_ref room, ph_ref delay_l, ph_ref delay_r, const ph_pat *const *pats,
                  uint32_t n_pats, double rate)
{
    orbit_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    s->orbit = orbit;
    s->rate = rate > 0 ? rate : 48000.0;
    s->pats = calloc(n_pats ? n_pats : 1, sizeof *s->pats);
    s->arena = ph_arena_new_fixed(ORBIT_ARENA_BYTES);
    s->fx = ph_orbit_fx_create(s->rate);
    if (!s->pats || !s->arena || !s->fx) {
        orbit_destroy(&(ph_node){.state = s});
        return -1;
    }
    memcpy(s->pats, pats, n_pats * sizeof *pats);
    s->n_pats = n_pats;
    s->cps = 0.5;
    s->k_orbit = ph_intern_cstr("orbit");
    s->k_size = ph_intern_cstr("size");
    s->k_time = ph_intern_cstr("delaytime");
    s->k_feedback = ph_intern_cstr("delayfeedback");
    ph_ref in[3] = {room, delay_l, delay_r};
    int id = ph_graph_add(g, &ph_kind_orbit, s, 2, 0, in, 3);
    if (id < 0) orbit_destroy(&(ph_node){.state = s});
    else snprintf(g->nodes[id].label, sizeof g->nodes[id].label, "orbit %d", orbit);
    return id;
}
