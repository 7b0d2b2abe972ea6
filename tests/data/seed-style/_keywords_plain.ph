~a $ sine 300 * 0.1
~b $ sine 500 * 0.1
out $ (~a + ~b) # lpf 5000 0.8
