/* waveguide: the seed's digital-waveguide string, written for Phonon. Two delay rails of
 * half a period each carry the waves running each way; the nut reflects with inversion,
 * the bridge with inversion, a two-point average (the string's high-frequency loss, which
 * sets most of the decay) and the seed's loss per round trip, 1 - damping^2 / 1000 - 1e-5
 * (at 220 Hz damping 1 is 0.72 times the level of damping 0 after 1.5 s). The output is the string's displacement at the
 * pickup position 0..1 along it (the two rails' sum there): near an end it is bright, at
 * the middle the even harmonics cancel. The string is plucked (filled with deterministic
 * noise) on the first sample, when the frequency moves by more than 1 Hz (the seed's
 * rule), and on each trigger (a pattern's onsets). Frequency 20..10000 Hz (the period is
 * rounded to whole samples, as the seed's). Conventions: dsp/ph_dsp.h; per-sample work only,
 * so any block partition gives the same output. */
#ifndef PH_WAVEGUIDE_H
#define PH_WAVEGUIDE_H

#include "dsp/ph_dsp.h"

typedef struct ph_waveguide {
    float *right, *left; /* rails, max_len each */
    uint32_t max_len, len, pos;
    float last_freq, prev_bridge, rate;
    uint64_t noise;
    int plucked;
} ph_waveguide;

int ph_waveguide_create(ph_waveguide *w, double sample_rate); /* [non-RT] 0 ok, -1 OOM */
void ph_waveguide_destroy(ph_waveguide *w);
/* trig may be NULL (no triggers): a sample > 0 plucks */
void ph_waveguide_process(ph_waveguide *w, float *out, const float *freq, const float *damping, const float *pickup,
                          const float *trig, uint32_t n, uint64_t t0);

#endif
