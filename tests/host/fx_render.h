/* Running Phonon FX in the test host: a stream and a stereo input in, the output back. */
#ifndef PH_TEST_FX_RENDER_H
#define PH_TEST_FX_RENDER_H

#include <criterion/criterion.h>

#include "host.h"

/* Renders n frames of stream s through the FX instance h with `in` (2 channels of n) on its
 * inputs, in blocks cycling through sizes (NULL: the largest); expects no compile error;
 * frees s and h; returns the output (2 channels of n frames). */
static inline float **fx_render_stream(ph_lv2host *h, ph_lv2host_stream *s, float **in, int64_t n,
                                       const uint32_t *sizes, size_t n_sizes)
{
    ph_lv2host_set_input(h, in, 2, n);
    float **out = audio_new(2, n);
    ph_lv2host_render(h, s, n, sizes, n_sizes, out);
    const char *err = ph_lv2host_notifications(h)->error;
    cr_expect(!err || !err[0], "compile error: %s", err ? err : "");
    ph_lv2host_stream_free(s);
    ph_lv2host_free(h);
    return out;
}

#endif
