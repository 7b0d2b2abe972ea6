/* Builders for the seed's spellings that the generic ones do not cover (see
 * ph_build_rack.h): chorus with the seed's fourth argument. */
#include <stdio.h>

#include "compile/ph_build_rack.h"

/* The seed's chorus reads rate, depth and mix and drops anything after them (its programs
 * write `# chorus 3 0.8 0.2 0.5`): the same here, said in a warning so the extra number is
 * not silently lost. The row allows 4 so that the seed's form reaches this builder; the
 * node is built from a copy of the row that takes 3. */
PH_RACK_BUILDER(ph_build_seed_chorus)
{
    if (n > 3) {
        if (c->patch) {
            char msg[200];
            snprintf(msg, sizeof msg, "'%s' takes rate, depth and mix; its 4th argument is ignored, as the seed "
                     "does", nm->name);
            ph_patch_warn(c->patch, name_at ? name_at->line : 1, name_at ? name_at->column : 1, msg);
        }
        n = 3;
    }
    ph_dsp_def three = *nm->dsp;
    three.max_args = 3;
    ph_name as_three = *nm;
    as_three.dsp = &three;
    return ph_build_processor(c, &as_three, args, n, input, at);
}
