/* The fused lane programs' one source (dsp/ph_fused.h), included by ph_fused_sse2.c and
 * ph_fused_avx2.c, each compiled for its instruction set; PH_FUSED_TABLE names the table
 * the includer defines. The ops reuse the lane kernels' vector code (ph_lanes_vec.h), so a
 * fused oscillator or filter computes what a lane group computes: the scalar kernel's
 * bits. Internal to engine/dsp. */
#include "dsp/ph_env.h"
#include "dsp/ph_fused.h"
#include "dsp/ph_lanes_vec.h"

/* The smoothed gates of pattern-played sources (GATE). */
typedef struct gate_vec {
    v8f G[LANES_V], K[LANES_V];
} gate_vec;

/* Envelopes between events (ENV): level, stage (ph_env_stage), the segments' steps, the
 * sustain level, where a release started, and release seconds times the rate (one-shots). */
typedef struct env_vec {
    v8f L[LANES_V], ATT[LANES_V], DEC[LANES_V], SUS[LANES_V], REL[LANES_V], FROM[LANES_V], RS[LANES_V],
        RATE[LANES_V];
    v8i ST[LANES_V];
} env_vec;

/* One-pole low-passes (ONEPOLE): output and coefficient. */
typedef struct onepole_vec {
    v8f Y[LANES_V], C[LANES_V];
} onepole_vec;

/* An op's running state between the tiles of a chunk. */
typedef union fused_state {
    osc_vec osc;
    svf_vec svf;
    gate_vec gate;
    env_vec env;
    onepole_vec onepole;
} fused_state;
_Static_assert(sizeof(fused_state) <= PH_FUSED_OP_STATE, "PH_FUSED_OP_STATE too small");

#define SLOT_FLOATS (PH_FUSED_TILE * PH_FUSED_LANES)

static inline int osc_shape(uint8_t code)
{
    return code == PH_FUSED_SAW ? PH_LANES_OSC_SAW : code == PH_FUSED_SINE ? PH_LANES_OSC_SINE : PH_LANES_OSC_TRI;
}

static inline __attribute__((always_inline)) void op_begin(const ph_fused_op *op, fused_state *st, uint32_t m,
                                                           const uint32_t NV)
{
    switch (op->code) {
    case PH_FUSED_SAW:
    case PH_FUSED_SINE:
    case PH_FUSED_TRI: osc_vec_begin(&st->osc, (ph_osc *const *)op->st, m, op->in, op->own, NV); break;
    case PH_FUSED_SVF: {
        ph_svf *const *f = (ph_svf *const *)op->st;
        svf_vec_begin(&st->svf, f, m, NV);
        int fixed = op->fixed;
        for (uint32_t l = 0; l < m; l++) fixed &= f[l]->have_coeffs;
        st->svf.fixed = fixed;
        break;
    }
    case PH_FUSED_ENV: {
        _Alignas(32) float lv[PH_FUSED_LANES], att[PH_FUSED_LANES], dec[PH_FUSED_LANES], sus[PH_FUSED_LANES],
            rel[PH_FUSED_LANES], from[PH_FUSED_LANES], rs[PH_FUSED_LANES], rate[PH_FUSED_LANES];
        _Alignas(32) int32_t stg[PH_FUSED_LANES];
        for (uint32_t l = 0; l < 8 * NV; l++) {
            const ph_env *e = l < m ? op->st[l] : NULL;
            lv[l] = e ? e->level : 0.0f, stg[l] = e ? (int32_t)e->stage : PH_ENV_IDLE;
            att[l] = e ? e->att_step : 0.0f, dec[l] = e ? e->dec_step : 0.0f, rel[l] = e ? e->rel_step : 0.0f;
            sus[l] = e ? e->sustain : 0.0f, from[l] = e ? e->rel_from : 0.0f;
            rs[l] = e ? e->release_s : 0.0f, rate[l] = e ? e->rate : 1.0f;
        }
        env_vec *s = &st->env;
        for (uint32_t v = 0; v < NV; v++) {
            s->L[v] = load8(lv + 8 * v), s->ATT[v] = load8(att + 8 * v), s->DEC[v] = load8(dec + 8 * v);
            s->SUS[v] = load8(sus + 8 * v), s->REL[v] = load8(rel + 8 * v), s->FROM[v] = load8(from + 8 * v);
            s->RS[v] = load8(rs + 8 * v), s->RATE[v] = load8(rate + 8 * v);
            memcpy(&s->ST[v], stg + 8 * v, sizeof s->ST[v]);
        }
        break;
    }
    case PH_FUSED_ONEPOLE: {
        /* a state that never ran flushes its output first, as the kernel's first sample does */
        _Alignas(32) float y[PH_FUSED_LANES];
        for (uint32_t l = 0; l < 8 * NV; l++) {
            const ph_lag *f = l < m ? op->st[l] : NULL;
            y[l] = f ? (f->have ? f->y : ph_dsp_flush(f->y)) : 0.0f;
        }
        for (uint32_t v = 0; v < NV; v++) st->onepole.Y[v] = load8(y + 8 * v), st->onepole.C[v] = load8(op->kb + 8 * v);
        break;
    }
    case PH_FUSED_GATE: {
        _Alignas(32) float g[PH_FUSED_LANES];
        for (uint32_t l = 0; l < 8 * NV; l++) g[l] = l < m && op->st[l] ? *(const float *)op->st[l] : 1.0f;
        for (uint32_t v = 0; v < NV; v++) st->gate.G[v] = load8(g + 8 * v), st->gate.K[v] = load8(op->kb + 8 * v);
        break;
    }
    default: break;
    }
}

static inline __attribute__((always_inline)) void op_end(const ph_fused_op *op, fused_state *st, uint32_t m,
                                                         uint32_t n, const uint32_t NV)
{
    switch (op->code) {
    case PH_FUSED_SAW:
    case PH_FUSED_SINE:
    case PH_FUSED_TRI: osc_vec_end(&st->osc, (ph_osc *const *)op->st, m, op->own, NV); break;
    case PH_FUSED_SVF: svf_vec_end(&st->svf, (ph_svf *const *)op->st, m, NV); break;
    case PH_FUSED_ENV: {
        _Alignas(32) float lv[PH_FUSED_LANES], rel[PH_FUSED_LANES], from[PH_FUSED_LANES];
        _Alignas(32) int32_t stg[PH_FUSED_LANES];
        const env_vec *s = &st->env;
        for (uint32_t v = 0; v < NV; v++) {
            store8(lv + 8 * v, s->L[v]), store8(rel + 8 * v, s->REL[v]), store8(from + 8 * v, s->FROM[v]);
            memcpy(stg + 8 * v, &s->ST[v], sizeof s->ST[v]);
        }
        for (uint32_t l = 0; l < m; l++) {
            if (op->own >> l & 1) continue; /* the scalar kernel ran it */
            ph_env *e = op->st[l];
            e->level = lv[l], e->stage = (ph_env_stage)stg[l], e->rel_step = rel[l], e->rel_from = from[l];
        }
        break;
    }
    case PH_FUSED_ONEPOLE: {
        _Alignas(32) float y[PH_FUSED_LANES];
        for (uint32_t v = 0; v < NV; v++) store8(y + 8 * v, st->onepole.Y[v]);
        for (uint32_t l = 0; l < m; l++) {
            ph_lag *f = op->st[l];
            f->y = y[l], f->coef = op->kb[l], f->have = 1;
        }
        break;
    }
    case PH_FUSED_GATE: {
        /* ph_node_gate_apply's end of a chunk: settle at absolute chunk ends only (the
         * one-pole never reaches 0 or 1 by itself), tiny values to 0 */
        _Alignas(32) float g[PH_FUSED_LANES];
        for (uint32_t v = 0; v < NV; v++) store8(g + 8 * v, st->gate.G[v]);
        for (uint32_t l = 0; l < m; l++) {
            if (!op->st[l]) continue;
            float gl = g[l], last = op->in2[l][n - 1];
            if (op->settle && fabsf(gl - last) < 1e-6f) gl = last;
            *(float *)op->st[l] = gl < 1e-20f ? 0.0f : gl;
        }
        break;
    }
    default: break;
    }
}

/* An oscillator over `rows` samples into y (lane order), as the scalar kernel gives them. */
static inline __attribute__((always_inline)) void osc_rows(const ph_fused_op *op, osc_vec *s, float *y,
                                                           uint32_t off, uint32_t rows, const int shape,
                                                           const uint32_t NV)
{
    const uint32_t S = 8 * NV;
    v8u P[LANES_V];
    for (uint32_t v = 0; v < NV; v++) P[v] = s->P[v];
    for (uint32_t r = 0; r < rows; r++)
        for (uint32_t v = 0; v < NV; v++) {
            v8f val = vosc_val(shape, P[v], s, v);
            if (shape == PH_LANES_OSC_SINE) val = vsin2pi(val);
            store8(y + r * S + 8 * v, val);
            P[v] += s->INC[v];
        }
    for (uint32_t v = 0; v < NV; v++) s->P[v] = P[v];
    /* lanes the caller rendered itself (their frequency moved inside the chunk) */
    for (uint32_t own = op->own; own; own &= own - 1) {
        uint32_t l = (uint32_t)__builtin_ctz(own);
        for (uint32_t r = 0; r < rows; r++) y[r * S + l] = op->in2[l][off + r];
    }
}

/* Envelopes over `rows` samples without events, d = a * level: per sample what the scalar
 * kernel's advance() does in each stage (its ramp loops are the same sums), as selects. */
static inline __attribute__((always_inline)) void env_rows(const ph_fused_op *op, env_vec *s, float *d,
                                                           const float *a, uint32_t off, uint32_t rows,
                                                           const bool oneshot, const uint32_t NV)
{
    const uint32_t S = 8 * NV;
    const v8f zero = {0}, one = zero + 1.0f;
    /* the lanes the scalar kernel ran take their input before d (which may be a) is written */
    float own_in[PH_FUSED_TILE][PH_FUSED_LANES];
    for (uint32_t own = op->own; own; own &= own - 1) {
        uint32_t l = (uint32_t)__builtin_ctz(own);
        for (uint32_t r = 0; r < rows; r++) own_in[r][l] = a[r * S + l];
    }
    v8f L[LANES_V], ATT[LANES_V], DEC[LANES_V], SUS[LANES_V], REL[LANES_V];
    v8i ST[LANES_V];
    for (uint32_t v = 0; v < NV; v++) {
        L[v] = s->L[v], ATT[v] = s->ATT[v], DEC[v] = s->DEC[v], SUS[v] = s->SUS[v], REL[v] = s->REL[v];
        ST[v] = s->ST[v];
    }
    for (uint32_t r = 0; r < rows; r++)
        for (uint32_t v = 0; v < NV; v++) {
            v8i st = ST[v];
            v8i atk = st == PH_ENV_ATTACK, dcy = st == PH_ENV_DECAY, sst = st == PH_ENV_SUSTAIN,
                rls = st == PH_ENV_RELEASE;
            v8f up = L[v] + ATT[v], down = L[v] - DEC[v], fall = L[v] - REL[v];
            v8i top = atk & (up >= 1.0f), bottom = dcy & (down <= SUS[v]), end = rls & (fall <= 0.0f);
            v8f next = zero; /* idle */
            next = vselect8(atk, vselect8(top, one, up), next);
            next = vselect8(dcy, vselect8(bottom, SUS[v], down), next);
            next = vselect8(sst, SUS[v], next);
            next = vselect8(rls, vselect8(end, zero, fall), next);
            st = (top & PH_ENV_DECAY) | (bottom & PH_ENV_SUSTAIN) | (end & PH_ENV_IDLE) | (~(top | bottom | end) & st);
            if (oneshot) { /* without a gate the sustain stage is left at once */
                v8i go = st == PH_ENV_SUSTAIN;
                if (vany8(go)) {
                    v8f smp = s->RS[v] * s->RATE[v];
                    smp = vselect8((v8i)(smp > 1.0f), smp, one);
                    s->FROM[v] = vselect8(go, next, s->FROM[v]);
                    REL[v] = vselect8(go, next / smp, REL[v]);
                    st = (go & PH_ENV_RELEASE) | (~go & st);
                }
            }
            L[v] = next, ST[v] = st;
            store8(d + r * S + 8 * v, load8(a + r * S + 8 * v) * next);
        }
    for (uint32_t v = 0; v < NV; v++) s->L[v] = L[v], s->ST[v] = ST[v], s->REL[v] = REL[v];
    /* lanes the scalar kernel rendered (an event in the chunk): their envelope from its buffer */
    for (uint32_t own = op->own; own; own &= own - 1) {
        uint32_t l = (uint32_t)__builtin_ctz(own);
        for (uint32_t r = 0; r < rows; r++) d[r * S + l] = own_in[r][l] * op->in2[l][off + r];
    }
}

/* The smoothed gate over `rows` samples: g += k (gate - g); d = a g (ph_node_gate_apply's
 * loop; a settled gate stays where it is, an ungated lane has k = 0 and g = 1). */
static inline __attribute__((always_inline)) void gate_rows(gate_vec *s, float *d, const float *a, const float *b,
                                                            uint32_t rows, const uint32_t NV)
{
    const uint32_t S = 8 * NV;
    v8f G[LANES_V];
    for (uint32_t v = 0; v < NV; v++) G[v] = s->G[v];
    for (uint32_t r = 0; r < rows; r++)
        for (uint32_t v = 0; v < NV; v++) {
            G[v] = G[v] + s->K[v] * (load8(b + r * S + 8 * v) - G[v]);
            store8(d + r * S + 8 * v, load8(a + r * S + 8 * v) * G[v]);
        }
    for (uint32_t v = 0; v < NV; v++) s->G[v] = G[v];
}

/* One-pole low-passes over the tile [off, off + rows): y = c x + (1 - c) y, the state flushed at
 * every quantum (ph_onepole_process's loop; its coefficient never moves here). */
static inline __attribute__((always_inline)) void onepole_rows(onepole_vec *s, float *d, const float *a, uint32_t off,
                                                               uint32_t rows, uint64_t t0, const bool clean,
                                                               const uint32_t NV)
{
    const uint32_t S = 8 * NV;
    v8f Y[LANES_V], C[LANES_V], P[LANES_V];
    for (uint32_t v = 0; v < NV; v++) Y[v] = s->Y[v], C[v] = s->C[v], P[v] = 1.0f - C[v];
    for (uint32_t i = 0; i < rows;) {
        uint64_t t = t0 + off + i;
        if (ph_dsp_at_quantum(t))
            for (uint32_t v = 0; v < NV; v++) Y[v] = vflush(Y[v]);
        uint32_t e = i + ph_dsp_run_length(t, rows - i);
        for (uint32_t r = i; r < e; r++)
            for (uint32_t v = 0; v < NV; v++) {
                v8f x = clean ? load8(a + r * S + 8 * v) : vsane(load8(a + r * S + 8 * v));
                Y[v] = C[v] * x + P[v] * Y[v];
                store8(d + r * S + 8 * v, Y[v]);
            }
        i = e;
    }
    for (uint32_t v = 0; v < NV; v++) s->Y[v] = Y[v];
}

static inline __attribute__((always_inline)) v8f operand(const float *slot, bool is_const, const v8f *k, uint32_t r,
                                                         uint32_t v, const uint32_t NV)
{
    return is_const ? k[v] : load8(slot + r * 8 * NV + 8 * v);
}

/* d = a OP b over `rows` samples; each of (OP, a constant, b constant) its own loop. */
static inline __attribute__((always_inline)) void bin_rows(float *d, const float *a, const float *b, const v8f *ka,
                                                           const v8f *kb, uint32_t rows, const uint8_t code,
                                                           const bool ac, const bool bc, const uint32_t NV)
{
    const uint32_t S = 8 * NV;
    for (uint32_t r = 0; r < rows; r++)
        for (uint32_t v = 0; v < NV; v++) {
            v8f x = operand(a, ac, ka, r, v, NV), y = operand(b, bc, kb, r, v, NV), z;
            switch (code) {
            case PH_FUSED_ADD: z = x + y; break;
            case PH_FUSED_SUB: z = x - y; break;
            case PH_FUSED_MUL: z = x * y; break;
            default: z = vselect8((v8i)(vabs8(y) > 1e-12f), x / y, (v8f){0}); break;
            }
            store8(d + r * S + 8 * v, z);
        }
}

/* d = a ka + b kb over `rows` samples (MULADD). */
static inline __attribute__((always_inline)) void muladd_rows(const ph_fused_op *op, float *d, const float *a,
                                                              const float *b, uint32_t rows, const uint32_t NV)
{
    const uint32_t S = 8 * NV;
    v8f ka[LANES_V], kb[LANES_V];
    for (uint32_t v = 0; v < NV; v++) ka[v] = load8(op->ka + 8 * v), kb[v] = load8(op->kb + 8 * v);
    for (uint32_t r = 0; r < rows; r++)
        for (uint32_t v = 0; v < NV; v++)
            store8(d + r * S + 8 * v, load8(a + r * S + 8 * v) * ka[v] + load8(b + r * S + 8 * v) * kb[v]);
}

static inline __attribute__((always_inline)) void bin_op(const ph_fused_op *op, float *d, const float *a,
                                                         const float *b, uint32_t rows, const uint8_t code,
                                                         const uint32_t NV)
{
    v8f ka[LANES_V], kb[LANES_V];
    for (uint32_t v = 0; v < NV; v++) ka[v] = load8(op->ka + 8 * v), kb[v] = load8(op->kb + 8 * v);
    if (op->a_const) bin_rows(d, a, b, ka, kb, rows, code, true, false, NV);
    else if (op->b_const) bin_rows(d, a, b, ka, kb, rows, code, false, true, NV);
    else bin_rows(d, a, b, ka, kb, rows, code, false, false, NV);
}

/* A filter over the tile [off, off + rows), cut at the quanta. */
static inline __attribute__((always_inline)) void svf_tile(const ph_fused_op *op, svf_vec *s, float *d,
                                                           const float *a, uint32_t m, uint32_t off, uint32_t rows,
                                                           uint64_t t0, const ph_svf_mode mode, const bool clean,
                                                           const uint32_t NV)
{
    const uint32_t S = 8 * NV;
    ph_svf *const *f = (ph_svf *const *)op->st;
    for (uint32_t i = off, end = off + rows; i < end;) {
        uint64_t t = t0 + i;
        svf_vec_quantum(s, f, m, op->in, op->in2, i, t, NV);
        uint32_t e = i + ph_dsp_run_length(t, end - i);
        svf_vec_rows(s, mode, d + (i - off) * S, a + (i - off) * S, e - i, clean, NV);
        i = e;
    }
}

static inline __attribute__((always_inline)) void svf_op(const ph_fused_op *op, svf_vec *s, float *d, const float *a,
                                                         uint32_t m, uint32_t off, uint32_t rows, uint64_t t0,
                                                         const bool clean, const uint32_t NV)
{
    switch (((ph_svf *const *)op->st)[0]->mode) { /* a loop per mode */
    case PH_SVF_LP: svf_tile(op, s, d, a, m, off, rows, t0, PH_SVF_LP, clean, NV); break;
    case PH_SVF_HP: svf_tile(op, s, d, a, m, off, rows, t0, PH_SVF_HP, clean, NV); break;
    case PH_SVF_BP: svf_tile(op, s, d, a, m, off, rows, t0, PH_SVF_BP, clean, NV); break;
    default: svf_tile(op, s, d, a, m, off, rows, t0, PH_SVF_NOTCH, clean, NV); break;
    }
}

/* One op over the tile [off, off + rows) of the chunk (absolute sample t0 + off). */
static inline __attribute__((always_inline)) void op_tile(const ph_fused_op *op, fused_state *st, float *slots,
                                                          uint32_t m, uint32_t off, uint32_t rows, uint64_t t0,
                                                          const uint32_t NV)
{
    const uint32_t S = 8 * NV;
    float *d = slots + (size_t)op->d * SLOT_FLOATS;
    const float *a = slots + (size_t)op->a * SLOT_FLOATS, *b = slots + (size_t)op->b * SLOT_FLOATS;
    switch (op->code) {
    case PH_FUSED_IN: {
        const float *ip[PH_FUSED_LANES];
        for (uint32_t l = 0; l < S; l++) ip[l] = l < m ? op->in[l] + off : lanes_zeros;
        to_lanes(d, ip, rows, S);
        break;
    }
    case PH_FUSED_OUT: {
        float *o[PH_FUSED_LANES];
        for (uint32_t l = 0; l < m; l++) o[l] = op->out[l] + off;
        from_lanes(o, a, rows, m, S);
        break;
    }
    case PH_FUSED_SAW: osc_rows(op, &st->osc, d, off, rows, PH_LANES_OSC_SAW, NV); break;
    case PH_FUSED_SINE: osc_rows(op, &st->osc, d, off, rows, PH_LANES_OSC_SINE, NV); break;
    case PH_FUSED_TRI: osc_rows(op, &st->osc, d, off, rows, PH_LANES_OSC_TRI, NV); break;
    case PH_FUSED_GATE: gate_rows(&st->gate, d, a, b, rows, NV); break;
    case PH_FUSED_ONEPOLE:
        if (op->clean) onepole_rows(&st->onepole, d, a, off, rows, t0, true, NV);
        else onepole_rows(&st->onepole, d, a, off, rows, t0, false, NV);
        break;
    case PH_FUSED_ENV:
        if (op->oneshot) env_rows(op, &st->env, d, a, off, rows, true, NV);
        else env_rows(op, &st->env, d, a, off, rows, false, NV);
        break;
    case PH_FUSED_SVF:
        if (op->clean) svf_op(op, &st->svf, d, a, m, off, rows, t0, true, NV);
        else svf_op(op, &st->svf, d, a, m, off, rows, t0, false, NV);
        break;
    case PH_FUSED_MULADD: muladd_rows(op, d, a, b, rows, NV); break;
    case PH_FUSED_NOP: break;
    case PH_FUSED_ADD: bin_op(op, d, a, b, rows, PH_FUSED_ADD, NV); break;
    case PH_FUSED_SUB: bin_op(op, d, a, b, rows, PH_FUSED_SUB, NV); break;
    case PH_FUSED_MUL: bin_op(op, d, a, b, rows, PH_FUSED_MUL, NV); break;
    default: bin_op(op, d, a, b, rows, PH_FUSED_DIV, NV); break;
    }
}

static inline __attribute__((always_inline)) void run_nv(ph_fused_prog *p, uint32_t n, uint64_t t0,
                                                         const uint32_t NV)
{
    const uint32_t m = p->lanes;
    fused_state *st = p->mem;
    float *slots = (float *)((char *)p->mem + (size_t)p->n_ops * PH_FUSED_OP_STATE);
    for (uint32_t k = 0; k < p->n_ops; k++)
        op_begin(&p->ops[k], (fused_state *)((char *)st + (size_t)k * PH_FUSED_OP_STATE), m, NV);
    for (uint32_t off = 0; off < n;) {
        uint32_t rows = PH_FUSED_TILE - (uint32_t)((t0 + off) % PH_FUSED_TILE);
        if (rows > n - off) rows = n - off;
        for (uint32_t k = 0; k < p->n_ops; k++)
            op_tile(&p->ops[k], (fused_state *)((char *)st + (size_t)k * PH_FUSED_OP_STATE), slots, m, off, rows,
                    t0, NV);
        off += rows;
    }
    for (uint32_t k = 0; k < p->n_ops; k++)
        op_end(&p->ops[k], (fused_state *)((char *)st + (size_t)k * PH_FUSED_OP_STATE), m, n, NV);
}

static void fused_run(ph_fused_prog *p, uint32_t n, uint64_t t0)
{
    if (p->lanes <= 8) run_nv(p, n, t0, 1);
    else run_nv(p, n, t0, 2);
}

/* ---- along time ----------------------------------------------------------------------- */

/* How a steady block reads its line: a whole number of samples back (ph_delay_steady_for's
 * `whole`: either interpolation gives the sample itself), linearly, or Hermite. */
enum { DELAY_WHOLE, DELAY_LINEAR, DELAY_HERMITE };

/* Samples [i0, i1) of a steady delay block in one pass: the read (b[i] is x0 of sample i),
 * the line's write wr[i - i0] and the output, each what ph_delay_process computes. The
 * reads never see the block's writes (the line is longer than the block). */
static inline __attribute__((always_inline)) void delay_steady_run(float *restrict wr, float *restrict out,
                                                                   const float *restrict in, const float *restrict b,
                                                                   const ph_delay_steady *st, uint32_t i0, uint32_t i1,
                                                                   const bool clean, const bool minus,
                                                                   const int interp, const float limit)
{
    const float f = st->f, fb = st->fb, mx = st->mx;
    for (uint32_t i = i0; i < i1; i++) {
        const float *q = b + i;
        float y = interp == DELAY_WHOLE    ? q[0]
                  : interp == DELAY_LINEAR ? ph_delay_linear(q[0], q[-1], f)
                                           : ph_delay_hermite(q[1], q[0], q[-1], q[-2], f);
        float v = in[i];
        if (limit > 0) { /* a tap's commit (graph/ph_graph.c's ph_sanitize_copy), then clean */
            v = (v == v) ? v : 0.0f;
            v = v > limit ? limit : v;
            v = v < -limit ? -limit : v;
        }
        float x = clean ? v : ph_dsp_sane(v);
        /* limit > 0 (a tap's source, below) with feedback 0 and mix 1 (`plain`): x + 0 y
         * flushes to what x does (a signed zero at most, and the flush makes every zero +0)
         * and 1 y is y, so the products are left out: the same bits */
        const bool plain = limit > 0 && fb == 0.0f && mx == 1.0f;
        wr[i - i0] = plain ? ph_dsp_flush(x) : ph_dsp_flush(x + fb * y);
        float o = plain ? x + y : x + mx * y;
        out[i] = minus ? o - v : o;
    }
}

static inline __attribute__((always_inline)) void delay_steady_as(ph_delay *d, float *out, const float *in,
                                                                  const ph_delay_steady *st, uint32_t n,
                                                                  const bool clean, const bool minus,
                                                                  const int interp, const float limit)
{
    const uint32_t m = d->mask, w = d->w, first = (w - st->D - 2) & m; /* x2 of the first sample */
    float win[PH_FUSED_MAX_N + 3];
    const float *b = d->buf + first + 2;
    if (first + n + 3 > m + 1) { /* the reads wrap around the ring: read a straight copy */
        for (uint32_t i = 0; i < n + 3; i++) win[i] = d->buf[(first + i) & m];
        b = win + 2;
    }
    uint32_t run = m + 1 - w < n ? m + 1 - w : n; /* the writes may wrap: two runs */
    delay_steady_run(d->buf + w, out, in, b, st, 0, run, clean, minus, interp, limit);
    delay_steady_run(d->buf, out, in, b, st, run, n, clean, minus, interp, limit);
    d->w = (w + n) & m;
}

static inline __attribute__((always_inline)) void delay_steady_by(const ph_fused_sm *op, uint32_t n,
                                                                  const int interp)
{
    const ph_delay_steady *st = &op->steady;
    if (op->clean && op->minus && op->in_limit > 0) /* a tap's source read directly (see in_limit) */
        delay_steady_as(op->line, op->out, op->a, st, n, true, true, interp, op->in_limit);
    else if (op->clean && op->minus) delay_steady_as(op->line, op->out, op->a, st, n, true, true, interp, 0);
    else if (op->clean) delay_steady_as(op->line, op->out, op->a, st, n, true, false, interp, 0);
    else if (op->minus) delay_steady_as(op->line, op->out, op->a, st, n, false, true, interp, 0);
    else delay_steady_as(op->line, op->out, op->a, st, n, false, false, interp, 0);
}

static void delay_steady(const ph_fused_sm *op, uint32_t n)
{
    if (op->steady.whole) delay_steady_by(op, n, DELAY_WHOLE);
    else if (op->steady.linear) delay_steady_by(op, n, DELAY_LINEAR);
    else delay_steady_by(op, n, DELAY_HERMITE);
}

static void fused_sm_run(const ph_fused_sm *ops, uint32_t n_ops, uint32_t n, uint64_t t0)
{
    for (uint32_t k = 0; k < n_ops; k++) {
        const ph_fused_sm *op = &ops[k];
        float *o = op->out;
        const float *a = op->a, *b = op->b;
        switch (op->code) {
        case PH_FUSED_SM_ADD:
            for (uint32_t i = 0; i < n; i++) o[i] = a[i] + b[i];
            break;
        case PH_FUSED_SM_SUB:
            for (uint32_t i = 0; i < n; i++) o[i] = a[i] - b[i];
            break;
        case PH_FUSED_SM_MUL:
            for (uint32_t i = 0; i < n; i++) o[i] = a[i] * b[i];
            break;
        case PH_FUSED_SM_DIV:
            for (uint32_t i = 0; i < n; i++) o[i] = fabsf(b[i]) > 1e-12f ? a[i] / b[i] : 0.0f;
            break;
        case PH_FUSED_SM_COPY: memcpy(o, a, n * sizeof *o); break;
        case PH_FUSED_SM_DELAY: ph_delay_process(op->line, o, a, op->time, op->fb, op->mix, n, t0); break;
        case PH_FUSED_SM_DELAY_STEADY: delay_steady(op, n); break;
        }
    }
}

const ph_fused_kernels PH_FUSED_TABLE = {.run = fused_run, .sm_run = fused_sm_run};
