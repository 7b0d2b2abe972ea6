/* The instance record, shared by the files of the host library (not by its users). */
#ifndef PH_LV2HOST_IMPL_H
#define PH_LV2HOST_IMPL_H

#include <pthread.h>

#include <lv2/log/log.h>
#include <lv2/options/options.h>
#include <lv2/worker/worker.h>

#include "ph_lv2host.h"

/* One piece of work or one response; Phonon's are a 4-byte token. */
typedef struct ph_lv2host_job {
    uint32_t size;
    uint8_t data[64];
} ph_lv2host_job;

#define PH_LV2HOST_RESPONSES 64
#define PH_LV2HOST_QUEUE 256

struct ph_lv2host {
    ph_lv2host_config cfg;
    LilvInstance *inst;
    const LV2_Worker_Interface *worker;
    bool active, in_run, late;
    int64_t pos;
    uint32_t n_ports, n_channels;
    float *controls;
    float *audio[PH_LV2HOST_MAX_CHANNELS];
    LV2_Atom_Sequence *control_buf, *notify_buf;
    /* an atom input that supports time:Position only (see ph_lv2host_config.no_midi),
     * and whether the control input supports MIDI */
    LV2_Atom_Sequence *position_buf;
    bool control_midi;
    /* the buffer of the output atom port with the lowest index (ardour_midi_out) */
    LV2_Atom_Sequence *first_out_buf;
    /* audio inputs and the arrays they play (ph_lv2host_set_input) */
    uint32_t n_inputs, n_src;
    float *in_audio[2];
    float *const *src;
    int64_t src_frames;
    /* an atom output that is not the notify port, and the MIDI read from it */
    LV2_Atom_Sequence *midi_buf;
    ph_lv2host_midi *midi;
    size_t n_midi, cap_midi;

    ph_lv2host_notify notes;
    ph_lv2host_set_fn on_set;
    void *on_set_user;
    char *log;
    size_t log_len;
    pthread_mutex_t log_lock;

    /* worker: responses wait here until run() has returned */
    bool refuse;
    ph_lv2host_job responses[PH_LV2HOST_RESPONSES];
    size_t n_responses;
    /* threaded worker: a queue guarded by a mutex (the RT guard is off for those tests) */
    pthread_t thread;
    pthread_mutex_t q_lock;
    pthread_cond_t q_cond, q_idle;
    ph_lv2host_job queue[PH_LV2HOST_QUEUE];
    size_t q_head, q_tail;
    bool q_busy, q_quit;

    /* features */
    int32_t opt_min, opt_max, opt_nominal, opt_seq;
    float opt_rate;
    LV2_Options_Option options[6];
    LV2_Log_Log log_data;
    LV2_Worker_Schedule schedule_data, restore_schedule_data;
    LV2_Feature f_map, f_unmap, f_log, f_options, f_bounded, f_schedule, f_restore_schedule;
    const LV2_Feature *features[8];
    const LV2_Feature *restore_features[4];
};

/* ph_lv2host_features.c: fills options, log and the feature lists from h->cfg. */
void ph_lv2host_features_init(ph_lv2host *h);
void ph_lv2host_features_destroy(ph_lv2host *h);

/* ph_lv2host_worker.c */
void ph_lv2host_worker_init(ph_lv2host *h);    /* before instantiation: the schedulers */
void ph_lv2host_worker_start(ph_lv2host *h);   /* after: the interface, the thread */
void ph_lv2host_worker_stop(ph_lv2host *h);
void ph_lv2host_worker_end_run(ph_lv2host *h); /* responses and end_run() after run() */

/* ph_lv2host_notify.c: reads the notify port after run(). */
void ph_lv2host_read_notify(ph_lv2host *h);

/* ph_lv2host_io.c: the audio inputs before run(), the MIDI output after. */
bool ph_lv2host_is_notify(ph_lv2host *h, const LilvPort *port);
void ph_lv2host_fill_inputs(ph_lv2host *h, uint32_t n);
void ph_lv2host_read_midi(ph_lv2host *h);

#endif
