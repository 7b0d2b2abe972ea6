/* A JACK capture client for tests/live/test_live.py: records its two inputs, prints what
 * it hears every 50 ms, and writes everything it recorded to a WAV file when it gets
 * SIGTERM or SIGINT.
 *
 *     phonon-jack-probe CLIENT_NAME OUT.wav MAX_SECONDS
 *
 * Ports: CLIENT_NAME:in_left, CLIENT_NAME:in_right (the client name is exact, so
 * `phonon live --device jack:CLIENT_NAME` finds them). Lines on stdout, from the left
 * channel's last 100 ms: "t=SECONDS rms=R freq=HZ peak=P" (freq from the interpolated
 * times of upward zero crossings; 0 when fewer than two). Exit 3 when no JACK server
 * runs, so a caller can wait for one. */
#include <jack/jack.h>
#include <math.h>
#include <signal.h>
#include <sndfile.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static jack_port_t *in[2];
static float *rec; /* interleaved */
static size_t cap_frames;
static atomic_size_t frames;
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static int process(jack_nframes_t n, void *arg)
{
    (void)arg;
    const float *l = jack_port_get_buffer(in[0], n), *r = jack_port_get_buffer(in[1], n);
    size_t at = atomic_load_explicit(&frames, memory_order_relaxed);
    for (jack_nframes_t i = 0; i < n && at < cap_frames; i++, at++) {
        rec[2 * at] = l[i];
        rec[2 * at + 1] = r[i];
    }
    atomic_store_explicit(&frames, at, memory_order_release);
    return 0;
}

static void quiet(const char *m) { (void)m; }

/* rms, peak and the frequency of the left channel over [from, to). */
static void analyse(size_t from, size_t to, double rate, double *rms, double *peak, double *freq)
{
    double sum = 0, first = -1, last = -1;
    int crossings = 0;
    *peak = 0;
    for (size_t i = from; i < to; i++) {
        double x = rec[2 * i];
        sum += x * x;
        if (fabs(x) > *peak) *peak = fabs(x);
        if (i > from) {
            double p = rec[2 * (i - 1)];
            if (p < 0 && x >= 0) {
                double t = (double)(i - 1) + p / (p - x);
                if (first < 0) first = t;
                last = t;
                crossings++;
            }
        }
    }
    *rms = to > from ? sqrt(sum / (double)(to - from)) : 0;
    *freq = crossings >= 2 ? (crossings - 1) * rate / (last - first) : 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: phonon-jack-probe CLIENT_NAME OUT.wav MAX_SECONDS\n");
        return 2;
    }
    jack_set_error_function(quiet);
    jack_set_info_function(quiet);
    jack_status_t status;
    jack_client_t *c = jack_client_open(argv[1], JackNoStartServer | JackUseExactName, &status);
    if (!c) {
        fprintf(stderr, "probe: no JACK server (status 0x%x)\n", (unsigned)status);
        return 3;
    }
    double rate = jack_get_sample_rate(c);
    cap_frames = (size_t)(atof(argv[3]) * rate);
    rec = calloc(cap_frames * 2 + 2, sizeof(float));
    in[0] = jack_port_register(c, "in_left", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
    in[1] = jack_port_register(c, "in_right", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
    if (!rec || !in[0] || !in[1]) return 1;
    jack_set_process_callback(c, process, NULL);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    if (jack_activate(c)) return 1;
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("ready rate=%.0f\n", rate);
    const size_t window = (size_t)(0.1 * rate);
    while (!stop) {
        nanosleep(&(struct timespec){0, 50000000}, NULL);
        size_t n = atomic_load_explicit(&frames, memory_order_acquire);
        double rms, peak, freq;
        analyse(n > window ? n - window : 0, n, rate, &rms, &peak, &freq);
        printf("t=%.3f rms=%.4f freq=%.1f peak=%.4f\n", (double)n / rate, rms, freq, peak);
    }
    jack_deactivate(c);
    jack_client_close(c);
    size_t n = atomic_load(&frames);
    SF_INFO info = {.samplerate = (int)rate, .channels = 2, .format = SF_FORMAT_WAV | SF_FORMAT_FLOAT};
    SNDFILE *f = sf_open(argv[2], SFM_WRITE, &info);
    if (!f || sf_writef_float(f, rec, (sf_count_t)n) != (sf_count_t)n) {
        fprintf(stderr, "probe: cannot write %s\n", argv[2]);
        return 1;
    }
    sf_close(f);
    free(rec);
    printf("wrote %zu frames\n", n);
    return 0;
}
