/* `phonon render --input FILE` (render_input.h), on libsndfile. */
#include "render_input.h"

#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ph_render_input {
    SNDFILE *f;
    SF_INFO info;
    uint32_t max_block;
    float *inter;  /* max_block * channels */
    float *ch[2];  /* max_block each */
    const float *view[2];
};

ph_render_input *ph_render_input_open(const char *path, uint32_t max_block)
{
    ph_render_input *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->f = sf_open(path, SFM_READ, &r->info);
    if (!r->f) {
        fprintf(stderr, "phonon render: cannot read input '%s': %s\n", path, sf_strerror(NULL));
        free(r);
        return NULL;
    }
    r->max_block = max_block;
    r->inter = calloc((size_t)max_block * (size_t)r->info.channels, sizeof(float));
    r->ch[0] = calloc(max_block, sizeof(float));
    r->ch[1] = calloc(max_block, sizeof(float));
    if (!r->inter || !r->ch[0] || !r->ch[1]) {
        ph_render_input_close(r);
        return NULL;
    }
    r->view[0] = r->ch[0];
    r->view[1] = r->ch[1];
    return r;
}

void ph_render_input_close(ph_render_input *r)
{
    if (!r) return;
    if (r->f) sf_close(r->f);
    free(r->inter);
    free(r->ch[0]);
    free(r->ch[1]);
    free(r);
}

double ph_render_input_rate(const ph_render_input *r) { return (double)r->info.samplerate; }
int64_t ph_render_input_frames(const ph_render_input *r) { return (int64_t)r->info.frames; }

const float *const *ph_render_input_next(ph_render_input *r, uint32_t n)
{
    if (n > r->max_block) n = r->max_block;
    const int nc = r->info.channels;
    sf_count_t got = sf_readf_float(r->f, r->inter, n);
    if (got < 0) got = 0;
    for (uint32_t i = 0; i < n; i++) {
        const bool have = (sf_count_t)i < got;
        const float l = have ? r->inter[(size_t)i * (size_t)nc] : 0.0f;
        r->ch[0][i] = l;
        r->ch[1][i] = have && nc > 1 ? r->inter[(size_t)i * (size_t)nc + 1] : l;
    }
    return r->view;
}
