/* The sample clock: which cycle a sample is at, and which sample a cycle is at. Pattern
 * time at sample s is anchor_cycle + (s - anchor_sample) * cps / rate, computed afresh from
 * these integers and exact rationals every time (never accumulated), so the same samples get
 * the same cycle positions whatever the host's block sizes. This is the one copy of the
 * formula: the engine's clock, query windows and pattern nodes all use it. */
#ifndef PH_CLOCK_H
#define PH_CLOCK_H

#include <stdint.h>

#include "core/ph_rational.h"

typedef struct ph_clock {
    int64_t anchor_sample;
    ph_rat anchor_cycle;
    ph_rat cps;   /* cycles per second, exact, > 0 */
    int64_t rate; /* samples per second */
} ph_clock;

/* Exact cycle at sample s (may set the rational overflow flag on absurd clocks). */
ph_rat ph_clock_cycle_at(const ph_clock *c, int64_t s);
/* The same as a double, for continuous values. */
double ph_clock_cycle_at_double(const ph_clock *c, int64_t s);
/* The sample at which cycle t happens: the last sample at or before t (an onset exactly on
 * a sample lands on it), so the onsets of a span [cycle(s0), cycle(s1)) are exactly those
 * landing on samples [s0, s1) and no event falls between two windows. */
int64_t ph_clock_sample_of(const ph_clock *c, ph_rat t);

#endif
