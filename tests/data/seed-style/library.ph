-- A pattern library written section by section: each section redefines the tempo and the
-- buses, and the last definition plays (with warnings). Here the second tempo (1 cycle a
-- second) and the second melody (440 Hz) play.
-- expect: warning 'tempo' is set again
-- expect: warning bus '~lead' is defined again
-- expect: warning 'out' is set again
-- expect: level 440 0.15
-- expect: level 220 0 0.001
-- Section 1
tempo: 0.25
~lead $ sine 220 * 0.2
out $ ~lead
-- Section 2
tempo: 1
~lead $ sine 440 * 0.2
out $ ~lead
