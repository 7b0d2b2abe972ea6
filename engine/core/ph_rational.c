#include "core/ph_rational.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Initial-exec: the render path reads and writes this flag, and a dlopen'ed plugin's
 * dynamic TLS would otherwise be allocated (malloc) on the audio thread's first access.
 * The engine keeps its thread-local storage tiny (build-time state only) so that its
 * whole TLS block fits glibc's static reserve for dlopen'ed modules. */
static _Thread_local bool overflow_flag __attribute__((tls_model("initial-exec")));

bool ph_rat_overflowed(void) { return overflow_flag; }
void ph_rat_clear_overflow(void) { overflow_flag = false; }

static ph_rat overflow(int sign)
{
    overflow_flag = true;
    ph_rat r = {sign < 0 ? -INT64_MAX : (sign > 0 ? INT64_MAX : 0), 1};
    return r;
}

/* Stein's binary gcd: shifts and subtractions, no division (a 128-bit remainder is a slow
 * library call, and the pattern queries reduce a fraction at nearly every step). */
static uint64_t gcd64(uint64_t a, uint64_t b)
{
    if (!a) return b;
    if (!b) return a;
    int shift = __builtin_ctzll(a | b);
    a >>= __builtin_ctzll(a);
    do {
        b >>= __builtin_ctzll(b);
        if (a > b) {
            uint64_t t = a;
            a = b;
            b = t;
        }
        b -= a;
    } while (b);
    return a << shift;
}

static __int128 gcd128(__int128 a, __int128 b)
{
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b != 0) {
        if ((unsigned __int128)a >> 64 == 0 && (unsigned __int128)b >> 64 == 0) /* both fit 64 bits */
            return (__int128)gcd64((uint64_t)a, (uint64_t)b);
        __int128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Reduces n/d computed in 128 bits and checks that it fits 64 bits. */
static ph_rat reduce128(__int128 n, __int128 d)
{
    if (d == 0) return overflow(0);
    if (d < 0) {
        n = -n;
        d = -d;
    }
    if (n == 0) return (ph_rat){0, 1};
    __int128 g = gcd128(n, d);
    if (n >= -INT64_MAX && n <= INT64_MAX && d <= INT64_MAX) { /* 64-bit division where it fits */
        n = (int64_t)n / (int64_t)g;
        d = (int64_t)d / (int64_t)g;
    } else {
        n /= g;
        d /= g;
    }
    if (n > INT64_MAX || n < -INT64_MAX || d > INT64_MAX) return overflow(n < 0 ? -1 : 1);
    return (ph_rat){(int64_t)n, (int64_t)d};
}

ph_rat ph_rat_make(int64_t n, int64_t d) { return reduce128(n, d); }

ph_rat ph_rat_add(ph_rat a, ph_rat b)
{
    if (a.d == b.d) return reduce128((__int128)a.n + b.n, a.d);
    return reduce128((__int128)a.n * b.d + (__int128)b.n * a.d, (__int128)a.d * b.d);
}

ph_rat ph_rat_sub(ph_rat a, ph_rat b)
{
    if (a.d == b.d) return reduce128((__int128)a.n - b.n, a.d);
    return reduce128((__int128)a.n * b.d - (__int128)b.n * a.d, (__int128)a.d * b.d);
}

ph_rat ph_rat_mul(ph_rat a, ph_rat b) { return reduce128((__int128)a.n * b.n, (__int128)a.d * b.d); }

ph_rat ph_rat_div(ph_rat a, ph_rat b)
{
    if (b.n == 0) return overflow(a.n < 0 ? -1 : 1);
    return reduce128((__int128)a.n * b.d, (__int128)a.d * b.n);
}

ph_rat ph_rat_neg(ph_rat a) { return (ph_rat){-a.n, a.d}; }

int ph_rat_cmp(ph_rat a, ph_rat b)
{
    __int128 l = (__int128)a.n * b.d, r = (__int128)b.n * a.d;
    return l < r ? -1 : (l > r ? 1 : 0);
}

ph_rat ph_rat_min(ph_rat a, ph_rat b) { return ph_rat_le(a, b) ? a : b; }
ph_rat ph_rat_max(ph_rat a, ph_rat b) { return ph_rat_ge(a, b) ? a : b; }

int64_t ph_rat_floor_int(ph_rat a)
{
    int64_t q = a.n / a.d;
    if ((a.n % a.d != 0) && (a.n < 0)) q -= 1;
    return q;
}

ph_rat ph_rat_floor(ph_rat a) { return (ph_rat){ph_rat_floor_int(a), 1}; }

ph_rat ph_rat_ceil(ph_rat a)
{
    int64_t f = ph_rat_floor_int(a);
    return (ph_rat){a.n % a.d == 0 ? f : f + 1, 1};
}

ph_rat ph_rat_frac(ph_rat a) { return ph_rat_sub(a, ph_rat_floor(a)); }

double ph_rat_to_double(ph_rat a) { return (double)a.n / (double)a.d; }

ph_rat ph_rat_from_double(double x, int64_t max_den)
{
    if (!isfinite(x) || fabs(x) > 9.0e15) return overflow(x < 0 ? -1 : 1);
    if (max_den < 1) max_den = 1;
    /* Continued-fraction convergents; stop when the denominator would pass max_den
     * or the approximation is exact in double precision. */
    int sign = x < 0 ? -1 : 1;
    double v = fabs(x);
    int64_t h0 = 0, h1 = 1, k0 = 1, k1 = 0;
    double r = v;
    for (int i = 0; i < 64; i++) {
        double a = floor(r);
        if (a > 9.0e15) break;
        int64_t ai = (int64_t)a;
        __int128 h2 = (__int128)ai * h1 + h0, k2 = (__int128)ai * k1 + k0;
        if (k2 > max_den || h2 > INT64_MAX) break;
        h0 = h1; h1 = (int64_t)h2;
        k0 = k1; k1 = (int64_t)k2;
        if ((double)h1 / (double)k1 == v) break;
        double f = r - a;
        if (f < 1e-300) break;
        r = 1.0 / f;
    }
    if (k1 == 0) return overflow(sign);
    return ph_rat_make(sign * h1, k1);
}

bool ph_rat_parse(const char *s, ph_rat *out)
{
    if (!s || !*s) return false;
    const char *slash = strchr(s, '/');
    char *end;
    if (slash) {
        long long n = strtoll(s, &end, 10);
        if (end != slash || end == s) return false;
        long long d = strtoll(slash + 1, &end, 10);
        if (*end || end == slash + 1 || d == 0) return false;
        ph_rat_clear_overflow();
        *out = ph_rat_make(n, d);
        return !ph_rat_overflowed();
    }
    /* Decimal: integer part and fraction digits, read exactly (no double rounding). */
    const char *p = s;
    int sign = 1;
    if (*p == '-' || *p == '+') sign = (*p++ == '-') ? -1 : 1;
    __int128 n = 0, d = 1;
    bool digits = false;
    while (*p >= '0' && *p <= '9') {
        n = n * 10 + (*p++ - '0');
        digits = true;
        if (n > INT64_MAX) return false;
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            n = n * 10 + (*p++ - '0');
            d *= 10;
            digits = true;
            if (n > INT64_MAX || d > INT64_MAX) return false;
        }
    }
    if (*p || !digits) return false;
    ph_rat_clear_overflow();
    *out = reduce128(sign * n, d);
    return !ph_rat_overflowed();
}

char *ph_rat_format(ph_rat a, char *buf, unsigned size)
{
    snprintf(buf, size, "%lld/%lld", (long long)a.n, (long long)a.d);
    return buf;
}
