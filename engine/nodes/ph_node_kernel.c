/* The rack's kernel nodes (dsp/ph_kernels.h): one generic node over a kernel's uniform
 * face, instantiated once per kernel of PH_KERNEL_LIST (tremolo, vibrato, ... vocoder).
 * Inputs: 0 the signal, then the kernel's parameters in order. */
#include "dsp/ph_kernels.h"
#include "nodes/ph_node_fuse.h"
#include "nodes/ph_rack_util.h"

typedef struct kernel_node {
    const ph_kernel *k;
    void *st[2]; /* a state per channel, or one (PH_KERNEL_STEREO) */
} kernel_node;

static void kernel_render(ph_node *n, const ph_ctx *ctx)
{
    kernel_node *s = n->state;
    const ph_kernel *k = s->k;
    const float *p[PH_NODE_MAX_PARAMS];
    if (k->layout == PH_KERNEL_STEREO) {
        const float *in[2] = {n->in[0][0], n->in_channels[0] > 1 ? n->in[0][1] : NULL};
        for (uint32_t j = 0; j < k->n_params; j++) p[j] = n->in[1 + j][0];
        k->process(s->st[0], n->out, in, p, ctx->n, (uint64_t)ctx->sample);
        return;
    }
    for (uint32_t c = 0; c < n->channels; c++) { /* a mono input or parameter gives both channels one buffer */
        const float *in[1] = {n->in[0][c]};
        for (uint32_t j = 0; j < k->n_params; j++) p[j] = n->in[1 + j][c];
        k->process(s->st[c], &n->out[c], in, p, ctx->n, (uint64_t)ctx->sample);
    }
}

static void kernel_destroy(ph_node *n)
{
    kernel_node *s = n->state;
    if (!s) return;
    for (int c = 0; c < 2; c++) {
        if (s->st[c] && s->k->destroy) s->k->destroy(s->st[c]);
        free(s->st[c]);
    }
    free(s);
}

/* Where a pattern is played for its events: asr's input is a gate, sample_hold's and
 * latch's and freeze's first parameter a trigger, timer's input a trigger (ph_rack_events). */
static ph_node_args event_lines(const ph_graph *g, const ph_kernel *k, const ph_node_args *a)
{
    ph_node_args b = *a;
    if (k == &ph_kernel_asr) b.in = ph_rack_events(g, a->in, 1);
    if (k == &ph_kernel_sample_hold && b.n_param > 0) b.param[0] = ph_rack_events(g, a->param[0], 2);
    if (k == &ph_kernel_freeze && b.n_param > 0) b.param[0] = ph_rack_events(g, a->param[0], 2);
    if (k == &ph_kernel_latch && b.n_param > 0) b.param[0] = ph_rack_events(g, a->param[0], 2);
    if (k == &ph_kernel_timer) b.in = ph_rack_events(g, a->in, 2); /* its input is the trigger */
    return b;
}

static int kernel_node_make(ph_graph *g, const ph_node_ops *ops, const ph_kernel *k, const ph_node_args *a,
                            uint32_t *oc)
{
    uint32_t ch = a->channels, states = 1;
    if (k->layout == PH_KERNEL_STEREO) {
        ch = k->out_channels ? k->out_channels : a->channels;
    } else {
        for (uint32_t j = 0; j < a->n_param && j < k->n_params; j++) /* a stereo parameter: a stereo result */
            if (a->param[j].node >= 0 && a->param[j].port == 0 && g->nodes[a->param[j].node].channels > 1) ch = 2;
        states = ch;
    }
    float fixed = k->fixed_param >= 0 && (uint32_t)k->fixed_param < a->n_param
                      ? ph_rack_const(g, a->param[k->fixed_param], k->fixed_default)
                      : k->fixed_default;
    kernel_node *s = calloc(1, sizeof *s);
    bool ok = s != NULL;
    if (ok) s->k = k;
    for (uint32_t c = 0; ok && c < states; c++) {
        ok = (s->st[c] = calloc(1, k->size ? k->size : 1)) != NULL;
        if (ok && k->create && k->create(s->st[c], a->rate, fixed) != 0) {
            free(s->st[c]); /* not created: nothing for destroy to free */
            s->st[c] = NULL;
            ok = false;
        }
    }
    ph_node_args b = event_lines(g, k, a);
    int id = ok ? ph_rack_add(g, ops, s, ch, &b, k->n_params, oc) : -1;
    if (id < 0) kernel_destroy(&(ph_node){.state = s});
    return id;
}

#define PH_KERNEL_NODE(name)                                                                                          \
    const ph_node_ops ph_kind_##name = {.kind = #name, .render = kernel_render, .destroy = kernel_destroy};         \
    int ph_make_##name(ph_graph *g, const ph_node_args *a, uint32_t *oc)                                          \
    {                                                                                                               \
        return kernel_node_make(g, &ph_kind_##name, &ph_kernel_##name, a, oc);                                      \
    }
PH_KERNEL_LIST(PH_KERNEL_NODE)

ph_lag *ph_node_onepole_fuse(ph_node *n)
{
    return n->ops == &ph_kind_onepole && n->channels == 1 ? ((kernel_node *)n->state)->st[0] : NULL;
}
