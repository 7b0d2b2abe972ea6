/* One face for the rack's kernels whose parameters are all per-sample buffers (issue 14):
 * a state size, create/destroy and a process over output and input channel arrays and
 * parameter buffers. The generic node (nodes/ph_node_kernel.c) and the tests that go
 * through every kernel (tests/unit/dsp/test_dsp_fx_split.c) use it instead of a wrapper
 * each. Conventions: dsp/ph_dsp.h.
 *
 * Layout:
 *   PH_KERNEL_PER_CHANNEL  a state per channel; process gets out[0], in[0] and that
 *                          channel's parameters (a stereo parameter, such as the vocoder's
 *                          carrier, gives each channel its own side)
 *   PH_KERNEL_STEREO       one state sees both channels: in[1] is NULL for a mono input;
 *                          it writes out_channels outputs (0: as many as the input has)
 */
#ifndef PH_KERNELS_H
#define PH_KERNELS_H

#include <stdbool.h>
#include <stddef.h>

#include "dsp/ph_dsp.h"

typedef enum ph_kernel_layout { PH_KERNEL_PER_CHANNEL, PH_KERNEL_STEREO } ph_kernel_layout;

typedef struct ph_kernel {
    const char *name;
    size_t size;              /* bytes of one state (0: stateless) */
    uint32_t n_params;
    ph_kernel_layout layout;
    uint32_t out_channels;    /* PH_KERNEL_STEREO: 1, 2, or 0 for the input's */
    int fixed_param;          /* the parameter fixed when the program is compiled (a count, a
                               * look-ahead), handed to create; -1 none */
    float fixed_default;
    /* [non-RT] 0 ok, -1 out of memory. The state is zeroed before. */
    int (*create)(void *state, double rate, float fixed);
    void (*destroy)(void *state); /* may be NULL */
    void (*process)(void *state, float *const *out, const float *const *in, const float *const *p, uint32_t n,
                    uint64_t t0);
} ph_kernel;

#define PH_KERNEL_LIST(X)                                                                          \
    X(tremolo) X(vibrato) X(ring) X(ring_mod) X(flanger) X(phaser) X(width) X(coarse) X(pitch_shift) \
    X(lag) X(onepole) X(sample_hold) X(wrap) X(follow) X(rms) X(amp_follower) X(asr)               \
    X(limiter) X(expander) X(noisegate) X(pingpong) X(tapedelay) X(multitap) X(plate) X(vocoder)    \
    X(overdrive)                                                                                   \
    X(latch) X(schmidt) X(timer) X(diffuser) X(freeze) /* the seed's, dsp/ph_kernels_seed.c */

#define PH_KERNEL_DECLARE(k) extern const ph_kernel ph_kernel_##k;
PH_KERNEL_LIST(PH_KERNEL_DECLARE)
#undef PH_KERNEL_DECLARE

/* Every kernel of the list, in order, and how many. */
extern const ph_kernel *const ph_kernels[];
extern const unsigned ph_kernel_count;

#endif
