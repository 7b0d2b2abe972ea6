-- The second argument of lpf is the seed's Q: at Q 2 the resonance lifts the cutoff by
-- about 6 dB and no more (the seed's state-variable filter), and far above it the saw is
-- gone.
-- expect: level 800 0.03 0.09
-- expect: level 4000 0 0.004
-- expect: peak 0.6
tempo: 0.5
out $ saw 100 # lpf 800 2.0 * 0.3
