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

/* A function built for AVX2 as well as the baseline, the build chosen when the program
 * loads (the same IEEE operations either way: no FMA, so the same bits). For the few
 * scalar-path loops every chunk runs (tap and output copies, the lone oscillator). Define
 * it before its first use in its file (clang wants that of a multiversioned function). Not
 * under ThreadSanitizer, whose runtime is not ready when the loader runs the chooser. */
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define PH_NO_MULTIVERSION 1
#endif
#endif
#if defined(__SANITIZE_THREAD__) || defined(PH_NO_MULTIVERSION) || !defined(__x86_64__)
#define PH_ALSO_AVX2
#else
#define PH_ALSO_AVX2 __attribute__((target_clones("avx2", "default")))
#endif

#endif
