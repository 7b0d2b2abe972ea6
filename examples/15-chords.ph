-- Chords: simultaneous events in a pitched pattern each get their own oscillator.
-- Note names are pitches too.
tempo: 0.4
~chords: saw "<[c3, eb3, g3] [ab2, c3, eb3] [bb2, d3, f3]>" # lpf 1500 0.714 # adsr 0.05 0.3 0.6 0.5
~bass: square "<c2 ab1 bb1>" # lpf 300 0.625
out: ~chords * 0.15 + ~bass * 0.3
