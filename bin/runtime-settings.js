// How ccwall's Node process is set up for memory (bin/ccwall.js applies it; the benchmarks use
// the same). On a machine with plenty of memory V8 lets the young generation grow to tens of
// megabytes and the old one to several times what is live, and glibc gives each thread its own
// malloc arena: a wallboard or hub that allocates briefly all day then sits at three to five
// times its live heap. A small young generation, a tighter growth step and two arenas keep it
// near what it needs, at a few points of CPU (bench/README.md has the figures).

/**
 * Node options, set by starting again with them: only those this Node documents (listed in
 * process.allowedNodeEnvironmentFlags), so that a Node without one never refuses to start.
 */
export const NODE_FLAGS = ['--max-semi-space-size=8'];

/**
 * V8 options Node does not document: set once running (v8.setFlagsFromString), never on the
 * command line, where one a later V8 dropped would stop ccwall from starting ("bad option").
 */
export const V8_RUNTIME_FLAGS = ['--heap-growing-percent=50'];

/** Every flag, as the benchmarks start their measured processes with. */
export const V8_FLAGS = [...NODE_FLAGS, ...V8_RUNTIME_FLAGS];

export const ENV_DEFAULTS = { MALLOC_ARENA_MAX: '2' };

/** "--max-semi-space-size=8" → "--max-semi-space-size". */
export const flagName = (arg) => arg.split('=')[0];

/**
 * The flags of `flags` to start again with: those this Node documents (`allowed`) and the user
 * has not set (`given`: their flag names, from the command line and NODE_OPTIONS).
 */
export function startFlags(flags, allowed, given) {
  return flags.filter((flag) => allowed.has(flagName(flag)) && !given.includes(flagName(flag)));
}

/** What bin/ccwall.js imports before ccwall itself: the benchmarks preload it (--import). */
export const PRELOAD = new URL('./lean-imports.js', import.meta.url).href;
