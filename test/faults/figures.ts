/** The figures the fault tests gather, printed together at the end of the run. */
export const figures = {
  restartsSurvived: 0,
  commandsAcknowledged: 0,
  commandsLost: 0,
  duplicatesApplied: 0,
  /** Resends the hub answered from its stored acks (a repeated id, nothing applied). */
  retriesAnsweredFromStore: 0,
  resumes: 0,
  snapshots: 0,
  peakHubRss: 0,
  lines: [] as string[],
};

export function note(line: string): void {
  figures.lines.push(line);
}
