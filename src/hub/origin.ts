/**
 * The Origin allowlist. A browser always sends `Origin` with a WebSocket upgrade, a terminal
 * wallboard never does: a request that carries one must name an allowed origin, so that a web
 * page a supervisor happens to visit cannot open a socket to the hub with their credentials.
 * With no allowlist, every request with an Origin is refused.
 */

/** `scheme://host[:port]` in lower case, the default port left out; undefined if it is not an origin. */
function normaliseOrigin(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'null') return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (!/^(https?|wss?):$/.test(url.protocol)) return undefined;
  if (url.username || url.password) return undefined;
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return undefined;
  return url.origin.toLowerCase();
}

/**
 * Parses `--allow-origin` values (each may be a comma-separated list) into normalised origins;
 * throws with a message naming the first one that is not an origin.
 */
export function parseAllowedOrigins(values: readonly string[]): string[] {
  const origins: string[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      if (part.trim() === '') continue;
      const origin = normaliseOrigin(part);
      if (!origin)
        throw new Error(`"${part.trim()}" is not an origin: write it as https://host or https://host:port`);
      if (!origins.includes(origin)) origins.push(origin);
    }
  }
  return origins;
}

export type OriginCheck = { ok: true } | { ok: false; reason: string };

/** Checks the Origin header (if any) of an upgrade request against the allowlist. */
export function checkOrigin(header: string | string[] | undefined, allowed: readonly string[]): OriginCheck {
  if (header === undefined) return { ok: true };
  if (Array.isArray(header)) return { ok: false, reason: 'several Origin headers' };
  const origin = normaliseOrigin(header);
  if (!origin) return { ok: false, reason: 'an Origin that is not an origin' };
  if (allowed.includes(origin)) return { ok: true };
  return {
    ok: false,
    reason: allowed.length === 0 ? `origin ${origin} (no origin is allowed)` : `origin ${origin} not allowed`,
  };
}
