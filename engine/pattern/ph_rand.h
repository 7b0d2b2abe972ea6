/* Strudel's seeded, time-based randomness (packages/core/signal.mjs), reproduced
 * bit for bit: a 32-bit xorshift ("xorwise") of an integer seed taken from the time,
 * stretched so that 300 cycles cover [0, 2^29). */
#ifndef PH_RAND_H
#define PH_RAND_H

#include <stdint.h>

/* One xorshift step on JavaScript's 32-bit integers. */
int32_t ph_rand_xorwise(int32_t x);
/* timeToIntSeed: xorwise(trunc(frac(t / 300) * 2^29)). */
int32_t ph_rand_time_to_int_seed(double t);
/* intSeedToRand: (x % 2^29) / 2^29 (keeps the sign, as JavaScript's %). */
double ph_rand_int_seed_to_rand(int32_t x);
/* timeToRand: |intSeedToRand(timeToIntSeed(t))|, in [0, 1). The `rand` signal. */
double ph_rand_time_to_rand(double t);
/* timeToRands: n successive values from the seed of t (n <= 64 per call is typical). */
void ph_rand_time_to_rands(double t, int n, double *out);
/* Strudel's _perlin(t): smootherstep between timeToRand(floor t) and timeToRand(floor t + 1). */
double ph_rand_perlin(double t);

/* The mini-notation's `?` and `|` shift the rand signal by seed * 0.0003 cycles. The
 * offset as an exact rational: 3 * seed / 10000. */
#define PH_MINI_RAND_OFFSET_NUM 3
#define PH_MINI_RAND_OFFSET_DEN 10000

#endif
