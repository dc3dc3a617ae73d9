/**
 * The hub's log of a source's refused events, bounded: a source that keeps sending something the
 * hub refuses (a stale wrap-up, an unknown device) gets one line per kind of event and every
 * `windowMs`, with how many more were refused meanwhile, never a line per event.
 */
export class RefusalLog {
  private readonly last = new Map<string, { at: number; hidden: number }>();

  constructor(
    private readonly log: (line: string) => void,
    private readonly now: () => number,
    private readonly windowMs = 10_000,
  ) {}

  refused(eventType: string, reason: string): void {
    const at = this.now();
    const seen = this.last.get(eventType);
    if (seen && at - seen.at < this.windowMs) {
      seen.hidden += 1;
      return;
    }
    const more = seen && seen.hidden > 0 ? ` (and ${seen.hidden} more ${eventType} refused before it)` : '';
    this.last.set(eventType, { at, hidden: 0 });
    this.log(`event ${eventType} refused: ${reason}${more}`);
  }
}
