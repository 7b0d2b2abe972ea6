-- Keyword arguments name a parameter (:cutoff :q); a list gives stack its items.
-- expect: level 300 0.09 0.11
-- expect: level 500 0.09 0.11
-- expect: same-as _keywords_plain.ph
~a $ sine 300 * 0.1
~b $ sine 500 * 0.1
out $ stack [~a, ~b] # lpf :cutoff 5000 :q 0.8
