/* Rendering a patch offline, off the audio thread: what the compiler needs when it turns a
 * bus into a sample table (a bus used as an instrument, `s "~synth*4"`). The compiler does
 * not call this directly (render/ is not beneath compile/): the API layer hands it over as
 * a ph_compile_hooks callback. [non-RT] */
#ifndef PH_OFFLINE_H
#define PH_OFFLINE_H

#include <stdbool.h>
#include <stdint.h>

#include "graph/ph_patch.h"

/* Renders `frames` samples of the patch's main output (its left channel, or its mono
 * output) from cycle 0 at `cps` into out. Takes the patch (freed in every case). */
bool ph_render_patch_offline(ph_patch *patch, double rate, double cps, uint32_t frames, float *out);

#endif
