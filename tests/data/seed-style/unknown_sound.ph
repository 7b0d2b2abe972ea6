-- A sound that is neither in the kit nor in a sample folder plays silence, with a warning;
-- the rest of the program plays.
-- expect: warning unknown sound '808bd'
-- expect: onsets 4
tempo: 1
out $ s "808bd*4" + s "bd*2"
