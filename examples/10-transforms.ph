-- Pattern transforms with `$`: value first, transforms applied left to right.
tempo: 0.5
~beat: s "bd sn [~ bd] sn" $ every 3 (fast 2)
~hats: s "hh*8" # gain 0.6 $ degradeBy 0.3
~mel: sine ("220 330 440 495" $ off 0.25 (mul 1.5) $ fast 2) # adsr 0.01 0.1 0.3 0.1
~arp: saw ("c4 e4 g4 b4" $ rev) # lpf 2000 0.714 # ar 0.01 0.1
out: ~beat * 0.8 + ~hats * 0.5 + ~mel * 0.2 + ~arp * 0.2
