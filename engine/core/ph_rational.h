/* Exact rational time. A cycle is the unit of pattern time; every time value in the
 * pattern layer is a ph_rat with 64-bit numerator and denominator, always reduced,
 * with a positive denominator. Arithmetic uses 128-bit intermediates; a result that
 * does not fit 64 bits is an overflow: it sets the calling thread's sticky overflow
 * flag (ph_rat_overflowed) and returns a saturated value, never a silent wrap. */
#ifndef PH_RATIONAL_H
#define PH_RATIONAL_H

#include <stdbool.h>
#include <stdint.h>

typedef struct ph_rat {
    int64_t n; /* numerator */
    int64_t d; /* denominator, > 0 */
} ph_rat;

/* Constructors (the result is reduced). d == 0 is an overflow (returns 0/1). */
ph_rat ph_rat_make(int64_t n, int64_t d);
static inline ph_rat ph_rat_int(int64_t n) { ph_rat r = {n, 1}; return r; }
/* Nearest rational to x with denominator <= max_den (continued fractions). Non-finite
 * input is an overflow. Exact for doubles that are ratios of small integers (0.25, 1.5). */
ph_rat ph_rat_from_double(double x, int64_t max_den);
/* Parses "3", "-7/3", "1.5", "0.125"; returns false on anything else. */
bool ph_rat_parse(const char *s, ph_rat *out);

ph_rat ph_rat_add(ph_rat a, ph_rat b);
ph_rat ph_rat_sub(ph_rat a, ph_rat b);
ph_rat ph_rat_mul(ph_rat a, ph_rat b);
ph_rat ph_rat_div(ph_rat a, ph_rat b); /* b == 0 is an overflow */
ph_rat ph_rat_neg(ph_rat a);
ph_rat ph_rat_min(ph_rat a, ph_rat b);
ph_rat ph_rat_max(ph_rat a, ph_rat b);

int ph_rat_cmp(ph_rat a, ph_rat b); /* -1, 0, 1 */
static inline bool ph_rat_eq(ph_rat a, ph_rat b) { return a.n == b.n && a.d == b.d; }
static inline bool ph_rat_lt(ph_rat a, ph_rat b) { return ph_rat_cmp(a, b) < 0; }
static inline bool ph_rat_le(ph_rat a, ph_rat b) { return ph_rat_cmp(a, b) <= 0; }
static inline bool ph_rat_gt(ph_rat a, ph_rat b) { return ph_rat_cmp(a, b) > 0; }
static inline bool ph_rat_ge(ph_rat a, ph_rat b) { return ph_rat_cmp(a, b) >= 0; }
static inline bool ph_rat_is_zero(ph_rat a) { return a.n == 0; }

ph_rat ph_rat_floor(ph_rat a);     /* the cycle a falls in ("sam") */
ph_rat ph_rat_ceil(ph_rat a);
ph_rat ph_rat_frac(ph_rat a);      /* a - floor(a), in [0, 1) */
int64_t ph_rat_floor_int(ph_rat a);
double ph_rat_to_double(ph_rat a);

/* Writes "n/d" (always with the slash) into buf; returns buf. */
char *ph_rat_format(ph_rat a, char *buf, unsigned size);

/* Sticky per-thread overflow flag: set by any operation that overflowed. */
bool ph_rat_overflowed(void);
void ph_rat_clear_overflow(void);

#endif
