/* freeze: the seed's spectral freeze, written for Phonon. A short-time Fourier transform
 * (2048-sample Hann frames every 512 samples); where the trigger rises through 0.5 the next
 * frame's spectrum is held: its magnitudes, and per bin the phase step between that frame
 * and the one before (the bin's true frequency, as SuperCollider's PV_Freeze keeps it), so
 * the held sound goes on as a steady drone instead of one frame repeated. Each new rise
 * captures again. Before the first rise the input passes through unchanged (resynthesised:
 * the same sound, 2048 samples later); the output is always 2048 samples late. Conventions:
 * dsp/ph_dsp.h; frames are counted from the first sample a state sees, so any block
 * partition gives the same output. The FFTs are dsp/ph_convolve.h's. */
#ifndef PH_FREEZE_H
#define PH_FREEZE_H

#include "dsp/ph_dsp.h"

#define PH_FREEZE_N 2048u
#define PH_FREEZE_HOP 512u

typedef struct ph_freeze {
    float *mem; /* every buffer below, one allocation */
    float *hist, *ola, *outq, *win, *tw, *re, *im, *mag, *phase, *dphase, *prev;
    uint64_t count; /* samples seen */
    uint32_t read;
    float last_trig;
    int pending, frozen;
} ph_freeze;

int ph_freeze_create(ph_freeze *f); /* [non-RT] 0 ok, -1 OOM */
void ph_freeze_destroy(ph_freeze *f);
void ph_freeze_process(ph_freeze *f, float *out, const float *in, const float *trig, uint32_t n, uint64_t t0);

#endif
