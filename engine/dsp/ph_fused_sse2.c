/* The fused lane programs for the x86-64 baseline (SSE2), or for whatever the build
 * targets on other machines (see ph_fused.h). */
#define PH_FUSED_TABLE ph_fused_kernels_sse2
#include "dsp/ph_fused_impl.h"
