-- The seed's names for things Phonon also spells another way.
-- expect: same-as _spellings_phonon.ph
tempo: 0.5
~n $ white_noise * 0.1
~t $ triangle 220 * 0.2
~s $ saw 55 # moog 800 0.3 # dist 3 0.4 # compressor -12 4 0.01 0.1 0 * 0.2
out $ ~t + ~s + ~n # hpf 20000 1
