/* The built-in drum kit: every sound synthesised into a sample table when the kit is
 * created (non-RT), so playing a drum is sample playback in the voice pool, and the
 * kit needs no files. Conventions: dsp/ph_dsp.h.
 *
 * Names and variants (`bd:1` = variant 1; indices wrap, negative ones too):
 *   bd    kick: sine with a pitch sweep and a click      4 variants (0 round, 1 punchy,
 *                                                         2 long 808-style, 3 short hard)
 *   sn    snare: pitched body + band-passed noise         4 variants
 *   hh    closed hi-hat: six detuned square partials + noise, high-passed   4 variants
 *   oh    open hi-hat: the same, long decay               3 variants
 *   cp    clap: three noise bursts and a tail, band-passed   3 variants
 *   lt mt ht  toms (low ~80, mid ~120, high ~170 Hz): swept sine + noise   3 variants each
 *   rim   rim shot: two short resonant tones and a click  3 variants
 *   perc  FM percussion blips                             4 variants
 *   superkick supersnare superhat superclap: the "super" drum synths, also tables (longer,
 *         richer variants, 3 each); they are played pitched by `note`/`speed` like any
 *         table (note 0 = as synthesised).
 * (supersaw and superpwm are live synth voices: see ph_voices.h.)
 * All tables are mono at the kit's sample rate, peak-normalised to a level per sound (kick
 * 0.55, snares 0.36, hats 0.18: see ph_drums.c), faded to zero at
 * the end, and shorter than 3 s.
 *
 *     ph_kit *kit = ph_kit_create(48000);            // [non-RT] ~50 ms of synthesis
 *     const ph_table *t = ph_kit_find(kit, "bd", 1); // [RT] NULL when the name is unknown
 *     ph_kit_destroy(kit);
 */
#ifndef PH_DRUMS_H
#define PH_DRUMS_H

#include <stdint.h>

#include "dsp/ph_table.h"

typedef struct ph_kit ph_kit;

ph_kit *ph_kit_create(double sample_rate);
void ph_kit_destroy(ph_kit *k);
/* [RT] strcmp over a few names; NULL for an unknown name. */
const ph_table *ph_kit_find(const ph_kit *k, const char *name, int index);
/* Number of variants of `name`, 0 when unknown. */
int ph_kit_variants(const ph_kit *k, const char *name);
/* The peak every variant of `name` is normalised to (its level in the kit's mix); 0 when
 * the name is unknown. */
double ph_kit_level(const char *name);
/* The kit's sound names, NULL-terminated (static). */
const char *const *ph_kit_names(void);

#endif
