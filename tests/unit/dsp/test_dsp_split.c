/* Block-split invariance: every kernel gives bit-identical output whether the stream is
 * rendered in one call or in calls of 1, 7, 64 or irregular lengths, with every
 * parameter modulated per sample. */
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_delay.h"
#include "dsp/ph_env.h"
#include "dsp/ph_filter.h"
#include "dsp/ph_fx.h"
#include "dsp/ph_osc.h"
#include "dsp/ph_reverb.h"
#include "test_dsp_split.h"

#define L 2048
#define T0 5 /* not a quantum multiple: the first call starts mid-quantum */

static float sig_in[L], sig_freq[L], sig_cut[L], sig_res[L], sig_pw[L], sig_trig[L],
    sig_gate[L], sig_a[L], sig_d[L], sig_s[L], sig_r[L], sig_time[L], sig_fb[L], sig_mix[L],
    sig_room[L], sig_bits[L], sig_rate[L], sig_thr[L], sig_ratio[L], sig_drive[L];

static void make_signals(void)
{
    ph_rng g;
    ph_rng_seed(&g, 99);
    for (uint32_t i = 0; i < L; i++) {
        float u = ph_rng_bipolar(&g);
        sig_in[i] = 0.7f * sinf(i * 0.05f) + 0.2f * u;
        sig_freq[i] = 200.0f + 150.0f * sinf(i * 0.003f) + (i > 1000 ? 900 : 0);
        sig_cut[i] = 800.0f + 700.0f * sinf(i * 0.011f);
        sig_res[i] = 0.5f + 0.45f * sinf(i * 0.007f);
        sig_pw[i] = 0.5f + 0.4f * sinf(i * 0.002f);
        sig_trig[i] = (i % 301 == 17) ? 1.0f : 0.0f;
        sig_gate[i] = (i % 301) >= 17 && (i % 301) < 200 ? 1.0f : 0.0f;
        sig_a[i] = 0.0005f + 0.0004f * sinf(i * 0.01f);
        sig_d[i] = 0.001f;
        sig_s[i] = 0.6f + 0.3f * sinf(i * 0.02f);
        sig_r[i] = 0.002f + 0.001f * sinf(i * 0.013f);
        sig_time[i] = 0.004f + 0.002f * sinf(i * 0.004f);
        sig_fb[i] = 0.5f + 0.3f * sinf(i * 0.001f);
        sig_mix[i] = 0.5f + 0.2f * sinf(i * 0.017f);
        sig_room[i] = 0.5f + 0.4f * sinf(i * 0.009f);
        sig_bits[i] = 6.0f + 4.0f * sinf(i * 0.01f);
        sig_rate[i] = 2.5f + 1.5f * sinf(i * 0.005f);
        sig_thr[i] = -20.0f + 10.0f * sinf(i * 0.006f);
        sig_ratio[i] = 4.0f + 2.0f * sinf(i * 0.008f);
        sig_drive[i] = 0.5f + 0.5f * sinf(i * 0.012f);
    }
}

/* Each kernel: set up state (init), render [off, off+n) of the stream into out (+off). */
#define P(x) (x + off)

static ph_osc osc;
static void osc_init(void) { ph_osc_init(&osc, 48000, 0.1); }
static void run_sine(float *o, uint32_t off, uint32_t n) { ph_osc_sine(&osc, P(o), P(sig_freq), n, T0 + off); }
static void run_saw(float *o, uint32_t off, uint32_t n) { ph_osc_saw(&osc, P(o), P(sig_freq), n, T0 + off); }
static void run_sq(float *o, uint32_t off, uint32_t n) { ph_osc_square(&osc, P(o), P(sig_freq), P(sig_pw), n, T0 + off); }
static void run_tri(float *o, uint32_t off, uint32_t n) { ph_osc_tri(&osc, P(o), P(sig_freq), n, T0 + off); }

static ph_noise noise;
static ph_noise_color noise_color;
static void noise_init(void) { ph_noise_init(&noise, noise_color, 5); }
static void run_noise(float *o, uint32_t off, uint32_t n) { ph_noise_process(&noise, P(o), P(sig_mix), n, T0 + off); }

static ph_svf svf;
static ph_svf_mode svf_mode;
static void svf_init(void) { ph_svf_init(&svf, 48000, svf_mode); }
static void run_svf(float *o, uint32_t off, uint32_t n) { ph_svf_process(&svf, P(o), P(sig_in), P(sig_cut), P(sig_res), n, T0 + off); }

static ph_ladder lad;
static void lad_init(void) { ph_ladder_init(&lad, 48000); }
static void run_lad(float *o, uint32_t off, uint32_t n) { ph_ladder_process(&lad, P(o), P(sig_in), P(sig_cut), P(sig_res), n, T0 + off); }

static ph_env env;
static void env_init(void) { ph_env_init(&env, 48000); }
static void run_adsr(float *o, uint32_t off, uint32_t n)
{
    ph_adsr_process(&env, P(o), P(sig_trig), P(sig_gate), P(sig_a), P(sig_d), P(sig_s), P(sig_r), n, T0 + off);
}
static void run_ar(float *o, uint32_t off, uint32_t n)
{
    ph_ar_process(&env, P(o), P(sig_trig), NULL, P(sig_a), P(sig_r), n, T0 + off);
}

static ph_gate_track gt;
static float gt_gate[L];
static void gt_init(void) { ph_gate_init(&gt); }
static void run_gates(float *o, uint32_t off, uint32_t n)
{
    /* events every 100 samples with 150-sample gates, given to the block they fall in */
    ph_gate_event ev[L / 100 + 1] = {{0, 0}};
    uint32_t k = 0;
    for (uint32_t i = off; i < off + n; i++)
        if (i % 100 == 3) ev[k++] = (ph_gate_event){i - off, 150};
    ph_gate_render(&gt, P(o), P(gt_gate), ev, k, n, T0 + off);
    for (uint32_t i = off; i < off + n; i++) o[i] += 2 * gt_gate[i];
}

static ph_delay dl;
static void dl_init(void) { ph_delay_create(&dl, 48000, 0.01); }
static void dl_done(void) { ph_delay_destroy(&dl); }
static void run_delay(float *o, uint32_t off, uint32_t n) { ph_delay_process(&dl, P(o), P(sig_in), P(sig_time), P(sig_fb), P(sig_mix), n, T0 + off); }

static ph_reverb *rv;
static float rv_r[L];
static void rv_init(void) { rv = ph_reverb_create(48000); }
static void rv_done(void) { ph_reverb_destroy(rv); }
static void run_reverb(float *o, uint32_t off, uint32_t n)
{
    ph_reverb_process(rv, P(o), P(rv_r), P(sig_in), P(sig_room), P(sig_res), P(sig_mix), n, T0 + off);
    for (uint32_t i = off; i < off + n; i++) o[i] += 3 * rv_r[i];
}

static ph_bitcrush bc;
static void bc_init(void) { ph_bitcrush_init(&bc); }
static void run_bc(float *o, uint32_t off, uint32_t n) { ph_bitcrush_process(&bc, P(o), P(sig_in), P(sig_bits), P(sig_rate), n, T0 + off); }

static ph_chorus ch;
static void ch_init(void) { ph_chorus_create(&ch, 48000); }
static void ch_done(void) { ph_chorus_destroy(&ch); }
static void run_ch(float *o, uint32_t off, uint32_t n) { ph_chorus_process(&ch, P(o), P(sig_in), P(sig_rate), P(sig_res), P(sig_mix), n, T0 + off); }

static ph_comp cp;
static void cp_init(void) { ph_comp_init(&cp, 48000); }
static void run_cp(float *o, uint32_t off, uint32_t n) { ph_comp_process(&cp, P(o), P(sig_in), P(sig_thr), P(sig_ratio), P(sig_a), P(sig_r), n, T0 + off); }

static void run_stateless(float *o, uint32_t off, uint32_t n)
{
    float l[L], r[L];
    ph_distort(P(o), P(sig_in), P(sig_drive), n);
    ph_pan(l, r, P(o), P(sig_pw), n);
    ph_clip(l, l, P(sig_res), P(sig_pw), n);
    ph_dsp_range(r, r, P(sig_cut), P(sig_freq), n);
    for (uint32_t i = 0; i < n; i++) o[off + i] = l[i] + r[i];
}
static void nothing(void) {}

Test(dsp_split, every_kernel_is_block_split_invariant)
{
    make_signals();
    const td_kernel kernels[] = {
        {"sine", osc_init, run_sine, nothing},      {"saw", osc_init, run_saw, nothing},
        {"square", osc_init, run_sq, nothing},      {"tri", osc_init, run_tri, nothing},
        {"ladder", lad_init, run_lad, nothing},     {"adsr", env_init, run_adsr, nothing},
        {"ar", env_init, run_ar, nothing},          {"gates", gt_init, run_gates, nothing},
        {"delay", dl_init, run_delay, dl_done},     {"reverb", rv_init, run_reverb, rv_done},
        {"bitcrush", bc_init, run_bc, nothing},     {"chorus", ch_init, run_ch, ch_done},
        {"compressor", cp_init, run_cp, nothing},   {"stateless fx", nothing, run_stateless, nothing},
    };
    for (size_t k = 0; k < sizeof kernels / sizeof kernels[0]; k++)
        td_check_split(&kernels[k], L);
    for (int m = PH_SVF_LP; m <= PH_SVF_NOTCH; m++) {
        svf_mode = (ph_svf_mode)m;
        td_check_split(&(td_kernel){"svf", svf_init, run_svf, nothing}, L);
    }
    for (int c = PH_NOISE_WHITE; c <= PH_NOISE_BROWN; c++) {
        noise_color = (ph_noise_color)c;
        td_check_split(&(td_kernel){"noise", noise_init, run_noise, nothing}, L);
    }
}
