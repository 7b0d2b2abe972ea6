// Exact-rational stand-in for fraction.js (the API subset Strudel uses), for tests/oracle.
// Minimal exact-rational stand-in for fraction.js (test oracle only).
const babs = (x) => (x < 0n ? -x : x);
const bgcd = (a, b) => { a = babs(a); b = babs(b); while (b) { [a, b] = [b, a % b]; } return a; };
function fromNumber(x) {
  if (!isFinite(x)) throw new Error('bad number ' + x);
  if (Number.isInteger(x)) return [BigInt(x), 1n];
  // Farey / continued fraction best approximation with denominator <= 1e7 (fraction.js style)
  const sign = x < 0 ? -1n : 1n; let v = Math.abs(x);
  let h0 = 0n, h1 = 1n, k0 = 1n, k1 = 0n, r = v;
  for (let i = 0; i < 64; i++) {
    const a = Math.floor(r); const ab = BigInt(a);
    const h2 = ab * h1 + h0, k2 = ab * k1 + k0;
    if (k2 > 10000000n) break;
    h0 = h1; h1 = h2; k0 = k1; k1 = k2;
    if (Number(h1) / Number(k1) === v) break;
    const f = r - a; if (f < 1e-300) break; r = 1 / f;
  }
  return [sign * h1, k1];
}
function parse(a, b) {
  if (a instanceof Fraction) return [a._n, a._d];
  if (b !== undefined) { const [n1, d1] = parse(a); const [n2, d2] = parse(b); return [n1 * d2, d1 * n2]; }
  if (typeof a === 'number') return fromNumber(a);
  if (typeof a === 'bigint') return [a, 1n];
  if (typeof a === 'string') {
    if (a.includes('/')) { const [p, q] = a.split('/'); return [BigInt(p.trim()), BigInt(q.trim())]; }
    const m = a.trim().match(/^(-?)(\d*)(?:\.(\d*))?$/);
    if (!m) return fromNumber(Number(a));
    const frac = m[3] || ''; const n = BigInt((m[2] || '0') + frac); const d = 10n ** BigInt(frac.length);
    return [m[1] ? -n : n, d];
  }
  if (a === undefined || a === null) return [0n, 1n];
  if (Array.isArray(a)) return [BigInt(a[0]), BigInt(a[1])];
  if (typeof a === 'object' && 'n' in a && 'd' in a) return [BigInt(a.s ?? 1) * BigInt(a.n), BigInt(a.d)];
  throw new Error('cannot make a fraction of ' + a);
}
function Fraction(a, b) {
  if (!(this instanceof Fraction)) return new Fraction(a, b);
  let [n, d] = parse(a, b);
  if (d === 0n) throw new Error('Division by Zero');
  if (d < 0n) { n = -n; d = -d; }
  const g = bgcd(n, d) || 1n; this._n = n / g; this._d = d / g;
  this.s = this._n < 0n ? -1 : 1; this.n = Number(babs(this._n)); this.d = Number(this._d);
}
const P = Fraction.prototype;
P.add = function (a, b) { const o = new Fraction(a, b); return new Fraction([this._n * o._d + o._n * this._d, this._d * o._d]); };
P.sub = function (a, b) { const o = new Fraction(a, b); return new Fraction([this._n * o._d - o._n * this._d, this._d * o._d]); };
P.mul = function (a, b) { const o = new Fraction(a, b); return new Fraction([this._n * o._n, this._d * o._d]); };
P.div = function (a, b) { const o = new Fraction(a, b); return new Fraction([this._n * o._d, this._d * o._n]); };
P.floor = function () { let q = this._n / this._d; if (this._n % this._d !== 0n && this._n < 0n) q -= 1n; return new Fraction([q, 1n]); };
P.ceil = function () { let q = this._n / this._d; if (this._n % this._d !== 0n && this._n > 0n) q += 1n; return new Fraction([q, 1n]); };
P.round = function () { return new Fraction(Math.round(this.valueOf())); };
P.compare = function (a, b) { const o = new Fraction(a, b); const l = this._n * o._d, r = o._n * this._d; return l < r ? -1 : l > r ? 1 : 0; };
P.equals = function (a, b) { return this.compare(a, b) === 0; };
P.mod = function (a, b) { const o = new Fraction(a, b); const q = (this._n * o._d) / (this._d * o._n); return this.sub(o.mul(new Fraction([q, 1n]))); };
P.abs = function () { return new Fraction([babs(this._n), this._d]); };
P.neg = function () { return new Fraction([-this._n, this._d]); };
P.inverse = function () { return new Fraction([this._d, this._n]); };
P.pow = function (e) { const k = Number(e); let r = new Fraction(1); const base = k < 0 ? this.inverse() : this; for (let i = 0; i < Math.abs(k); i++) r = r.mul(base); return r; };
P.gcd = function (a, b) { const o = new Fraction(a, b); return new Fraction([bgcd(this._n * o._d, o._n * this._d), this._d * o._d]); };
P.lcm = function (a, b) { const o = new Fraction(a, b); if (this._n === 0n || o._n === 0n) return new Fraction(0); const num = babs(this._n * o._n); const g = bgcd(this._n * o._d, o._n * this._d); return new Fraction([num * this._d * o._d / (this._d * o._d), g]).abs(); };
P.valueOf = function () { return this.s * this.n / this.d; };
P.toString = function () { return String(this.valueOf()); };
P.toFraction = function () { return (this._n < 0n ? '-' : '') + babs(this._n) + (this._d === 1n ? '' : '/' + this._d); };
P.clone = function () { return new Fraction([this._n, this._d]); };
export default Fraction;
export { Fraction };
