/* Strudel's xorwise random generator. JavaScript's shift operators work on 32-bit
 * signed integers (<< wraps, >> is arithmetic); reproduced with explicit unsigned
 * shifts so that C has no undefined or implementation-defined behaviour here. */
#include "pattern/ph_rand.h"

#include <math.h>

static int32_t shl(int32_t x, int n) { return (int32_t)((uint32_t)x << n); }
static int32_t sar(int32_t x, int n) { return x < 0 ? ~(int32_t)(~(uint32_t)x >> n) : (int32_t)((uint32_t)x >> n); }

int32_t ph_rand_xorwise(int32_t x)
{
    int32_t a = shl(x, 13) ^ x;
    int32_t b = sar(a, 17) ^ a;
    return shl(b, 5) ^ b;
}

int32_t ph_rand_time_to_int_seed(double t)
{
    double x = t / 300.0;
    double frac = x - trunc(x);
    double v = trunc(frac * 536870912.0);
    /* |v| < 2^29: fits; ToInt32 is the identity here. */
    return ph_rand_xorwise((int32_t)v);
}

double ph_rand_int_seed_to_rand(int32_t x) { return (double)(x % 536870912) / 536870912.0; }

double ph_rand_time_to_rand(double t) { return fabs(ph_rand_int_seed_to_rand(ph_rand_time_to_int_seed(t))); }

void ph_rand_time_to_rands(double t, int n, double *out)
{
    int32_t seed = ph_rand_time_to_int_seed(t);
    for (int i = 0; i < n; i++) {
        out[i] = ph_rand_int_seed_to_rand(seed);
        seed = ph_rand_xorwise(seed);
    }
}

double ph_rand_perlin(double t)
{
    double ta = floor(t), tb = ta + 1;
    double x = t - ta;
    double s = 6.0 * pow(x, 5) - 15.0 * pow(x, 4) + 10.0 * pow(x, 3);
    double a = ph_rand_time_to_rand(ta), b = ph_rand_time_to_rand(tb);
    return a + s * (b - a);
}
