/* The lane kernels for the x86-64 baseline (SSE2), or for whatever the build targets on
 * other machines (see ph_lanes.h). */
#define PH_LANES_TABLE ph_lanes_kernels_sse2
/* The oscillators' lanes are slower than the scalar kernels in this build (measured with
 * 16 saws: 3.1 against 1.1 ns per voice-sample; the AVX2 build: 0.51), so this build leaves
 * them to the scalar kernels (PH_LANES_NO_OSC) and vectorises the filters (1.4 against 3.9
 * ns). */
#define PH_LANES_NO_OSC
#include "dsp/ph_lanes_impl.h"
