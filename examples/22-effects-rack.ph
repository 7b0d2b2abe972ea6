-- The rest of the effect rack: tremolo, vibrato, ring, flanger, phaser, ping-pong, tape and
-- multi-tap echoes, Dattorro's plate, convolution (a built-in room without a file), a
-- vocoder, pitch shifting, coarse, width, a keyed compressor, a noise gate and a
-- look-ahead limiter on the master.
tempo: 0.5
~kick: s "bd*4"
~hats: s "hh*8" # gain 0.8 # coarse "<1 4>" # pingpong 0.125 0.5 1 0 0.4
~chords: saw "<[220, 277, 330] [196, 247, 294]>" # lpf 1800 0.7 # phaser 0.3 0.8 0.5 6 # tremolo 4 0.4
~lead: tri "<440 392 494 523>*4" # vibrato 5 0.3 # flanger 0.6 0.3 0.4 # tapedelay 0.375 0.45
~bell: sine "880 ~ ~ 1320" # ad 0.002 0.3 # ring 211 # plate 20 3 0.7 0.2 0.4 0.6
~robot: vocoder (s "[cp sn]*2" # gain 1.5) (saw 110 # width 2) 16 * 2
~shift: ~lead # pitch_shift 7 # multitap 0.1 3 0.3 0.5
~room: s "~ sn ~ sn" # convolve 0.5
~duck: ~chords # compress -30 4 0.002 0.15 0 ~kick # noisegate -60
out: (~kick + ~hats * 0.5 + ~duck * 0.2 + ~lead * 0.15 + ~bell * 0.3 + ~robot * 0.3 + ~shift * 0.08 + ~room) # limiter 0.89
