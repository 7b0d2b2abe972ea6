/* Fused lane programs: the instruction set chosen at run time (that of the lane kernels,
 * dsp/ph_lanes.h) and their scratch (see ph_fused.h). */
#include "dsp/ph_fused.h"

#include "dsp/ph_lanes.h"

static const ph_fused_kernels *kernels(void)
{
    switch (ph_lanes_isa_current()) {
#if defined(PH_LANES_HAVE_AVX2)
    case PH_LANES_AVX2: return &ph_fused_kernels_avx2;
#endif
    case PH_LANES_SSE2: return &ph_fused_kernels_sse2;
    default: return NULL; /* the scalar reference: the caller renders node by node */
    }
}

bool ph_fused_usable(void) { return kernels() != NULL; }

bool ph_fused_prog_alloc(ph_fused_prog *p)
{
    size_t bytes = (size_t)p->n_ops * PH_FUSED_OP_STATE +
                   (size_t)p->n_slots * PH_FUSED_TILE * PH_FUSED_LANES * sizeof(float);
    p->mem = ph_dsp_alloc(bytes ? bytes : 1);
    return p->mem != NULL;
}

void ph_fused_prog_free(ph_fused_prog *p)
{
    ph_dsp_free(p->mem);
    p->mem = NULL;
}

void ph_fused_run(ph_fused_prog *p, uint32_t n, uint64_t t0)
{
    const ph_fused_kernels *k = kernels();
    if (k && n) k->run(p, n, t0);
}

void ph_fused_sm_run(const ph_fused_sm *ops, uint32_t n_ops, uint32_t n, uint64_t t0)
{
    const ph_fused_kernels *k = kernels();
    if (k) k->sm_run(ops, n_ops, n, t0);
    else ph_fused_kernels_sse2.sm_run(ops, n_ops, n, t0);
}
