/* Channel vocoder (see ph_vocoder.h). Works in pieces of PH_VOCODER_PIECE samples so that
 * each band's two filters run over a buffer; the filters take their (constant) coefficients
 * at absolute quanta, so pieces and blocks do not change the output. */
#include "dsp/ph_vocoder.h"

void ph_vocoder_init(ph_vocoder *v, double sample_rate, int bands)
{
    double sr = sample_rate > 0 ? sample_rate : 48000;
    v->bands = bands < 2 ? 2 : bands > PH_VOCODER_MAX_BANDS ? PH_VOCODER_MAX_BANDS : bands;
    double lo = 100.0, hi = 8000.0 < 0.45 * sr ? 8000.0 : 0.45 * sr;
    double r = pow(hi / lo, 1.0 / (v->bands - 1));
    double q = 0.65 / (sqrt(r) - 1.0 / sqrt(r));
    v->res = ph_svf_res_for_q((float)(q > 0.5 ? q : 0.5));
    for (int k = 0; k < v->bands; k++) {
        v->centre[k] = (float)(lo * pow(r, k));
        for (int j = 0; j < 2; j++) {
            ph_svf_init(&v->mod[k][j], sr, PH_SVF_BP);
            ph_svf_init(&v->car[k][j], sr, PH_SVF_BP);
        }
        v->env[k] = 0;
    }
    v->att = 1.0f - expf(-1.0f / (0.005f * (float)sr));
    v->rel = 1.0f - expf(-1.0f / (0.030f * (float)sr));
}

void ph_vocoder_process(ph_vocoder *v, float *out, const float *modulator, const float *carrier, uint32_t n,
                        uint64_t t0)
{
    for (uint32_t off = 0; off < n; off += PH_VOCODER_PIECE) {
        uint32_t m = n - off < PH_VOCODER_PIECE ? n - off : PH_VOCODER_PIECE;
        float *o = out + off;
        ph_dsp_zero(o, m);
        ph_dsp_fill(v->rbuf, v->res, m);
        for (int k = 0; k < v->bands; k++) {
            ph_dsp_fill(v->cut, v->centre[k], m);
            ph_svf_process(&v->mod[k][0], v->mb, modulator + off, v->cut, v->rbuf, m, t0 + off);
            ph_svf_process(&v->mod[k][1], v->mb, v->mb, v->cut, v->rbuf, m, t0 + off);
            ph_svf_process(&v->car[k][0], v->cb, carrier + off, v->cut, v->rbuf, m, t0 + off);
            ph_svf_process(&v->car[k][1], v->cb, v->cb, v->cut, v->rbuf, m, t0 + off);
            float e = v->env[k];
            for (uint32_t i = 0; i < m; i++) {
                if (ph_dsp_at_quantum(t0 + off + i)) e = ph_dsp_flush(e);
                float a = fabsf(ph_dsp_sane(v->mb[i]));
                e += (a - e) * (a > e ? v->att : v->rel);
                o[i] += v->cb[i] * e;
            }
            v->env[k] = e;
        }
        for (uint32_t i = 0; i < m; i++) o[i] = ph_dsp_sane(o[i] * PH_VOCODER_GAIN);
    }
}
