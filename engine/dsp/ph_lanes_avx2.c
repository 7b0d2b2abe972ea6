/* The lane kernels for AVX2: wscript compiles this file with -mavx2 (and never -mfma, so
 * that no multiply-add is contracted and every ISA gives the same bits). It is called only
 * when the CPU has AVX2 (ph_lanes.c). */
#define PH_LANES_TABLE ph_lanes_kernels_avx2
#include "dsp/ph_lanes_impl.h"
