-- Host macros ~m1..~m8 are smoothed 0..1 signals. `saw midi` is polyphonic: one voice
-- per held MIDI note (8 at most), and the filter and envelope after it are per voice.
tempo: 0.5
~keys: saw midi # lpf (~m1 * 3000 + 300) 0.833 # adsr 0.01 0.2 0.6 0.3
~beat: s "bd*2 [~ bd] sn" # gain (~m2 * 0.5 + 0.5)
out: ~keys * 0.3 + ~beat * 0.6
