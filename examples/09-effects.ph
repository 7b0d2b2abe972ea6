-- The effect rack: distort, bitcrush, chorus, compress, delay, reverb.
tempo: 0.5
~keys: saw "<[220, 277, 330] [196, 247, 294]>" # lpf 2500 0.625 # chorus 0.8 0.5 0.5
~crunch: s "bd sn bd sn" # bitcrush 6 4
~loud: s "[bd*2, hh*4]" # distort 0.6 # compress (-20) 4 0.005 0.1
out: (~keys * 0.2 + ~crunch * 0.4 + ~loud * 0.4) # delay 0.25 0.3 0.3 # reverb 0.6 0.4 0.25
