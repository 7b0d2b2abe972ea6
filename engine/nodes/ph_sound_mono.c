/* A named sound as a mono buffer, for the sources that read a sample (wavetable,
 * granular): from the program's sample folder, else the built-in kit (ph_nodes.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nodes/ph_nodes.h"
#include "nodes/ph_sound_share.h"

/* name[:index] -> the name and the index. */
static void split_name(const char *name, char *base, size_t size, int *index)
{
    const char *colon = strchr(name, ':');
    size_t len = colon ? (size_t)(colon - name) : strlen(name);
    snprintf(base, size, "%.*s", (int)len, name);
    *index = colon ? atoi(colon + 1) : 0;
}

static float *mono_copy(const ph_table *t, uint32_t *frames)
{
    float *x = malloc((t->frames ? t->frames : 1) * sizeof *x);
    if (!x) return NULL;
    for (uint32_t i = 0; i < t->frames; i++)
        x[i] = t->channels == 2 ? 0.5f * (t->data[2 * i] + t->data[2 * i + 1]) : t->data[i];
    *frames = t->frames;
    return x;
}

float *ph_sound_mono(const char *sample_dir, double rate, const char *name, uint32_t *frames, char *err, size_t errlen)
{
    char base[128];
    int index;
    split_name(name ? name : "", base, sizeof base, &index);
    float *x = NULL;
    bool found = false;
    if (sample_dir && sample_dir[0]) {
        char why[256] = "";
        ph_sample_bank *b = ph_share_bank(sample_dir, rate, why, sizeof why);
        if (b && ph_sample_bank_count(b, base) > 0 && ph_sample_bank_load(b, base, why, sizeof why) == 0) {
            const ph_table *t = ph_sample_bank_find(b, base, index);
            if (t) found = true, x = mono_copy(t, frames);
        }
        if (b) ph_unshare_bank(b);
    }
    if (!found) {
        const ph_kit *k = ph_share_kit(rate);
        const ph_table *t = k ? ph_kit_find(k, base, index) : NULL;
        if (t) found = true, x = mono_copy(t, frames);
        if (k) ph_unshare_kit(k);
    }
    if (!found) snprintf(err, errlen, "no sound '%s' in the kit%s", name ? name : "", sample_dir && sample_dir[0] ? " or the sample folder" : "");
    else if (!x) snprintf(err, errlen, "out of memory");
    return x;
}
