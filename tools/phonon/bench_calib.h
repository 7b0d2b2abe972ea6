/* The machine's own gain from N threads, for `phonon bench --compare-threads`: a fixed
 * arithmetic kernel shared by 1 or N threads, with the same number of barriers per
 * "block" as the engine has joins. On a virtual machine two cores are not always two
 * cores (the host may run them on one physical core, or time-slice them), and then no
 * renderer can gain; timing this kernel in the same run as the engine tells the two
 * cases apart. */
#ifndef PH_BENCH_CALIB_H
#define PH_BENCH_CALIB_H

#include <stdint.h>

typedef struct ph_calib ph_calib;

/* threads: the most threads a block will use (>= 1). NULL when threads can't be made. */
ph_calib *ph_calib_new(uint32_t threads);
void ph_calib_free(ph_calib *c);

/* Runs one block of the kernel on `threads` threads (1 .. the number given to new) and
 * returns its wall time in ms. The same total work whatever the thread count. Workers
 * spin between the blocks of a burst and sleep after ~0.2 ms without work. */
double ph_calib_block(ph_calib *c, uint32_t threads);

#endif
