/* Fused lane programs (dsp/ph_fused.h) against the scalar kernels, lane by lane and bit for
 * bit, for every instruction set this CPU has: a saw into a low-pass whose cutoff moves every
 * quantum, times a constant (a lane whose frequency steps inside a block taken from the
 * scalar kernel, as the fuser does); an adsr between events (lanes with an event in a block
 * from the scalar kernel); and the steady delay read along time, with the subtraction of its
 * input. Blocks split irregularly (1, 7, 64, 128, 3 ...), so that tiles start off the quanta. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "dsp/ph_env.h"
#include "dsp/ph_fused.h"
#include "dsp/ph_lanes.h"

#define LN 13 /* lanes: two vectors, the second partly padding */
#define FRAMES 3000
#define RATE 48000.0

static const uint32_t splits[] = {1, 7, 64, 128, 3, 100, 128, 16, 5, 128, 33};

/* The length of the block at frame `at`, the s-th: the irregular splits, cut at the end. */
static uint32_t block_at(uint32_t at, uint32_t s)
{
    uint32_t n = splits[s % (sizeof splits / sizeof *splits)];
    return n < FRAMES - at ? n : FRAMES - at;
}

static float lane_freq(uint32_t l, uint32_t i)
{
    if (l == 5 && i >= 1000) return 330.0f; /* steps inside a block */
    return 55.0f * (float)(l + 1) + (l == 3 ? 9000.0f : 0.0f);
}

/* saw -> lpf (cutoff moving each quantum, per lane) -> * k, per lane: fused or scalar. */
static void render_chain(bool fused, float out[LN][FRAMES])
{
    static float freq[LN][FRAMES], cut[LN][FRAMES], res[LN][FRAMES], tmp[LN][FRAMES];
    ph_osc osc[LN];
    ph_svf svf[LN];
    for (uint32_t l = 0; l < LN; l++) {
        for (uint32_t i = 0; i < FRAMES; i++) {
            freq[l][i] = lane_freq(l, i);
            cut[l][i] = 300.0f + 40.0f * (float)l + (float)((i / 16) % 30) * 70.0f;
            res[l][i] = 0.1f + 0.05f * (float)l;
        }
        ph_osc_init(&osc[l], RATE, 0.07 * l);
        ph_svf_init(&svf[l], RATE, PH_SVF_LP);
    }
    ph_fused_op ops[4];
    memset(ops, 0, sizeof ops);
    ops[0].code = PH_FUSED_SAW, ops[0].d = 0;
    ops[1].code = PH_FUSED_SVF, ops[1].a = 0, ops[1].d = 1;
    ops[2].code = PH_FUSED_MUL, ops[2].a = 1, ops[2].b_const = true, ops[2].d = 0;
    ops[3].code = PH_FUSED_OUT, ops[3].a = 0;
    ph_fused_prog p = {.lanes = LN, .n_ops = 4, .n_slots = 2, .ops = ops};
    cr_assert(ph_fused_prog_alloc(&p));
    for (uint32_t at = 0, s = 0, n; at < FRAMES; at += n, s++) {
        n = block_at(at, s);
        for (uint32_t l = 0; l < LN; l++) {
            const float k = 0.25f + 0.01f * (float)l;
            if (!fused) {
                ph_osc_saw(&osc[l], tmp[l] + at, freq[l] + at, n, at);
                ph_svf_process(&svf[l], tmp[l] + at, tmp[l] + at, cut[l] + at, res[l] + at, n, at);
                for (uint32_t i = 0; i < n; i++) out[l][at + i] = tmp[l][at + i] * k;
                continue;
            }
            ops[0].st[l] = &osc[l], ops[0].in[l] = freq[l] + at, ops[0].in2[l] = tmp[l] + at;
            ops[1].st[l] = &svf[l], ops[1].in[l] = cut[l] + at, ops[1].in2[l] = res[l] + at;
            ops[2].kb[l] = k;
            ops[3].out[l] = out[l] + at;
        }
        if (fused) {
            /* the fuser's part: a lane whose frequency moves is the scalar kernel's */
            ops[0].own = 0;
            for (uint32_t l = 0; l < LN; l++)
                if (!ph_dsp_steady(freq[l] + at, n)) {
                    ops[0].own |= 1u << l;
                    ph_osc_saw(&osc[l], tmp[l] + at, freq[l] + at, n, at);
                }
            ph_fused_run(&p, n, at);
        }
    }
    ph_fused_prog_free(&p);
}

/* Gate and trigger lines of lane l: notes of different lengths, some crossing blocks. */
static void env_lines(uint32_t l, float *gate, float *trig)
{
    for (uint32_t i = 0; i < FRAMES; i++) {
        uint32_t period = 700 + 90 * l, len = 250 + 40 * l, ph = (i + 37 * l) % period;
        gate[i] = ph < len ? 1.0f : 0.0f;
        trig[i] = ph == 0 ? 1.0f : 0.0f;
    }
}

/* x (a sine per lane) times an adsr: fused between events, or scalar. */
static void render_env(bool fused, float out[LN][FRAMES])
{
    static float x[LN][FRAMES], gate[LN][FRAMES], trig[LN][FRAMES], buf[LN][FRAMES];
    static float att[FRAMES], dec[FRAMES], sus[FRAMES], rel[FRAMES];
    ph_env env[LN];
    for (uint32_t i = 0; i < FRAMES; i++) att[i] = 0.002f, dec[i] = 0.01f, sus[i] = 0.4f, rel[i] = 0.008f;
    for (uint32_t l = 0; l < LN; l++) {
        env_lines(l, gate[l], trig[l]);
        for (uint32_t i = 0; i < FRAMES; i++) x[l][i] = sinf(0.01f * (float)(i * (l + 1)));
        ph_env_init(&env[l], RATE);
    }
    ph_fused_op ops[3];
    memset(ops, 0, sizeof ops);
    ops[0].code = PH_FUSED_IN, ops[0].d = 0;
    ops[1].code = PH_FUSED_ENV, ops[1].a = 0, ops[1].d = 0;
    ops[2].code = PH_FUSED_OUT, ops[2].a = 0;
    ph_fused_prog p = {.lanes = LN, .n_ops = 3, .n_slots = 1, .ops = ops};
    cr_assert(ph_fused_prog_alloc(&p));
    for (uint32_t at = 0, s = 0, n; at < FRAMES; at += n, s++) {
        n = block_at(at, s);
        ops[1].own = 0;
        for (uint32_t l = 0; l < LN; l++) {
            /* the fuser's part: a lane with an event in the block is the scalar kernel's */
            bool event = !fused || !env[l].have_params;
            for (uint32_t i = 0; i < n; i++)
                event |= trig[l][at + i] > 0.5f || (gate[l][at + i] > 0.5f) != env[l].gate_was_high;
            event |= !env[l].gate_was_high && env[l].stage != PH_ENV_IDLE && env[l].stage != PH_ENV_RELEASE;
            if (event) {
                ph_adsr_process(&env[l], buf[l] + at, trig[l] + at, gate[l] + at, att, dec, sus, rel, n, at);
                ops[1].own |= 1u << l;
            }
            if (!fused)
                for (uint32_t i = 0; i < n; i++) out[l][at + i] = x[l][at + i] * buf[l][at + i];
            ops[0].in[l] = x[l] + at;
            ops[1].st[l] = &env[l], ops[1].in2[l] = buf[l] + at;
            ops[2].out[l] = out[l] + at;
        }
        if (fused) ph_fused_run(&p, n, at);
    }
    ph_fused_prog_free(&p);
}

/* A delay with constant time, feedback and mix along time, then minus its input: the steady
 * op with `minus`, or ph_delay_process and a subtraction; Hermite or linear reads. */
static bool delay_linear;
static void render_delay(bool fused, float out[LN][FRAMES])
{
    static float in[LN][FRAMES], tmp[FRAMES];
    static float t[FRAMES], fb[FRAMES], mx[FRAMES];
    ph_delay line[LN];
    for (uint32_t l = 0; l < LN; l++) {
        for (uint32_t i = 0; i < FRAMES; i++) in[l][i] = (i % (50 + l)) < 3 ? 1.0f : 0.0f;
        cr_assert_eq(ph_delay_create(&line[l], RATE, 0.02), 0);
        line[l].linear = delay_linear;
    }
    for (uint32_t at = 0, s = 0, n; at < FRAMES; at += n, s++) {
        n = block_at(at, s);
        for (uint32_t l = 0; l < LN; l++) {
            /* lane 0 a whole number of samples back (250: the plain copy), the others between */
            float secs = l ? 0.004f + 0.0007f * (float)l : 0.0052083333f, f = 0.3f, m = 0.8f;
            for (uint32_t i = 0; i < n; i++) t[i] = secs, fb[i] = f, mx[i] = m;
            if (!fused) {
                ph_delay_process(&line[l], tmp, in[l] + at, t, fb, mx, n, at);
                for (uint32_t i = 0; i < n; i++) out[l][at + i] = tmp[i] - in[l][at + i];
                continue;
            }
            ph_fused_sm op = {.code = PH_FUSED_SM_DELAY_STEADY, .out = out[l] + at, .a = in[l] + at,
                              .line = &line[l], .minus = true};
            cr_assert(ph_delay_steady_for(&line[l], secs, f, m, PH_FUSED_MAX_N, &op.steady));
            ph_fused_sm_run(&op, 1, n, at);
        }
    }
    for (uint32_t l = 0; l < LN; l++) ph_delay_destroy(&line[l]);
}

typedef void (*renderer)(bool fused, float out[LN][FRAMES]);

static void check(renderer r, const char *name)
{
    static float ref[LN][FRAMES], got[LN][FRAMES];
    const ph_lanes_isa isas[] = {PH_LANES_SSE2, PH_LANES_AVX2};
    int tried = 0;
    for (int a = 0; a < 2; a++) {
        if (!ph_lanes_isa_force(isas[a])) continue;
        tried++;
        cr_assert(ph_fused_usable());
        r(false, ref);
        r(true, got);
        double level = 0;
        for (uint32_t l = 0; l < LN; l++) {
            for (uint32_t i = 0; i < FRAMES; i++) level += fabs(ref[l][i]);
            cr_assert(!memcmp(got[l], ref[l], sizeof got[l]), "%s, %s, lane %u: not the scalar kernels' bits", name,
                      ph_lanes_isa_name(isas[a]), l);
        }
        cr_assert_gt(level, 1.0, "%s: the reference is silent", name);
    }
    cr_assert_gt(tried, 0);
    cr_assert(ph_lanes_isa_force(PH_LANES_SCALAR));
    cr_assert(!ph_fused_usable(), "the scalar reference leaves fused programs to their nodes");
    ph_lanes_isa_force(PH_LANES_SSE2);
}

Test(dsp_fused, oscillator_filter_gain_match_the_scalar_kernels) { check(render_chain, "saw -> lpf -> * k"); }
Test(dsp_fused, envelopes_between_events_match_the_scalar_kernel) { check(render_env, "adsr"); }
Test(dsp_fused, steady_delay_minus_its_input_matches_the_kernel)
{
    delay_linear = false;
    check(render_delay, "delay - in");
    delay_linear = true;
    check(render_delay, "delayl - in");
}
