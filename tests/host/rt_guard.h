/* Counts calls to the allocator and to blocking lock functions made by the current
 * thread while it is marked "in run()". The test host defines malloc & co. itself
 * (interposing them for the plugin, which resolves them through the executable first)
 * and forwards to the next definition (libc, or the sanitizer runtime). */
#ifndef PH_RT_GUARD_H
#define PH_RT_GUARD_H

#include <stdbool.h>

/* False in sanitizer builds, where the sanitizer runtime owns the allocator and
 * nothing is counted. */
bool rt_guard_available(void);
void rt_guard_enter(void);  /* this thread is now in the real-time section */
void rt_guard_leave(void);
bool rt_guard_active(void);
long rt_guard_violations(void); /* calls counted since the last reset, all threads */
void rt_guard_reset(void);
/* The name of the first function counted since the last reset, or "". */
const char *rt_guard_first(void);

#endif
