/* The rack's kernels (issue 14): bit-identical output for any block split with every
 * parameter modulated per sample, and finite output whatever the arguments (NaN, infinities,
 * huge and tiny values, on the input and on every parameter). */
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_convolve.h"
#include "dsp/ph_ctl.h"
#include "dsp/ph_dyn.h"
#include "dsp/ph_echo.h"
#include "dsp/ph_fx.h"
#include "dsp/ph_mod.h"
#include "dsp/ph_plate.h"
#include "dsp/ph_vocoder.h"
#include "test_dsp_split.h"

#define L 6000
#define NP 8
#define T0 7 /* not a quantum multiple */

static float sig_in[L], sig_key[L], sig_p[NP][L];
static float scratch[L];
static uint32_t g_off; /* where the current call starts in the stream (for the key signal) */

/* One kernel behind a uniform face: parameters p[0..np) (ranges lo..hi for the split test). */
typedef struct rack_kernel {
    const char *name;
    void (*init)(void);
    void (*run)(float *out, const float *in, const float *const *p, uint32_t n, uint64_t t0);
    void (*done)(void);
    int np;
    float lo[NP], hi[NP];
} rack_kernel;

static ph_lfo lfo;
static void lfo_init(void) { ph_lfo_init(&lfo, 48000); }
static void nop(void) {}
static void run_tremolo(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_tremolo_process(&lfo, o, x, p[0], p[1], n, t0);
}
static void run_ring(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_ring_process(&lfo, o, x, p[0], n, t0);
}

static ph_vibrato vib;
static void vib_init(void) { cr_assert(ph_vibrato_create(&vib, 48000) == 0); }
static void vib_done(void) { ph_vibrato_destroy(&vib); }
static void run_vib(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_vibrato_process(&vib, o, x, p[0], p[1], n, t0);
}

static ph_flanger fl;
static void fl_init(void) { cr_assert(ph_flanger_create(&fl, 48000) == 0); }
static void fl_done(void) { ph_flanger_destroy(&fl); }
static void run_fl(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_flanger_process(&fl, o, x, p[0], p[1], p[2], n, t0);
}

static ph_phaser phs;
static void phs_init(void) { ph_phaser_init(&phs, 48000, 6); }
static void run_phs(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_phaser_process(&phs, o, x, p[0], p[1], p[2], n, t0);
}

static ph_width wd;
static void wd_init(void) { ph_width_init(&wd, 48000); }
static void run_wd_mono(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_width_process(&wd, o, scratch, x, NULL, p[0], n, t0);
}
static void run_wd_st(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_width_process(&wd, scratch, o, x, sig_key + g_off, p[0], n, t0);
}

static ph_coarse crs;
static void crs_init(void) { ph_coarse_init(&crs); }
static void run_crs(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_coarse_process(&crs, o, x, p[0], n, t0);
}

static ph_pitch pit;
static void pit_init(void) { cr_assert(ph_pitch_create(&pit, 48000, 0.05) == 0); }
static void pit_done(void) { ph_pitch_destroy(&pit); }
static void run_pit(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_pitch_process(&pit, o, x, p[0], n, t0);
}

static ph_lag lag;
static void lag_init(void) { ph_lag_init(&lag, 48000); }
static void run_lag(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_lag_process(&lag, o, x, p[0], n, t0);
}

static ph_hold hold;
static void hold_init(void) { ph_hold_init(&hold); }
static void run_hold(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_hold_process(&hold, o, x, p[0], n, t0);
}

static void run_wrap(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    (void)t0;
    ph_wrap(o, x, p[0], p[1], n);
}

static ph_follow fol;
static void fol_init(void) { ph_follow_init(&fol, 48000); }
static void run_fol(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_follow_process(&fol, o, x, p[0], p[1], n, t0);
}

static ph_rms rmsk;
static void rms_init(void) { cr_assert(ph_rms_create(&rmsk, 48000) == 0); }
static void rms_done(void) { ph_rms_destroy(&rmsk); }
static void run_rms(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_rms_process(&rmsk, o, x, p[0], n, t0);
}

static ph_asr asr;
static void asr_init(void) { ph_asr_init(&asr, 48000); }
static void run_asr(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_asr_process(&asr, o, x, p[0], p[1], n, t0);
}

static ph_ramp ramp;
static void line_init(void) { ph_ramp_init(&ramp, 48000, PH_RAMP_LINE); }
static void xline_init(void) { ph_ramp_init(&ramp, 48000, PH_RAMP_XLINE); }
static void curve_init(void) { ph_ramp_init(&ramp, 48000, PH_RAMP_CURVE); }
static void run_ramp(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    (void)x;
    ph_ramp_process(&ramp, o, p[0], p[1], p[2], p[3], n, t0);
}

static ph_segments seg;
static void seg_init(void)
{
    static const float lv[] = {0, 1, 0.3f, 0.8f, 0}, tm[] = {0.01f, 0.02f, 0, 0.03f};
    ph_segments_init(&seg, 48000, lv, tm, 4);
}
static void run_seg(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    (void)x;
    (void)p;
    ph_segments_process(&seg, o, n, t0);
}

static ph_limiter lim;
static void lim_init(void) { cr_assert(ph_limiter_create(&lim, 48000, 0.003) == 0); }
static void lim_done(void) { ph_limiter_destroy(&lim); }
static void run_lim(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_limiter_process(&lim, o, scratch, x, sig_key + g_off, p[0], p[1], n, t0);
}

static ph_expander exq;
static void exu_init(void) { ph_expander_init(&exq, 48000, true); }
static void exd_init(void) { ph_expander_init(&exq, 48000, false); }
static void run_exp(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_expander_process(&exq, o, x, NULL, p[0], p[1], p[2], p[3], n, t0);
}

static ph_comp cmp;
static void cmp_init(void) { ph_comp_init(&cmp, 48000); }
static void run_cmp_key(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_comp_process_keyed(&cmp, o, x, sig_key + g_off, p[0], p[1], p[2], p[3], n, t0);
}

static ph_pingpong pp;
static void pp_init(void) { cr_assert(ph_pingpong_create(&pp, 48000) == 0); }
static void pp_done(void) { ph_pingpong_destroy(&pp); }
static void run_pp(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_pingpong_process(&pp, scratch, o, x, NULL, p[0], p[1], p[2], p[3], p[4], n, t0);
}

static ph_tapedelay tape;
static void tape_init(void) { cr_assert(ph_tapedelay_create(&tape, 48000) == 0); }
static void tape_done(void) { ph_tapedelay_destroy(&tape); }
static void run_tape(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_tapedelay_process(&tape, o, x, p, n, t0);
}

static ph_multitap mt;
static void mt_init(void) { cr_assert(ph_multitap_create(&mt, 48000, 5) == 0); }
static void mt_done(void) { ph_multitap_destroy(&mt); }
static void run_mt(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_multitap_process(&mt, o, x, p[0], p[1], p[2], n, t0);
}

static ph_plate plate;
static void plate_init(void) { cr_assert(ph_plate_create(&plate, 48000) == 0); }
static void plate_done(void) { ph_plate_destroy(&plate); }
static void run_plate(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_plate_process(&plate, scratch, o, x, p, n, t0);
}

static ph_ir ir;
static ph_conv *conv;
static void conv_init(void)
{
    float h[3000];
    ph_rng g;
    ph_rng_seed(&g, 4);
    for (int i = 0; i < 3000; i++) h[i] = ph_rng_bipolar(&g) * expf(-i / 600.0f);
    cr_assert(ph_ir_from(&ir, h, 3000, 48000) == 0);
    conv = ph_conv_create(&ir, 0);
    cr_assert(conv);
}
static void conv_done(void)
{
    ph_conv_destroy(conv);
    ph_ir_free(&ir);
}
static void run_conv(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_conv_process(conv, o, x, p[0], n, t0);
}

static ph_vocoder voc;
static void voc_init(void) { ph_vocoder_init(&voc, 48000, 12); }
static void run_voc(float *o, const float *x, const float *const *p, uint32_t n, uint64_t t0)
{
    (void)p;
    ph_vocoder_process(&voc, o, x, sig_key + g_off, n, t0);
}

static const rack_kernel kernels[] = {
    {"tremolo", lfo_init, run_tremolo, nop, 2, {0, 0}, {20, 1}},
    {"ring", lfo_init, run_ring, nop, 1, {0}, {3000}},
    {"vibrato", vib_init, run_vib, vib_done, 2, {0.5f, 0}, {12, 3}},
    {"flanger", fl_init, run_fl, fl_done, 3, {0, 0, -0.9f}, {1, 8, 0.9f}},
    {"phaser", phs_init, run_phs, nop, 3, {0, 0, 0}, {6, 1, 0.9f}},
    {"width mono", wd_init, run_wd_mono, nop, 1, {0}, {3}},
    {"width stereo", wd_init, run_wd_st, nop, 1, {0}, {3}},
    {"coarse", crs_init, run_crs, nop, 1, {1}, {9.5f}},
    {"pitch_shift", pit_init, run_pit, pit_done, 1, {-12}, {12}},
    {"lag", lag_init, run_lag, nop, 1, {0, 0}, {0.01f}},
    {"sample_hold", hold_init, run_hold, nop, 1, {-1}, {1}},
    {"wrap", nop, run_wrap, nop, 2, {-1, 0.2f}, {0, 2}},
    {"follow", fol_init, run_fol, nop, 2, {0, 0}, {0.01f, 0.05f}},
    {"rms", rms_init, run_rms, rms_done, 1, {0}, {0.02f}},
    {"asr", asr_init, run_asr, nop, 2, {0, 0}, {0.01f, 0.02f}},
    {"line", line_init, run_ramp, nop, 4, {-1, 0, 0.05f, 0}, {1, 2, 0.2f, 0}},
    {"xline", xline_init, run_ramp, nop, 4, {0.1f, 0.01f, 0.05f, 0}, {1, 2, 0.2f, 0}},
    {"curve", curve_init, run_ramp, nop, 4, {-1, 0, 0.05f, -5}, {1, 2, 0.2f, 5}},
    {"segments", seg_init, run_seg, nop, 0, {0}, {0}},
    {"limiter", lim_init, run_lim, lim_done, 2, {0.1f, 0.001f}, {0.9f, 0.1f}},
    {"expander", exu_init, run_exp, nop, 4, {-40, 1, 0, 0}, {-5, 4, 0.01f, 0.05f}},
    {"noisegate", exd_init, run_exp, nop, 4, {-40, 1, 0, 0}, {-5, 20, 0.01f, 0.05f}},
    {"compress key", cmp_init, run_cmp_key, nop, 4, {-30, 1, 0, 0}, {-5, 10, 0.01f, 0.05f}},
    {"pingpong", pp_init, run_pp, pp_done, 5, {0.01f, 0, 0, 0, 0}, {0.03f, 0.9f, 1, 1, 1}},
    {"tapedelay", tape_init, run_tape, tape_done, 8, {0.01f, 0, 0.1f, 0, 5, 0, 0, 0}, {0.03f, 0.9f, 2, 1, 10, 1, 1, 1}},
    {"multitap", mt_init, run_mt, mt_done, 3, {0.002f, 0, 0}, {0.006f, 0.9f, 1}},
    {"plate", plate_init, run_plate, plate_done, 6, {0, 0.5f, 0, 0, 0, 0}, {30, 4, 1, 1, 1, 1}},
    {"convolve", conv_init, run_conv, conv_done, 1, {0}, {1}},
    {"vocoder", voc_init, run_voc, nop, 0, {0}, {0}},
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

static void fill_params(const rack_kernel *k)
{
    for (int j = 0; j < k->np; j++)
        for (uint32_t i = 0; i < L; i++) {
            float u = 0.5f + 0.5f * sinf(i * (0.0013f + 0.0007f * j) + j);
            sig_p[j][i] = k->lo[j] + (k->hi[j] - k->lo[j]) * u;
        }
}

/* the split harness renders [off, off + n) of the stream */
static const rack_kernel *current;
static void split_run(float *out, uint32_t off, uint32_t n)
{
    const float *p[NP];
    for (int j = 0; j < NP; j++) p[j] = sig_p[j] + off;
    g_off = off;
    current->run(out + off, sig_in + off, p, n, T0 + off);
}

Test(dsp_rack, every_kernel_is_bit_identical_for_any_block_split, .timeout = 60)
{
    make_signals();
    for (size_t k = 0; k < N_KERNELS; k++) {
        current = &kernels[k];
        fill_params(current);
        td_kernel tk = {current->name, current->init, split_run, current->done};
        td_check_split(&tk, L);
    }
}

/* Extreme values on the input, the key and every parameter, constant or flipping per sample:
 * the output stays finite and the kernels keep working afterwards. */
Test(dsp_rack, no_nan_or_inf_whatever_the_arguments, .timeout = 60)
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
            current->init();
            for (uint32_t off = 0; off < L; off += 100) {
                const float *p[NP];
                for (int j = 0; j < NP; j++) p[j] = sig_p[j] + off;
                uint32_t n = L - off < 100 ? L - off : 100;
                g_off = off;
                current->run(out + off, sig_in + off, p, n, off);
            }
            current->done();
            for (uint32_t i = 0; i < L; i++)
                cr_assert(isfinite(out[i]) && fabsf(out[i]) < 1e8f, "%s, trial %u: sample %u is %g", current->name, trial, i,
                          out[i]);
        }
    }
    make_signals();
}
