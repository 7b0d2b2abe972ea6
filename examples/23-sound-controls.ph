-- Per-sound controls, as SuperDirt plays them (docs/CONTROLS.md): effects on each voice,
-- inside transforms too; pitch glides; samples stretched and sliced to cycles; sends to
-- the orbits' reverb and delay, which join the main output.
tempo: 0.5
~drums: s "bd*2 [~ sn] hh*4 [~ cp]" $ every 2 (# lpf 800 # resonance 6) # room 0.25 # size 1.5
~hats: s "hh*8" # hpf 5000 # pan sine # delay 0.35 # delaytime 0.1875 # delayfeedback 0.45 # orbit 1
~crunch: s "[bd sn]*2" # crush "<4 6>" # coarse 3 # shape 0.5 # gain 0.6
~talk: note "<[0 3 7 10] [-2 2 5 9]>" # s "supersaw" # vowel "<a e i o>" # legato 0.9
~zap: s "perc*4" # accelerate "-0.5 1" # squiz "<2 4>" # bandf 2000 # bandq 2
~stretch: loopAt 2 $ chop 8 $ s "oh" # cutoff 3000
~cuts: splice 4 "0 2 1 3" $ s "cp" # dry 0.6 # room 0.4
out: ~drums * 0.8 + ~hats * 0.4 + ~crunch * 0.3 + ~talk * 0.15 + ~zap * 0.4 + ~stretch * 0.3 + ~cuts * 0.3
