/* The sample bank: folders in the Dirt-Samples layout, read with libsndfile.
 * Conventions: dsp/ph_dsp.h.
 *
 * Layout: DIR/NAME/FILE — one folder per sound name; the files of a folder sorted by
 * name (byte order, strcmp) are variants 0, 1, 2 ...; `bd:3` is the fourth file of
 * DIR/bd, and indices wrap (bd:5 in a folder of 3 is bd:2; negative ones wrap too).
 * Only files libsndfile can open count (wav, aiff, flac, ogg ...); others and hidden
 * files (".x") are skipped; folders with no audio are skipped.
 *
 * Two steps, both [non-RT]:
 *   ph_sample_bank_open   scans the folder names and file lists (reads headers only);
 *   ph_sample_bank_load   reads one name's files into tables: mono stays mono, 2+ channels
 *                         become stereo (first two), resampled to the output rate with
 *                         4-point Hermite interpolation (a 24 dB/oct low-pass at 0.45 of the
 *                         output rate first when downsampling). Files are capped at 10 min.
 * So a compiler loads only the names a program uses. Loading publishes the tables with
 * an atomic store, so it may run while the audio thread calls ph_sample_bank_find;
 * loads themselves are serialised by an internal mutex. Tables are never freed or
 * moved before ph_sample_bank_free.
 *
 *     ph_sample_bank *b = ph_sample_bank_open("/path/Dirt-Samples", 48000, err, sizeof err);
 *     ph_sample_bank_load(b, "bd");                       // 0 ok, -1 error (message in err)
 *     const ph_table *t = ph_sample_bank_find(b, "bd", 3); // [RT] NULL: unknown / not loaded
 *     ph_sample_bank_free(b);
 */
#ifndef PH_SAMPLES_H
#define PH_SAMPLES_H

#include <stddef.h>
#include <stdint.h>

#include "dsp/ph_table.h"

typedef struct ph_sample_bank ph_sample_bank;

/* NULL and a message in err when dir cannot be read. An existing folder with no
 * sounds gives an empty bank. */
ph_sample_bank *ph_sample_bank_open(const char *dir, double out_rate, char *err, size_t errlen);
void ph_sample_bank_free(ph_sample_bank *b);

/* Loads NAME's files (idempotent). -1 if the name is unknown or a file fails to read. */
int ph_sample_bank_load(ph_sample_bank *b, const char *name, char *err, size_t errlen);
/* Loads everything; -1 on the first failure. */
int ph_sample_bank_load_all(ph_sample_bank *b, char *err, size_t errlen);

/* [RT] Binary search over the names; NULL when unknown or not loaded yet. */
const ph_table *ph_sample_bank_find(const ph_sample_bank *b, const char *name, int index);
/* Number of files for NAME (0 when unknown); known before loading. */
int ph_sample_bank_count(const ph_sample_bank *b, const char *name);
/* The names, sorted: i in 0 .. ph_sample_bank_size()-1. */
uint32_t ph_sample_bank_size(const ph_sample_bank *b);
const char *ph_sample_bank_name(const ph_sample_bank *b, uint32_t i);

#endif
