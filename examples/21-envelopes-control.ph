-- Envelopes and control signals: per-event envelopes (ad, env), a gate pattern through an
-- ASR, one-shot ramps from the start (line with a time, xline, curve, segments), smoothing
-- (lag), stepped random values (sample_hold), switching (select, xfade, mix) and a
-- side-chain duck: the pad dips under every kick (follow).
tempo: 0.5
~kick: s "bd*4"
~pluck: saw "<110 165 147 196>*8" # lpf 1500 2 # ad 0.003 0.12
~swell: tri 220 * (gate "t ~ t t ~ t ~ ~" # asr 0.02 0.15)
~rise: sine (xline 110 440 4) * line 0 1 2 * curve 1 0.3 8 -2
~steps: sine ((noise # sample_hold "x*8") * 300 + 500 # lag 0.01)
~duck: 1 - (~kick # follow 0.005 0.25) * 1.4 # max 0.2
~pad: (saw 55 + saw 82.5) # lpf 700 1
~pick: select "<0 1 2>" (sine 330) (tri 392) (saw 440 # lpf 900 1)
~keys: xfade ~pick (~pick # env 0.05 0.2 0.5 0.3) (sine 0.25 * 0.5 + 0.5)
out: mix ~kick (~pluck * 0.12) (~swell * 0.15) (~rise * 0.1) (~steps * 0.1) (~pad * 0.2 * ~duck) (~keys * 0.1 * segments "0 1 0.6" "0.05 0.5")
