/* The notes held on the MIDI input, as the `held` pattern reads them (pattern/ph_pat_held.c).
 * A program that uses `held` owns one (graph/ph_patch.h); the engine copies its held keys
 * into it before each query window (render/ph_engine.c), on the render thread, so a query
 * always sees one consistent chord. Lowest note first. */
#ifndef PH_HELD_H
#define PH_HELD_H

#include <stdint.h>

#define PH_HELD_MAX 16 /* notes of one chord; more are left out (the highest) */

typedef struct ph_held {
    uint32_t count;
    uint8_t note[PH_HELD_MAX];
    uint8_t velocity[PH_HELD_MAX];
} ph_held;

#endif
