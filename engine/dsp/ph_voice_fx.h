/* Per-voice effects: the chain a voice of the pool runs on its own sound when the event
 * sets any of SuperDirt's / Strudel's per-sound controls (conventions: dsp/ph_dsp.h).
 * A voice without them never touches this code.
 *
 * Order (superdough's): low-pass, high-pass, band-pass, vowel, coarse, crush, shape, then
 * squiz (SuperDirt runs it after its core modules). Every parameter is fixed for the
 * voice's life (an event's control), so coefficients are computed once when the voice
 * starts; states are flushed of denormals and absurd values at absolute multiples of
 * PH_CONTROL_QUANTUM, so the output is bit-identical for any block split.
 *
 *   cutoff      low-pass, Hz (clamped to 10 .. 0.49 * rate)
 *   resonance   dB of gain at the cutoff (Strudel / Web Audio: Q = 10^(res/20)), 0 .. 50 [1]
 *   hcutoff     high-pass, Hz;  hresonance as resonance [1]
 *   bandf       band-pass centre, Hz, peak gain 1;  bandq its Q, 0.1 .. 100 [1]
 *   vowel       five formant band-passes (a e i o u ae aa oe ue y uh un en an on: the
 *               formant table superdough takes from WebDirt), summed with gain 8
 *   coarse      sample-and-hold every `coarse` samples (fractional allowed), > 1 to act
 *   crush       round to steps of 2^(1 - crush): bits, 1 .. 24
 *   shape       waveshaper (1 + k) x / (1 + k |x|), k = 2 s / (1 - s), s in 0 .. 0.999
 *   squiz       SuperDirt's Squiz (sc3-plugins): the sound cut at upward zero crossings
 *               into fragments, each played back `squiz` times faster once the next one
 *               starts, silence after it; > 1 to act (latency: one fragment)
 *
 * Mono sources (mono samples, synths) run one channel, the voice pans afterwards; stereo
 * samples run two. */
#ifndef PH_VOICE_FX_H
#define PH_VOICE_FX_H

#include <stdbool.h>
#include <stdint.h>

#include "dsp/ph_dsp.h"

enum {
    PH_VFX_LPF = 1u << 0,
    PH_VFX_HPF = 1u << 1,
    PH_VFX_BPF = 1u << 2,
    PH_VFX_VOWEL = 1u << 3,
    PH_VFX_COARSE = 1u << 4,
    PH_VFX_CRUSH = 1u << 5,
    PH_VFX_SHAPE = 1u << 6,
    PH_VFX_SQUIZ = 1u << 7,
};
/* The effects whose state rings after the input stops (the voice keeps them running for
 * a short faded tail when its sound ends). */
#define PH_VFX_RINGING (PH_VFX_LPF | PH_VFX_HPF | PH_VFX_BPF | PH_VFX_VOWEL | PH_VFX_SQUIZ)

#define PH_VFX_FORMANTS 5
#define PH_VFX_SQUIZ_LEN 4096u /* samples of squiz memory per channel (a power of two) */

typedef struct ph_vfx_params {
    uint32_t on; /* PH_VFX_* bits: which effects the event sets */
    float cutoff, resonance;
    float hcutoff, hresonance;
    float bandf, bandq;
    int vowel; /* ph_vfx_vowel(); 0 = none */
    float coarse, crush, shape, squiz;
} ph_vfx_params;

/* No effect on; resonances and bandq at their defaults. */
void ph_vfx_params_defaults(ph_vfx_params *p);
/* The vowel's index for ph_vfx_params.vowel, 0 when the name is not a vowel. */
int ph_vfx_vowel(const char *name);
/* Every vowel name, NULL-terminated (for messages and docs). */
const char *const *ph_vfx_vowel_names(void);

typedef struct ph_vfx_svf {
    float a1, a2, a3, k, out_gain; /* TPT SVF coefficients; out_gain scales the tap */
    float ic1[2], ic2[2];          /* per channel */
} ph_vfx_svf;

typedef struct ph_vfx_squiz {
    float *ring;                 /* PH_VFX_SQUIZ_LEN samples */
    uint32_t w;                  /* next write index (counts up, masked on use) */
    uint32_t cur_start;          /* the fragment being recorded */
    uint32_t frag_start, frag_len; /* the fragment being played */
    float pos;                   /* read position inside it, 0 .. frag_len */
    float prev;                  /* last input, for the zero crossings */
    int playing;
} ph_vfx_squiz;

typedef struct ph_vfx {
    uint32_t on;
    uint32_t channels;
    ph_vfx_svf lp, hp, bp, formant[PH_VFX_FORMANTS];
    float coarse, coarse_phase, hold[2];
    float crush_q, crush_inv;
    float shape_k;
    float squiz_ratio;
    ph_vfx_squiz sq[2];
} ph_vfx;

/* [RT] Sets up the chain for a new voice: coefficients from p, states cleared. squiz_mem:
 * 2 * PH_VFX_SQUIZ_LEN floats for this voice (NULL: squiz does nothing). */
void ph_vfx_start(ph_vfx *fx, const ph_vfx_params *p, double rate, uint32_t channels, float *squiz_mem);
/* [RT] Runs the chain in place on n samples starting at absolute sample t0 (R is unused
 * when the chain is mono). */
void ph_vfx_process(ph_vfx *fx, float *L, float *R, uint32_t n, uint64_t t0);

#endif
