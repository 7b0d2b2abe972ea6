/* The seed's synths with arguments, one live voice each (see ph_synthv.h). */
#include "dsp/ph_synthv.h"

#include <string.h>

static const ph_synthv_def defs[] = {
    {"superkick", PH_SYNTHV_KICK, true, true, 3, {"pitchenv", "sustain", "noise"}, {0.5f, 0.3f, 0.1f},
     {0, 0.005f, 0}, {4, 4, 2}, 55.0f},
    {"supersnare", PH_SYNTHV_SNARE, true, true, 2, {"snappy", "sustain"}, {0.8f, 0.08f}, {0, 0.005f}, {2, 4}, 180.0f},
    {"superhat", PH_SYNTHV_HAT, false, true, 2, {"bright", "sustain"}, {0.7f, 0.05f}, {0, 0.005f}, {1, 4}, 0.0f},
    {"superchip", PH_SYNTHV_CHIP, true, false, 2, {"vibrate", "vibdepth"}, {5, 0.05f}, {0, 0}, {50, 0.5f},
     261.6256f},
    {"superfm", PH_SYNTHV_FM, true, false, 2, {"ratio", "index"}, {2, 1}, {0.01f, 0}, {16, 20}, 261.6256f},
    {"supersaw", PH_SYNTHV_SAW, true, false, 2, {"detune", "voices"}, {0.3f, 7}, {0, 1}, {1, 7}, 261.6256f},
    {"superpwm", PH_SYNTHV_PWM, true, false, 2, {"pwmrate", "pwmdepth"}, {0.5f, 0.8f}, {0, 0}, {50, 1}, 261.6256f},
};
#define N_DEFS (sizeof defs / sizeof defs[0])

const ph_synthv_def *ph_synthv_find(const char *name)
{
    for (size_t k = 0; name && k < N_DEFS; k++)
        if (!strcmp(defs[k].name, name)) return &defs[k];
    return NULL;
}

const ph_synthv_def *const *ph_synthv_defs(void)
{
    static const ph_synthv_def *const all[] = {&defs[0], &defs[1], &defs[2], &defs[3], &defs[4], &defs[5], &defs[6], NULL};
    _Static_assert(sizeof all / sizeof all[0] == N_DEFS + 1, "every synth listed");
    return all;
}

/* The per-sample factor that takes a level down by 26 dB (e^-3) in `seconds`. */
static float decay(float seconds, float rate) { return expf(-3.0f / (seconds * rate)); }

/* The parameters an event gives (the defaults for the others), clamped (for the pool's own
 * synths). */
void ph_synthv_params(const ph_synthv_def *d, const float *params, uint32_t given, float *out)
{
    for (uint32_t j = 0; j < d->n_params; j++) {
        float x = (given >> j) & 1u ? params[j] : d->dflt[j];
        out[j] = x == x ? ph_dsp_clampf(x, d->lo[j], d->hi[j]) : d->dflt[j];
    }
}

void ph_synthv_start(ph_synthv *v, const ph_synthv_def *d, double rate, float freq, const float *params, uint32_t given,
                     uint32_t seed)
{
    memset(v, 0, sizeof *v);
    v->def = d;
    v->rate = (float)(rate > 0 ? rate : 48000);
    ph_synthv_params(d, params, given, v->p);
    v->freq = freq == freq && freq >= 20.0f ? freq : d->default_hz;
    v->freq = ph_dsp_clampf(v->freq, 0.0f, 0.45f * v->rate);
    ph_rng_seed(&v->rng, seed);
    v->amp = v->pitch = v->body = v->noise = 1.0f;
    switch (d->kind) {
    case PH_SYNTHV_KICK:
        v->k_pitch = expf(-1.0f / (0.012f * v->rate));
        v->k_amp = decay(v->p[1], v->rate);
        v->k_noise = decay(0.01f, v->rate);
        v->len = (uint32_t)(3.0f * v->p[1] * v->rate);
        ph_rbj_init(&v->filt, v->rate, PH_RBJ_LP, 0.5f, 0.5f);
        break;
    case PH_SYNTHV_SNARE:
        v->k_body = decay(0.3f * v->p[1], v->rate);
        v->k_noise = decay(v->p[1], v->rate);
        v->len = (uint32_t)(3.0f * v->p[1] * v->rate);
        ph_rbj_init(&v->filt, v->rate, PH_RBJ_HP, 0.5f, 0.5f);
        break;
    case PH_SYNTHV_HAT:
        v->k_noise = decay(v->p[1], v->rate);
        v->len = (uint32_t)(3.0f * v->p[1] * v->rate);
        ph_rbj_init(&v->filt, v->rate, PH_RBJ_HP, 1.5f, 1.5f);
        break;
    case PH_SYNTHV_CHIP: ph_osc_init(&v->sq, v->rate, 0.0); break;
    case PH_SYNTHV_FM: ph_fm_init(&v->fm, v->rate); break;
    default: break; /* supersaw, superpwm: the voice pool's */
    }
}

bool ph_synthv_render(ph_synthv *v, float *out, uint32_t n)
{
    float a[PH_SYNTHV_MAX_N] = {0}, b[PH_SYNTHV_MAX_N], c[PH_SYNTHV_MAX_N]; /* a: gcc cannot see it filled */
    if (n > PH_SYNTHV_MAX_N) n = PH_SYNTHV_MAX_N;
    const ph_synthv_def *d = v->def;
    const double inv = 1.0 / v->rate;
    const float attack = 0.0005f * v->rate; /* the drums' onset ramp, samples */
    /* a drum stops at exactly its length, however the calls are cut (split invariance) */
    uint32_t full = n;
    if (d->drum) {
        n = v->t >= v->len ? 0 : v->len - v->t < n ? v->len - v->t : n;
        ph_dsp_zero(out + n, full - n);
        if (!n) return false;
    }
    switch (d->kind) {
    case PH_SYNTHV_KICK: {
        /* the noise click, low-passed at 800 Hz */
        for (uint32_t i = 0; i < n; i++) a[i] = ph_rng_bipolar(&v->rng);
        ph_dsp_fill(b, 800.0f, n);
        ph_dsp_fill(c, 0.5f, n);
        ph_rbj_process(&v->filt, a, a, b, c, NULL, n, v->t);
        const float sweep = 2.0f * v->p[0], noise = v->p[2];
        for (uint32_t i = 0; i < n; i++) {
            float f = v->freq * (1.0f + sweep * v->pitch);
            float body = ph_dsp_sin2pi((float)v->ph[0]);
            v->ph[0] += f * inv;
            v->ph[0] -= floor(v->ph[0]);
            out[i] = 0.8f * v->amp * (body + noise * 2.0f * v->noise * a[i]);
            v->pitch *= v->k_pitch;
            v->amp *= v->k_amp;
            v->noise *= v->k_noise;
        }
        break;
    }
    case PH_SYNTHV_SNARE: {
        for (uint32_t i = 0; i < n; i++) a[i] = ph_rng_bipolar(&v->rng);
        ph_dsp_fill(b, 3000.0f, n);
        ph_dsp_fill(c, 0.5f, n);
        ph_rbj_process(&v->filt, a, a, b, c, NULL, n, v->t);
        const float snappy = v->p[0];
        for (uint32_t i = 0; i < n; i++) {
            float body = 0.5f * (ph_dsp_sin2pi((float)v->ph[0]) + ph_dsp_sin2pi((float)v->ph[1]));
            v->ph[0] += v->freq * inv;
            v->ph[1] += 1.05 * v->freq * inv;
            v->ph[0] -= floor(v->ph[0]);
            v->ph[1] -= floor(v->ph[1]);
            out[i] = 0.45f * v->body * body + 0.35f * snappy * v->noise * a[i];
            v->body *= v->k_body;
            v->noise *= v->k_noise;
        }
        break;
    }
    case PH_SYNTHV_HAT: {
        for (uint32_t i = 0; i < n; i++) a[i] = ph_rng_bipolar(&v->rng);
        ph_dsp_fill(b, 5000.0f + 5000.0f * v->p[0], n);
        ph_dsp_fill(c, 1.5f, n);
        ph_rbj_process(&v->filt, a, a, b, c, NULL, n, v->t);
        for (uint32_t i = 0; i < n; i++) {
            out[i] = 0.7f * v->noise * a[i];
            v->noise *= v->k_noise;
        }
        break;
    }
    case PH_SYNTHV_CHIP: {
        for (uint32_t i = 0; i < n; i++) {
            a[i] = v->freq * (1.0f + v->p[1] * ph_dsp_sin2pi((float)v->vib));
            v->vib += v->p[0] * inv;
            v->vib -= floor(v->vib);
        }
        ph_osc_square(&v->sq, out, a, NULL, n, v->t);
        for (uint32_t i = 0; i < n; i++) out[i] *= 0.5f;
        break;
    }
    case PH_SYNTHV_FM: {
        ph_dsp_fill(a, v->freq, n);
        ph_dsp_fill(b, v->freq * v->p[0], n);
        ph_dsp_fill(c, v->p[1] / v->p[0], n);
        ph_fm_process(&v->fm, out, a, b, c, n, v->t);
        for (uint32_t i = 0; i < n; i++) out[i] *= 0.7f;
        break;
    }
    default: ph_dsp_zero(out, n); break; /* supersaw, superpwm: the voice pool's */
    }
    if (d->drum)
        for (uint32_t i = 0; i < n && v->t + i < attack; i++) out[i] *= (float)(v->t + i) / attack;
    v->t += n;
    return !d->drum || v->t < v->len;
}
