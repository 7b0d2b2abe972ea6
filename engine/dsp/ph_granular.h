/* Granular synthesis (conventions: dsp/ph_dsp.h): the seed's `granular source size
 * density pitch`, with grains from a sample or from a live signal, and a position.
 *
 * Grains are Hann-windowed pieces of the source, `size` ms long (5 .. 500, the seed's),
 * read at `pitch` times the speed (0.1 .. 4, the seed's; 2 is an octave up), started
 * at a steady rate: density * 8 / size grains a second, so density is how many grains
 * overlap in eighths (1: eight at once, 0.125: one after another, 0.05: sparse clicks);
 * 0 .. 4, 0 stops new grains. Each grain starts at `position` (0 .. 1) plus a random
 * spread of up to half a grain:
 *   sample: position is where in the sample (0 its start, 1 its end less one grain);
 *   live:   the source is recorded into a 4 s ring; position is how far back (0 the most
 *           recent audio a grain can read without overtaking the recording, 1 the oldest).
 * Band limit: a grain read faster than the source (pitch > 1) would fold the source's
 * highs back down; so the source is kept three times -- as it is, low-passed at 0.2 and
 * at 0.1 of the rate (4th-order Butterworth, 24 dB/octave) -- and a grain reads the copy
 * for its pitch (up to 1.05 the source, up to 2.1 the first, above the second), whose
 * content stays under 0.45 of the rate at that speed.
 * The sum is scaled by 1 / (overlap / 2) (when overlap > 2): the Hann windows of grains at
 * a steady rate add up to overlap / 2, so a steady source keeps its level and peaks stay at
 * the source's whatever the density (grains of unrelated material come out quieter). At most 64 grains sound at once; a grain due
 * beyond that is skipped (counted). Grain starts are worked out per sample from absolute
 * time, so any block split gives the same grains. Parameters are read at each grain's
 * start (NaN -> their defaults 50 ms, 0.5, 1, 0).
 *
 *     ph_granular g;
 *     ph_granular_create_sample(&g, 48000, data, frames, seed); // [non-RT] data outlives g
 *     ph_granular_create_live(&g, 48000, seed);                 // [non-RT] allocates the rings
 *     ph_granular_process(&g, out, in_or_NULL, size_ms, density, pitch, position, n, t0);
 *     ph_granular_destroy(&g);
 */
#ifndef PH_GRANULAR_H
#define PH_GRANULAR_H

#include <stdbool.h>

#include "dsp/ph_rbj.h"

#define PH_GRAINS_MAX 64
#define PH_GRAIN_RING_SECONDS 4.0

typedef struct ph_grain {
    double pos;    /* read position, samples into the source (or the ring) */
    float inc;     /* source samples per output sample */
    float amp;
    uint32_t age, len;
} ph_grain;

typedef struct ph_granular {
    const float *src[3]; /* a sample, mono: as it is (the caller's), low-passed (ours) */
    float *own[2];
    uint32_t src_len;
    float *ring[3];      /* live: the recorded source, likewise */
    uint32_t ring_mask, w;
    ph_rbj lp[2][2];     /* live: the two low-passes, two sections each */
    bool live;
    float rate;
    double wait;         /* samples until the next grain */
    ph_grain g[PH_GRAINS_MAX];
    uint32_t active;
    uint64_t started, skipped;
    ph_rng rng;
} ph_granular;

/* 0, or -1 when out of memory. */
int ph_granular_create_sample(ph_granular *g, double sample_rate, const float *data, uint32_t frames, uint32_t seed);
int ph_granular_create_live(ph_granular *g, double sample_rate, uint32_t seed);
void ph_granular_destroy(ph_granular *g);
/* in: the live source (NULL for a sample). */
void ph_granular_process(ph_granular *g, float *out, const float *in, const float *size_ms, const float *density,
                         const float *pitch, const float *position, uint32_t n, uint64_t t0);

#endif
