// Runs dependency-cruiser (the layer rules in .dependency-cruiser.cjs) on TypeScript 6's
// compiler API. The project builds with TypeScript 7, whose compiler is native and has no
// JavaScript API; dependency-cruiser parses TypeScript (type-only imports included, which
// count for layering) with the JavaScript API of TypeScript 2–6. So the import of
// "typescript" made by dependency-cruiser is answered with @typescript/typescript6, the
// TypeScript team's package of that API, and nothing else changes.
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

registerHooks({
  resolve(specifier, context, nextResolve) {
    const fromCruiser = context.parentURL?.includes('/node_modules/dependency-cruiser/');
    if (fromCruiser && (specifier === 'typescript' || specifier.startsWith('typescript/')))
      return nextResolve(`@typescript/typescript6${specifier.slice('typescript'.length)}`, context);
    return nextResolve(specifier, context);
  },
});
process.argv.splice(2, 0, 'src', '--config', '.dependency-cruiser.cjs');
await import(pathToFileURL('node_modules/dependency-cruiser/bin/dependency-cruise.mjs').href);
