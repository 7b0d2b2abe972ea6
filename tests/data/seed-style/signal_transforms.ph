-- A pattern transform applied to a signal transforms the patterns it plays: the arpeggio
-- is twice as fast (four notes a cycle), and sounds the same as transforming its pitches.
-- expect: same-as _signal_transforms_plain.ph
-- expect: differs-from _signal_transforms_slow.ph
tempo: 0.5
~arp $ sine "130.81 196" # lpf 2000 1
out $ (~arp $ fast 2) * 0.3
