import { graphemes, normaliseSymbolText } from './runtime/symbols/normalise.js';
const m = '☕'.repeat(100_000);
let t = performance.now(); const n = normaliseSymbolText(m); console.log('norm', performance.now() - t);
t = performance.now(); const g = graphemes(n); console.log('graph', performance.now() - t, g.length);
t = performance.now(); const g2 = graphemes('a'.repeat(100000)); console.log('graph a', performance.now() - t, g2.length);
