/* Convolution nodes over dsp/ph_convolve.h: a convolver per output channel over an impulse
 * response the node owns. Input 0 the signal, then the mix. */
#include "dsp/ph_convolve.h"
#include "nodes/ph_rack_util.h"

/* ---- convolve: the response is taken; param 0 the mix ---------------------------------------------------- */

typedef struct conv_node {
    ph_ir ir;
    ph_conv *c[2];
} conv_node;

static void conv_render(ph_node *n, const ph_ctx *ctx)
{
    conv_node *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_conv_process(s->c[c], n->out[c], n->in[0][c], n->in[1][0], ctx->n, (uint64_t)ctx->sample);
}

static void conv_destroy(ph_node *n)
{
    conv_node *s = n->state;
    if (!s) return;
    ph_conv_destroy(s->c[0]);
    ph_conv_destroy(s->c[1]);
    ph_ir_free(&s->ir);
    free(s);
}
const ph_node_ops ph_kind_convolve = {.kind = "convolve", .render = conv_render, .destroy = conv_destroy};

int ph_node_convolve(ph_graph *g, const ph_node_args *a, struct ph_ir *ir, uint32_t *oc)
{
    conv_node *s = calloc(1, sizeof *s);
    if (!s) {
        ph_ir_free(ir);
        return -1;
    }
    s->ir = *ir;
    uint32_t ch = a->channels > 1 || ir->data[1] ? 2 : 1;
    bool ok = true;
    for (uint32_t c = 0; ok && c < ch; c++) ok = (s->c[c] = ph_conv_create(&s->ir, (int)c)) != NULL;
    int id = ok ? ph_rack_add(g, &ph_kind_convolve, s, ch, a, 1, oc) : -1;
    if (id < 0) conv_destroy(&(ph_node){.state = s});
    return id;
}
