/** How the screen is divided at a given terminal size. */

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export interface ScreenLayout {
  columns: number;
  rows: number;
  tooSmall: boolean;
  /** Identity and KPI lines, then the pane tabs. */
  headerRows: number;
  /** The message line and the key hints. */
  footerRows: number;
  /** Between header and footer: the table headers and the lists. */
  bodyRows: number;
  /** Rows of a list under its table header. */
  listRows: number;
  channelWidth: number;
  agentWidth: number;
}

export function screenLayout(columns: number, rows: number): ScreenLayout {
  const headerRows = 3;
  const footerRows = 2;
  const bodyRows = Math.max(0, rows - headerRows - footerRows);
  const channelWidth = Math.min(44, Math.max(30, Math.round(columns * 0.3)));
  return {
    columns,
    rows,
    tooSmall: columns < MIN_COLUMNS || rows < MIN_ROWS,
    headerRows,
    footerRows,
    bodyRows,
    listRows: Math.max(0, bodyRows - 1),
    channelWidth,
    // One column between the panes for the separator.
    agentWidth: Math.max(0, columns - channelWidth - 1),
  };
}
