/* Offline rendering of a patch (ph_offline.h). */
#include "render/ph_offline.h"

#include <stdio.h>
#include <stdlib.h>

#include "phonon/phonon.h"
#include "render/ph_program_impl.h"

bool ph_render_patch_offline(ph_patch *patch, double rate, double cps, uint32_t frames, float *out)
{
    char err[128];
    ph_program *p = ph_program_make(patch, err, sizeof err);
    ph_settings s = {.sample_rate = rate, .max_block = 4096, .threads = 1};
    ph_engine *e = p ? ph_engine_new(&s) : NULL;
    float *right = e ? malloc(4096 * sizeof *right) : NULL;
    bool ok = right && ph_engine_set_program(e, p);
    if (!ok) {
        free(right);
        if (e) ph_engine_free(e); /* frees nothing of p: it was not taken */
        ph_program_free(p);
        return false;
    }
    if (cps > 0) ph_engine_set_cps(e, cps);
    for (uint32_t done = 0; done < frames;) {
        uint32_t n = frames - done < 4096 ? frames - done : 4096;
        float *outs[2] = {out + done, right};
        ph_engine_render(e, outs, 2, n);
        done += n;
    }
    free(right);
    ph_engine_free(e); /* frees the program it holds */
    return true;
}
