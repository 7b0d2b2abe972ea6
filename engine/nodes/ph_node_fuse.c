/* The nodes layer's fuser (graph/ph_fuse.h): which kinds fuse, and a unit compiled into
 * the kernels of dsp/ph_fused.h.
 *
 * A unit's lane positions (the same node in every voice) fall into two phases. Positions
 * whose inputs are all at hand before the chunk's recurrences run -- feedback taps, delays
 * whose line is longer than a chunk, arithmetic on those and on parameters -- go "along
 * time": per voice, straight loops over buffers (the node's own buffer; a tap is read in
 * its ring). The others (oscillators, filters, arithmetic on their values) form the lane
 * program: a voice per SIMD lane, values in slots, inputs from the first phase transposed
 * in, and a value that anything outside the lanes reads transposed out into its node's
 * buffer. Then the unit's mixing nodes run along time over the members' buffers. Every
 * step is the kernel the node itself would run, so the unit writes the nodes' bits. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/ph_fused.h"
#include "dsp/ph_lanes.h"
#include "nodes/ph_node_fuse.h"
#include "nodes/ph_nodes.h"

#define FUSE_MAX_VALUES 250 /* values of one lane program (slot numbers are uint8) */

enum { KEY_OSC = 1, KEY_SVF = 16, KEY_BIN = 32, KEY_MIX = 40, KEY_DELAY = 48, KEY_ENV = 56, KEY_ONEPOLE = 64 };

/* Whether inputs [from, n_in) of n are constants (nothing, or a constant node). */
static bool const_params(const ph_node *n, const ph_node *nodes, uint32_t from)
{
    for (uint32_t j = from; j < n->n_in; j++)
        if (n->in_ref[j].node >= 0 && nodes[n->in_ref[j].node].ops->render) return false;
    return true;
}

/* add sub mul div as 0..3 (the order of PH_FUSED_ADD.. and PH_FUSED_SM_ADD..), else -1 */
static int bin_code(const ph_node *n)
{
    return n->ops == &ph_kind_add ? 0 : n->ops == &ph_kind_sub ? 1 : n->ops == &ph_kind_mul ? 2
           : n->ops == &ph_kind_div ? 3 : -1;
}

static void describe(const ph_graph *g, const ph_node *n, ph_fuse_desc *d)
{
    memset(d, 0, sizeof *d);
    if (n->channels != 1 || n->n_aux) return;
    ph_fuse_osc o;
    ph_fuse_svf f;
    ph_fuse_env e;
    ph_node *w = (ph_node *)n; /* the views take the node; describing it changes nothing */
    if (ph_node_osc_fuse(w, &o)) *d = (ph_fuse_desc){PH_FUSE_LANE, KEY_OSC + (uint32_t)o.shape, 0};
    else if (n->ops->render_lanes && ph_node_filter_fuse(w, &f))
        *d = (ph_fuse_desc){PH_FUSE_LANE, KEY_SVF + (uint32_t)f.svf->mode, 1};
    else if (bin_code(n) >= 0) *d = (ph_fuse_desc){PH_FUSE_ELEM, KEY_BIN + (uint32_t)bin_code(n), 3};
    else if (n->ops == &ph_kind_mix && n->n_in >= 1) *d = (ph_fuse_desc){PH_FUSE_ELEM, KEY_MIX, (1u << n->n_in) - 1};
    else if (ph_node_delay_fuse(w)) *d = (ph_fuse_desc){PH_FUSE_PRE, KEY_DELAY, 1};
    /* one-pole low-passes with a constant cutoff: one coefficient per lane */
    else if (ph_node_onepole_fuse(w) && const_params(n, g->nodes, 1))
        *d = (ph_fuse_desc){PH_FUSE_LANE, KEY_ONEPOLE, 1};
    /* envelopes whose segments are constants: their lanes run between events (see ENV) */
    else if (ph_node_env_fuse(w, &e) && const_params(n, g->nodes, 3))
        *d = (ph_fuse_desc){PH_FUSE_LANE, KEY_ENV + e.ar, 1};
}

/* A pointer that must read a tap's ring: at every chunk *where = ring + the read offset.
 * While compiling, `where` is a place in a list that may still move (list, index, field). */
enum { IN_PRE, IN_POST, IN_LANES };
typedef struct ring_use {
    const float **where;
    const float *ring;
    uint8_t list, field;
    uint32_t index;
    bool kept; /* a kept tap's (below): set by its own rule */
} ring_use;

/* A tap the unit keeps itself: its source is a lane value the unit writes out every chunk and
 * its only readers are the unit's steady delays. While chunks come whole (PH_CHUNK, one after
 * the other) the delays read the source's buffer, which still holds the last chunk, as the
 * tap would carry it, and the ring is not written at all; any other chunk first commits the
 * last one (late, as ph_graph_commit_tap would have) and reads the ring. */
#define KEPT_MAX_USES 4
typedef struct kept_tap {
    ph_node *tap;
    const float *src;
    float *ring;
    uint32_t use[KEPT_MAX_USES], n_use; /* its ring_uses */
    int64_t pend_s;                     /* the last chunk, in src and not in the ring */
    uint32_t pend_n;                    /* (0: none) */
} kept_tap;

typedef struct op_at {
    uint32_t op, pos;
} op_at;

typedef struct fprog {
    const ph_graph *g;
    ph_fused_prog lp;
    ph_fused_sm *pre, *post;
    uint32_t n_pre, n_post;
    ring_use *rings;
    uint32_t n_rings;
    kept_tap *kept;
    uint32_t n_kept;
    /* ops with work before every chunk, and their lane positions: the oscillators whose
     * frequency may move, the gates, the envelopes */
    op_at *osc, *gate, *env;
    uint32_t n_osc, n_gate, n_env;
    ph_node **filters; /* filter members: their Q mapped every chunk */
    uint32_t n_filters;
} fprog;

/* ---- compiling a unit --------------------------------------------------------------- */

enum { PHASE_TIME, PHASE_LANE };

typedef struct builder {
    ph_fuse_unit *u;
    ph_graph *g;
    fprog *p;
    uint32_t L, K;      /* lanes, positions */
    uint8_t *phase;     /* per position */
    int32_t *val;       /* per position: its value in the lane program, -1 none */
    int32_t *in_val;    /* per position: its buffers transposed into the lanes, -1 not yet */
    bool *need_out;     /* per position: a value to transpose out into the nodes' buffers */
    bool *tap_copy;     /* per position (taps): ring copied into the tap's own buffer */
    bool *done;         /* per position: its buffers written by an op before it */
    bool *bounded;      /* per position (along time): its values are finite and well below 1e6,
                         * so a lane op's scrub of them (ph_dsp_sane) would change no bit */
    uint32_t n_vals, cap_ops, cap_pre, cap_post, cap_rings;
    bool ok;
} builder;

static ph_node *at(const builder *b, uint32_t k, uint32_t l) { return b->u->lane[k * b->L + l]; }
static bool is_tap(const ph_node *n) { return n->tap_source >= 0; }

/* The lane position that input j of the nodes at position k reads (the lanes are wired
 * alike), or -1 when they read something outside the lanes. */
static int32_t source_pos(const builder *b, uint32_t k, uint32_t j)
{
    ph_ref r = at(b, k, 0)->in_ref[j];
    if (r.node < 0) return -1;
    const ph_node *s = &b->g->nodes[r.node];
    return s->fused == b->u && s->fuse_pos >= 0 ? s->fuse_pos : -1;
}

/* Whether input j of the nodes at position k is a constant in every lane (nothing, or a
 * constant node: its buffer never changes). */
static bool const_input(const builder *b, uint32_t k, uint32_t j)
{
    for (uint32_t l = 0; l < b->L; l++) {
        ph_ref r = at(b, k, l)->in_ref[j];
        if (r.node >= 0 && b->g->nodes[r.node].ops->render) return false;
    }
    return true;
}

static void *grow(void *arr, uint32_t *cap, uint32_t need, size_t size, bool *ok)
{
    if (need <= *cap || !*ok) return arr;
    uint32_t c = *cap ? *cap * 2 : 16;
    while (c < need) c *= 2;
    void *a = realloc(arr, c * size);
    if (!a) {
        *ok = false;
        return arr;
    }
    *cap = c;
    return a;
}

/* A place that holds an input pointer: field a (0) or b (1) of an op of the pre or post
 * list, or in[field] of a lane op. */
typedef struct place {
    uint8_t list, field;
    uint32_t index;
} place;

static const float **where_of(const fprog *p, place w)
{
    if (w.list == IN_LANES) return &p->lp.ops[w.index].in[w.field];
    ph_fused_sm *op = w.list == IN_PRE ? &p->pre[w.index] : &p->post[w.index];
    return w.field ? &op->b : &op->a;
}

static void use_ring(builder *b, place w, const ph_node *tap)
{
    b->p->rings = grow(b->p->rings, &b->cap_rings, b->p->n_rings + 1, sizeof *b->p->rings, &b->ok);
    if (!b->ok) return;
    b->p->rings[b->p->n_rings++] = (ring_use){NULL, tap->tap_ring[0], w.list, w.field, w.index, false};
    *where_of(b->p, w) = tap->tap_ring[0];
}

static ph_fused_op *new_op(builder *b, uint8_t code)
{
    b->p->lp.ops = grow(b->p->lp.ops, &b->cap_ops, b->p->lp.n_ops + 1, sizeof *b->p->lp.ops, &b->ok);
    if (!b->ok) return NULL;
    ph_fused_op *op = &b->p->lp.ops[b->p->lp.n_ops++];
    memset(op, 0, sizeof *op);
    op->code = code;
    return op;
}

static ph_fused_sm *new_sm(builder *b, ph_fused_sm **list, uint32_t *n, uint32_t *cap, ph_fused_sm_code code)
{
    *list = grow(*list, cap, *n + 1, sizeof **list, &b->ok);
    if (!b->ok) return NULL;
    ph_fused_sm *op = &(*list)[(*n)++];
    memset(op, 0, sizeof *op);
    op->code = code;
    return op;
}

static int32_t new_val(builder *b)
{
    if (b->n_vals >= FUSE_MAX_VALUES) {
        b->ok = false;
        return 0;
    }
    return (int32_t)b->n_vals++;
}

/* Appends (the op just made, position k) to a list of ops with work before every chunk. */
static void push_op_at(builder *b, op_at **list, uint32_t *n, uint32_t k)
{
    op_at *l = realloc(*list, (*n + 1) * sizeof *l);
    if (!l) {
        b->ok = false;
        return;
    }
    l[*n] = (op_at){b->p->lp.n_ops - 1, k};
    *list = l;
    (*n)++;
}

/* Node x's input j read along time: a tap member's ring (set every chunk), else the buffer
 * the graph wired. */
static void time_input(builder *b, place w, const ph_node *x, uint32_t j)
{
    ph_ref r = x->in_ref[j];
    const ph_node *s = r.node >= 0 ? &b->g->nodes[r.node] : NULL;
    if (s && s->fused == b->u && is_tap(s)) use_ring(b, w, s);
    else *where_of(b->p, w) = x->in[j][0];
}

/* The nodes' elementwise arithmetic (a binop or a mix) as straight loops into their
 * buffers, appended to the pre (IN_PRE) or post list. */
static void time_arith(builder *b, uint8_t which, ph_node *x)
{
    fprog *p = b->p;
    ph_fused_sm **list = which == IN_PRE ? &p->pre : &p->post;
    uint32_t *n = which == IN_PRE ? &p->n_pre : &p->n_post, *cap = which == IN_PRE ? &b->cap_pre : &b->cap_post;
    int bc = bin_code(x);
    if (bc >= 0) {
        ph_fused_sm *op = new_sm(b, list, n, cap, (ph_fused_sm_code)(PH_FUSED_SM_ADD + bc));
        if (!op) return;
        op->out = x->out[0];
        time_input(b, (place){which, 0, *n - 1}, x, 0);
        time_input(b, (place){which, 1, *n - 1}, x, 1);
        return;
    }
    /* mix: the first input copied, then each next one added (mix_render's sums) */
    for (uint32_t j = 0; j < x->n_in && b->ok; j++) {
        ph_fused_sm *op = new_sm(b, list, n, cap, j ? PH_FUSED_SM_ADD : PH_FUSED_SM_COPY);
        if (!op) return;
        op->out = x->out[0];
        if (j) op->a = x->out[0];
        time_input(b, (place){which, j ? 1 : 0, *n - 1}, x, j);
    }
}

/* The value of input j of position k in the lane program: a lane value, a constant (then
 * *is_const and the lanes' values in k[]), or the input's buffers transposed in. */
static int32_t lane_operand(builder *b, uint32_t k, uint32_t j, bool allow_const, bool *is_const, float *kv)
{
    int32_t q = source_pos(b, k, j);
    *is_const = false;
    if (q >= 0 && b->phase[q] == PHASE_LANE) return b->val[q];
    if (q < 0 && allow_const && const_input(b, k, j)) {
        *is_const = true;
        for (uint32_t l = 0; l < b->L; l++) kv[l] = at(b, k, l)->in[j][0][0];
        return 0;
    }
    if (q >= 0 && b->in_val[q] >= 0) return b->in_val[q];
    ph_fused_op *op = new_op(b, PH_FUSED_IN);
    if (!op) return 0;
    op->d = (uint8_t)new_val(b);
    for (uint32_t l = 0; l < b->L; l++) time_input(b, (place){IN_LANES, (uint8_t)l, b->p->lp.n_ops - 1}, at(b, k, l), j);
    if (q >= 0) b->in_val[q] = op->d;
    return op->d;
}

/* The one reader of position k's nodes, when it is position *q reading them at input 0 and
 * nothing else reads them (no other position, no mixing node, nothing outside the unit). */
static bool sole_reader(const builder *b, uint32_t k, uint32_t *q)
{
    const ph_node *x0 = at(b, k, 0);
    uint32_t n = 0;
    for (uint32_t l = 0; l < b->L; l++)
        if (at(b, k, l)->fuse_out) return false;
    for (uint32_t r = 0; r < b->K; r++)
        for (uint32_t j = 0; j < at(b, r, 0)->n_in; j++)
            if (at(b, r, 0)->in_ref[j].node == (int32_t)(x0 - b->g->nodes)) {
                n++;
                *q = r;
                if (j != 0) return false;
            }
    for (uint32_t r = 0; r < b->u->n_post; r++)
        for (uint32_t j = 0; j < b->u->post[r]->n_in; j++)
            for (uint32_t l = 0; l < b->L; l++)
                if (b->u->post[r]->in_ref[j].node == (int32_t)(at(b, k, l) - b->g->nodes)) return false;
    return n == 1;
}

static void time_position(builder *b, uint32_t k)
{
    fprog *p = b->p;
    ph_node *x0 = at(b, k, 0);
    if (b->done[k]) return; /* an op before it wrote its buffers */
    if (is_tap(x0)) { /* read in its ring; copied into its buffer only if read elsewhere */
        for (uint32_t l = 0; l < b->L && b->ok; l++)
            if (b->tap_copy[k]) {
                ph_fused_sm *op = new_sm(b, &p->pre, &p->n_pre, &b->cap_pre, PH_FUSED_SM_COPY);
                if (!op) return;
                op->out = at(b, k, l)->out[0];
                use_ring(b, (place){IN_PRE, 0, p->n_pre - 1}, at(b, k, l));
            }
        return;
    }
    int32_t bounded_at = -1; /* the subtraction's position, when the delays take it */
    bool all_bounded = true;
    for (uint32_t l = 0; l < b->L && b->ok; l++) {
        ph_node *x = at(b, k, l);
        ph_delay *line = ph_node_delay_fuse(x);
        if (line) {
            /* constant time, feedback and mix: the steady block's constants worked out once */
            ph_delay_steady st;
            bool steady = const_input(b, k, 1) && const_input(b, k, 2) && const_input(b, k, 3) &&
                          ph_delay_steady_for(line, x->in[1][0][0], x->in[2][0][0], x->in[3][0][0], PH_FUSED_MAX_N,
                                              &st);
            /* `(x # delay ...) - x` (the echoes alone, W3's loops): the subtraction in the
             * delay's own pass, into the subtraction's buffer */
            uint32_t q = 0;
            bool minus = steady && sole_reader(b, k, &q) && b->phase[q] == PHASE_TIME && bin_code(at(b, q, 0)) == 1;
            for (uint32_t m = 0; minus && m < b->L; m++)
                minus = at(b, q, m)->in_ref[1].node == at(b, k, m)->in_ref[0].node &&
                        at(b, q, m)->in_ref[1].port == at(b, k, m)->in_ref[0].port;
            ph_fused_sm *op =
                new_sm(b, &p->pre, &p->n_pre, &b->cap_pre, steady ? PH_FUSED_SM_DELAY_STEADY : PH_FUSED_SM_DELAY);
            if (!op) return;
            if (steady) op->steady = st;
            op->line = line;
            op->out = minus ? at(b, q, l)->out[0] : x->out[0];
            op->minus = minus;
            if (minus) b->done[q] = true;
            /* a tap's ring is finite and within +-8: the kernel's scrub would change no bit */
            const ph_node *src = x->in_ref[0].node >= 0 ? &b->g->nodes[x->in_ref[0].node] : NULL;
            op->clean = steady && src && src->fused == b->u && is_tap(src);
            /* the echoes of a tap (|x| <= 8) through a linear line (|w| <= 8 / (1 - 0.995)) or
             * a line without feedback (a Hermite read is within 1.25 of its points) stay far
             * below 1e6: what reads them needs no scrub */
            bool calm = minus && op->clean && (line->linear || st.fb == 0.0f);
            if (minus) bounded_at = (int32_t)q;
            all_bounded &= calm;
            op->time = x->in[1][0], op->fb = x->in[2][0], op->mix = x->in[3][0];
            time_input(b, (place){IN_PRE, 0, p->n_pre - 1}, x, 0);
        } else {
            time_arith(b, IN_PRE, x);
        }
    }
    if (bounded_at >= 0 && all_bounded) b->bounded[bounded_at] = true;
}

static void lane_position(builder *b, uint32_t k)
{
    fprog *p = b->p;
    ph_node *x0 = at(b, k, 0);
    ph_fuse_osc o;
    ph_fuse_svf f;
    ph_fuse_env e;
    bool ca, cb;
    float ka[PH_FUSED_LANES], kb[PH_FUSED_LANES];
    if (ph_node_osc_fuse(x0, &o)) {
        ph_fused_op *op = new_op(b, o.shape == PH_LANES_OSC_SAW    ? PH_FUSED_SAW
                                    : o.shape == PH_LANES_OSC_SINE ? PH_FUSED_SINE
                                                                   : PH_FUSED_TRI);
        if (!op) return;
        bool gated = false;
        for (uint32_t l = 0; l < b->L; l++) {
            ph_node *x = at(b, k, l);
            (void)ph_node_osc_fuse(x, &o);
            op->st[l] = o.osc;
            op->in[l] = x->in[0][0];
            op->in2[l] = x->out[0]; /* a lane rendered by the kernel itself, into the node's buffer */
            gated |= o.gate->gated;
        }
        if (!const_input(b, k, 0)) push_op_at(b, &p->osc, &p->n_osc, k); /* checked every chunk */
        op->d = (uint8_t)(b->val[k] = new_val(b));
        if (gated) { /* the pattern's gate (osc_gate) on the lanes that have one */
            int32_t line = lane_operand(b, k, 2, false, &ca, ka);
            ph_fused_op *gop = new_op(b, PH_FUSED_GATE);
            if (!gop) return;
            push_op_at(b, &p->gate, &p->n_gate, k);
            gop->a = (uint8_t)b->val[k], gop->b = (uint8_t)line;
            for (uint32_t l = 0; l < b->L; l++) {
                ph_node *x = at(b, k, l);
                (void)ph_node_osc_fuse(x, &o);
                gop->st[l] = o.gate->gated ? &o.gate->g : NULL;
                gop->kb[l] = o.gate->gated ? o.gate->g_coef : 0.0f;
                gop->in2[l] = x->in[2][0];
            }
            gop->d = (uint8_t)(b->val[k] = new_val(b));
        }
    } else if (ph_node_env_fuse(x0, &e)) {
        int32_t a = lane_operand(b, k, 0, false, &ca, ka);
        ph_fused_op *op = new_op(b, PH_FUSED_ENV);
        if (!op) return;
        push_op_at(b, &p->env, &p->n_env, k);
        op->a = (uint8_t)a;
        op->oneshot = e.ar;
        for (uint32_t l = 0; l < b->L; l++) {
            (void)ph_node_env_fuse(at(b, k, l), &e);
            op->st[l] = e.env;
            op->in2[l] = e.buf;
        }
        op->d = (uint8_t)(b->val[k] = new_val(b));
    } else if (ph_node_filter_fuse(x0, &f)) {
        int32_t a = lane_operand(b, k, 0, false, &ca, ka);
        /* an oscillator's value (perhaps gated) is finite and small: the filter's scrub of
         * its input would change nothing */
        int32_t q = source_pos(b, k, 0);
        bool clean = q >= 0 && b->phase[q] == PHASE_LANE && ph_node_osc_fuse(at(b, (uint32_t)q, 0), &o);
        ph_fused_op *op = new_op(b, PH_FUSED_SVF);
        if (!op) return;
        op->a = (uint8_t)a;
        op->clean = clean;
        for (uint32_t l = 0; l < b->L; l++) {
            ph_node *x = at(b, k, l);
            (void)ph_node_filter_fuse(x, &f);
            op->st[l] = f.svf;
            op->in[l] = x->in[1][0];
            op->in2[l] = f.res;
        }
        op->fixed = const_input(b, k, 1) && const_input(b, k, 2);
        if (const_input(b, k, 2)) { /* a Q that never moves: mapped once (as the node's render would) */
            for (uint32_t l = 0; l < b->L; l++) ph_node_filter_fuse_chunk(at(b, k, l), PH_CHUNK);
        } else {
            p->filters = realloc(p->filters, (p->n_filters + b->L) * sizeof *p->filters);
            if (!p->filters) {
                b->ok = false;
                return;
            }
            for (uint32_t l = 0; l < b->L; l++) p->filters[p->n_filters++] = at(b, k, l);
        }
        op->d = (uint8_t)(b->val[k] = new_val(b));
    } else if (ph_node_onepole_fuse(x0)) {
        int32_t a = lane_operand(b, k, 0, false, &ca, ka);
        int32_t q = source_pos(b, k, 0); /* an oscillator's value needs no scrub (see SVF) */
        bool clean = q >= 0 && b->phase[q] == PHASE_LANE && ph_node_osc_fuse(at(b, (uint32_t)q, 0), &o);
        clean |= q >= 0 && b->phase[q] == PHASE_TIME && b->bounded[q];
        ph_fused_op *op = new_op(b, PH_FUSED_ONEPOLE);
        if (!op) return;
        op->a = (uint8_t)a;
        op->clean = clean;
        for (uint32_t l = 0; l < b->L; l++) {
            ph_node *x = at(b, k, l);
            ph_lag *lp = ph_node_onepole_fuse(x);
            op->st[l] = lp;
            op->kb[l] = ph_onepole_coef(x->in[1][0][0], lp->rate); /* a constant (describe) */
        }
        op->d = (uint8_t)(b->val[k] = new_val(b));
    } else if (bin_code(x0) >= 0) {
        int32_t a = lane_operand(b, k, 0, true, &ca, ka), c = lane_operand(b, k, 1, true, &cb, kb);
        ph_fused_op *op = new_op(b, (uint8_t)(PH_FUSED_ADD + bin_code(x0)));
        if (!op) return;
        op->a = (uint8_t)a, op->b = (uint8_t)c, op->a_const = ca, op->b_const = cb;
        memcpy(op->ka, ka, sizeof ka);
        memcpy(op->kb, kb, sizeof kb);
        op->d = (uint8_t)(b->val[k] = new_val(b));
    } else { /* mix: ((x0 + x1) + x2) ..., as mix_render sums */
        int32_t acc = lane_operand(b, k, 0, false, &ca, ka);
        for (uint32_t j = 1; j < x0->n_in && b->ok; j++) {
            int32_t c = lane_operand(b, k, j, true, &cb, kb);
            ph_fused_op *op = new_op(b, PH_FUSED_ADD);
            if (!op) return;
            op->a = (uint8_t)acc, op->b = (uint8_t)c, op->b_const = cb;
            memcpy(op->kb, kb, sizeof kb);
            op->d = (uint8_t)(acc = new_val(b));
        }
        b->val[k] = acc; /* one input: that input's value */
    }
    if (b->need_out[k] && b->ok) {
        ph_fused_op *op = new_op(b, PH_FUSED_OUT);
        if (!op) return;
        op->a = (uint8_t)b->val[k];
        for (uint32_t l = 0; l < b->L; l++) op->out[l] = at(b, k, l)->out[0];
    }
}

/* Which value operands op reads. */
static void op_reads(const ph_fused_op *op, bool *a, bool *b)
{
    bool arith = op->code >= PH_FUSED_ADD && op->code <= PH_FUSED_DIV;
    *a = op->code == PH_FUSED_SVF || op->code == PH_FUSED_OUT || op->code == PH_FUSED_GATE ||
         op->code == PH_FUSED_ENV || op->code == PH_FUSED_ONEPOLE || (arith && !op->a_const);
    *b = op->code == PH_FUSED_GATE || op->code == PH_FUSED_MULADD || (arith && !op->b_const);
    *a = *a || op->code == PH_FUSED_MULADD;
}

/* `(x * k) + (y * k2)` (either side may lack its MUL) where each product is read by the
 * sum alone: one MULADD pass instead of three over the tiles (W3's `saw * 0.1 + ... * 0.6`).
 * On value numbers, before slots are assigned. */
static void fold_muladds(ph_fused_prog *lp, uint32_t n_vals)
{
    uint32_t *readers = calloc(n_vals + 1, sizeof *readers);
    int32_t *maker = malloc((n_vals + 1) * sizeof *maker);
    if (!readers || !maker) {
        free(readers), free(maker);
        return; /* an optimisation: without it the program is the same */
    }
    for (uint32_t v = 0; v <= n_vals; v++) maker[v] = -1;
    for (uint32_t i = 0; i < lp->n_ops; i++) {
        const ph_fused_op *op = &lp->ops[i];
        bool ra, rb;
        op_reads(op, &ra, &rb);
        if (ra) readers[op->a]++;
        if (rb) readers[op->b]++;
        if (op->code != PH_FUSED_OUT) maker[op->d] = (int32_t)i;
    }
    for (uint32_t i = 0; i < lp->n_ops; i++) {
        ph_fused_op *add = &lp->ops[i];
        if (add->code != PH_FUSED_ADD || add->a_const || add->b_const) continue;
        ph_fused_op *side[2] = {NULL, NULL};
        const uint8_t vals[2] = {add->a, add->b};
        for (int s = 0; s < 2; s++) {
            int32_t m = maker[vals[s]];
            ph_fused_op *mul = m >= 0 ? &lp->ops[m] : NULL;
            if (mul && mul->code == PH_FUSED_MUL && mul->a_const != mul->b_const && readers[vals[s]] == 1 &&
                vals[0] != vals[1])
                side[s] = mul;
        }
        if (!side[0] && !side[1]) continue;
        ph_fused_op folded = *add;
        folded.code = PH_FUSED_MULADD;
        for (int s = 0; s < 2; s++) {
            float *k = s ? folded.kb : folded.ka;
            uint8_t *v = s ? &folded.b : &folded.a;
            if (!side[s]) {
                for (uint32_t l = 0; l < PH_FUSED_LANES; l++) k[l] = 1.0f;
                continue;
            }
            const ph_fused_op *mul = side[s];
            memcpy(k, mul->b_const ? mul->kb : mul->ka, sizeof folded.ka); /* x * k = k * x */
            *v = mul->b_const ? mul->a : mul->b;
        }
        *add = folded;
        for (int s = 0; s < 2; s++)
            if (side[s]) side[s]->code = PH_FUSED_NOP;
    }
    free(readers), free(maker);
}

/* Values to slots: a value's slot is free again after its last reader (an op may write
 * the slot it reads: every op reads a sample before it writes it). */
static bool assign_slots(ph_fused_prog *lp, uint32_t n_vals)
{
    int32_t *last = malloc((n_vals + 1) * sizeof *last);
    int32_t *slot = malloc((n_vals + 1) * sizeof *slot);
    bool *busy = calloc(n_vals + 1, sizeof *busy);
    if (!last || !slot || !busy) {
        free(last), free(slot), free(busy);
        return false;
    }
    for (uint32_t v = 0; v < n_vals; v++) last[v] = -1, slot[v] = -1;
    for (uint32_t i = 0; i < lp->n_ops; i++) {
        const ph_fused_op *op = &lp->ops[i];
        bool reads_a, reads_b;
        op_reads(op, &reads_a, &reads_b);
        if (reads_a) last[op->a] = (int32_t)i;
        if (reads_b) last[op->b] = (int32_t)i;
    }
    uint32_t n_slots = 0;
    for (uint32_t i = 0; i < lp->n_ops; i++) {
        ph_fused_op *op = &lp->ops[i];
        bool reads_a, reads_b;
        op_reads(op, &reads_a, &reads_b);
        uint8_t va = op->a, vb = op->b;
        if (reads_a) op->a = (uint8_t)slot[va];
        if (reads_b) op->b = (uint8_t)slot[vb];
        if (reads_a && last[va] == (int32_t)i) busy[slot[va]] = false;
        if (reads_b && last[vb] == (int32_t)i) busy[slot[vb]] = false;
        if (op->code != PH_FUSED_OUT) {
            uint32_t s = 0;
            while (busy[s]) s++;
            busy[s] = last[op->d] >= 0; /* a value nobody reads frees its slot at once */
            slot[op->d] = (int32_t)s;
            op->d = (uint8_t)s;
            if (s + 1 > n_slots) n_slots = s + 1;
        }
    }
    lp->n_slots = n_slots;
    free(last), free(slot), free(busy);
    return true;
}

static void release(ph_fuse_unit *u)
{
    fprog *p = u->prog;
    if (!p) return;
    ph_fused_prog_free(&p->lp);
    void *owned[] = {p->lp.ops, p->pre, p->post, p->rings, p->osc, p->gate, p->env, p->filters, p->kept, p};
    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++) free(owned[i]);
    u->prog = NULL;
}

/* The taps the unit can keep (kept_tap): on the lists as built, before the places resolve. */
static void keep_taps(builder *b)
{
    fprog *p = b->p;
    for (uint32_t k = 0; b->ok && k < b->K; k++) {
        if (!is_tap(at(b, k, 0)) || b->tap_copy[k]) continue; /* its buffer is read: the graph's way */
        for (uint32_t l = 0; l < b->L; l++) {
            ph_node *tap = at(b, k, l);
            ph_node *s = &b->g->nodes[tap->tap_source];
            if (s->fused != b->u || s->fuse_pos < 0 || tap->channels != 1 || s->channels != 1) continue;
            uint32_t q = (uint32_t)s->fuse_pos;
            if (b->phase[q] != PHASE_LANE || !b->need_out[q]) continue; /* not written out every chunk */
            kept_tap kt = {tap, s->out[0], tap->tap_ring[0], {0}, 0, 0, 0};
            bool ok = true;
            for (uint32_t r = 0; r < p->n_rings && ok; r++) {
                const ring_use *ru = &p->rings[r];
                if (ru->ring != kt.ring) continue;
                const ph_fused_sm *op = ru->list == IN_PRE && ru->field == 0 ? &p->pre[ru->index] : NULL;
                ok = op && op->code == PH_FUSED_SM_DELAY_STEADY && op->clean && op->minus && kt.n_use < KEPT_MAX_USES;
                if (ok) kt.use[kt.n_use++] = r;
            }
            if (!ok || !kt.n_use) continue;
            kept_tap *more = realloc(p->kept, (p->n_kept + 1) * sizeof *more);
            if (!more) {
                b->ok = false;
                return;
            }
            p->kept = more;
            p->kept[p->n_kept++] = kt;
            for (uint32_t j = 0; j < kt.n_use; j++) {
                p->rings[kt.use[j]].kept = true;
                p->pre[p->rings[kt.use[j]].index].in_limit = PH_FEEDBACK_LIMIT;
            }
        }
    }
}

static bool compile(ph_fuse_unit *u, ph_graph *g)
{
    const uint32_t L = u->n_lanes, K = u->lane_len;
    if (L < 2 || L > PH_FUSED_LANES) return false;
    fprog *p = calloc(1, sizeof *p);
    builder b = {.u = u, .g = g, .p = p, .L = L, .K = K, .ok = p != NULL};
    b.phase = calloc(K, sizeof *b.phase);
    b.val = malloc(K * sizeof *b.val);
    b.in_val = malloc(K * sizeof *b.in_val);
    b.need_out = calloc(K, sizeof *b.need_out);
    b.tap_copy = calloc(K, sizeof *b.tap_copy);
    b.done = calloc(K, sizeof *b.done);
    b.bounded = calloc(K, sizeof *b.bounded);
    b.ok = b.ok && b.phase && b.val && b.in_val && b.need_out && b.tap_copy && b.done && b.bounded;
    u->prog = p;
    if (p) p->g = g;
    /* phases, in the positions' topological order */
    for (uint32_t k = 0; b.ok && k < K; k++) {
        ph_node *x0 = at(&b, k, 0);
        b.val[k] = b.in_val[k] = -1;
        bool lane = !is_tap(x0) && (ph_node_osc_fuse(x0, &(ph_fuse_osc){0}) ||
                                    ph_node_filter_fuse(x0, &(ph_fuse_svf){0}) ||
                                    ph_node_env_fuse(x0, &(ph_fuse_env){0}) || ph_node_onepole_fuse(x0));
        bool delay = ph_node_delay_fuse(x0) != NULL;
        for (uint32_t j = 0; j < x0->n_in && !lane && !is_tap(x0); j++) {
            int32_t q = source_pos(&b, k, j);
            if (q >= 0 && b.phase[q] == PHASE_LANE) {
                if (delay) b.ok = false; /* a delay reading the lanes: not along time */
                lane = true;
            }
        }
        b.phase[k] = lane ? PHASE_LANE : PHASE_TIME;
    }
    /* what must be written into the nodes' own buffers: lane values read outside the lanes
     * (a mixing node, a consumer outside the unit, an output, a tap's source) */
    for (uint32_t k = 0; b.ok && k < K; k++)
        for (uint32_t l = 0; l < L; l++) {
            ph_node *x = at(&b, k, l);
            if (x->fuse_out) (is_tap(x) ? b.tap_copy : b.need_out)[k] = true;
        }
    for (uint32_t q = 0; b.ok && q < u->n_post; q++) {
        const ph_node *x = u->post[q];
        for (uint32_t j = 0; j < x->n_in; j++) {
            ph_ref r = x->in_ref[j];
            const ph_node *s = r.node >= 0 ? &g->nodes[r.node] : NULL;
            if (!s || s->fused != u || s->fuse_pos < 0) continue;
            (is_tap(s) ? b.tap_copy : b.need_out)[s->fuse_pos] = true;
        }
    }
    for (uint32_t k = 0; b.ok && k < K; k++)
        if (b.phase[k] == PHASE_TIME) b.need_out[k] = false; /* written there anyway */
    for (uint32_t k = 0; b.ok && k < K; k++) {
        if (b.phase[k] == PHASE_TIME) time_position(&b, k);
        else lane_position(&b, k);
    }
    for (uint32_t q = 0; b.ok && q < u->n_post; q++) time_arith(&b, IN_POST, u->post[q]);
    if (b.ok) keep_taps(&b);
    /* the lists are where they stay: the places to set at every chunk */
    for (uint32_t r = 0; b.ok && r < p->n_rings; r++) {
        ring_use *ru = &p->rings[r];
        ru->where = where_of(p, (place){ru->list, ru->field, ru->index});
    }
    p->lp.lanes = L;
    if (b.ok) fold_muladds(&p->lp, b.n_vals);
    b.ok = b.ok && p->lp.n_ops > 0 && assign_slots(&p->lp, b.n_vals) && ph_fused_prog_alloc(&p->lp);
    free(b.phase);
    free(b.val);
    free(b.in_val);
    free(b.need_out);
    free(b.tap_copy);
    free(b.done);
    free(b.bounded);
    if (!b.ok) release(u);
    return b.ok;
}

/* ---- rendering ---------------------------------------------------------------------- */

/* Whether input j of x holds one value over this chunk and no trigger, as its pattern node
 * tells (without looking at the samples); false when that is not known. */
static bool known_steady(const fprog *p, const ph_node *x, uint32_t j)
{
    int32_t s = x->in_ref[j].node;
    return s >= 0 && ph_node_pattern_steady(&p->g->nodes[s]);
}

/* An oscillator lane runs in the lane program when its frequency holds still over the
 * chunk (the vector loop keeps one phase step); else the scalar kernel renders the lane into
 * the node's buffer, and the program takes it from there. (The gate comes after, in the
 * lanes, either way.) */
static void prepare_oscillators(fprog *p, const ph_fuse_unit *u, const ph_ctx *ctx)
{
    uint64_t t0 = (uint64_t)ctx->sample;
    for (uint32_t c = 0; c < p->n_osc; c++) {
        ph_fused_op *op = &p->lp.ops[p->osc[c].op];
        uint32_t own = 0;
        for (uint32_t l = 0; l < u->n_lanes; l++) {
            ph_node *x = u->lane[p->osc[c].pos * u->n_lanes + l];
            const float *freq = x->in[0][0];
            if (known_steady(p, x, 0) || ph_dsp_steady(freq, ctx->n)) continue;
            ph_fuse_osc o;
            (void)ph_node_osc_fuse(x, &o);
            own |= 1u << l;
            if (o.shape == PH_LANES_OSC_SAW) ph_osc_saw(o.osc, x->out[0], freq, ctx->n, t0);
            else if (o.shape == PH_LANES_OSC_SINE) ph_osc_sine(o.osc, x->out[0], freq, ctx->n, t0);
            else ph_osc_tri(o.osc, x->out[0], freq, ctx->n, t0);
        }
        op->own = own;
    }
    bool settle = (ctx->sample + ctx->n) % PH_CHUNK == 0;
    for (uint32_t c = 0; c < p->n_gate; c++) p->lp.ops[p->gate[c].op].settle = settle;
}

/* An envelope lane runs in the lane program when the chunk holds no event for it (no
 * trigger, no gate edge, no release to start: ph_env.c's quiet spans, every span of the
 * chunk) and its parameters were sampled (constants: they never change); else the scalar
 * kernel runs it into the node's buffer. */
static void prepare_envelopes(fprog *p, const ph_fuse_unit *u, const ph_ctx *ctx)
{
    for (uint32_t c = 0; c < p->n_env; c++) {
        ph_fused_op *op = &p->lp.ops[p->env[c].op];
        uint32_t own = 0;
        for (uint32_t l = 0; l < u->n_lanes; l++) {
            ph_node *x = u->lane[p->env[c].pos * u->n_lanes + l];
            ph_fuse_env v;
            (void)ph_node_env_fuse(x, &v);
            const ph_env *e = v.env;
            const float *trig = x->in[2][0], *gate = x->in[1][0];
            /* the kernel's tests (> 0.5) as quiet comparisons, so that the loops vectorise;
             * lines a pattern node says are steady need one sample (no trigger there) */
            int any = !e->have_params;
            if (!known_steady(p, x, 2))
                for (uint32_t i = 0; i < ctx->n; i++) any |= isgreater(trig[i], 0.5f);
            if (!v.ar) {
                int was = e->gate_was_high;
                if (known_steady(p, x, 1)) any |= isgreater(gate[0], 0.5f) != was;
                else
                    for (uint32_t i = 0; i < ctx->n; i++) any |= isgreater(gate[i], 0.5f) != was;
                any |= !was && e->stage != PH_ENV_IDLE && e->stage != PH_ENV_RELEASE;
            }
            bool event = any != 0;
            if (event) {
                own |= 1u << l;
                ph_node_env_fuse_render(x, ctx);
            }
        }
        op->own = own;
    }
}

/* A kept tap's last chunk into its ring, as ph_graph_commit_tap would have put it. */
static void commit_kept(kept_tap *kt)
{
    if (kt->pend_n)
        ph_sanitize_copy(kt->ring + (uint64_t)kt->pend_s % PH_TAP_RING, kt->src, kt->pend_n, PH_FEEDBACK_LIMIT);
    kt->pend_n = 0;
}

static void render(ph_fuse_unit *u, const ph_ctx *ctx)
{
    fprog *p = u->prog;
    if (!ph_fused_usable()) { /* the scalar reference: node by node, the taps the graph's way */
        for (uint32_t t = 0; t < p->n_kept; t++) commit_kept(&p->kept[t]);
        ph_fuse_unit_render_members(u, ctx);
        return;
    }
    uint32_t read_at = (uint32_t)((ctx->sample + PH_CHUNK) % PH_TAP_RING);
    for (uint32_t r = 0; r < p->n_rings; r++)
        if (!p->rings[r].kept) *p->rings[r].where = p->rings[r].ring + read_at;
    for (uint32_t t = 0; t < p->n_kept; t++) {
        kept_tap *kt = &p->kept[t];
        bool whole = kt->pend_n == PH_CHUNK && kt->pend_s + PH_CHUNK == ctx->sample && ctx->n == PH_CHUNK;
        if (!whole) commit_kept(kt);
        kt->pend_n = 0;
        const float *x = whole ? kt->src : kt->ring + read_at;
        for (uint32_t j = 0; j < kt->n_use; j++) *p->rings[kt->use[j]].where = x;
        kt->tap->tap_kept = ctx->sample;
    }
    for (uint32_t f = 0; f < p->n_filters; f++) ph_node_filter_fuse_chunk(p->filters[f], ctx->n);
    prepare_oscillators(p, u, ctx);
    prepare_envelopes(p, u, ctx);
    uint64_t t0 = (uint64_t)ctx->sample;
    if (p->n_pre) ph_fused_sm_run(p->pre, p->n_pre, ctx->n, t0);
    ph_fused_run(&p->lp, ctx->n, t0);
    for (uint32_t t = 0; t < p->n_kept; t++) p->kept[t].pend_s = ctx->sample, p->kept[t].pend_n = ctx->n;
    if (p->n_post) ph_fused_sm_run(p->post, p->n_post, ctx->n, t0);
}

const ph_fuser ph_node_fuser = {.describe = describe, .compile = compile, .render = render, .release = release};
