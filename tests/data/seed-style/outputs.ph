-- The seed's output forms: out $, numbered outputs o1 / d2 / out3 (mixed into the main
-- output, as the seed does), outmix, and hush of one output.
-- (outmix: gain divides the sum by the 3 outputs that play)
-- expect: level 300 0.128 0.139
-- expect: level 500 0.062 0.072
-- expect: level 700 0.062 0.072
-- expect: level 900 0 0.001
outmix: gain
out $ sine 300 * 0.4
o1 $ sine 500 * 0.2
d2: sine 700 * 0.2
out3 $ sine 900 * 0.2
hush3
