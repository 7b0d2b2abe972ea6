-- Separate outputs out1 .. out4 (Phonon 16 / `phonon render --channels 16`), plus a mix.
-- Numbered outputs are also added to the main output (the seed's default, `outmix: none`);
-- here `out` is its own mix, so they are kept separate.
tempo: 0.5
outmix: separate
~kick: s "bd*4"
~snare: s "~ sn"
~bass: saw "55 ~ 82.5 73.4" # lpf 400 1
~pad: tri "[220, 330]" # lpf 1200 0.556
out1: ~kick
out2: ~snare
out3: ~bass * 0.4
out4: ~pad * 0.2
out: ~kick * 0.5 + ~snare * 0.5 + ~bass * 0.3 + ~pad * 0.1
