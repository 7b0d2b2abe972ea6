/* The rack's kernels (issue 14): bit-identical output for any block split with every
 * parameter modulated per sample, and finite output whatever the arguments (NaN, infinities,
 * huge and tiny values, on the input and on every parameter). */
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_convolve.h"
#include "dsp/ph_ctl.h"
#include "dsp/ph_fx.h"
#include "dsp/ph_kernels.h"
#include "test_dsp_split.h"

#define L 6000
#define NP 8
#define T0 7 /* not a quantum multiple */

static float sig_in[L], sig_key[L], sig_p[NP][L];

/* The kernels of dsp/ph_kernels.h, and the ones with another face (ramps, segments, the
 * keyed compressor, convolution) behind the same one here; each with the range its
 * parameters sweep in the split test. */
typedef struct rack_kernel {
    const ph_kernel *k;
    float lo[NP], hi[NP];
} rack_kernel;

static int line_create(void *s, double rate, float f) { return (void)f, ph_ramp_init(s, rate, PH_RAMP_LINE), 0; }
static int xline_create(void *s, double rate, float f) { return (void)f, ph_ramp_init(s, rate, PH_RAMP_XLINE), 0; }
static int curve_create(void *s, double rate, float f) { return (void)f, ph_ramp_init(s, rate, PH_RAMP_CURVE), 0; }
static void ramp_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    (void)in;
    ph_ramp_process(s, o[0], p[0], p[1], p[2], p[3], n, t0);
}
static const ph_kernel k_line = {"line", sizeof(ph_ramp), 4, PH_KERNEL_PER_CHANNEL, 0, -1, 0, line_create, NULL, ramp_run};
static const ph_kernel k_xline = {"xline", sizeof(ph_ramp), 4, PH_KERNEL_PER_CHANNEL, 0, -1, 0, xline_create, NULL,
                                  ramp_run};
static const ph_kernel k_curve = {"curve", sizeof(ph_ramp), 4, PH_KERNEL_PER_CHANNEL, 0, -1, 0, curve_create, NULL,
                                  ramp_run};

static int seg_create(void *s, double rate, float f)
{
    static const float lv[] = {0, 1, 0.3f, 0.8f, 0}, tm[] = {0.01f, 0.02f, 0, 0.03f};
    (void)f;
    ph_segments_init(s, rate, lv, tm, 4);
    return 0;
}
static void seg_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    (void)in, (void)p;
    ph_segments_process(s, o[0], n, t0);
}
static const ph_kernel k_segments = {"segments", sizeof(ph_segments), 0, PH_KERNEL_PER_CHANNEL, 0, -1, 0, seg_create,
                                     NULL, seg_run};

/* the keyed compressor: in[1] is the key */
static int comp_create(void *s, double rate, float f) { return (void)f, ph_comp_init(s, rate), 0; }
static void comp_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_comp_process_keyed(s, o[0], in[0], in[1], p[0], p[1], p[2], p[3], n, t0);
}
static const ph_kernel k_comp = {"compress key", sizeof(ph_comp), 4, PH_KERNEL_STEREO, 1, -1, 0, comp_create, NULL,
                                 comp_run};

/* convolution with a 3000-tap response (head and short partitions) */
typedef struct conv_k {
    ph_ir ir;
    ph_conv *c;
} conv_k;
static int conv_create(void *st, double rate, float f)
{
    conv_k *s = st;
    float h[3000];
    ph_rng g;
    ph_rng_seed(&g, 4);
    (void)f;
    for (int i = 0; i < 3000; i++) h[i] = ph_rng_bipolar(&g) * expf(-i / 600.0f);
    if (ph_ir_from(&s->ir, h, 3000, rate) != 0) return -1;
    s->c = ph_conv_create(&s->ir, 0);
    return s->c ? 0 : -1;
}
static void conv_free(void *st)
{
    conv_k *s = st;
    ph_conv_destroy(s->c);
    ph_ir_free(&s->ir);
}
static void conv_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_conv_process(((conv_k *)s)->c, o[0], in[0], p[0], n, t0);
}
static const ph_kernel k_conv = {"convolve", sizeof(conv_k), 1, PH_KERNEL_PER_CHANNEL, 0, -1, 0, conv_create, conv_free,
                                 conv_run};

static const rack_kernel kernels[] = {
    {&ph_kernel_tremolo, {0, 0}, {20, 1}},
    {&ph_kernel_vibrato, {0.5f, 0}, {12, 3}},
    {&ph_kernel_ring, {0}, {3000}},
    {&ph_kernel_ring_mod, {-1}, {1}},
    {&ph_kernel_flanger, {0, 0, -0.9f}, {1, 8, 0.9f}},
    {&ph_kernel_phaser, {0, 0, 0, 6}, {6, 1, 0.9f, 6}},
    {&ph_kernel_width, {0}, {3}},
    {&ph_kernel_coarse, {1}, {9.5f}},
    {&ph_kernel_pitch_shift, {-12}, {12}},
    {&ph_kernel_lag, {0}, {0.01f}},
    {&ph_kernel_onepole, {0}, {20000}},
    {&ph_kernel_sample_hold, {-1}, {1}},
    {&ph_kernel_wrap, {-1, 0.2f}, {0, 2}},
    {&ph_kernel_follow, {0, 0}, {0.01f, 0.05f}},
    {&ph_kernel_rms, {0}, {0.02f}},
    {&ph_kernel_amp_follower, {0, 0, 0}, {0.01f, 0.05f, 0.02f}},
    {&ph_kernel_asr, {0, 0, 0.5f}, {0.01f, 0.02f, 1}},
    {&ph_kernel_limiter, {0.1f, 0.003f, 0.001f}, {0.9f, 0.003f, 0.1f}},
    {&ph_kernel_expander, {-40, 1, 0, 0}, {-5, 4, 0.01f, 0.05f}},
    {&ph_kernel_noisegate, {-40, 1, 0, 0}, {-5, 20, 0.01f, 0.05f}},
    {&ph_kernel_pingpong, {0.01f, 0, 0, 0, 0}, {0.03f, 0.9f, 1, 1, 1}},
    {&ph_kernel_tapedelay, {0.01f, 0, 0.1f, 0, 5, 0, 0, 0}, {0.03f, 0.9f, 2, 1, 10, 1, 1, 1}},
    {&ph_kernel_multitap, {0.002f, 5, 0, 0}, {0.006f, 5, 0.9f, 1}},
    {&ph_kernel_plate, {0, 0.5f, 0, 0, 0, 0}, {30, 4, 1, 1, 1, 1}},
    {&ph_kernel_vocoder, {-0.5f, 12}, {0.5f, 12}},
    {&ph_kernel_overdrive, {1, 0}, {40, 1}},
    {&ph_kernel_latch, {-1}, {1}},
    {&ph_kernel_schmidt, {0.1f, -0.6f}, {0.6f, 0.0f}},
    {&ph_kernel_timer, {0}, {0}},
    {&ph_kernel_diffuser, {0}, {1}},
    {&ph_kernel_freeze, {0}, {1}},
    {&k_line, {-1, 0, 0.05f, 0}, {1, 2, 0.2f, 0}},
    {&k_xline, {0.1f, 0.01f, 0.05f, 0}, {1, 2, 0.2f, 0}},
    {&k_curve, {-1, 0, 0.05f, -5}, {1, 2, 0.2f, 5}},
    {&k_segments, {0}, {0}},
    {&k_comp, {-30, 1, 0, 0}, {-5, 10, 0.01f, 0.05f}},
    {&k_conv, {0}, {1}},
};
#define N_KERNELS (sizeof kernels / sizeof kernels[0])

static void make_signals(void)
{
    ph_rng g;
    ph_rng_seed(&g, 77);
    for (uint32_t i = 0; i < L; i++) {
        sig_in[i] = 0.7f * sinf(i * 0.031f) + 0.3f * ph_rng_bipolar(&g) + (i % 997 == 5 ? 0.9f : 0.0f);
        sig_key[i] = 0.8f * sinf(i * 0.0071f) * sinf(i * 0.05f);
    }
}

static void fill_params(const rack_kernel *r)
{
    for (uint32_t j = 0; j < r->k->n_params; j++)
        for (uint32_t i = 0; i < L; i++) {
            float u = 0.5f + 0.5f * sinf(i * (0.0013f + 0.0007f * j) + j);
            sig_p[j][i] = r->lo[j] + (r->hi[j] - r->lo[j]) * u;
        }
}

/* The kernel under test: a state (and the fixed parameter from its first value), then
 * [off, off + n) of the stream: the input on the left, the key (or the right side, or the
 * carrier) on the right. The output checked is the last channel written. */
static const rack_kernel *current;
static bool mono_in; /* a stereo kernel with one input channel */
static void *state;
static float out_l[L], out_r[L];

static void k_init(void)
{
    const ph_kernel *k = current->k;
    state = calloc(1, k->size ? k->size : 1);
    float fixed = k->fixed_param >= 0 ? sig_p[k->fixed_param][0] : 0;
    cr_assert(!k->create || k->create(state, 48000, fixed) == 0, "%s", k->name);
}

static void k_done(void)
{
    if (current->k->destroy) current->k->destroy(state);
    free(state);
}

static void k_run_into(float *out, uint32_t off, uint32_t n)
{
    const ph_kernel *k = current->k;
    const float *p[NP];
    for (int j = 0; j < NP; j++) p[j] = sig_p[j] + off;
    if (!strcmp(k->name, "vocoder")) p[0] = sig_key + off; /* the carrier */
    float *o[2] = {out_l + off, out_r + off};
    const float *in[2] = {sig_in + off, mono_in ? NULL : sig_key + off};
    k->process(state, o, in, p, n, T0 + off);
    bool two = k->layout == PH_KERNEL_STEREO && k->out_channels != 1;
    memcpy(out + off, two ? out_r + off : out_l + off, n * sizeof(float));
}

Test(dsp_fx_rack, every_kernel_is_bit_identical_for_any_block_split, .timeout = 60)
{
    make_signals();
    cr_assert_eq(ph_kernel_count, 31, "a kernel added to ph_kernels.h: add it here");
    for (size_t k = 0; k < N_KERNELS; k++) {
        current = &kernels[k];
        fill_params(current);
        td_kernel tk = {current->k->name, k_init, k_run_into, k_done};
        for (int m = 0; m < (current->k->layout == PH_KERNEL_STEREO && current->k != &k_comp ? 2 : 1); m++) {
            mono_in = m == 1;
            td_check_split(&tk, L);
        }
    }
    mono_in = false;
}

/* Extreme values on the input, the key and every parameter, constant or flipping per sample:
 * the output stays finite and the kernels keep working afterwards. */
Test(dsp_fx_rack, no_nan_or_inf_whatever_the_arguments, .timeout = 60)
{
    static const float extremes[] = {NAN, INFINITY, -INFINITY, 1e30f, -1e30f, 0.0f, 1e-30f, -1e-38f, 1e6f, -7.0f};
    const uint32_t n_ext = sizeof extremes / sizeof extremes[0];
    static float out[L];
    for (size_t k = 0; k < N_KERNELS; k++) {
        current = &kernels[k];
        for (uint32_t trial = 0; trial < n_ext + 2; trial++) {
            for (uint32_t i = 0; i < L; i++) {
                float e = trial < n_ext ? extremes[trial] : extremes[(i * 7 + trial) % n_ext];
                sig_in[i] = i < L / 2 ? e : 0.5f * sinf(i * 0.05f); /* extreme, then an ordinary signal */
                sig_key[i] = e;
                for (int j = 0; j < NP; j++) sig_p[j][i] = trial == n_ext + 1 ? extremes[(i + j) % n_ext] : e;
            }
            k_init();
            for (uint32_t off = 0; off < L; off += 100) k_run_into(out, off, L - off < 100 ? L - off : 100);
            k_done();
            for (uint32_t i = 0; i < L; i++)
                cr_assert(isfinite(out[i]) && isfinite(out_l[i]) && fabsf(out[i]) < 1e8f, "%s, trial %u: sample %u is %g",
                          current->k->name, trial, i, out[i]);
        }
    }
    make_signals();
}
