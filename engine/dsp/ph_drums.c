/* Drum synthesis into tables at kit creation (non-RT). Every sound is one recipe: a
 * pitch-swept sine body, filtered noise, metallic square partials, an FM blip, a click
 * and an optional clap burst envelope, each with its own exponential decay. A recipe's
 * decay times (ta, tn, tm, tf) are "audible length": the level falls by 26 dB (e^-3)
 * over that time, so the time constant is a third of it. */
#include "dsp/ph_drums.h"

#include <stdlib.h>
#include <string.h>

#include "dsp/ph_filter.h"
#include "dsp/ph_osc.h"

typedef struct recipe {
    /* body: sine from f0 to f1 Hz (time constant tp s), amplitude decay ta s */
    double tone_lv, tone_f0, tone_f1, tone_tp, tone_ta;
    /* noise through an SVF (mode, cutoff Hz, resonance), decay tn s */
    double noise_lv, noise_cut, noise_res, noise_tn;
    ph_svf_mode noise_mode;
    /* six 808-style square partials scaled by metal_scale, high-passed, decay tm s */
    double metal_lv, metal_scale, metal_tm;
    /* FM: carrier fc, modulator fc*ratio, index decaying with the amplitude (tf s) */
    double fm_lv, fm_fc, fm_ratio, fm_index, fm_tf;
    double click_lv; /* 1.5 ms noise click */
    int clap;        /* noise gets three 10 ms bursts before its tail */
    double drive;    /* tanh saturation, 0 = none */
} recipe;

typedef struct sound_def {
    const char *name;
    /* every variant is normalised to this peak: the kit's mix balance (a kick at 0.55, so
     * that kick, snare, hats and a bass line together stay below -1 dBFS; hats 10 dB
     * under the kick, snares and toms 4 dB) */
    double peak;
    int n;
    recipe v[4];
} sound_def;

#define TONE(lv, f0, f1, tp, ta) .tone_lv = lv, .tone_f0 = f0, .tone_f1 = f1, .tone_tp = tp, .tone_ta = ta
#define NOISE(lv, mode, cut, res, tn) .noise_lv = lv, .noise_mode = mode, .noise_cut = cut, .noise_res = res, .noise_tn = tn
#define METAL(lv, sc, tm) .metal_lv = lv, .metal_scale = sc, .metal_tm = tm
#define FM(lv, fc, ratio, index, tf) .fm_lv = lv, .fm_fc = fc, .fm_ratio = ratio, .fm_index = index, .fm_tf = tf

static const sound_def sounds[] = {
    {"bd", 0.55, 4, {
        {TONE(1, 150, 50, 0.03, 0.35), .click_lv = 0.3},
        {TONE(1, 220, 52, 0.018, 0.25), .click_lv = 0.6, .drive = 1.5},
        {TONE(1, 110, 42, 0.06, 0.7), .click_lv = 0.1},
        {TONE(1, 300, 60, 0.01, 0.15), .click_lv = 0.8, .drive = 3}}},
    {"sn", 0.36, 4, {
        {TONE(0.6, 240, 180, 0.02, 0.08), NOISE(0.8, PH_SVF_HP, 1200, 0.2, 0.15)},
        {TONE(0.5, 280, 200, 0.015, 0.06), NOISE(0.9, PH_SVF_BP, 3500, 0.3, 0.2)},
        {TONE(0.7, 200, 160, 0.03, 0.1), NOISE(0.6, PH_SVF_LP, 6000, 0.2, 0.25), .drive = 1},
        {TONE(0.4, 330, 220, 0.01, 0.04), NOISE(1, PH_SVF_HP, 2500, 0.2, 0.09)}}},
    {"hh", 0.18, 4, {
        {METAL(0.8, 1, 0.045), NOISE(0.4, PH_SVF_HP, 8000, 0.2, 0.035)},
        {METAL(0.8, 1.2, 0.03), NOISE(0.3, PH_SVF_HP, 9000, 0.2, 0.025)},
        {METAL(0.5, 0.9, 0.07), NOISE(0.6, PH_SVF_HP, 7000, 0.3, 0.06)},
        {METAL(0.9, 1.5, 0.02), NOISE(0.2, PH_SVF_HP, 10000, 0.2, 0.02)}}},
    {"oh", 0.21, 3, {
        {METAL(0.8, 1, 0.35), NOISE(0.4, PH_SVF_HP, 8000, 0.2, 0.3)},
        {METAL(0.7, 1.15, 0.5), NOISE(0.5, PH_SVF_HP, 7500, 0.2, 0.4)},
        {METAL(0.9, 0.9, 0.25), NOISE(0.3, PH_SVF_HP, 9000, 0.2, 0.2)}}},
    {"cp", 0.33, 3, {
        {NOISE(1, PH_SVF_BP, 1200, 0.4, 0.15), .clap = 1},
        {NOISE(1, PH_SVF_BP, 1600, 0.5, 0.2), .clap = 1},
        {NOISE(1, PH_SVF_BP, 900, 0.3, 0.1), .clap = 1, .drive = 1}}},
    {"lt", 0.36, 3, {
        {TONE(1, 120, 80, 0.05, 0.35), NOISE(0.1, PH_SVF_LP, 2000, 0.1, 0.05), .click_lv = 0.1},
        {TONE(1, 105, 70, 0.06, 0.45), NOISE(0.1, PH_SVF_LP, 1500, 0.1, 0.05)},
        {TONE(1, 140, 90, 0.04, 0.3), NOISE(0.15, PH_SVF_LP, 2500, 0.1, 0.04), .click_lv = 0.2}}},
    {"mt", 0.36, 3, {
        {TONE(1, 170, 120, 0.04, 0.3), NOISE(0.1, PH_SVF_LP, 2500, 0.1, 0.04), .click_lv = 0.1},
        {TONE(1, 150, 105, 0.05, 0.38), NOISE(0.1, PH_SVF_LP, 2000, 0.1, 0.04)},
        {TONE(1, 195, 135, 0.035, 0.26), NOISE(0.15, PH_SVF_LP, 3000, 0.1, 0.03), .click_lv = 0.2}}},
    {"ht", 0.36, 3, {
        {TONE(1, 240, 170, 0.03, 0.25), NOISE(0.1, PH_SVF_LP, 3000, 0.1, 0.03), .click_lv = 0.1},
        {TONE(1, 215, 150, 0.035, 0.3), NOISE(0.1, PH_SVF_LP, 2500, 0.1, 0.03)},
        {TONE(1, 280, 200, 0.025, 0.2), NOISE(0.15, PH_SVF_LP, 3500, 0.1, 0.025), .click_lv = 0.2}}},
    {"rim", 0.27, 3, {
        {FM(0.8, 1700, 0.29, 1.0, 0.02), TONE(0.5, 500, 480, 0.01, 0.025), .click_lv = 0.6},
        {FM(0.8, 2100, 0.31, 0.8, 0.015), TONE(0.4, 620, 600, 0.01, 0.02), .click_lv = 0.8},
        {FM(0.7, 1400, 0.27, 1.2, 0.03), TONE(0.6, 420, 400, 0.01, 0.03), .click_lv = 0.4}}},
    {"perc", 0.3, 4, {
        {FM(1, 400, 1.4, 3, 0.12)},
        {FM(1, 660, 2.01, 2, 0.08)},
        {FM(1, 250, 3.5, 5, 0.2)},
        {FM(1, 880, 1.0, 1.5, 0.15), NOISE(0.2, PH_SVF_BP, 3000, 0.5, 0.03)}}},
    {"superkick", 0.55, 3, {
        {TONE(1, 260, 48, 0.035, 0.5), .click_lv = 0.4, .drive = 2},
        {TONE(1, 180, 40, 0.05, 0.9), .click_lv = 0.2, .drive = 1.2},
        {TONE(1, 400, 55, 0.012, 0.3), NOISE(0.2, PH_SVF_LP, 3000, 0.1, 0.01), .click_lv = 0.6, .drive = 4}}},
    {"supersnare", 0.36, 3, {
        {TONE(0.7, 260, 185, 0.02, 0.12), NOISE(0.9, PH_SVF_BP, 2500, 0.2, 0.28), METAL(0.1, 2, 0.05), .drive = 1.2},
        {TONE(0.6, 300, 210, 0.015, 0.09), NOISE(1, PH_SVF_HP, 1800, 0.2, 0.35)},
        {TONE(0.8, 220, 170, 0.03, 0.15), NOISE(0.8, PH_SVF_BP, 4000, 0.4, 0.22), .drive = 2}}},
    {"superhat", 0.18, 3, {
        {METAL(0.9, 1.1, 0.06), NOISE(0.5, PH_SVF_HP, 9000, 0.3, 0.05)},
        {METAL(0.9, 1.3, 0.2), NOISE(0.5, PH_SVF_HP, 8500, 0.3, 0.15)},
        {METAL(1, 0.8, 0.04), NOISE(0.3, PH_SVF_BP, 11000, 0.5, 0.03)}}},
    {"superclap", 0.33, 3, {
        {NOISE(1, PH_SVF_BP, 1400, 0.5, 0.25), .clap = 1, .drive = 1},
        {NOISE(1, PH_SVF_BP, 1000, 0.4, 0.35), .clap = 1},
        {NOISE(1, PH_SVF_BP, 2000, 0.6, 0.18), .clap = 1, .drive = 2}}},
};

#define NSOUNDS (sizeof sounds / sizeof sounds[0])

struct ph_kit {
    ph_table tables[NSOUNDS][4];
    float *memory[NSOUNDS][4];
};

static const char *const kit_names[] = {"bd", "sn", "hh", "oh", "cp", "lt", "mt", "ht", "rim", "perc",
                                        "superkick", "supersnare", "superhat", "superclap", NULL};
_Static_assert(sizeof kit_names / sizeof kit_names[0] == NSOUNDS + 1, "kit_names matches sounds");

const char *const *ph_kit_names(void) { return kit_names; }

static double max4(double a, double b, double c, double d)
{
    double m = a > b ? a : b;
    m = m > c ? m : c;
    return m > d ? m : d;
}

static void add_filtered_noise(float *out, uint32_t frames, const recipe *r, double rate,
                               uint32_t seed, float *tmp, float *cut, float *res)
{
    ph_noise nz;
    ph_noise_init(&nz, PH_NOISE_WHITE, seed);
    ph_noise_process(&nz, tmp, NULL, frames, 0);
    ph_dsp_fill(cut, (float)r->noise_cut, frames);
    ph_dsp_fill(res, (float)r->noise_res, frames);
    ph_svf f;
    ph_svf_init(&f, rate, r->noise_mode);
    ph_svf_process(&f, tmp, tmp, cut, res, frames, 0);
    for (uint32_t i = 0; i < frames; i++) {
        double t = i / rate, env;
        if (r->clap) {
            /* three 10 ms bursts (3 ms decays), then the tail from 20 ms */
            double tb = fmod(t, 0.010);
            env = t < 0.020 ? exp(-tb / 0.003) : exp(-3.0 * (t - 0.020) / r->noise_tn);
        } else {
            env = exp(-3.0 * t / r->noise_tn);
        }
        out[i] += (float)(r->noise_lv * env) * tmp[i];
    }
}

static void add_metal(float *out, uint32_t frames, const recipe *r, double rate, float *tmp,
                      float *acc, float *freq)
{
    static const double partials[6] = {205.3, 304.4, 369.6, 522.7, 540.0, 800.0};
    ph_dsp_zero(acc, frames);
    for (int p = 0; p < 6; p++) {
        ph_osc o;
        ph_osc_init(&o, rate, 0.1 * p);
        ph_dsp_fill(freq, (float)(partials[p] * r->metal_scale * 1.7), frames);
        ph_osc_square(&o, tmp, freq, NULL, frames, 0);
        ph_dsp_mix_in(acc, tmp, NULL, frames);
    }
    ph_svf f;
    ph_dsp_fill(freq, (float)(7000 * r->metal_scale < 0.45 * rate ? 7000 * r->metal_scale : 0.45 * rate), frames);
    ph_dsp_fill(tmp, 0.2f, frames);
    ph_svf_init(&f, rate, PH_SVF_HP);
    ph_svf_process(&f, acc, acc, freq, tmp, frames, 0);
    ph_svf_init(&f, rate, PH_SVF_HP); /* second pass: 24 dB/oct */
    ph_svf_process(&f, acc, acc, freq, tmp, frames, 0);
    for (uint32_t i = 0; i < frames; i++)
        out[i] += (float)(r->metal_lv * 0.3 * exp(-3.0 * (i / rate) / r->metal_tm)) * acc[i];
}

/* Renders one recipe into a new table of exactly the length its decays need. */
static float *synth(const recipe *r, double peak_to, double rate, uint32_t seed, uint32_t *frames_out)
{
    double longest = max4(r->tone_lv > 0 ? r->tone_ta : 0, r->noise_lv > 0 ? r->noise_tn + (r->clap ? 0.02 : 0) : 0,
                          r->metal_lv > 0 ? r->metal_tm : 0, r->fm_lv > 0 ? r->fm_tf : 0);
    double seconds = 7.0 * longest / 3.0 + 0.005; /* to -60 dB */
    if (seconds > 2.9) seconds = 2.9;
    uint32_t frames = (uint32_t)(seconds * rate);
    if (frames < 64) frames = 64;
    float *out = ph_dsp_alloc(sizeof(float) * frames);
    float *tmp = ph_dsp_alloc(sizeof(float) * frames), *a = ph_dsp_alloc(sizeof(float) * frames),
          *b = ph_dsp_alloc(sizeof(float) * frames);
    if (!out || !tmp || !a || !b) {
        ph_dsp_free(out), ph_dsp_free(tmp), ph_dsp_free(a), ph_dsp_free(b);
        return NULL;
    }
    if (r->tone_lv > 0) {
        double ph = 0;
        for (uint32_t i = 0; i < frames; i++) {
            double t = i / rate;
            double f = r->tone_f1 + (r->tone_f0 - r->tone_f1) * exp(-t / r->tone_tp);
            out[i] += (float)(r->tone_lv * exp(-3.0 * t / r->tone_ta) * sin(PH_TWO_PI * ph));
            ph += f / rate;
            ph -= floor(ph);
        }
    }
    if (r->noise_lv > 0) add_filtered_noise(out, frames, r, rate, seed, tmp, a, b);
    if (r->metal_lv > 0) add_metal(out, frames, r, rate, tmp, a, b);
    if (r->fm_lv > 0) {
        double pc = 0, pm = 0;
        for (uint32_t i = 0; i < frames; i++) {
            double env = exp(-3.0 * (i / rate) / r->fm_tf);
            double mod = r->fm_index * env * sin(PH_TWO_PI * pm);
            out[i] += (float)(r->fm_lv * env * sin(PH_TWO_PI * pc + mod));
            pc += r->fm_fc / rate;
            pm += r->fm_fc * r->fm_ratio / rate;
            pc -= floor(pc);
            pm -= floor(pm);
        }
    }
    if (r->click_lv > 0) {
        ph_rng g;
        ph_rng_seed(&g, seed + 1000);
        uint32_t len = (uint32_t)(0.0015 * rate);
        for (uint32_t i = 0; i < len && i < frames; i++)
            out[i] += (float)(r->click_lv * (1.0 - (double)i / len)) * ph_rng_bipolar(&g);
    }
    if (r->drive > 0)
        for (uint32_t i = 0; i < frames; i++) out[i] = (float)tanh(out[i] * (1 + r->drive));
    /* normalise to the sound's peak, 2 ms fade at the end so the table ends at zero */
    double peak = 0;
    for (uint32_t i = 0; i < frames; i++) peak = fabs(out[i]) > peak ? fabs(out[i]) : peak;
    float g = peak > 0 ? (float)(peak_to / peak) : 1.0f;
    uint32_t fade = (uint32_t)(0.002 * rate);
    for (uint32_t i = 0; i < frames; i++) {
        float f = i + fade >= frames ? (float)(frames - 1 - i) / fade : 1.0f;
        out[i] *= g * f;
    }
    ph_dsp_free(tmp), ph_dsp_free(a), ph_dsp_free(b);
    *frames_out = frames;
    return out;
}

ph_kit *ph_kit_create(double sample_rate)
{
    if (!(sample_rate >= 8000 && sample_rate <= 384000)) return NULL;
    ph_kit *k = calloc(1, sizeof *k);
    if (!k) return NULL;
    for (size_t s = 0; s < NSOUNDS; s++) {
        for (int v = 0; v < sounds[s].n; v++) {
            uint32_t frames = 0;
            float *data = synth(&sounds[s].v[v], sounds[s].peak, sample_rate, (uint32_t)(s * 16 + v), &frames);
            if (!data) {
                ph_kit_destroy(k);
                return NULL;
            }
            k->memory[s][v] = data;
            k->tables[s][v] = (ph_table){data, frames, 1, sample_rate};
        }
    }
    return k;
}

void ph_kit_destroy(ph_kit *k)
{
    if (!k) return;
    for (size_t s = 0; s < NSOUNDS; s++)
        for (int v = 0; v < 4; v++) ph_dsp_free(k->memory[s][v]);
    free(k);
}

static int find_sound(const char *name)
{
    if (!name) return -1;
    for (size_t s = 0; s < NSOUNDS; s++)
        if (strcmp(sounds[s].name, name) == 0) return (int)s;
    return -1;
}

double ph_kit_level(const char *name)
{
    int s = find_sound(name);
    return s < 0 ? 0.0 : sounds[s].peak;
}

int ph_kit_variants(const ph_kit *k, const char *name)
{
    (void)k;
    int s = find_sound(name);
    return s < 0 ? 0 : sounds[s].n;
}

const ph_table *ph_kit_find(const ph_kit *k, const char *name, int index)
{
    int s = find_sound(name);
    if (!k || s < 0) return NULL;
    int n = sounds[s].n;
    int v = index % n;
    if (v < 0) v += n;
    return &k->tables[s][v];
}
