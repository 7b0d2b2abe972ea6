#include <criterion/criterion.h>
#include <stdint.h>

#include "core/ph_rational.h"

#define R(n, d) ph_rat_make((n), (d))
#define ASSERT_RAT(r, en, ed)                                                                 \
    do {                                                                                      \
        ph_rat r_ = (r);                                                                      \
        cr_assert(r_.n == (en) && r_.d == (ed), "got %lld/%lld, want %lld/%lld",              \
                  (long long)r_.n, (long long)r_.d, (long long)(en), (long long)(ed));        \
    } while (0)

Test(rational, always_reduced_with_positive_denominator)
{
    ASSERT_RAT(R(6, 8), 3, 4);
    ASSERT_RAT(R(3, -6), -1, 2);
    ASSERT_RAT(R(0, -5), 0, 1);
    ASSERT_RAT(R(-4, -2), 2, 1);
}

Test(rational, arithmetic)
{
    ASSERT_RAT(ph_rat_add(R(1, 3), R(1, 6)), 1, 2);
    ASSERT_RAT(ph_rat_sub(R(1, 3), R(1, 2)), -1, 6);
    ASSERT_RAT(ph_rat_mul(R(2, 3), R(9, 4)), 3, 2);
    ASSERT_RAT(ph_rat_div(R(1, 3), R(2, 3)), 1, 2);
    ASSERT_RAT(ph_rat_neg(R(1, 3)), -1, 3);
    cr_assert(ph_rat_lt(R(1, 3), R(1, 2)));
    cr_assert(ph_rat_eq(ph_rat_max(R(1, 3), R(1, 2)), R(1, 2)));
}

Test(rational, floor_ceil_frac_including_negatives)
{
    ASSERT_RAT(ph_rat_floor(R(7, 3)), 2, 1);
    ASSERT_RAT(ph_rat_floor(R(-1, 3)), -1, 1);
    ASSERT_RAT(ph_rat_ceil(R(-1, 3)), 0, 1);
    ASSERT_RAT(ph_rat_ceil(R(4, 2)), 2, 1);
    ASSERT_RAT(ph_rat_frac(R(-1, 3)), 2, 3);
    ASSERT_RAT(ph_rat_frac(R(7, 3)), 1, 3);
}

Test(rational, overflow_is_detected_not_wrapped)
{
    ph_rat_clear_overflow();
    ph_rat big = R(INT64_MAX - 1, 1);
    ph_rat s = ph_rat_add(big, big);
    cr_assert(ph_rat_overflowed());
    cr_assert(s.n > 0, "saturates with the right sign, never wraps negative");
    ph_rat_clear_overflow();
    (void)ph_rat_mul(R(1, INT64_MAX - 2), R(1, INT64_MAX - 4));
    cr_assert(ph_rat_overflowed());
    ph_rat_clear_overflow();
    (void)ph_rat_div(R(1, 2), R(0, 1));
    cr_assert(ph_rat_overflowed());
    ph_rat_clear_overflow();
    /* Large but representable after reduction: no overflow. */
    ASSERT_RAT(ph_rat_mul(R(INT64_MAX - 1, 3), R(3, INT64_MAX - 1)), 1, 1);
    cr_assert(!ph_rat_overflowed());
}

Test(rational, parse_and_format)
{
    ph_rat r;
    char buf[64];
    cr_assert(ph_rat_parse("7/3", &r));
    cr_assert_str_eq(ph_rat_format(r, buf, sizeof buf), "7/3");
    cr_assert(ph_rat_parse("1.5", &r));
    cr_assert_str_eq(ph_rat_format(r, buf, sizeof buf), "3/2");
    cr_assert(ph_rat_parse("-0.125", &r));
    ASSERT_RAT(r, -1, 8);
    cr_assert(ph_rat_parse("3", &r));
    cr_assert_str_eq(ph_rat_format(r, buf, sizeof buf), "3/1");
    cr_assert(!ph_rat_parse("1/0", &r));
    cr_assert(!ph_rat_parse("abc", &r));
    cr_assert(!ph_rat_parse("", &r));
    cr_assert(!ph_rat_parse("1.", &r) || ph_rat_eq(r, R(1, 1)));
}

Test(rational, from_double)
{
    ASSERT_RAT(ph_rat_from_double(0.25, 1000000), 1, 4);
    ASSERT_RAT(ph_rat_from_double(1.5, 1000000), 3, 2);
    ASSERT_RAT(ph_rat_from_double(-0.1, 1000), -1, 10);
    ASSERT_RAT(ph_rat_from_double(1.0 / 3.0, 1000), 1, 3);
    ph_rat_clear_overflow();
    (void)ph_rat_from_double(1.0 / 0.0, 10);
    cr_assert(ph_rat_overflowed());
}
