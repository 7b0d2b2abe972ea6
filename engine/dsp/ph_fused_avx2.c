/* The fused lane programs for AVX2: wscript compiles this file with -mavx2 (never -mfma:
 * no multiply-add is contracted, so every ISA gives the same bits). It is called only when
 * the CPU has AVX2 (ph_fused.c). */
#define PH_FUSED_TABLE ph_fused_kernels_avx2
#include "dsp/ph_fused_impl.h"
