tempo: 0.5
~a: saw 55
  # lpf (sine 0.25 * 1500 + 600) 0.7
out: ~a * 0.5; out1: (~a # delay 0.25 0.5)
