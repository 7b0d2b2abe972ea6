/* The built-in kit and the sample banks, shared by the voice nodes of every program that
 * uses them (reference counted; taken and released when programs are compiled and freed,
 * never on the audio thread), so that nothing outlives the last program -- a plugin may
 * be unloaded -- and live coding does not re-synthesise the kit at each evaluation. */
#ifndef PH_SOUND_SHARE_H
#define PH_SOUND_SHARE_H

#include <stddef.h>

#include "dsp/ph_drums.h"
#include "dsp/ph_samples.h"

/* The kit at this rate (made on first use, ~50 ms), or NULL when out of memory. */
const ph_kit *ph_share_kit(double rate);
void ph_unshare_kit(const ph_kit *k);
/* The bank of sample folder `dir` at this rate, or NULL with a message in err. */
ph_sample_bank *ph_share_bank(const char *dir, double rate, char *err, size_t errlen);
void ph_unshare_bank(ph_sample_bank *b);

#endif
