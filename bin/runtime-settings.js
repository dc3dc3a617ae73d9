// How ccwall's Node process is set up for memory (bin/ccwall.js applies it; the benchmarks use
// the same). On a machine with plenty of memory V8 lets the young generation grow to tens of
// megabytes and the old one to several times what is live, and glibc gives each thread its own
// malloc arena: a wallboard or hub that allocates briefly all day then sits at three to five
// times its live heap. A small young generation, a tighter growth step and two arenas keep it
// near what it needs, at a few points of CPU (bench/README.md has the figures).
export const V8_FLAGS = ['--max-semi-space-size=8', '--heap-growing-percent=50'];
export const ENV_DEFAULTS = { MALLOC_ARENA_MAX: '2' };
