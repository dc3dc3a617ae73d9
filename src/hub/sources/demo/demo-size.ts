/**
 * How big the demo center is: the standard one, or the large one at contact-center scale.
 * A module of its own so that the command line checks `--demo-size` without loading the demo.
 */
export const DEMO_SIZES = ['standard', 'large'] as const;
export type DemoSize = (typeof DEMO_SIZES)[number];
export const DEFAULT_DEMO_SIZE: DemoSize = 'standard';

/** `text` as a demo size; undefined when it names none. */
export function demoSizeNamed(text: string): DemoSize | undefined {
  return DEMO_SIZES.find((size) => size === text);
}
