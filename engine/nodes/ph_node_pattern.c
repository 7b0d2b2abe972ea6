/* Pattern nodes: a pattern as a signal. Once per query window the pattern is queried
 * (into a fixed arena sized here, at compile time); its event onsets land on their exact
 * samples. Outputs: audio = the value (held from onset to the next onset; smoothed in
 * PH_PATSIG_SMOOTH mode), aux 1 = gate (1 from an event's onset to its end), aux 2 =
 * trigger (1 on onset samples).
 *
 * Lanes: simultaneous events (a chord, `"[55, 110]"`) are spread over lanes; lane k takes
 * the k-th event (in query order) among those with the same onset. A pitched oscillator
 * over a chord uses one pattern node and one oscillator per lane. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nodes/ph_node_fuse.h"
#include "nodes/ph_nodes.h"

#define PATNODE_ARENA_BYTES (128u * 1024u)

typedef struct pev {
    int64_t on, off;
    float v;
    bool trig; /* an onset (gate opens until off, trigger line fires) */
    bool cont; /* a continuous value (gate stays open) */
} pev;

/* Continuous patterns (signals such as `sine`, `range 200 400 sine`) are sampled every
 * this many samples inside a window; the smoothing in between makes them glide. */
#define PATNODE_SIGNAL_STEP 64

typedef struct patnode {
    const ph_pat *pat;
    ph_arena *arena;
    ph_patsig_mode mode;
    uint32_t lane;
    pev ev[PH_PATNODE_MAX_EVENTS];
    uint32_t n_ev, next;
    float value, y, k;
    int64_t gate_off;
    bool have_value;
    uint32_t dropped;
    /* The last chunk was a whole PH_CHUNK with no event: its buffers hold `value`, the
     * gate `steady_gate` and no trigger, which the next such chunk would write again. */
    bool steady;
    float steady_gate;
} patnode;

static bool event_number(const patnode *s, ph_value v, float *out)
{
    double x;
    if (s->mode == PH_PATSIG_PITCH && v.kind == PH_VAL_WORD) {
        size_t len;
        const char *w = ph_word_str(v.u.word, &len);
        if (ph_note_to_midi(w, len, &x)) {
            *out = (float)(440.0 * exp2((x - 69.0) / 12.0));
            return true;
        }
    }
    if (!ph_value_to_number(v, &x) || !isfinite(x)) return false;
    *out = (float)x;
    return true;
}

static void push(patnode *s, int64_t on, int64_t off, float v, bool trig, bool cont)
{
    if (s->n_ev == PH_PATNODE_MAX_EVENTS) {
        s->dropped++;
        return;
    }
    /* insertion keeps onset order; equal onsets keep query order */
    uint32_t i = s->n_ev++;
    while (i > 0 && s->ev[i - 1].on > on) {
        s->ev[i] = s->ev[i - 1];
        i--;
    }
    s->ev[i] = (pev){on, off, v, trig, cont};
}

static void patnode_prepare(ph_node *n, const ph_window *w)
{
    patnode *s = n->state;
    s->n_ev = s->next = 0;
    s->steady = false; /* the value and the gate may change here */
    if (!w->rolling) {
        if (s->gate_off > w->sample_begin) s->gate_off = w->sample_begin; /* stop: gates close */
        return;
    }
    if (!ph_rat_lt(w->cycle_begin, w->cycle_end)) return;
    ph_arena_reset(s->arena);
    ph_events evs;
    ph_events_init(&evs);
    ph_qstatus st = ph_query(s->pat, ph_span_make(w->cycle_begin, w->cycle_end), s->arena, &evs);
    if (st != PH_Q_OK) s->dropped++;
    /* Lane counting below is quadratic in the events of one window; a window never keeps
     * more than PH_PATNODE_MAX_EVENTS anyway, so absurdly dense patterns are cut here. */
    uint32_t count = evs.count;
    bool continuous = false;
    if (count > 2 * PH_PATNODE_MAX_EVENTS) {
        s->dropped += count - 2 * PH_PATNODE_MAX_EVENTS;
        count = 2 * PH_PATNODE_MAX_EVENTS;
    }
    for (uint32_t i = 0; i < count; i++) {
        const ph_event *e = &evs.ev[i];
        float v;
        if (!event_number(s, e->value, &v)) continue;
        if (!e->has_whole) { /* continuous: sampled below */
            continuous = true;
            continue;
        }
        int64_t off = ph_clock_sample_of(&w->clock, e->whole.end);
        if (!ph_event_has_onset(e)) {
            /* began before this window: it is sounding now (matters after a start or a jump) */
            if (s->lane == 0 && !s->have_value) {
                s->value = s->y = v;
                s->have_value = true;
                s->gate_off = off;
            }
            continue;
        }
        int64_t on = ph_clock_sample_of(&w->clock, e->whole.begin);
        /* events of one onset may be interleaved with others in query order; count
         * this onset's events seen so far */
        uint32_t lane = 0;
        for (uint32_t j = 0; j < i && lane <= s->lane; j++) {
            const ph_event *o = &evs.ev[j];
            float dummy;
            if (o->has_whole && ph_event_has_onset(o) && ph_rat_eq(o->whole.begin, e->whole.begin) &&
                event_number(s, o->value, &dummy))
                lane++;
        }
        if (lane == s->lane) push(s, on, off, v, true, false);
    }
    if (continuous && s->lane == 0) {
        /* sample the signal every PATNODE_SIGNAL_STEP samples (one small query each) */
        for (int64_t t = w->sample_begin; t < w->sample_end; t += PATNODE_SIGNAL_STEP) {
            int64_t t1 = t + PATNODE_SIGNAL_STEP < w->sample_end ? t + PATNODE_SIGNAL_STEP : w->sample_end;
            ph_rat b = ph_clock_cycle_at(&w->clock, t), e = ph_clock_cycle_at(&w->clock, t1);
            ph_arena_reset(s->arena);
            ph_events one;
            ph_events_init(&one);
            if (ph_query(s->pat, ph_span_make(b, e), s->arena, &one) != PH_Q_OK) s->dropped++;
            for (uint32_t i = 0; i < one.count; i++) {
                float v;
                if (!one.ev[i].has_whole && event_number(s, one.ev[i].value, &v)) {
                    push(s, t, INT64_MAX, v, false, true);
                    break;
                }
            }
        }
    }
}

static void patnode_render(ph_node *n, const ph_ctx *ctx)
{
    patnode *s = n->state;
    float *val = n->out[0], *gate = n->out[1], *trig = n->out[2];
    int64_t t0 = ctx->sample, end = t0 + ctx->n;
    /* A chunk without an event between two such chunks changes no buffer (most chunks of
     * a held note or a rest): nothing to write. */
    bool quiet = s->next >= s->n_ev || s->ev[s->next].on >= end;
    float g_all = s->gate_off <= t0 ? 0.0f : s->gate_off >= end ? 1.0f : -1.0f;
    bool settled = s->mode != PH_PATSIG_SMOOTH || s->y == s->value;
    if (quiet && settled && s->steady && g_all == s->steady_gate) return;
    s->steady = quiet && settled && g_all >= 0 && ctx->n == PH_CHUNK;
    s->steady_gate = g_all;
    uint32_t i = 0;
    memset(trig, 0, ctx->n * sizeof(float));
    while (i < ctx->n) {
        int64_t t = t0 + i;
        while (s->next < s->n_ev && s->ev[s->next].on <= t) {
            const pev *e = &s->ev[s->next++];
            s->value = e->v;
            if (!s->have_value) s->y = e->v;
            s->have_value = true;
            if (e->trig) {
                s->gate_off = e->off;
                trig[i] = 1.0f;
            } else if (e->cont) {
                s->gate_off = INT64_MAX;
            }
        }
        int64_t stop = s->next < s->n_ev && s->ev[s->next].on < end ? s->ev[s->next].on : end;
        uint32_t m = (uint32_t)(stop - t);
        float v = s->value;
        if (s->mode == PH_PATSIG_SMOOTH) {
            /* Snap to the target on the first sample within 1e-6 of it: checked per
             * sample, so where it settles never depends on the host's block sizes. */
            const float k = s->k, tol = 1e-6f * (1.0f + fabsf(v));
            float y = s->y;
            for (uint32_t j = 0; j < m; j++) {
                y += k * (v - y);
                if (fabsf(y - v) < tol) y = v;
                val[i + j] = y;
            }
            s->y = y;
        } else {
            for (uint32_t j = 0; j < m; j++) val[i + j] = v;
        }
        /* the gate is open for samples before gate_off: two fills, not a compare each */
        int64_t open = s->gate_off - t;
        uint32_t k = open <= 0 ? 0 : open >= (int64_t)m ? m : (uint32_t)open;
        for (uint32_t j = 0; j < k; j++) gate[i + j] = 1.0f;
        for (uint32_t j = k; j < m; j++) gate[i + j] = 0.0f;
        i += m;
    }
}

bool ph_node_pattern_steady(const ph_node *n)
{
    return n->ops == &ph_kind_pattern && ((const patnode *)n->state)->steady;
}

static void patnode_destroy(ph_node *n)
{
    patnode *s = n->state;
    if (s) ph_arena_free(s->arena);
    free(s);
}

const ph_node_ops ph_kind_pattern = {
    .kind = "pattern", .render = patnode_render, .prepare = patnode_prepare, .destroy = patnode_destroy};

int ph_node_pattern(ph_graph *g, const ph_pat *pat, ph_patsig_mode mode, uint32_t lane, double rate)
{
    patnode *s = calloc(1, sizeof *s);
    if (!s) return -1;
    s->arena = ph_arena_new_fixed(PATNODE_ARENA_BYTES);
    if (!s->arena) {
        free(s);
        return -1;
    }
    s->pat = pat;
    s->mode = mode;
    s->lane = lane;
    s->k = 1.0f - expf(-1.0f / (0.002f * (float)rate));
    int id = ph_graph_add(g, &ph_kind_pattern, s, 1, 2, NULL, 0);
    if (id < 0) patnode_destroy(&(ph_node){.state = s});
    return id;
}

const ph_pat *ph_node_played_pattern(const ph_graph *g, int node)
{
    if (node < 0 || (uint32_t)node >= g->n_nodes) return NULL;
    const ph_node *n = &g->nodes[node];
    if (n->ops == &ph_kind_pattern) return ((const patnode *)n->state)->pat;
    const ph_pat *voices = ph_node_voices_pattern(g, node);
    return voices ? voices : ph_node_midi_out_pattern(g, node);
}

uint32_t ph_pattern_polyphony(const ph_pat *pat, uint32_t max_lanes)
{
    /* Looks at the first 16 cycles: the most events sharing one onset. */
    ph_arena *a = ph_arena_new_growable(64 * 1024);
    if (!a) return 1;
    uint32_t best = 1;
    for (int cyc = 0; cyc < 16 && best < max_lanes; cyc++) {
        ph_arena_reset(a);
        ph_events evs;
        ph_events_init(&evs);
        if (ph_query(pat, ph_span_make(ph_rat_int(cyc), ph_rat_int(cyc + 1)), a, &evs) != PH_Q_OK) break;
        if (evs.count > 4096) break;
        for (uint32_t i = 0; i < evs.count; i++) {
            if (!evs.ev[i].has_whole || !ph_event_has_onset(&evs.ev[i])) continue;
            uint32_t same = 0;
            for (uint32_t j = 0; j < evs.count; j++)
                if (evs.ev[j].has_whole && ph_event_has_onset(&evs.ev[j]) &&
                    ph_rat_eq(evs.ev[j].whole.begin, evs.ev[i].whole.begin))
                    same++;
            if (same > best) best = same;
        }
    }
    ph_arena_free(a);
    return best < max_lanes ? best : max_lanes;
}
