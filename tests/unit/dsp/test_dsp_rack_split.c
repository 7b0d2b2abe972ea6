/* Block-split invariance of the rack's kernels (sources and filters): one call, or calls of
 * 1, 7, 64, 512 and irregular lengths, give the same bits, with every parameter modulated
 * per sample (and stepped, where a step is what the kernel must smooth). */
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_additive.h"
#include "dsp/ph_blit.h"
#include "dsp/ph_comb.h"
#include "dsp/ph_fm.h"
#include "dsp/ph_formant.h"
#include "dsp/ph_granular.h"
#include "dsp/ph_rbj.h"
#include "dsp/ph_synthv.h"
#include "dsp/ph_wavetable.h"
#include "test_dsp_split.h"

#define L 4096
#define T0 5 /* not a quantum multiple: the first call starts mid-quantum */
#define P(x) (x + off)

static float s_in[L], s_freq[L], s_mod[L], s_index[L], s_q[L], s_gain[L], s_knob[L], s_fb[L], s_eqf[L], s_trig[L],
    s_ms[L], s_vowel[L];

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
        {s_ms, 20, 15, 0.0011f, 0, 0},            {s_vowel, 2, 2, 0.0009f, 0, 0},
    };
    ph_rng g;
    ph_rng_seed(&g, 7);
    for (size_t k = 0; k < sizeof sig / sizeof sig[0]; k++)
        for (uint32_t i = 0; i < L; i++)
            sig[k].buf[i] = sig[k].base + sig[k].depth * sinf(i * sig[k].w) + (i > L / 2 ? sig[k].step : 0) +
                            sig[k].noise * ph_rng_bipolar(&g);
    for (uint32_t i = 0; i < L; i++) s_trig[i] = i % 700 == 3;
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
static int rbj_variant; /* the mode */
static void rbj_init(void) { ph_rbj_init(&rbj, 48000, (ph_rbj_mode)rbj_variant, 0.1f, 100.0f); }
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

static ph_pluck pl;
static void pl_init(void) { ph_pluck_create(&pl, 48000, 5); }
static void pl_done(void) { ph_pluck_destroy(&pl); }
static void run_pluck(float *o, uint32_t off, uint32_t n) { ph_pluck_process(&pl, P(o), P(s_freq), P(s_knob), P(s_trig), n, T0 + off); }

static ph_formant fo;
static void fo_init(void) { ph_formant_init(&fo, 48000); }
static void run_formant(float *o, uint32_t off, uint32_t n)
{
    ph_formant_process(&fo, P(o), P(s_in), P(s_freq), P(s_eqf), P(s_eqf), P(s_freq), P(s_mod), P(s_mod), n, T0 + off);
}
static void run_vowel(float *o, uint32_t off, uint32_t n) { ph_vowel_process(&fo, P(o), P(s_in), P(s_vowel), n, T0 + off); }

static ph_additive ad;
static void ad_init(void)
{
    const float amps[5] = {1, 0.5f, 0.3f, 0.2f, 0.1f};
    ph_additive_init(&ad, 48000, amps, 5);
}
static void run_additive(float *o, uint32_t off, uint32_t n) { ph_additive_process(&ad, P(o), P(s_freq), n, T0 + off); }

static ph_wavetable *wt;
static ph_wt_osc wo;
static void wt_init(void)
{
    wt = ph_wavetable_builtin("basic");
    ph_wt_osc_init(&wo, 48000);
}
static void wt_done(void) { ph_wavetable_free(wt); }
static void run_wt(float *o, uint32_t off, uint32_t n) { ph_wt_process(wt, &wo, P(o), P(s_freq), P(s_knob), n, T0 + off); }

static ph_granular gr;
static void gs_init(void) { ph_granular_create_sample(&gr, 48000, s_in, L, 3); }
static void gl_init(void) { ph_granular_create_live(&gr, 48000, 3); }
static void gr_done(void) { ph_granular_destroy(&gr); }
static void run_gs(float *o, uint32_t off, uint32_t n)
{
    ph_granular_process(&gr, P(o), NULL, P(s_ms), P(s_knob), P(s_index), P(s_knob), n, T0 + off);
}
static void run_gl(float *o, uint32_t off, uint32_t n)
{
    ph_granular_process(&gr, P(o), P(s_in), P(s_ms), P(s_knob), P(s_index), NULL, n, T0 + off); /* the newest audio */
}

/* A synth voice as the voice pool plays it: in pieces of at most 64 frames. */
static ph_synthv sv;
static int sv_variant; /* which synth */
static void sv_init(void)
{
    const float p[3] = {0.6f, 0.05f, 0.4f};
    ph_synthv_start(&sv, ph_synthv_defs()[sv_variant], 48000, 180, p, 7, 11);
}
static void run_sv(float *o, uint32_t off, uint32_t n)
{
    for (uint32_t k = 0; k < n; k += PH_SYNTHV_MAX_N)
        ph_synthv_render(&sv, P(o) + k, n - k < PH_SYNTHV_MAX_N ? n - k : PH_SYNTHV_MAX_N);
}

Test(dsp_rack_split, sources_and_filters_are_block_split_invariant)
{
    make_signals();
    /* each kernel, once per variant (the cookbook's modes, the synths) */
    static int zero;
    static const struct {
        td_kernel k;
        int *variant, count;
    } all[] = {
        {{"fm", fm_init, run_fm, nothing}, &zero, 1},
        {{"pm", fm_init, run_pm, nothing}, &zero, 1},
        {{"impulse", bl_init, run_imp, nothing}, &zero, 1},
        {{"blip", bl_init, run_blip, nothing}, &zero, 1},
        {{"djf", djf_init, run_djf, nothing}, &zero, 1},
        {{"comb", comb_init, run_comb, comb_done}, &zero, 1},
        {{"allpass", ap_init, run_ap, nothing}, &zero, 1},
        {{"pluck", pl_init, run_pluck, pl_done}, &zero, 1},
        {{"formant", fo_init, run_formant, nothing}, &zero, 1},
        {{"vowel", fo_init, run_vowel, nothing}, &zero, 1},
        {{"additive", ad_init, run_additive, nothing}, &zero, 1},
        {{"wavetable", wt_init, run_wt, wt_done}, &zero, 1},
        {{"granular sample", gs_init, run_gs, gr_done}, &zero, 1},
        {{"granular live", gl_init, run_gl, gr_done}, &zero, 1},
        {{"rbj", rbj_init, run_rbj, nothing}, &rbj_variant, PH_RBJ_BPQ + 1},
        {{"synth voice", sv_init, run_sv, nothing}, &sv_variant, 5},
    };
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
        for (int v = 0; v < all[k].count; v++) {
            *all[k].variant = v;
            td_check_split(&all[k].k, L);
        }
}
