/* Fused lane programs (conventions: dsp/ph_dsp.h): the kernels of a fused unit
 * (graph/ph_fuse.h). Several voices of one shape -- an oscillator into a filter into some
 * arithmetic -- run as a small program of micro-ops over SIMD lanes (a voice per lane), the
 * values between the ops kept in lane order in a few small tiles instead of a buffer per
 * node, and the work along time (a long delay line, mixing, arithmetic on buffers) as
 * straight loops over buffers.
 *
 * A lane program runs a chunk in tiles of PH_FUSED_TILE samples (cut at absolute multiples
 * of it); within a tile every op runs over all its samples and lanes before the next op
 * (so each op's loop is tight and its recurrences stay in registers, and a value between
 * two ops lives in an L1-resident tile of its slot). Every op computes exactly what the
 * scalar kernel computes for that lane and sample (the same IEEE operations in the same
 * order, no FMA; the same quantum work at the same absolute samples), so a fused unit
 * writes the bits its nodes would have written one by one; the tests compare whole
 * programs fused and unfused, for every instruction set.
 *
 * Built like the lane kernels (dsp/ph_lanes.h): ph_fused_impl.h compiled for the SSE2
 * baseline and for AVX2, chosen at run time; nothing here runs on the scalar "ISA" (there
 * the caller renders the unit's nodes one by one: the reference). */
#ifndef PH_FUSED_H
#define PH_FUSED_H

#include <stdbool.h>

#include "dsp/ph_ctl.h"
#include "dsp/ph_delay.h"
#include "dsp/ph_filter.h"
#include "dsp/ph_osc.h"

#define PH_FUSED_LANES 16 /* lanes of a program: two 8-float vectors */
#define PH_FUSED_MAX_N 128 /* samples of one call (a chunk) */
#define PH_FUSED_TILE 32   /* samples of a tile (a multiple of PH_CONTROL_QUANTUM) */

typedef enum ph_fused_code {
    PH_FUSED_IN,   /* d = in[l][i] (per-lane sample-major buffers, transposed into lanes) */
    PH_FUSED_SAW,  /* d = ph_osc_saw of st[l] (ph_osc *) at the step of in[l][0]; the
                    * lanes in `own` take in2[l][i] instead (their caller rendered them: a
                    * frequency moving inside the chunk) */
    PH_FUSED_SINE, /* the same for ph_osc_sine */
    PH_FUSED_TRI,  /* the same for ph_osc_tri */
    PH_FUSED_SVF,  /* d = ph_svf_process of st[l] (ph_svf *, one mode) on a, cutoff in[l],
                    * resonance in2[l] */
    PH_FUSED_ADD,  /* d = a + b */
    PH_FUSED_SUB,  /* d = a - b */
    PH_FUSED_MUL,  /* d = a * b */
    PH_FUSED_DIV,  /* d = |b| > 1e-12 ? a / b : 0 */
    PH_FUSED_OUT,  /* out[l][i] = a (transposed back into sample-major buffers) */
    PH_FUSED_ENV,  /* d = a * the envelope st[l] (ph_env *) between events (no trigger, no
                    * gate edge in the chunk: the segments only, as ph_adsr_process /
                    * ph_ar_process run them; `oneshot` for ar, which has no gate); the
                    * lanes in `own` take their envelope from in2[l][i] (the caller ran the
                    * scalar kernel: an event in the chunk) */
    PH_FUSED_GATE, /* d = a * g, g the smoothed gate of a pattern-played source
                    * (nodes/ph_node_gate.h): g += kb[l] (b - g) each sample, from *st[l]
                    * (float *) and written back with the node's settling at a chunk's end
                    * (`settle`: the chunk ends at a multiple of PH_CHUNK; in2[l] is the
                    * gate line); lanes without st[l] pass a through */
    PH_FUSED_ONEPOLE, /* d = ph_onepole_process of st[l] (ph_lag *) on a, with its coefficient
                       * kb[l] (a constant cutoff's); `clean` as for SVF */
    PH_FUSED_MULADD,  /* d = a * ka[l] + b * kb[l]: `(x * k) + (y * k2)` in one pass (the
                       * products and the sum the two MULs and the ADD compute; a side
                       * without a MUL has k 1, exact) */
    PH_FUSED_NOP      /* nothing (a MUL folded into a MULADD) */
} ph_fused_code;

/* One micro-op. a and b name value slots, unless a_const / b_const: then the operand is the
 * per-lane constant ka[l] / kb[l]. */
typedef struct ph_fused_op {
    uint8_t code, d, a, b;
    bool a_const, b_const;
    bool settle;  /* gates: this chunk ends at a multiple of PH_CHUNK */
    bool fixed;   /* filters: cutoff and resonance never move (constants) */
    bool oneshot; /* envelopes: no gate (ar) */
    bool clean;   /* filters: a is an oscillator's output (finite and small: no scrub) */
    uint32_t own; /* oscillators: lanes taken from in2[] */
    float ka[PH_FUSED_LANES], kb[PH_FUSED_LANES];
    void *st[PH_FUSED_LANES];
    const float *in[PH_FUSED_LANES];
    const float *in2[PH_FUSED_LANES];
    float *out[PH_FUSED_LANES];
} ph_fused_op;

/* A lane program: `lanes` voices (2..PH_FUSED_LANES), ops in order, values in n_slots
 * slots. `mem` (ph_fused_prog_alloc) is its scratch: the slots' tiles and the ops'
 * running state. */
typedef struct ph_fused_prog {
    uint32_t lanes, n_ops, n_slots;
    ph_fused_op *ops;
    void *mem;
} ph_fused_prog;

/* Allocates p->mem for p->n_ops and p->n_slots [non-RT]; false when out of memory. */
bool ph_fused_prog_alloc(ph_fused_prog *p);
void ph_fused_prog_free(ph_fused_prog *p);

/* Whether fused programs run on this machine now (not when the scalar reference is forced,
 * ph_lanes_isa_force). */
bool ph_fused_usable(void);
/* [RT] Renders n samples (1..PH_FUSED_MAX_N) from absolute sample t0. */
void ph_fused_run(ph_fused_prog *p, uint32_t n, uint64_t t0);

/* Work along time: straight loops over sample-major buffers (out may be a or b). */
typedef enum ph_fused_sm_code {
    PH_FUSED_SM_ADD, /* out = a + b */
    PH_FUSED_SM_SUB, /* out = a - b */
    PH_FUSED_SM_MUL, /* out = a * b */
    PH_FUSED_SM_DIV, /* out = |b| > 1e-12 ? a / b : 0 */
    PH_FUSED_SM_COPY, /* out = a */
    PH_FUSED_SM_DELAY, /* ph_delay_process(line, out, a, time, fb, mix) */
    PH_FUSED_SM_DELAY_STEADY /* the same with time, fb and mix constant (`steady`, worked
                              * out by ph_delay_steady_for for blocks of PH_FUSED_MAX_N) */
} ph_fused_sm_code;

typedef struct ph_fused_sm {
    ph_fused_sm_code code;
    float *out;
    const float *a, *b;
    ph_delay *line;
    const float *time, *fb, *mix;
    ph_delay_steady steady;
    bool clean; /* DELAY_STEADY: a is known finite and small (a feedback tap's ring), so the
                 * kernel's scrub of it would change no bit and is left out */
    bool minus; /* DELAY_STEADY: out = the delay's output minus a (what `(x # delay ...) - x`
                 * computes: the echoes alone), the delay's own output not written */
    float in_limit; /* DELAY_STEADY with clean and minus, > 0: a is a feedback tap's source
                     * buffer, read as the tap carries it (NaN to 0, clamped to +-in_limit;
                     * on values from the tap's ring, where they already are, it changes
                     * nothing) */
} ph_fused_sm;

/* [RT] Runs ops[0 .. n_ops) in order over n samples from absolute sample t0. */
void ph_fused_sm_run(const ph_fused_sm *ops, uint32_t n_ops, uint32_t n, uint64_t t0);

/* The kernels of one instruction set (internal to dsp/: ph_fused.c dispatches). */
typedef struct ph_fused_kernels {
    void (*run)(ph_fused_prog *p, uint32_t n, uint64_t t0);
    void (*sm_run)(const ph_fused_sm *ops, uint32_t n_ops, uint32_t n, uint64_t t0);
} ph_fused_kernels;
extern const ph_fused_kernels ph_fused_kernels_sse2;
extern const ph_fused_kernels ph_fused_kernels_avx2;
/* Bytes of running state of one op (internal: ph_fused.c sizes mem with it). */
#define PH_FUSED_OP_STATE 1024

#endif
