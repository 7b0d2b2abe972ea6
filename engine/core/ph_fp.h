/* Floating-point mode of the calling thread: flush-to-zero and denormals-are-zero, set by
 * every thread that renders audio (the engine's render call and its pool workers), so that
 * decaying filters and reverbs never fall into slow denormal arithmetic. [RT] */
#ifndef PH_FP_H
#define PH_FP_H

#include <stdint.h>

/* Sets FTZ/DAZ (x86 MXCSR, aarch64 FPCR.FZ; nothing elsewhere); returns the previous mode
 * for ph_fp_restore. */
uint64_t ph_fp_flush_denormals(void);
void ph_fp_restore(uint64_t mode);

#endif
