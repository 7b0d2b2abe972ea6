-- Tidal's operators on patterns: |+ keeps the left structure and adds the right values;
-- the seed's ~* multiplies signals sample by sample (a tremolo here).
-- expect: level 261.63 0.05
-- expect: level 329.63 0.05
-- expect: level 220 0 0.01
tempo: 0.5
~notes $ n "0 4" |+ n 60
~tone $ sine (mtof ~notes) * 0.3
~trem $ sine 4 * 0.5 + 0.5
out $ ~tone ~* ~trem
