/* The non-real-time side: compiling text, loading and watching the pattern file,
 * publishing results to run() and freeing what run() retired. Everything here runs on
 * a worker thread or in restore(), with `lock` held: Ardour may run its synchronous
 * state worker on the GUI thread while the normal worker thread is busy. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ph_lv2.h"

void ph_lv2_result_free(ph_lv2_result *r)
{
    if (!r) return;
    ph_program_free(r->program);
    free(r->text);
    free(r->draft);
    free(r);
}

static void set_message(ph_lv2_result *r, const char *msg)
{
    snprintf(r->error, sizeof r->error, "%s", msg);
    r->has_error = true;
}

ph_lv2_result *ph_lv2_compile(ph_lv2 *self, const char *text, size_t len, bool quiet)
{
    ph_lv2_result *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->quiet = quiet;
    r->has_error = true; /* a compile always reports: an error, or "" for success */
    if (len > PH_LV2_TEXT_MAX) {
        snprintf(r->error, sizeof r->error, "text too long: %zu bytes, the limit is %u", len,
                 PH_LV2_TEXT_MAX);
        lv2_log_error(&self->logger, "phonon: %s\n", r->error);
        return r;
    }
    ph_diag diag = {0};
    ph_program *p = ph_program_compile(text, len, &self->settings, &diag);
    if (!p) {
        if (diag.line > 0)
            snprintf(r->error, sizeof r->error, "%d:%d: %s", diag.line, diag.column,
                     diag.message);
        else
            snprintf(r->error, sizeof r->error, "%s",
                     diag.message[0] ? diag.message : "compile failed");
        lv2_log_error(&self->logger, "phonon: %s\n", r->error);
        /* State keeps the text that plays; until one has, keep what was typed. */
        if (!self->w_text && (self->w_text = malloc(len + 1))) {
            memcpy(self->w_text, text, len);
            self->w_text[len] = '\0';
            self->w_text_len = len;
        }
        return r;
    }
    char *copy = malloc(len + 1);
    char *saved = malloc(len + 1);
    if (!copy || !saved) {
        free(copy);
        free(saved);
        ph_program_free(p);
        set_message(r, "out of memory");
        return r;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    memcpy(saved, text, len);
    saved[len] = '\0';
    /* A program that plays but has warnings (an unknown sound, a name defined twice)
     * reports the first as "L:C: warning: message" where an error would go: the editor
     * places it, and the program plays. Every warning goes to the host's log. */
    const uint32_t n_warn = ph_program_warning_count(p);
    for (uint32_t i = 0; i < n_warn; i++) {
        ph_diag w;
        if (!ph_program_warning(p, i, &w)) continue;
        if (i == 0 && n_warn == 1)
            snprintf(r->error, sizeof r->error, "%d:%d: warning: %s", w.line, w.column, w.message);
        else if (i == 0)
            snprintf(r->error, sizeof r->error, "%d:%d: warning: %s (and %u more)", w.line, w.column, w.message,
                     n_warn - 1);
        lv2_log_warning(&self->logger, "phonon: %d:%d: warning: %s\n", w.line, w.column, w.message);
    }
    r->program = p;
    r->text = copy;
    r->text_len = len;
    free(self->w_text);
    self->w_text = saved;
    self->w_text_len = len;
    return r;
}

/* Makes r the newest result. A result run() has not adopted yet is merged into r:
 * r keeps the newer of each part, so a bad text published right after a good one
 * still lets the good one play. */
void ph_lv2_publish(ph_lv2 *self, ph_lv2_result *r)
{
    if (!r) return;
    ph_lv2_result *old = atomic_exchange_explicit(&self->mailbox, NULL, memory_order_acq_rel);
    if (old) {
        if (!r->program && old->program) {
            r->program = old->program;
            r->text = old->text;
            r->text_len = old->text_len;
            old->program = NULL;
            old->text = NULL;
        }
        if (!r->has_path && old->has_path) {
            memcpy(r->path, old->path, sizeof r->path);
            r->has_path = true;
        }
        if (!r->has_error && old->has_error) {
            memcpy(r->error, old->error, sizeof r->error);
            r->has_error = true;
        }
        if (!r->has_draft && old->has_draft) {
            r->draft = old->draft;
            r->draft_len = old->draft_len;
            r->has_draft = true;
            old->draft = NULL;
        }
        r->quiet = r->quiet && old->quiet;
        ph_lv2_result_free(old);
    }
    atomic_store_explicit(&self->mailbox, r, memory_order_release);
}

void ph_lv2_drain_retired(ph_lv2 *self)
{
    unsigned tail = atomic_load_explicit(&self->retire_tail, memory_order_relaxed);
    const unsigned head = atomic_load_explicit(&self->retire_head, memory_order_acquire);
    while (tail != head) {
        ph_lv2_retiree *x = &self->retire[tail % PH_LV2_RETIRE_CAP];
        ph_program_free(x->program);
        ph_lv2_result_free(x->result);
        *x = (ph_lv2_retiree){0};
        tail++;
        atomic_store_explicit(&self->retire_tail, tail, memory_order_release);
    }
}

/* Reads the whole file; NULL with errno set on failure or when it is too long. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = malloc(PH_LV2_TEXT_MAX + 1);
    size_t n = buf ? fread(buf, 1, PH_LV2_TEXT_MAX + 1, f) : 0;
    const bool failed = !buf || ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    if (n > PH_LV2_TEXT_MAX) {
        free(buf);
        errno = EFBIG;
        return NULL;
    }
    *len = n;
    return buf;
}

/* Loads the watched file if it changed since the last look (or `force`), compiles it
 * and publishes. Quiet results do not mark the session dirty. */
static void check_file(ph_lv2 *self, bool force, ph_lv2_result *carry)
{
    ph_lv2_result *r = carry;
    struct stat st;
    if (self->w_path[0] && stat(self->w_path, &st) == 0) {
        const bool changed = force || st.st_mtim.tv_sec != self->w_mtime.tv_sec ||
                             st.st_mtim.tv_nsec != self->w_mtime.tv_nsec ||
                             (long long)st.st_size != self->w_size;
        if (changed) {
            self->w_mtime = st.st_mtim;
            self->w_size = (long long)st.st_size;
            size_t len = 0;
            char *text = read_file(self->w_path, &len);
            if (!text) {
                if (!r) r = calloc(1, sizeof *r);
                if (r) {
                    snprintf(r->error, sizeof r->error, "cannot read %.400s: %s", self->w_path,
                             strerror(errno));
                    r->has_error = true;
                    lv2_log_error(&self->logger, "phonon: %s\n", r->error);
                }
            } else if (!self->w_text || len != self->w_text_len ||
                       memcmp(text, self->w_text, len)) {
                ph_lv2_result *c = ph_lv2_compile(self, text, len, false);
                if (c && r) {
                    c->has_path = r->has_path;
                    memcpy(c->path, r->path, sizeof c->path);
                    ph_lv2_result_free(r);
                }
                r = c;
            }
            free(text);
        }
    } else if (force && self->w_path[0]) {
        if (!r) r = calloc(1, sizeof *r);
        if (r) {
            snprintf(r->error, sizeof r->error, "cannot open %.400s: %s", self->w_path,
                     strerror(errno));
            r->has_error = true;
            lv2_log_error(&self->logger, "phonon: %s\n", r->error);
        }
    }
    ph_lv2_publish(self, r);
}

static void set_path(ph_lv2 *self)
{
    ph_lv2_result *r = calloc(1, sizeof *r);
    if (r) {
        r->has_path = true;
        memcpy(r->path, self->stage_path, sizeof r->path);
        r->path[sizeof r->path - 1] = '\0';
    }
    memcpy(self->w_path, self->stage_path, sizeof self->w_path);
    self->w_path[sizeof self->w_path - 1] = '\0';
    self->w_mtime = (struct timespec){0};
    self->w_size = -1;
    atomic_store_explicit(&self->stage_path_full, 0, memory_order_release);
    check_file(self, true, r);
}

LV2_Worker_Status ph_lv2_work(LV2_Handle h, LV2_Worker_Respond_Function respond,
                              LV2_Worker_Respond_Handle rh, uint32_t size, const void *data)
{
    (void)respond;
    (void)rh;
    ph_lv2 *self = h;
    if (size != sizeof(uint32_t)) return LV2_WORKER_ERR_UNKNOWN;
    uint32_t token;
    memcpy(&token, data, sizeof token);
    pthread_mutex_lock(&self->lock);
    switch (token) {
    case PH_TOKEN_COMPILE_STAGE:
        if (atomic_load_explicit(&self->stage_full, memory_order_acquire)) {
            ph_lv2_result *r = ph_lv2_compile(self, self->stage, self->stage_len, false);
            /* Free the stage only now: run() holds the newest text until we are done,
             * so one compile is in flight and the latest text wins. */
            atomic_store_explicit(&self->stage_full, 0, memory_order_release);
            ph_lv2_publish(self, r);
        }
        break;
    case PH_TOKEN_SET_PATH:
        if (atomic_load_explicit(&self->stage_path_full, memory_order_acquire)) set_path(self);
        break;
    case PH_TOKEN_WATCH:
        check_file(self, false, NULL);
        atomic_store_explicit(&self->watch_outstanding, 0, memory_order_release);
        break;
    case PH_TOKEN_FREE:
        break;
    case PH_TOKEN_DRAFT:
        if (atomic_load_explicit(&self->draft_stage_full, memory_order_acquire)) {
            const size_t n = self->draft_stage_len;
            char *d = n ? malloc(n + 1) : NULL;
            if (d) {
                memcpy(d, self->draft_stage, n);
                d[n] = '\0';
            }
            free(self->w_draft);
            self->w_draft = d;
            self->w_draft_len = d ? n : 0;
            atomic_store_explicit(&self->draft_stage_full, 0, memory_order_release);
        }
        break;
    default:
        pthread_mutex_unlock(&self->lock);
        return LV2_WORKER_ERR_UNKNOWN;
    }
    ph_lv2_drain_retired(self); /* every token also frees what is waiting */
    pthread_mutex_unlock(&self->lock);
    return LV2_WORKER_SUCCESS;
}

/* Results travel through the mailbox, not through responses: under Ardour's preset
 * loading this would run on the GUI thread, concurrently with run(). */
LV2_Worker_Status ph_lv2_work_response(LV2_Handle h, uint32_t size, const void *data)
{
    (void)h;
    (void)size;
    (void)data;
    return LV2_WORKER_SUCCESS;
}
