#include <criterion/criterion.h>
#include <float.h>

#include "dsp/ph_dsp.h"
#include "test_dsp_util.h"

Test(dsp_core, sanitize_sin_and_helpers)
{
    float b[6] = {1, NAN, INFINITY, -INFINITY, 2e6f, -3};
    cr_assert_eq(ph_dsp_sanitize(b, 6), 4);
    cr_assert(b[0] == 1 && b[1] == 0 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == -3);
    double worst = 0;
    for (int i = -20000; i <= 20000; i++) {
        double x = i / 1000.0 + 0.0003;
        worst = fmax(worst, fabs(ph_dsp_sin2pi((float)x) - sin(2 * M_PI * (float)x)));
    }
    cr_assert(worst < 1e-6, "sin2pi error %g", worst);
    cr_assert_eq(ph_dsp_clamp_arith(5, 0, 1), 1.0f);
    cr_assert_eq(ph_dsp_clamp_arith(-5, 0, 1), 0.0f);
    cr_assert(fabsf(ph_dsp_clamp_arith(0.3f, 0, 1) - 0.3f) < 1e-7f);
    cr_assert(fabs(ph_dsp_note_hz(9) - 440.0) < 1e-9, "A5 above C5 is 440 Hz");
    float *p = ph_dsp_alloc(100);
    cr_assert_eq((uintptr_t)p % PH_DSP_ALIGN, 0);
    cr_assert_eq(p[24], 0.0f);
    ph_dsp_free(p);
    ph_rng a, c;
    ph_rng_seed(&a, 0);
    ph_rng_seed(&c, 1);
    cr_assert_neq(ph_rng_next(&a), ph_rng_next(&c));
    cr_assert(ph_dsp_at_quantum(32) && !ph_dsp_at_quantum(33));
    cr_assert_eq(ph_dsp_run_length(30, 100), 2);
    cr_assert_eq(ph_dsp_run_length(32, 5), 5);
}
