/* The lane kernels for the x86-64 baseline (SSE2), or for whatever the build targets on
 * other machines (see ph_lanes.h). */
#define PH_LANES_TABLE ph_lanes_kernels_sse2
/* The oscillators' double-precision phases take two SSE2 registers per four lanes, and the
 * 64-bit masks have no SSE2 packing instruction: measured 3-4x slower than the scalar
 * kernel (11 against 2.8 ns per voice-sample), so this build leaves them to the scalar
 * kernels (PH_LANES_NO_OSC) and vectorises the filters (1.4 against 3.9 ns). */
#define PH_LANES_NO_OSC
#include "dsp/ph_lanes_impl.h"
