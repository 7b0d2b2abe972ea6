/* A sample table: what the drum kit synthesises and the sample bank loads, and what the
 * voice pool plays. Immutable once created; shared read-only by the audio thread. */
#ifndef PH_TABLE_H
#define PH_TABLE_H

#include <stdint.h>

typedef struct ph_table {
    const float *data; /* frames * channels, interleaved */
    uint32_t frames;
    uint32_t channels; /* 1 or 2 */
    double rate;       /* the rate the table was made for (the output rate) */
} ph_table;

#endif
