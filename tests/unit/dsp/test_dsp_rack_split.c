/* Block-split invariance of the rack's kernels (sources and filters): one call, or calls of
 * 1, 7, 64, 512 and irregular lengths, give the same bits, with every parameter modulated
 * per sample (and stepped, where a step is what the kernel must smooth). */
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_blit.h"
#include "dsp/ph_comb.h"
#include "dsp/ph_fm.h"
#include "dsp/ph_rbj.h"
#include "test_dsp_split.h"

#define L 4096
#define T0 5 /* not a quantum multiple: the first call starts mid-quantum */
#define P(x) (x + off)

static float s_in[L], s_freq[L], s_mod[L], s_index[L], s_q[L], s_gain[L], s_knob[L], s_fb[L], s_eqf[L];

/* Each signal: a base, a sine's depth and rate (radians a sample), a step late in the run
 * (what the kernels must glide over), and some noise. */
static void make_signals(void)
{
    static const struct {
        float *buf;
        float base, depth, w, step, noise;
    } sig[] = {
        {s_in, 0, 0.6f, 0.031f, 0, 0.3f},         {s_freq, 300, 200, 0.002f, 700, 0}, {s_mod, 150, 100, 0.004f, 0, 0},
        {s_index, 2, 1.5f, 0.003f, 0, 0},         {s_q, 2, 1.5f, 0.005f, 0, 0},       {s_gain, 0, 8, 0.0013f, 0, 0},
        {s_knob, 0.5f, 0.49f, 0.0021f, 0, 0},     {s_fb, 0.8f, 0.15f, 0.0017f, 0, 0}, {s_eqf, 1500, 1000, 0.0019f, 0, 0},
    };
    ph_rng g;
    ph_rng_seed(&g, 7);
    for (size_t k = 0; k < sizeof sig / sizeof sig[0]; k++)
        for (uint32_t i = 0; i < L; i++)
            sig[k].buf[i] = sig[k].base + sig[k].depth * sinf(i * sig[k].w) + (i > L / 2 ? sig[k].step : 0) +
                            sig[k].noise * ph_rng_bipolar(&g);
}

static void nothing(void) {}

static ph_fm fmo;
static void fm_init(void) { ph_fm_init(&fmo, 48000); }
static void run_fm(float *o, uint32_t off, uint32_t n) { ph_fm_process(&fmo, P(o), P(s_freq), P(s_mod), P(s_index), n, T0 + off); }
static void run_pm(float *o, uint32_t off, uint32_t n) { ph_pm_process(&fmo, P(o), P(s_freq), P(s_in), P(s_index), n, T0 + off); }

static ph_blit bl;
static void bl_init(void) { ph_blit_init(&bl, 48000); }
static void run_imp(float *o, uint32_t off, uint32_t n) { ph_impulse_process(&bl, P(o), P(s_freq), n, T0 + off); }
static void run_blip(float *o, uint32_t off, uint32_t n) { ph_blip_process(&bl, P(o), P(s_freq), n, T0 + off); }

static ph_rbj rbj;
static ph_rbj_mode rbj_mode;
static void rbj_init(void) { ph_rbj_init(&rbj, 48000, rbj_mode, 0.1f, 100.0f); }
static void run_rbj(float *o, uint32_t off, uint32_t n)
{
    ph_rbj_process(&rbj, P(o), P(s_in), P(s_eqf), P(s_q), P(s_gain), n, T0 + off);
}

static ph_djf djf;
static void djf_init(void) { ph_djf_init(&djf, 48000); }
static void run_djf(float *o, uint32_t off, uint32_t n) { ph_djf_process(&djf, P(o), P(s_in), P(s_knob), n, T0 + off); }

static ph_comb comb;
static void comb_init(void) { ph_comb_create(&comb, 48000); }
static void comb_done(void) { ph_comb_destroy(&comb); }
static void run_comb(float *o, uint32_t off, uint32_t n) { ph_comb_process(&comb, P(o), P(s_in), P(s_freq), P(s_fb), n, T0 + off); }

static ph_allpass1 ap;
static void ap_init(void) { ph_allpass1_init(&ap); }
static void run_ap(float *o, uint32_t off, uint32_t n) { ph_allpass1_process(&ap, P(o), P(s_in), P(s_knob), n, T0 + off); }

Test(dsp_rack_split, sources_and_filters_are_block_split_invariant)
{
    make_signals();
    const td_kernel kernels[] = {
        {"fm", fm_init, run_fm, nothing},         {"pm", fm_init, run_pm, nothing},
        {"impulse", bl_init, run_imp, nothing},   {"blip", bl_init, run_blip, nothing},
        {"djf", djf_init, run_djf, nothing},      {"comb", comb_init, run_comb, comb_done},
        {"allpass", ap_init, run_ap, nothing},
    };
    for (size_t k = 0; k < sizeof kernels / sizeof kernels[0]; k++) td_check_split(&kernels[k], L);
    for (int m = PH_RBJ_LP; m <= PH_RBJ_HIGHSHELF; m++) {
        rbj_mode = (ph_rbj_mode)m;
        td_check_split(&(td_kernel){"rbj", rbj_init, run_rbj, nothing}, L);
    }
}
