/**
 * No hidden key: generated from the key table, every key each screen accepts is shown there, at
 * the smallest screen (80×24), in English and in French: in the help that `?` opens on screens
 * that have one (whole on its first page), otherwise in the footer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CATALOGUES, LANGUAGES, setLocale } from '../../src/i18n/index.js';
import { hintSegments } from '../../src/views/components/Footer.js';
import { HelpOverlay } from '../../src/views/components/HelpOverlay.js';
import {
  ABILITIES,
  type Ability,
  BOARD_CONTEXTS,
  bindingsFor,
  displayKeys,
  hasHelp,
  KEY_CONTEXTS,
  type KeyContext,
} from '../../src/views/keymap.js';
import { screenLayout } from '../../src/views/layout.js';
import { renderAt } from './render-at.js';

const ALL: ReadonlySet<Ability> = new Set(ABILITIES);
const { bodyRows } = screenLayout(80, 24);

/** The contexts whose keys the help lists when `?` is pressed in `context` (as the screens pass them). */
function helpContexts(context: KeyContext): readonly KeyContext[] {
  return BOARD_CONTEXTS.includes(context) ? BOARD_CONTEXTS : [context];
}

function helpText(context: KeyContext): string {
  const shown = renderAt(
    <HelpOverlay width={80} height={bodyRows} abilities={ALL} contexts={helpContexts(context)} />,
    80,
    bodyRows,
  );
  const text = shown.frame();
  shown.unmount();
  return text;
}

const footerText = (context: KeyContext): string =>
  hintSegments(context, 80, ALL)
    .map((s) => s.text)
    .join('');

afterEach(() => setLocale('en'));

describe.each(LANGUAGES)('every key shown (%s)', (language) => {
  it.each(KEY_CONTEXTS)('in %s', (context) => {
    setLocale(language);
    const bindings = bindingsFor(context, ALL);
    expect(bindings.length).toBeGreaterThan(0);
    if (hasHelp(context)) {
      expect(footerText(context)).toContain(`? ${CATALOGUES[language].keys['help.toggle'].hint}`);
      const help = helpText(context);
      for (const binding of bindings) {
        const line = help.split('\n').find((l) => l.includes(binding.help.slice(0, 12)));
        expect(line, `${binding.action} in the help of ${context}:\n${help}`).toBeDefined();
        expect(line).toContain(displayKeys(binding.keys));
      }
    } else {
      const footer = footerText(context);
      for (const binding of bindings)
        expect(footer, `${binding.action} in the footer of ${context}`).toContain(
          `${displayKeys(binding.hint?.keys ?? '(no hint)')} ${binding.hint?.label}`,
        );
    }
  });
});
