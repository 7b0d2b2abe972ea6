-- Scales and chords as the seed writes them: degrees of a minor pentatonic, and a chord
-- built on each degree, through mtof.
-- expect: level 220 0.03
-- expect: level 261.63 0.03
-- expect: level 329.63 0.03
-- expect: level 233.08 0 0.005
tempo: 0.5
~deg $ n "0 1" # scale "minor_pentatonic"
~pitch $ ~deg + 57
~chord $ n "57" # chord "min"
out $ sine (mtof ~pitch) * 0.2 + sine (mtof ~chord) * 0.1
