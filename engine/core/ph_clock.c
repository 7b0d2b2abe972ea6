/* The clock formula (see ph_clock.h). */
#include "core/ph_clock.h"

ph_rat ph_clock_cycle_at(const ph_clock *c, int64_t s)
{
    ph_rat d = ph_rat_div(ph_rat_mul(ph_rat_int(s - c->anchor_sample), c->cps), ph_rat_int(c->rate));
    return ph_rat_add(c->anchor_cycle, d);
}

double ph_clock_cycle_at_double(const ph_clock *c, int64_t s)
{
    return ph_rat_to_double(c->anchor_cycle) +
           (double)(s - c->anchor_sample) * ph_rat_to_double(c->cps) / (double)c->rate;
}

int64_t ph_clock_sample_of(const ph_clock *c, ph_rat t)
{
    ph_rat d = ph_rat_sub(t, c->anchor_cycle);
    ph_rat x = ph_rat_div(ph_rat_mul(d, ph_rat_int(c->rate)), c->cps);
    return c->anchor_sample + ph_rat_floor_int(x);
}
