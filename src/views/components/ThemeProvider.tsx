/**
 * The theme is provided once, by Root, and read with `useTheme`. A screen rendered on its own
 * (in a test, say) may still be given a theme of its own: `withTheme` provides it below.
 */
import type { ReactNode } from 'react';
import { type Theme, ThemeContext, useTheme } from '../theme.js';

/** `theme` for everything below; without one, the theme from above stays. */
export function ThemeProvider({ theme, children }: { theme?: Theme | undefined; children: ReactNode }) {
  const outer = useTheme();
  return <ThemeContext.Provider value={theme ?? outer}>{children}</ThemeContext.Provider>;
}

/** A screen that takes an optional `theme` prop, for rendering it outside Root. */
export function withTheme<P extends { theme?: Theme }>(Screen: (props: P) => ReactNode) {
  return function Themed(props: P) {
    return (
      <ThemeProvider theme={props.theme}>
        <Screen {...props} />
      </ThemeProvider>
    );
  };
}
