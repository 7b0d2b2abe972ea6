// Both comment styles, `~name $ expr` bus definitions, function calls with parentheses
// and commas, `sound` (= `s`), the `<~` shift and `gain` as a processor on a signal.
cps: 0.5
~bass $ saw "55 82.5" # lpf(800, 0.5)
~pad: pan(sine 0.2 * 0.5 + 0.5, tri 220) * 0.2
~perc: 0.25 <~ sound "cp*2 rim"
out: (~bass * 0.3 + ~pad + ~perc * 0.5) # gain 0.8
