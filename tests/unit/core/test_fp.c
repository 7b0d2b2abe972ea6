/* core/ph_fp.h: the render threads' flush-to-zero switch. */
#include <criterion/criterion.h>
#include <float.h>

#include "core/ph_fp.h"

Test(core_fp, denormals_flushed_and_restored)
{
    volatile float tiny = FLT_MIN, half = 0.5f;
    uint64_t old = ph_fp_flush_denormals();
    float r = tiny * half; /* a denormal without FTZ */
#if defined(__x86_64__) || defined(__SSE__) || defined(__aarch64__)
    cr_assert_eq(r, 0.0f, "flushed to zero");
#endif
    ph_fp_restore(old);
    r = tiny * half;
    cr_assert(r > 0.0f, "restored: denormals back");
}
