/* Retrigger (ph_retrig.h). */
#include "dsp/ph_retrig.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/ph_dsp.h"

#define RETRIG_MIN_LEN 64u

int ph_retrig_create(ph_retrig *r, double rate, uint32_t channels)
{
    memset(r, 0, sizeof *r);
    r->rate = rate > 0 ? rate : 48000.0;
    r->channels = channels == 2 ? 2 : 1;
    r->fade = (uint32_t)lround(PH_RETRIG_FADE_SECONDS * r->rate);
    if (r->fade < 1) r->fade = 1;
    r->cap = (uint32_t)ceil(PH_RETRIG_MAX_SECONDS * r->rate) + r->fade + 1;
    r->kwet = 1.0 - exp(-1.0 / (0.5 * PH_RETRIG_FADE_SECONDS * r->rate));
    for (uint32_t c = 0; c < r->channels; c++) {
        r->buf[c] = calloc(r->cap, sizeof(float));
        if (!r->buf[c]) {
            ph_retrig_destroy(r);
            return -1;
        }
    }
    return 0;
}

void ph_retrig_destroy(ph_retrig *r)
{
    for (int c = 0; c < 2; c++) {
        free(r->buf[c]);
        r->buf[c] = NULL;
    }
}

/* The slice for a count of n per cycle, clamped to the buffer. */
static uint32_t slice_len(const ph_retrig *r, double samples_per_cycle, float n)
{
    double len = samples_per_cycle / (double)n;
    double max = (double)(r->cap - r->fade - 1);
    if (!(len >= RETRIG_MIN_LEN)) len = RETRIG_MIN_LEN; /* also NaN */
    if (len > max) len = max;
    return (uint32_t)len;
}

void ph_retrig_process(ph_retrig *r, float *const *out, const float *const *in, const float *count, const float *gate,
                       const float *trig, double samples_per_cycle, uint32_t n)
{
    const uint32_t nc = r->channels, fade = r->fade;
    for (uint32_t i = 0; i < n; i++) {
        const float k = count[i];
        bool restart = false;
        if (trig[i] > 0.5f) {
            if (k > 0.0f) { /* a new slice starts here, also in the middle of a repeat */
                restart = r->wet > 0.0 && r->passes > 0;
                r->active = true;
                r->len = slice_len(r, samples_per_cycle, k);
                r->rec = r->pos = r->passes = 0;
            } else {
                r->active = false;
            }
        }
        if (gate[i] < 0.5f) r->active = false;
        /* record the slice and the audio that follows it (each repeat fades in from it) */
        if (r->rec < r->len + fade) {
            for (uint32_t c = 0; c < nc; c++) r->buf[c][r->rec] = ph_dsp_sane(in[c][i]);
            r->rec++;
        }
        r->wet += r->kwet * ((r->active ? 1.0 : 0.0) - r->wet);
        if (r->wet < 1e-6) r->wet = 0.0;
        if (r->wet > 1.0 - 1e-6) r->wet = 1.0;
        const float w = (float)r->wet;
        for (uint32_t c = 0; c < nc; c++) {
            float rep;
            if (r->len == 0) {
                rep = in[c][i];
            } else if (r->passes == 0) {
                rep = r->buf[c][r->pos]; /* the first pass is the live input itself */
            } else if (r->pos < fade) {
                const float a = (float)(r->pos + 1) / (float)(fade + 1);
                rep = r->buf[c][r->pos] * a + r->buf[c][r->len + r->pos] * (1.0f - a);
            } else {
                rep = r->buf[c][r->pos];
            }
            float y = in[c][i] + (rep - in[c][i]) * w; /* exactly the input while rep is */
            if (restart) { /* the old repeat and the new slice differ here: smooth the step */
                r->jump[c] = r->last[c] - y;
                r->jump_left = fade;
            }
            if (r->jump_left) y += r->jump[c] * (float)r->jump_left / (float)fade;
            y = ph_dsp_sane(y);
            r->last[c] = y;
            out[c][i] = y;
        }
        if (r->jump_left) r->jump_left--;
        if (r->len && ++r->pos >= r->len) {
            r->pos = 0;
            if (r->passes < UINT32_MAX) r->passes++;
        }
    }
}
