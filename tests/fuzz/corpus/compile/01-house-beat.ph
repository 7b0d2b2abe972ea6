-- A four-on-the-floor house beat from the built-in synthesised kit (no sample files).
tempo: 0.5
~drums: s "[bd*4, hh*8, ~ sn ~ sn]"
out: ~drums * 0.5
