// Reads JSON lines {src, a, b} and prints Strudel's events of mini(src) over [a, b) as a
// JSON list of "WB WE PB PE VALUE" strings: the Strudel side of tests/oracle (README.md).
import { mini } from '@strudel/mini/mini.mjs';
import { createInterface } from 'readline';
const show = (f) => `${f.s * f.n}/${f.d}`;
const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  const { src, a, b } = JSON.parse(line);
  let out;
  try {
    const haps = mini(src).query(new (await import('@strudel/core/state.mjs')).State(new (await import('@strudel/core/timespan.mjs')).TimeSpan(a, b)));
    out = haps.map((h) => {
      let v = h.value; if (Array.isArray(v)) v = v.join(':');
      if (typeof v === 'number') v = String(v);
      return `${h.whole ? show(h.whole.begin) : '-'} ${h.whole ? show(h.whole.end) : '-'} ${show(h.part.begin)} ${show(h.part.end)} ${v}`;
    }).sort();
  } catch (e) { out = ['ERROR ' + String(e.message || e).slice(0, 60)]; }
  console.log(JSON.stringify(out));
}
