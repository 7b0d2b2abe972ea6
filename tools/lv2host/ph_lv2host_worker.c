/* The worker: synchronous (work() inside schedule_work(), responses delivered after
 * run(), as hosts do while exporting: deterministic), threaded (a queue and a thread,
 * for race tests), and the "restore" scheduler of Ardour's preset loading (work() and
 * work_response() at once, on the calling thread). */
#include <string.h>

#include "ph_lv2host_impl.h"

static LV2_Handle plugin_handle(ph_lv2host *h) { return lilv_instance_get_handle(h->inst); }

/* respond() for the synchronous workers: queue until after run(). */
static LV2_Worker_Status respond_sync(LV2_Worker_Respond_Handle rh, uint32_t size,
                                      const void *data)
{
    ph_lv2host *h = rh;
    if (h->n_responses == PH_LV2HOST_RESPONSES || size > sizeof h->responses[0].data)
        return LV2_WORKER_ERR_NO_SPACE;
    h->responses[h->n_responses].size = size;
    memcpy(h->responses[h->n_responses].data, data, size);
    h->n_responses++;
    return LV2_WORKER_SUCCESS;
}

static void deliver_responses(ph_lv2host *h)
{
    for (size_t i = 0; i < h->n_responses; i++)
        h->worker->work_response(plugin_handle(h), h->responses[i].size, h->responses[i].data);
    h->n_responses = 0;
}

static LV2_Worker_Status schedule_work(LV2_Worker_Schedule_Handle handle, uint32_t size,
                                       const void *data)
{
    ph_lv2host *h = handle;
    if (!h->worker || h->refuse || size > sizeof h->queue[0].data)
        return LV2_WORKER_ERR_NO_SPACE;
    if (h->cfg.worker == PH_LV2HOST_WORKER_SYNC) {
        /* The work happens "on the worker thread": outside the real-time section. */
        const bool rt = h->in_run;
        if (rt && h->cfg.leave_run) h->cfg.leave_run();
        LV2_Worker_Status st = h->worker->work(plugin_handle(h), respond_sync, h, size, data);
        if (rt && h->cfg.enter_run) h->cfg.enter_run();
        return st;
    }
    pthread_mutex_lock(&h->q_lock);
    if (h->q_head - h->q_tail == PH_LV2HOST_QUEUE) {
        pthread_mutex_unlock(&h->q_lock);
        return LV2_WORKER_ERR_NO_SPACE;
    }
    ph_lv2host_job *j = &h->queue[h->q_head++ % PH_LV2HOST_QUEUE];
    j->size = size;
    memcpy(j->data, data, size);
    pthread_cond_signal(&h->q_cond);
    pthread_mutex_unlock(&h->q_lock);
    return LV2_WORKER_SUCCESS;
}

static LV2_Worker_Status respond_threaded(LV2_Worker_Respond_Handle rh, uint32_t size,
                                          const void *data)
{
    (void)rh;
    (void)size;
    (void)data;
    return LV2_WORKER_SUCCESS; /* phonon sends no responses */
}

static void *worker_thread(void *arg)
{
    ph_lv2host *h = arg;
    pthread_mutex_lock(&h->q_lock);
    for (;;) {
        while (h->q_head == h->q_tail && !h->q_quit) {
            h->q_busy = false;
            pthread_cond_broadcast(&h->q_idle);
            pthread_cond_wait(&h->q_cond, &h->q_lock);
        }
        if (h->q_quit) break;
        ph_lv2host_job j = h->queue[h->q_tail++ % PH_LV2HOST_QUEUE];
        h->q_busy = true;
        pthread_mutex_unlock(&h->q_lock);
        h->worker->work(plugin_handle(h), respond_threaded, h, j.size, j.data);
        pthread_mutex_lock(&h->q_lock);
    }
    pthread_mutex_unlock(&h->q_lock);
    return NULL;
}

static LV2_Worker_Status restore_schedule(LV2_Worker_Schedule_Handle handle, uint32_t size,
                                          const void *data)
{
    ph_lv2host *h = handle;
    if (!h->worker) return LV2_WORKER_ERR_UNKNOWN;
    h->n_responses = 0;
    LV2_Worker_Status st = h->worker->work(plugin_handle(h), respond_sync, h, size, data);
    deliver_responses(h);
    return st;
}

void ph_lv2host_worker_init(ph_lv2host *h)
{
    pthread_mutex_init(&h->q_lock, NULL);
    pthread_cond_init(&h->q_cond, NULL);
    pthread_cond_init(&h->q_idle, NULL);
    h->schedule_data = (LV2_Worker_Schedule){h, schedule_work};
    h->restore_schedule_data = (LV2_Worker_Schedule){h, restore_schedule};
}

void ph_lv2host_worker_start(ph_lv2host *h)
{
    h->worker = lilv_instance_get_extension_data(h->inst, LV2_WORKER__interface);
    if (h->worker && h->cfg.worker == PH_LV2HOST_WORKER_THREADED)
        pthread_create(&h->thread, NULL, worker_thread, h);
}

void ph_lv2host_worker_stop(ph_lv2host *h)
{
    if (h->worker && h->cfg.worker == PH_LV2HOST_WORKER_THREADED) {
        ph_lv2host_worker_wait(h);
        pthread_mutex_lock(&h->q_lock);
        h->q_quit = true;
        pthread_cond_signal(&h->q_cond);
        pthread_mutex_unlock(&h->q_lock);
        pthread_join(h->thread, NULL);
    }
    pthread_cond_destroy(&h->q_idle);
    pthread_cond_destroy(&h->q_cond);
    pthread_mutex_destroy(&h->q_lock);
}

void ph_lv2host_worker_end_run(ph_lv2host *h)
{
    if (!h->worker) return;
    deliver_responses(h);
    if (h->worker->end_run) h->worker->end_run(plugin_handle(h));
}

void ph_lv2host_worker_wait(ph_lv2host *h)
{
    if (!h->worker || h->cfg.worker != PH_LV2HOST_WORKER_THREADED) return;
    pthread_mutex_lock(&h->q_lock);
    while (h->q_head != h->q_tail || h->q_busy) pthread_cond_wait(&h->q_idle, &h->q_lock);
    pthread_mutex_unlock(&h->q_lock);
}

void ph_lv2host_worker_refuse(ph_lv2host *h, bool refuse) { h->refuse = refuse; }

const LV2_Feature *const *ph_lv2host_restore_features(ph_lv2host *h, bool with_sync_worker)
{
    if (!with_sync_worker) return NULL;
    h->restore_features[0] = &h->f_map;
    h->restore_features[1] = &h->f_restore_schedule;
    h->restore_features[2] = NULL;
    return h->restore_features;
}
