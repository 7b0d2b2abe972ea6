-- bpm counts one beat a cycle, as the seed does: 120 bpm is two cycles a second, so four
-- rim shots a cycle make 16 onsets in two seconds. The meter does not change the tempo.
-- expect: onsets 16
-- expect: level 55 0 0.5
bpm: 120 "3/4"
~tick $ s "rim*4"
out $ ~tick * 0.8
