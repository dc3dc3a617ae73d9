// The V8 heap settings ccwall runs with (bin/ccwall.js applies them; the benchmarks use the same).
// On a machine with plenty of memory V8 lets the young generation grow to tens of megabytes and
// the old one to several times what is live; a wallboard or hub that allocates briefly all day
// then sits at three to five times its live heap. A small young generation and a tighter growth
// step keep it near what it needs (bench/README.md has the figures).
export const V8_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=50'];
