/* Sharing the kit and the sample banks between programs (see ph_sound_share.h). */
#include "nodes/ph_sound_share.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reference counted (compile and free only, never the audio thread), so that nothing
 * outlives the last program -- a plugin may be unloaded. */
static pthread_mutex_t share_lock = PTHREAD_MUTEX_INITIALIZER;

#define MAX_SHARED 8
static struct {
    ph_kit *kit;
    double rate;
    int refs;
} kits[MAX_SHARED];
static struct {
    ph_sample_bank *bank;
    char *dir;
    double rate;
    int refs;
} banks[MAX_SHARED];

const ph_kit *ph_share_kit(double rate)
{
    pthread_mutex_lock(&share_lock);
    ph_kit *k = NULL;
    for (int i = 0; i < MAX_SHARED && !k; i++)
        if (kits[i].kit && kits[i].rate == rate) {
            k = kits[i].kit;
            kits[i].refs++;
        }
    for (int i = 0; i < MAX_SHARED && !k; i++)
        if (!kits[i].kit && (k = ph_kit_create(rate))) {
            kits[i].kit = k;
            kits[i].rate = rate;
            kits[i].refs = 2; /* one for the caller, one for the cache (see below) */
        }
    pthread_mutex_unlock(&share_lock);
    return k;
}

void ph_unshare_kit(const ph_kit *k)
{
    if (!k) return;
    pthread_mutex_lock(&share_lock);
    for (int i = 0; i < MAX_SHARED; i++)
        if (kits[i].kit == k && --kits[i].refs == 0) {
            ph_kit_destroy(kits[i].kit);
            kits[i].kit = NULL;
        }
    pthread_mutex_unlock(&share_lock);
}

/* The cache keeps each kit it made (synthesis takes ~50 ms, and live coding recompiles
 * often) until the library is unloaded or the process exits. */
__attribute__((destructor)) static void release_cached_kits(void)
{
    for (int i = 0; i < MAX_SHARED; i++)
        if (kits[i].kit) ph_unshare_kit(kits[i].kit);
}

ph_sample_bank *ph_share_bank(const char *dir, double rate, char *err, size_t errlen)
{
    pthread_mutex_lock(&share_lock);
    ph_sample_bank *b = NULL;
    for (int i = 0; i < MAX_SHARED && !b; i++)
        if (banks[i].bank && banks[i].rate == rate && !strcmp(banks[i].dir, dir)) {
            b = banks[i].bank;
            banks[i].refs++;
        }
    if (!b) {
        int slot = -1;
        for (int i = 0; i < MAX_SHARED && slot < 0; i++)
            if (!banks[i].bank) slot = i;
        if (slot < 0) {
            snprintf(err, errlen, "too many sample folders in use");
        } else {
            b = ph_sample_bank_open(dir, rate, err, errlen);
            char *d = b ? strdup(dir) : NULL;
            if (b && d) {
                banks[slot].bank = b;
                banks[slot].dir = d;
                banks[slot].rate = rate;
                banks[slot].refs = 1;
            } else {
                if (b) ph_sample_bank_free(b);
                free(d);
                b = NULL;
            }
        }
    }
    pthread_mutex_unlock(&share_lock);
    return b;
}

void ph_unshare_bank(ph_sample_bank *b)
{
    if (!b) return;
    pthread_mutex_lock(&share_lock);
    for (int i = 0; i < MAX_SHARED; i++)
        if (banks[i].bank == b && --banks[i].refs == 0) {
            ph_sample_bank_free(banks[i].bank);
            free(banks[i].dir);
            banks[i].bank = NULL;
            banks[i].dir = NULL;
        }
    pthread_mutex_unlock(&share_lock);
}

