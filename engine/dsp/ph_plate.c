/* Dattorro's plate (see ph_plate.h). Every line is a ph_delay; all-passes are Schroeder's,
 * v = x + g d, y = d - g v (d the line's output), whose gain is 1 at every frequency. */
#include "dsp/ph_plate.h"

#define PAPER_RATE 29761.0

/* pre-delay, input diffusers 1-4, left: all-pass (modulated), delay, all-pass, delay;
 * right: the same (the paper's lengths) */
static const float paper_len[PH_PLATE_LINES] = {0, 142, 107, 379, 277, 672, 4453, 1800, 3720, 908, 4217, 2656, 3163};
enum { PRE, DIFF1, AP_L1 = 5, DL_L1, AP_L2, DL_L2, AP_R1, DL_R1, AP_R2, DL_R2 };
static const float excursion = 16.0f; /* paper samples */

/* the output taps: line, paper position, sign */
static const struct {
    int line;
    float at, sign;
} taps[2][7] = {
    {{DL_R1, 266, 1}, {DL_R1, 2974, 1}, {AP_R2, 1913, -1}, {DL_R2, 1996, 1}, {DL_L1, 1990, -1}, {AP_L2, 187, -1},
     {DL_L2, 1066, -1}},
    {{DL_L1, 353, 1}, {DL_L1, 3627, 1}, {AP_L2, 1228, -1}, {DL_L2, 2673, 1}, {DL_R1, 2111, -1}, {AP_R2, 335, -1},
     {DL_R2, 121, -1}},
};

int ph_plate_create(ph_plate *p, double sample_rate)
{
    double sr = sample_rate > 0 ? sample_rate : 48000;
    p->scale = (float)(sr / PAPER_RATE);
    p->inv_rate = (float)(1.0 / sr);
    p->lfo = 0;
    p->damp[0] = p->damp[1] = 0;
    p->have = 0;
    for (int k = 0; k < PH_PLATE_LINES; k++) p->line[k].buf = NULL;
    for (int k = 0; k < PH_PLATE_LINES; k++) {
        p->len[k] = roundf(paper_len[k] * p->scale);
        double secs = k == PRE ? 0.51 : (paper_len[k] + excursion + 4) / PAPER_RATE;
        if (ph_delay_create(&p->line[k], sr, secs) != 0) {
            ph_plate_destroy(p);
            return -1;
        }
    }
    return 0;
}

void ph_plate_destroy(ph_plate *p)
{
    for (int k = 0; k < PH_PLATE_LINES; k++) ph_delay_destroy(&p->line[k]);
}

static inline float allpass(ph_delay *d, float len, float g, float x)
{
    float out = ph_delay_read(d, len);
    float v = x + g * out;
    ph_delay_write(d, ph_dsp_flush(v));
    return out - g * v;
}

void ph_plate_process(ph_plate *p, float *outL, float *outR, const float *in, const float *const prm[6],
                      uint32_t n, uint64_t t0)
{
    static const float in_gain[4] = {0.75f, 0.75f, 0.625f, 0.625f};
    /* the tank's segments (all-pass + delay), paper samples, for the decay gains */
    static const float seg[4] = {672 + 4453, 1800 + 3720, 908 + 4217, 2656 + 3163};
    const float sr = 1.0f / p->inv_rate;
    for (uint32_t i = 0; i < n; i++) {
        if (ph_dsp_at_quantum(t0 + i) || !p->have) {
            float decay = ph_dsp_par(prm[1][i], 0.1f, 30.0f, 2.0f);
            for (int k = 0; k < 4; k++) p->gain[k] = exp10f(-3.0f * seg[k] / (float)PAPER_RATE / decay);
            p->damp[0] = ph_dsp_flush(p->damp[0]);
            p->damp[1] = ph_dsp_flush(p->damp[1]);
            p->have = 1;
        }
        float ds = ph_dsp_clampf(ph_dsp_par(prm[2][i], 0.0f, 1.0f, 0.7f) / 0.7f, 0.0f, 1.25f);
        float damp = 1.0f - 0.8f * ph_dsp_par(prm[3][i], 0.0f, 1.0f, 0.3f);
        float exc = excursion * p->scale * ph_dsp_par(prm[4][i], 0.0f, 1.0f, 0.3f);
        float mix = ph_dsp_par(prm[5][i], 0.0f, 1.0f, 0.5f);
        float x = ph_dsp_sane(in[i]);

        float v = ph_delay_read(&p->line[PRE], ph_dsp_maxf(ph_dsp_par(prm[0][i], 0.0f, 500.0f, 0.0f) * 0.001f * sr, 2.0f));
        ph_delay_write(&p->line[PRE], x);
        for (int k = 0; k < 4; k++) v = allpass(&p->line[DIFF1 + k], p->len[DIFF1 + k], in_gain[k] * ds, v);

        /* each half takes the other's last output, times its last decay gain */
        float from_l = ph_delay_read(&p->line[DL_L2], p->len[DL_L2]) * p->gain[1];
        float from_r = ph_delay_read(&p->line[DL_R2], p->len[DL_R2]) * p->gain[3];
        float sl = ph_dsp_sin2pi((float)p->lfo), sr2 = ph_dsp_sin2pi((float)(p->lfo * 0.7));
        for (int h = 0; h < 2; h++) {
            int base = h ? AP_R1 : AP_L1;
            float a = allpass(&p->line[base], p->len[base] + exc * (h ? sr2 : sl), -0.7f * ds, v + (h ? from_l : from_r));
            float d1 = ph_delay_read(&p->line[base + 1], p->len[base + 1]);
            ph_delay_write(&p->line[base + 1], ph_dsp_flush(a));
            p->damp[h] += (d1 - p->damp[h]) * damp;
            float b = allpass(&p->line[base + 2], p->len[base + 2], 0.5f * ds, p->damp[h] * p->gain[2 * h]);
            ph_delay_write(&p->line[base + 3], ph_dsp_flush(b));
        }
        /* 0.7 Hz for the right half: the LFO runs to 10 so that 0.7 x phase stays smooth */
        p->lfo += p->inv_rate;
        if (p->lfo >= 10.0) p->lfo -= 10.0;

        float wet[2] = {0, 0};
        for (int c = 0; c < 2; c++)
            for (int k = 0; k < 7; k++)
                wet[c] += taps[c][k].sign * ph_delay_read(&p->line[taps[c][k].line], roundf(taps[c][k].at * p->scale));
        outL[i] = x * (1.0f - mix) + 0.6f * wet[0] * mix;
        outR[i] = x * (1.0f - mix) + 0.6f * wet[1] * mix;
    }
}
