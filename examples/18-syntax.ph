// Both comment styles, `~name $ expr` bus definitions, and function calls with
// parentheses and commas.
cps: 0.5
~bass $ saw "55 82.5" # lpf(800, 0.5)
~pad: pan(sine 0.2 * 0.5 + 0.5, tri 220) * 0.2
out: ~bass * 0.3 + ~pad
