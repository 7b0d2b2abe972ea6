/* What the host offers the plugin: urid map and unmap, a log that keeps what the plugin
 * says (tests read it; plugin-render prints it), the options (buf-size block lengths,
 * sequence size, sample rate) and the worker's scheduler. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lv2/buf-size/buf-size.h>
#include <lv2/parameters/parameters.h>
#include <lv2/urid/urid.h>

#include "ph_lv2host_impl.h"

static int log_vprintf(LV2_Log_Handle handle, LV2_URID type, const char *fmt, va_list ap)
{
    (void)type;
    ph_lv2host *h = handle;
    char line[2048];
    int n = vsnprintf(line, sizeof line, fmt, ap);
    if (n < 0) return n;
    size_t len = strlen(line);
    /* the worker thread may log while the test reads */
    pthread_mutex_lock(&h->log_lock);
    char *grown = realloc(h->log, h->log_len + len + 1);
    if (grown) {
        h->log = grown;
        memcpy(h->log + h->log_len, line, len + 1);
        h->log_len += len;
    }
    pthread_mutex_unlock(&h->log_lock);
    if (h->cfg.on_log) h->cfg.on_log(h->cfg.on_log_user, line);
    return n;
}

static int log_printf(LV2_Log_Handle handle, LV2_URID type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = log_vprintf(handle, type, fmt, ap);
    va_end(ap);
    return n;
}

static LV2_Options_Option int_option(LV2_URID key, int32_t *value)
{
    return (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0, key, sizeof *value,
                                ph_lv2host_map(LV2_ATOM__Int), value};
}

void ph_lv2host_features_init(ph_lv2host *h)
{
    pthread_mutex_init(&h->log_lock, NULL);
    h->opt_min = (int32_t)h->cfg.min_block;
    h->opt_max = (int32_t)h->cfg.max_block;
    h->opt_nominal = (int32_t)h->cfg.nominal_block;
    h->opt_seq = PH_LV2HOST_ATOM_CAPACITY;
    h->opt_rate = (float)h->cfg.rate;
    int k = 0;
    h->options[k++] = int_option(ph_lv2host_map(LV2_BUF_SIZE__minBlockLength), &h->opt_min);
    h->options[k++] = int_option(ph_lv2host_map(LV2_BUF_SIZE__maxBlockLength), &h->opt_max);
    if (h->cfg.nominal_block)
        h->options[k++] =
            int_option(ph_lv2host_map(LV2_BUF_SIZE__nominalBlockLength), &h->opt_nominal);
    h->options[k++] = int_option(ph_lv2host_map(LV2_BUF_SIZE__sequenceSize), &h->opt_seq);
    h->options[k++] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0,
        ph_lv2host_map(LV2_PARAMETERS__sampleRate), sizeof(float),
        ph_lv2host_map(LV2_ATOM__Float), &h->opt_rate};
    h->options[k] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0, 0, 0, 0, NULL};

    h->log_data = (LV2_Log_Log){h, log_printf, log_vprintf};
    h->f_map = (LV2_Feature){LV2_URID__map, ph_lv2host_map_feature()};
    h->f_unmap = (LV2_Feature){LV2_URID__unmap, ph_lv2host_unmap_feature()};
    h->f_log = (LV2_Feature){LV2_LOG__log, &h->log_data};
    h->f_options = (LV2_Feature){LV2_OPTIONS__options, h->options};
    h->f_bounded = (LV2_Feature){LV2_BUF_SIZE__boundedBlockLength, NULL};
    h->f_schedule = (LV2_Feature){LV2_WORKER__schedule, &h->schedule_data};
    h->f_restore_schedule = (LV2_Feature){LV2_WORKER__schedule, &h->restore_schedule_data};
    k = 0;
    h->features[k++] = &h->f_map;
    h->features[k++] = &h->f_unmap;
    h->features[k++] = &h->f_log;
    if (!h->cfg.no_options) {
        h->features[k++] = &h->f_options;
        h->features[k++] = &h->f_bounded;
    }
    h->features[k++] = &h->f_schedule;
    h->features[k] = NULL;
}

void ph_lv2host_features_destroy(ph_lv2host *h)
{
    free(h->log);
    pthread_mutex_destroy(&h->log_lock);
}

const char *ph_lv2host_log(const ph_lv2host *h) { return h->log ? h->log : ""; }
