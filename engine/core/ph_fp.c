/* The one place that touches the floating-point control register (see ph_fp.h). */
#include "core/ph_fp.h"

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#endif

uint64_t ph_fp_flush_denormals(void)
{
#if defined(__x86_64__) || defined(__i386__)
    unsigned old = _mm_getcsr();
    _mm_setcsr(old | 0x8040u); /* FTZ (bit 15) | DAZ (bit 6) */
    return old;
#elif defined(__aarch64__)
    uint64_t fpcr;
    __asm__ __volatile__("mrs %0, fpcr" : "=r"(fpcr));
    __asm__ __volatile__("msr fpcr, %0" ::"r"(fpcr | (1ull << 24))); /* FZ */
    return fpcr;
#else
    return 0;
#endif
}

void ph_fp_restore(uint64_t mode)
{
#if defined(__x86_64__) || defined(__i386__)
    _mm_setcsr((unsigned)mode);
#elif defined(__aarch64__)
    __asm__ __volatile__("msr fpcr, %0" ::"r"(mode));
#else
    (void)mode;
#endif
}
