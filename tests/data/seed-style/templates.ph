-- The seed's templates (@name: a stored expression, expanded where used, functions
-- included) and pattern references (%name: a pattern to give transforms).
-- expect: same-as _templates_plain.ph
-- expect: onsets 6
tempo: 1
@speedup: fast 2
@reverse: rev
@combo: @speedup $ @reverse
@filt: lpf 3000 1
%density: "<1 2>"
out $ s "rim sn" $ @combo $ slow %density # @filt * 0.8
