import { afterEach, describe, expect, it } from 'vitest';
import { emptyLine, TablePane, useTableLayout } from '../../src/views/components/table-pane/TablePane.js';
import { cursorAfter } from '../../src/views/scroll.js';
import type { Column } from '../../src/views/table-model.js';
import { type Rendered, renderAt } from './render-at.js';

const COLUMNS: readonly Column<string, null>[] = [
  { id: 'name', header: 'Name', min: 10, cell: (row) => row },
  { id: 'size', header: 'Size', min: 4, align: 'right', cell: (row) => String(row.length) },
];
const ROWS = Array.from({ length: 20 }, (_, i) => `row ${String(i + 1).padStart(2, '0')}`);

function Pane({
  rows = ROWS,
  cursor,
  heading,
}: {
  rows?: readonly string[];
  cursor: number;
  heading?: boolean;
}) {
  const layout = useTableLayout(COLUMNS, 30);
  return (
    <TablePane
      layout={layout}
      height={5}
      rows={rows}
      context={null}
      keyOf={(row) => row}
      cursor={cursor}
      cursorHighlight="cursor"
      empty={emptyLine('nothing here')}
      {...(heading
        ? { spanning: (row: string) => (row === 'row 01' ? [{ text: '-- first --' }] : undefined) }
        : {})}
    />
  );
}

/** The rows on screen under the header, each run of spaces as one. */
const shown = (app: Rendered) =>
  app
    .lines()
    .slice(1)
    .map((l) => l.trim().replace(/\s+/g, ' '));

describe('TablePane: a header over the rows on screen', () => {
  let app: Rendered | null = null;
  afterEach(() => {
    app?.unmount();
    app = null;
  });

  it('shows the header, then as many rows as fit, each cell in its column', () => {
    app = renderAt(<Pane cursor={0} />, 30, 10);
    expect(app.lines()[0]).toMatch(/^Name\s+Size$/);
    expect(shown(app)).toEqual(['row 01 6', 'row 02 6', 'row 03 6', 'row 04 6']);
  });

  it('scrolls only when the cursor leaves the screen, and keeps where it was otherwise', async () => {
    app = renderAt(<Pane cursor={0} />, 30, 10);
    app.instance.rerender(<Pane cursor={9} />);
    await app.waitFor((f) => f.includes('row 10'), 'the cursor row in view');
    expect(shown(app).map((l) => l.slice(0, 6))).toEqual(['row 07', 'row 08', 'row 09', 'row 10']);
    // Up two: still on screen, nothing moves.
    app.instance.rerender(<Pane cursor={7} />);
    await app.waitFor((f) => f.includes('row 07'), 'the same rows');
    expect(shown(app).map((l) => l.slice(0, 6))).toEqual(['row 07', 'row 08', 'row 09', 'row 10']);
    const inverse = app
      .rawFrame()
      .split('\n')
      .find((l) => l.includes('\u001b[7m'));
    expect(inverse).toContain('row 08');
    // Above the screen: the cursor row becomes the first shown.
    app.instance.rerender(<Pane cursor={2} />);
    await app.waitFor((f) => !f.includes('row 07'), 'scrolled up');
    expect(shown(app).map((l) => l.slice(0, 6))).toEqual(['row 03', 'row 04', 'row 05', 'row 06']);
  });

  it('says so when there are no rows', () => {
    app = renderAt(<Pane rows={[]} cursor={0} />, 30, 10);
    expect(shown(app)[0]).toBe('nothing here');
  });

  it('draws a spanning row as one line across the columns', () => {
    app = renderAt(<Pane cursor={1} heading />, 30, 10);
    expect(shown(app)[0]).toBe('-- first --');
    expect(shown(app)[1]).toBe('row 02 6');
  });
});

describe('TablePane: the clock ticking', () => {
  interface Task {
    name: string;
    since: number;
  }
  interface Ctx {
    now: number;
    mark: string;
  }
  const asked: string[] = [];
  const CLOCKED: readonly Column<Task, Ctx>[] = [
    {
      id: 'name',
      header: 'Task',
      min: 8,
      timeless: true,
      cell: (row, ctx) => {
        asked.push(`name ${row.name}`);
        return `${ctx.mark}${row.name}`;
      },
    },
    {
      id: 'age',
      header: 'Age',
      min: 5,
      align: 'right',
      cell: (row, ctx) => {
        asked.push(`age ${row.name}`);
        return `${(ctx.now - row.since) / 1000}s`;
      },
    },
  ];
  const TASKS: readonly Task[] = [
    { name: 'first', since: 0 },
    { name: 'second', since: 5000 },
  ];
  function Clocked({ now, mark = '' }: { now: number; mark?: string }) {
    const layout = useTableLayout(CLOCKED, 20);
    return (
      <TablePane
        layout={layout}
        height={4}
        rows={TASKS}
        context={{ now, mark }}
        keyOf={(row) => row.name}
        cursor={-1}
        cursorHighlight={undefined}
        empty={emptyLine('nothing')}
      />
    );
  }
  let app: Rendered | null = null;
  afterEach(() => {
    app?.unmount();
    app = null;
    asked.length = 0;
  });

  it('works out again only the cells that read the clock when the clock alone moves', async () => {
    app = renderAt(<Clocked now={10_000} />, 20, 6);
    expect(shown(app)).toEqual(['first 10s', 'second 5s']);
    asked.length = 0;
    // A new context object, the same but for its clock: the timeless names are kept.
    app.instance.rerender(<Clocked now={11_000} />);
    await app.waitFor((f) => f.includes('11s'), 'the next tick');
    expect(shown(app)).toEqual(['first 11s', 'second 6s']);
    expect(asked).toEqual(['age first', 'age second']);
    // Anything else in the context changed: every cell again.
    asked.length = 0;
    app.instance.rerender(<Clocked now={11_000} mark="*" />);
    await app.waitFor((f) => f.includes('*first'), 'the marked names');
    expect(shown(app)).toEqual(['*first 11s', '*second 6s']);
    expect([...asked].sort()).toEqual(['age first', 'age second', 'name first', 'name second']);
  });
});

describe('cursorAfter: the one cursor move for every list', () => {
  it('moves by a row, a page or to either end, never outside the list', () => {
    expect(cursorAfter('cursor.down', 3, 10, 4)).toBe(4);
    expect(cursorAfter('cursor.up', 0, 10, 4)).toBe(0);
    expect(cursorAfter('cursor.pageDown', 3, 10, 4)).toBe(7);
    expect(cursorAfter('cursor.pageDown', 8, 10, 4)).toBe(9);
    expect(cursorAfter('cursor.pageUp', 3, 10, 4)).toBe(0);
    expect(cursorAfter('cursor.first', 6, 10, 4)).toBe(0);
    expect(cursorAfter('cursor.last', 0, 10, 4)).toBe(9);
  });

  it('leaves any other action to the caller', () => {
    expect(cursorAfter('dialog.close', 3, 10, 4)).toBeUndefined();
    expect(cursorAfter('filter.start', 3, 10, 4)).toBeUndefined();
  });
});
