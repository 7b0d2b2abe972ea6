/* An orbit's reverb and delay (see ph_orbit_fx.h). */
#include "dsp/ph_orbit_fx.h"

#include <math.h>
#include <stdlib.h>

#include "dsp/ph_delay.h"
#include "dsp/ph_reverb.h"

#define QUIET 1e-7f
#define GLIDE_SECONDS 0.02
/* Freeverb's mean comb length (1378 samples at 44.1 kHz), for the decay time. */
#define COMB_SECONDS (1378.0 / 44100.0)

struct ph_orbit_fx {
    double rate;
    ph_reverb *rev;
    ph_delay line[2];
    float room;           /* Freeverb's room for the decay time */
    float target, cur;    /* delay time in samples: where it goes, where it is */
    float glide;          /* one-pole step per sample */
    float fb;
    uint32_t settle;      /* longer than the reverb's lines (0.1 s) */
    bool idle;
    uint32_t quiet;       /* samples since the last input or output above QUIET */
    float room_buf[PH_ORBIT_IDLE_BLOCK], damp_buf[PH_ORBIT_IDLE_BLOCK], mix_buf[PH_ORBIT_IDLE_BLOCK];
};

ph_orbit_fx *ph_orbit_fx_create(double sample_rate)
{
    if (!(sample_rate >= 8000 && sample_rate <= 384000)) return NULL;
    ph_orbit_fx *o = calloc(1, sizeof *o);
    if (!o) return NULL;
    o->rate = sample_rate;
    o->rev = ph_reverb_create(sample_rate);
    if (!o->rev || ph_delay_create(&o->line[0], sample_rate, PH_ORBIT_DELAY_MAX_SECONDS) != 0 ||
        ph_delay_create(&o->line[1], sample_rate, PH_ORBIT_DELAY_MAX_SECONDS) != 0) {
        ph_orbit_fx_destroy(o);
        return NULL;
    }
    o->glide = (float)(1.0 - exp(-1.0 / (GLIDE_SECONDS * sample_rate)));
    o->settle = (uint32_t)(0.1 * sample_rate);
    o->idle = true; /* the lines start empty */
    ph_orbit_fx_set(o, 2.0f, 0.25f, 0.5f);
    return o;
}

void ph_orbit_fx_destroy(ph_orbit_fx *o)
{
    if (!o) return;
    ph_reverb_destroy(o->rev);
    ph_delay_destroy(&o->line[0]);
    ph_delay_destroy(&o->line[1]);
    free(o);
}

void ph_orbit_fx_set(ph_orbit_fx *o, float size, float delay_time, float feedback)
{
    if (size == size) {
        /* comb feedback g = 0.7 + 0.28 room decays by 60 dB in RT60 = 3 L / -log10(g);
         * the damping in the loop takes about a quarter off the broadband decay (measured
         * in tests/unit/dsp/test_dsp_orbit_fx.c), so the combs are set 1.3 times longer */
        double rt = 1.3 * (size > 0.1f ? size : 0.1);
        double g = pow(10.0, -3.0 * COMB_SECONDS / rt);
        o->room = ph_dsp_clampf((float)((g - 0.7) / 0.28), 0.0f, 1.0f);
    }
    if (delay_time == delay_time) {
        float d = ph_dsp_clampf(delay_time, 0.001f, (float)PH_ORBIT_DELAY_MAX_SECONDS) * (float)o->rate;
        o->target = ph_dsp_clampf(d, 2.0f, (float)(PH_ORBIT_DELAY_MAX_SECONDS * o->rate));
        if (o->idle) o->cur = o->target; /* nothing sounds: no glide needed */
    }
    if (feedback == feedback) o->fb = ph_dsp_clampf(feedback, 0.0f, 0.98f);
}

bool ph_orbit_fx_idle(const ph_orbit_fx *o) { return o->idle; }

static bool any_input(const float *room, const float *dl, const float *dr, uint32_t i)
{
    return room[i] != 0.0f || dl[i] != 0.0f || dr[i] != 0.0f;
}

/* Samples [i, i + m) of one idle block, the effect running. */
static void run(ph_orbit_fx *o, float *outL, float *outR, const float *room, const float *dl, const float *dr,
                uint32_t i, uint32_t m, uint64_t t)
{
    ph_dsp_fill(o->room_buf, o->room, m);
    ph_dsp_fill(o->damp_buf, 0.5f, m);
    ph_dsp_fill(o->mix_buf, 1.0f, m);
    ph_reverb_process(o->rev, outL + i, outR + i, room + i, o->room_buf, o->damp_buf, o->mix_buf, m, t);
    float cur = o->cur;
    const float target = o->target, glide = o->glide, fb = o->fb;
    uint32_t quiet = o->quiet;
    for (uint32_t j = i; j < i + m; j++) {
        cur += (target - cur) * glide;
        float yl = ph_delay_read(&o->line[0], cur), yr = ph_delay_read(&o->line[1], cur);
        ph_delay_write(&o->line[0], ph_dsp_sane(dl[j] + fb * yl));
        ph_delay_write(&o->line[1], ph_dsp_sane(dr[j] + fb * yr));
        outL[j] += yl;
        outR[j] += yr;
        bool q = !any_input(room, dl, dr, j) && fabsf(outL[j]) < QUIET && fabsf(outR[j]) < QUIET;
        quiet = q ? (quiet < UINT32_MAX ? quiet + 1 : quiet) : 0;
    }
    o->cur = cur;
    o->quiet = quiet;
}

void ph_orbit_fx_process(ph_orbit_fx *o, float *outL, float *outR, const float *room, const float *dl,
                         const float *dr, uint32_t n, uint64_t t0)
{
    uint32_t i = 0;
    while (i < n) {
        uint64_t t = t0 + i;
        /* idle once quiet for longer than anything in the lines takes to come out (every
         * sample of the delay line and the reverb's lines has been read since) */
        if (t % PH_ORBIT_IDLE_BLOCK == 0 && !o->idle && o->quiet >= (uint32_t)o->cur + o->settle) {
            ph_reverb_clear(o->rev);
            ph_delay_clear(&o->line[0]);
            ph_delay_clear(&o->line[1]);
            o->cur = o->target;
            o->idle = true;
        }
        uint32_t left = PH_ORBIT_IDLE_BLOCK - (uint32_t)(t % PH_ORBIT_IDLE_BLOCK);
        uint32_t m = left < n - i ? left : n - i;
        uint32_t j = i;
        if (o->idle) {
            while (j < i + m && !any_input(room, dl, dr, j)) j++;
            ph_dsp_zero(outL + i, j - i);
            ph_dsp_zero(outR + i, j - i);
            if (j < i + m) o->idle = false;
        }
        if (j < i + m) run(o, outL, outR, room, dl, dr, j, i + m - j, t0 + j);
        i += m;
    }
}
