/* The seed's control kernels (dsp/ph_seedctl.h) behind the rack's one face
 * (dsp/ph_kernels.h): latch, schmidt, timer (dsp/ph_seedctl.h) and diffuser
 * (dsp/ph_diffuser.h), freeze (dsp/ph_freeze.h), listed in PH_KERNEL_LIST. */
#include "dsp/ph_kernels.h"

#include "dsp/ph_diffuser.h"
#include "dsp/ph_freeze.h"
#include "dsp/ph_seedctl.h"

static int latch_create(void *s, double rate, float fixed) { return (void)rate, (void)fixed, ph_latch_init(s), 0; }
static void latch_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_latch_process(s, o[0], in[0], p[0], n, t0);
}
const ph_kernel ph_kernel_latch = {"latch", sizeof(ph_latch), 1, PH_KERNEL_PER_CHANNEL, 0, -1, 0, latch_create, NULL,
                                   latch_run};

static int schmidt_create(void *s, double rate, float fixed) { return (void)rate, (void)fixed, ph_schmidt_init(s), 0; }
static void schmidt_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n,
                        uint64_t t0)
{
    ph_schmidt_process(s, o[0], in[0], p[0], p[1], n, t0);
}
const ph_kernel ph_kernel_schmidt = {"schmidt", sizeof(ph_schmidt), 2, PH_KERNEL_PER_CHANNEL, 0, -1, 0, schmidt_create,
                                     NULL, schmidt_run};

static int timer_create(void *s, double rate, float fixed) { return (void)fixed, ph_timer_init(s, rate), 0; }
static void timer_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    (void)p;
    ph_timer_process(s, o[0], in[0], n, t0);
}
const ph_kernel ph_kernel_timer = {"timer", sizeof(ph_timer), 0, PH_KERNEL_PER_CHANNEL, 0, -1, 0, timer_create, NULL,
                                   timer_run};

static int diffuser_create(void *s, double rate, float fixed) { return (void)fixed, ph_diffuser_create(s, rate); }
static void diffuser_free(void *s) { ph_diffuser_destroy(s); }
static void diffuser_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n,
                         uint64_t t0)
{
    ph_diffuser_process(s, o[0], in[0], p[0], n, t0);
}
const ph_kernel ph_kernel_diffuser = {"diffuser", sizeof(ph_diffuser), 1, PH_KERNEL_PER_CHANNEL, 0, -1, 0,
                                      diffuser_create, diffuser_free, diffuser_run};

static int freeze_create(void *s, double rate, float fixed) { return (void)rate, (void)fixed, ph_freeze_create(s); }
static void freeze_free(void *s) { ph_freeze_destroy(s); }
static void freeze_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n,
                       uint64_t t0)
{
    ph_freeze_process(s, o[0], in[0], p[0], n, t0);
}
const ph_kernel ph_kernel_freeze = {"freeze", sizeof(ph_freeze), 1, PH_KERNEL_PER_CHANNEL, 0, -1, 0, freeze_create,
                                    freeze_free, freeze_run};
