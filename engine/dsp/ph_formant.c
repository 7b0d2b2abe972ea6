/* Three parallel band-passes for formants and vowels (see ph_formant.h). The band-passes
 * read their parameters at quantum starts only, so each run up to the next quantum
 * boundary uses the formants of its first sample. */
#include "dsp/ph_formant.h"

void ph_formant_init(ph_formant *f, double sample_rate)
{
    if (!(sample_rate > 0)) sample_rate = 48000;
    f->rate = (float)sample_rate;
    for (int b = 0; b < 3; b++) ph_rbj_init(&f->band[b], sample_rate, PH_RBJ_BPQ, 0.5f, 100.0f);
}

/* One run of `len` samples with formants fr[] and bandwidths bw[] (clamped here). */
static void run(ph_formant *f, float *out, const float *in, const float fr[3], const float bw[3], uint32_t len,
                uint64_t t)
{
    static const float hi[3] = {5000, 5000, 10000}, dflt[3] = {730, 1090, 2440};
    for (int b = 0; b < 3; b++) {
        float fc = ph_dsp_par(fr[b], 50.0f, hi[b], dflt[b]);
        fc = fc < 0.49f * f->rate ? fc : 0.49f * f->rate;
        float q = fc / ph_dsp_par(bw[b], 10.0f, 1000.0f, 100.0f);
        for (uint32_t i = 0; i < len; i++) f->f[b][i] = fc, f->q[b][i] = q;
    }
    ph_rbj_process(&f->band[0], out, in, f->f[0], f->q[0], NULL, len, t);
    for (int b = 1; b < 3; b++) {
        ph_rbj_process(&f->band[b], f->tmp, in, f->f[b], f->q[b], NULL, len, t);
        for (uint32_t i = 0; i < len; i++) out[i] += f->tmp[i];
    }
    for (uint32_t i = 0; i < len; i++) out[i] *= 0.25f; /* half the seed's: its peaks passed full scale */
}

void ph_formant_process(ph_formant *f, float *out, const float *in, const float *f1, const float *f2, const float *f3,
                        const float *bw1, const float *bw2, const float *bw3, uint32_t n, uint64_t t0)
{
    for (uint32_t i = 0; i < n;) {
        uint32_t len = ph_dsp_run_length(t0 + i, n - i);
        const float fr[3] = {f1[i], f2[i], f3[i]}, bw[3] = {bw1[i], bw2[i], bw3[i]};
        run(f, out + i, in + i, fr, bw, len, t0 + i);
        i += len;
    }
}

void ph_vowel_process(ph_formant *f, float *out, const float *in, const float *vowel, uint32_t n, uint64_t t0)
{
    static const float table[5][3] = {
        {730, 1090, 2440}, {530, 1840, 2480}, {270, 2290, 3010}, {570, 840, 2410}, {300, 870, 2240}};
    static const float bw[3] = {60, 80, 100};
    for (uint32_t i = 0; i < n;) {
        uint32_t len = ph_dsp_run_length(t0 + i, n - i);
        float v = ph_dsp_par(vowel[i], 0.0f, 4.0f, 0.0f);
        int k = (int)v;
        k = k > 3 ? 3 : k;
        float x = v - (float)k; /* from vowel k to k + 1 */
        float fr[3];
        for (int b = 0; b < 3; b++) fr[b] = table[k][b] + x * (table[k + 1][b] - table[k][b]);
        run(f, out + i, in + i, fr, bw, len, t0 + i);
        i += len;
    }
}
