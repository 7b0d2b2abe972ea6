/* Playing programs: a compiled patch made ready to render (finalized graph, render plan,
 * output captures), and what the public API tells about one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/ph_program_impl.h"

ph_program *ph_program_make(ph_patch *patch, char *err, size_t errlen)
{
    ph_program *p = calloc(1, sizeof *p);
    if (!p) {
        ph_patch_free(patch);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    p->patch = patch;
    ph_graph *g = &patch->g;
    p->n_roots = ph_patch_roots(patch, p->roots);
    if (!ph_graph_finalize(g, p->roots, p->n_roots, err, errlen)) goto fail;
    if (!ph_plan_build(&p->plan, g, p->roots, p->n_roots)) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    p->span_out = aligned_alloc(64, PH_MAX_CHANNELS * PH_SPAN * sizeof(float));
    if (!p->span_out) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    memset(p->span_out, 0, PH_MAX_CHANNELS * PH_SPAN * sizeof(float));
    for (int ch = 0; ch < PH_MAX_CHANNELS; ch++) {
        int node = ch < 2 ? patch->main_node : patch->aux_node[ch - 2];
        p->silent[ch] = node < 0;
        if (node < 0) continue; /* stays silent */
        const ph_node *n = &g->nodes[node];
        uint32_t c = ch == 1 && n->channels > 1 ? 1 : 0;
        float *dst = p->span_out + ch * PH_SPAN;
        if (!n->ops->render) /* a constant: its buffer never changes */
            for (int k = 0; k < PH_SPAN; k += PH_CHUNK) memcpy(dst + k, n->out[c], PH_CHUNK * sizeof(float));
        else if (!ph_plan_add_capture(&p->plan, node, c, dst)) {
            snprintf(err, errlen, "too many outputs");
            goto fail;
        }
    }
    return p;
fail:
    ph_program_free(p);
    return NULL;
}

void ph_program_free(ph_program *p)
{
    if (!p) return;
    ph_plan_free(&p->plan);
    ph_patch_free(p->patch);
    free(p->span_out);
    free(p);
}

uint32_t ph_program_warning_count(const ph_program *p) { return p ? p->patch->n_warnings : 0; }

bool ph_program_warning(const ph_program *p, uint32_t index, ph_diag *out)
{
    if (!p || index >= p->patch->n_warnings || !out) return false;
    *out = p->patch->warnings[index];
    return true;
}

double ph_program_cps(const ph_program *p) { return p ? p->patch->cps : 0.0; }
int ph_program_aux_outputs(const ph_program *p) { return p ? p->patch->aux_outputs : 0; }

void ph_program_set_eval(ph_program *p, ph_eval_mode mode)
{
    if (p) p->eval_sample = mode == PH_EVAL_SAMPLE;
}

uint32_t ph_program_node_count(const ph_program *p) { return p ? p->patch->g.n_order : 0; }
uint32_t ph_program_stage_count(const ph_program *p) { return p ? p->patch->g.n_stages : 0; }

bool ph_program_node_info(const ph_program *p, uint32_t index, ph_node_info *out)
{
    if (!p || index >= p->patch->g.n_order) return false;
    const ph_node *n = &p->patch->g.nodes[p->patch->g.order[index]];
    out->label = n->label;
    out->kind = n->ops->kind;
    out->line = n->line;
    out->column = n->column;
    out->stage = n->stage;
    out->ns = n->prof_ns;
    const ph_lane_group *lg = n->lanes;
    out->lane_group = lg ? 1 + (uint32_t)(lg - p->plan.lanes.groups) : 0;
    out->lanes = lg ? lg->count : 1;
    out->lane_width = lg ? lg->width : 1;
    const ph_fuse_unit *fu = n->fused;
    out->fused_unit = fu ? 1 + (uint32_t)(fu - p->plan.fusion.units) : 0;
    out->fused_lanes = fu ? fu->n_lanes : 0;
    out->fused_members = fu ? fu->n_members : 0;
    return true;
}

uint64_t ph_program_profiled_frames(const ph_program *p) { return p ? p->plan.prof_samples : 0; }
