/* Wavetable oscillator (conventions: dsp/ph_dsp.h): the seed's `wavetable freq`, with
 * built-in tables and tables cut from a sample.
 *
 * A table is 1 .. 16 frames, each one cycle of 2048 samples; `position` (0..1) moves
 * through the frames, interpolating between neighbours (a morph). Built-in tables: "sine"
 * (the seed's default), "saw", "square", "tri", and "basic" (four frames: sine, triangle,
 * saw, square, so a position sweep morphs between them). From a sample: up to 16 frames
 * of 2048 samples spread evenly over it (a sample shorter than one frame is stretched into
 * one); each frame has its DC and its end-to-start step removed (so the cycle joins
 * without a click); every frame is scaled to peak 1.
 *
 * Band limit (mipmaps): each frame is kept at 11 levels of brightness -- all 1023
 * harmonics, then 512, 256 ... 1 -- made by FFT when the table is built. At a pitch f the
 * oscillator blends the two levels whose top harmonics lie between a quarter and a half of
 * the sample rate, by where f falls between them, so nothing lies above Nyquist and a glide
 * never switches harmonics on at once. freq: Hz, any sign (NaN counts as 0); position
 * clamped to [0, 1] (NaN -> 0).
 *
 *     ph_wavetable *t = ph_wavetable_builtin("saw");        // [non-RT]; NULL: unknown name
 *     ph_wavetable *u = ph_wavetable_from_sample(x, n);      // [non-RT]
 *     ph_wt_osc o; ph_wt_osc_init(&o, 48000);
 *     ph_wt_process(t, &o, out, freq, position, n, t0);       // position may be NULL (0)
 *     ph_wavetable_free(t);
 */
#ifndef PH_WAVETABLE_H
#define PH_WAVETABLE_H

#include "dsp/ph_dsp.h"

#define PH_WT_SIZE 2048
#define PH_WT_LEVELS 11
#define PH_WT_MAX_FRAMES 16

typedef struct ph_wavetable {
    float *data; /* [frame][level][PH_WT_SIZE + 1] (a guard sample: the first again) */
    uint32_t frames;
} ph_wavetable;

/* NULL when the name is not a built-in table (or out of memory). */
ph_wavetable *ph_wavetable_builtin(const char *name);
/* The names of the built-in tables, NULL-terminated. */
const char *const *ph_wavetable_names(void);
/* NULL when out of memory or n == 0. */
ph_wavetable *ph_wavetable_from_sample(const float *x, uint32_t n);
void ph_wavetable_free(ph_wavetable *t);

typedef struct ph_wt_osc {
    double phase, inv_rate;
    float rate;
} ph_wt_osc;

void ph_wt_osc_init(ph_wt_osc *o, double sample_rate);
void ph_wt_process(const ph_wavetable *t, ph_wt_osc *o, float *out, const float *freq, const float *position,
                   uint32_t n, uint64_t t0);

#endif
