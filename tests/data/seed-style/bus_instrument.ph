-- A bus played as an instrument: each event of s "~synth" plays the bus, repitched by note
-- (0 and 7 semitones above its 261.63 Hz).
-- expect: level 261.63 0.03
-- expect: level 392.00 0.03
tempo: 1
~synth $ sine 261.63 # adsr 0.005 0.1 0.8 0.05
out $ (s "~synth*4" # note "0 7") * 0.5
