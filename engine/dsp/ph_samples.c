/* Dirt-Samples folders: scan (names, sorted file lists), load on demand with libsndfile,
 * resample to the output rate, publish atomically for the audio thread. */
#include "dsp/ph_samples.h"

#include <dirent.h>
#include <pthread.h>
#include <sndfile.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dsp/ph_dsp.h"
#include "dsp/ph_filter.h"

#define MAX_SECONDS 600.0

typedef struct folder {
    char *name;
    char **paths; /* sorted by file name */
    uint32_t n;
    _Atomic(ph_table *) tables; /* NULL until loaded */
} folder;

struct ph_sample_bank {
    folder *folders; /* sorted by name */
    uint32_t n;
    double rate;
    pthread_mutex_t load_lock;
};

static void set_err(char *err, size_t len, const char *fmt, ...)
{
    if (!err || !len) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, len, fmt, ap);
    va_end(ap);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_folder(const void *a, const void *b)
{
    return strcmp(((const folder *)a)->name, ((const folder *)b)->name);
}

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 2);
    if (!s) return NULL;
    memcpy(s, a, la);
    s[la] = '/';
    memcpy(s + la + 1, b, lb + 1);
    return s;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_audio(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    SF_INFO info;
    memset(&info, 0, sizeof info);
    SNDFILE *f = sf_open(path, SFM_READ, &info);
    if (!f) return 0;
    sf_close(f);
    return info.frames > 0 && info.channels > 0 && info.samplerate > 0;
}

/* Sorted list of the audio files in dir; returns count, -1 on OOM. */
static int scan_files(const char *dir, char ***out)
{
    DIR *d = opendir(dir);
    *out = NULL;
    if (!d) return 0;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) goto oom;
            names = nn;
        }
        names[n] = strdup(e->d_name);
        if (!names[n]) goto oom;
        n++;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char *path = join(dir, names[i]);
        free(names[i]);
        if (path && is_audio(path)) names[k++] = path;
        else free(path);
    }
    *out = names;
    return (int)k;
oom:
    closedir(d);
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return -1;
}

ph_sample_bank *ph_sample_bank_open(const char *dir, double out_rate, char *err, size_t errlen)
{
    if (!(out_rate >= 8000 && out_rate <= 384000)) {
        set_err(err, errlen, "sample bank: bad output rate %g", out_rate);
        return NULL;
    }
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d) {
        set_err(err, errlen, "sample folder '%s' cannot be read", dir ? dir : "(null)");
        return NULL;
    }
    ph_sample_bank *b = calloc(1, sizeof *b);
    if (!b) {
        closedir(d);
        return NULL;
    }
    b->rate = out_rate;
    pthread_mutex_init(&b->load_lock, NULL);
    uint32_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char *path = join(dir, e->d_name);
        if (!path) break;
        if (!is_dir(path)) {
            free(path);
            continue;
        }
        char **files;
        int n = scan_files(path, &files);
        free(path);
        if (n <= 0) {
            free(files);
            continue;
        }
        if (b->n == cap) {
            cap = cap ? cap * 2 : 32;
            folder *nf = realloc(b->folders, cap * sizeof *nf);
            if (!nf) break;
            b->folders = nf;
        }
        folder *f = &b->folders[b->n++];
        f->name = strdup(e->d_name);
        f->paths = files;
        f->n = (uint32_t)n;
        atomic_init(&f->tables, NULL);
    }
    closedir(d);
    if (b->n) qsort(b->folders, b->n, sizeof *b->folders, cmp_folder);
    return b;
}

static void free_tables(ph_table *t, uint32_t n)
{
    if (!t) return;
    for (uint32_t i = 0; i < n; i++) ph_dsp_free((void *)t[i].data);
    free(t);
}

void ph_sample_bank_free(ph_sample_bank *b)
{
    if (!b) return;
    for (uint32_t i = 0; i < b->n; i++) {
        folder *f = &b->folders[i];
        free_tables(atomic_load(&f->tables), f->n);
        for (uint32_t k = 0; k < f->n; k++) free(f->paths[k]);
        free(f->paths);
        free(f->name);
    }
    free(b->folders);
    pthread_mutex_destroy(&b->load_lock);
    free(b);
}

static folder *lookup(const ph_sample_bank *b, const char *name)
{
    if (!b || !name) return NULL;
    uint32_t lo = 0, hi = b->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, b->folders[mid].name);
        if (c == 0) return &b->folders[mid];
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

/* Hermite resampling of one channel (stride ch) from in_rate to out_rate. */
static void resample(const float *in, uint64_t in_frames, float *out, uint64_t out_frames,
                     double step)
{
    for (uint64_t i = 0; i < out_frames; i++) {
        double pos = i * step;
        int64_t k = (int64_t)pos;
        float f = (float)(pos - (double)k);
#define AT(j) ((j) < 0 || (uint64_t)(j) >= in_frames ? 0.0f : in[(uint64_t)(j)])
        float xm1 = AT(k - 1), x0 = AT(k), x1 = AT(k + 1), x2 = AT(k + 2);
#undef AT
        float c1 = 0.5f * (x1 - xm1);
        float c2 = xm1 - 2.5f * x0 + 2.0f * x1 - 0.5f * x2;
        float c3 = 0.5f * (x2 - xm1) + 1.5f * (x0 - x1);
        out[i] = ((c3 * f + c2) * f + c1) * f + x0;
    }
}

static int load_file(const char *path, double rate, ph_table *t, char *err, size_t errlen)
{
    SF_INFO info;
    memset(&info, 0, sizeof info);
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (!sf) {
        set_err(err, errlen, "cannot read '%s': %s", path, sf_strerror(NULL));
        return -1;
    }
    sf_command(sf, SFC_SET_NORM_FLOAT, NULL, SF_TRUE);
    uint64_t frames = (uint64_t)info.frames;
    if (frames > (uint64_t)(MAX_SECONDS * info.samplerate)) frames = (uint64_t)(MAX_SECONDS * info.samplerate);
    uint32_t ch = (uint32_t)info.channels, outch = ch >= 2 ? 2 : 1;
    float *raw = malloc(sizeof(float) * (frames ? frames : 1) * ch);
    if (!raw) {
        sf_close(sf);
        set_err(err, errlen, "out of memory reading '%s'", path);
        return -1;
    }
    frames = (uint64_t)sf_readf_float(sf, raw, (sf_count_t)frames);
    sf_close(sf);
    double step = info.samplerate / rate; /* input frames per output frame */
    uint64_t out_frames = frames ? (uint64_t)ceil(frames / step) : 1;
    float *data = ph_dsp_alloc(sizeof(float) * out_frames * outch);
    float *plane = malloc(sizeof(float) * out_frames);
    float *chan = malloc(sizeof(float) * (frames ? frames : 1));
    if (!data || !plane || !chan) {
        free(raw), free(plane), free(chan), ph_dsp_free(data);
        set_err(err, errlen, "out of memory reading '%s'", path);
        return -1;
    }
    for (uint32_t c = 0; c < outch; c++) {
        for (uint64_t i = 0; i < frames; i++) chan[i] = ph_dsp_sane(raw[i * ch + c]);
        if (step > 1.0 && frames) {
            /* downsampling: low-pass at 0.45 of the output rate first (two 12 dB SVFs) */
            float cut[256], res[256];
            ph_dsp_fill(cut, (float)(0.45 * rate), 256);
            ph_dsp_fill(res, ph_svf_res_for_q(0.7071f), 256);
            for (int pass = 0; pass < 2; pass++) {
                ph_svf f;
                ph_svf_init(&f, info.samplerate, PH_SVF_LP);
                for (uint64_t i = 0; i < frames; i += 256) {
                    uint32_t m = frames - i < 256 ? (uint32_t)(frames - i) : 256;
                    ph_svf_process(&f, chan + i, chan + i, cut, res, m, i);
                }
            }
        }
        if (step == 1.0) memcpy(plane, chan, sizeof(float) * out_frames);
        else resample(chan, frames, plane, out_frames, step);
        for (uint64_t i = 0; i < out_frames; i++) data[i * outch + c] = plane[i];
    }
    free(raw), free(plane), free(chan);
    *t = (ph_table){data, (uint32_t)out_frames, outch, rate};
    return 0;
}

int ph_sample_bank_load(ph_sample_bank *b, const char *name, char *err, size_t errlen)
{
    folder *f = lookup(b, name);
    if (!f) {
        set_err(err, errlen, "no sample folder '%s'", name ? name : "(null)");
        return -1;
    }
    if (atomic_load_explicit(&f->tables, memory_order_acquire)) return 0;
    pthread_mutex_lock(&b->load_lock);
    int rc = 0;
    if (!atomic_load_explicit(&f->tables, memory_order_acquire)) {
        ph_table *t = calloc(f->n, sizeof *t);
        if (!t) rc = -1;
        for (uint32_t i = 0; t && i < f->n; i++) {
            if (load_file(f->paths[i], b->rate, &t[i], err, errlen) != 0) {
                free_tables(t, f->n);
                t = NULL;
                rc = -1;
            }
        }
        if (t) atomic_store_explicit(&f->tables, t, memory_order_release);
    }
    pthread_mutex_unlock(&b->load_lock);
    return rc;
}

int ph_sample_bank_load_all(ph_sample_bank *b, char *err, size_t errlen)
{
    for (uint32_t i = 0; b && i < b->n; i++)
        if (ph_sample_bank_load(b, b->folders[i].name, err, errlen) != 0) return -1;
    return 0;
}

const ph_table *ph_sample_bank_find(const ph_sample_bank *b, const char *name, int index)
{
    folder *f = lookup(b, name);
    if (!f) return NULL;
    ph_table *t = atomic_load_explicit(&f->tables, memory_order_acquire);
    if (!t) return NULL;
    int n = (int)f->n, v = index % n;
    if (v < 0) v += n;
    return &t[v];
}

int ph_sample_bank_count(const ph_sample_bank *b, const char *name)
{
    folder *f = lookup(b, name);
    return f ? (int)f->n : 0;
}

uint32_t ph_sample_bank_size(const ph_sample_bank *b) { return b ? b->n : 0; }

const char *ph_sample_bank_name(const ph_sample_bank *b, uint32_t i)
{
    return b && i < b->n ? b->folders[i].name : NULL;
}
