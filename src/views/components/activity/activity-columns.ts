/** The activity log's table (`L`): when, who, what, to whom, the result and the hub's detail. */
import type { Catalogue } from '../../../i18n/index.js';
import { formatClock } from '../../format.js';
import type { Column } from '../../table-model.js';
import type { ActivityRow } from './activity-state.js';

/** The columns, headed in the words of the current language (`t().activity`). */
export function activityColumns(words: Catalogue['activity']): Column<ActivityRow, null>[] {
  return [
    { id: 'at', header: words.time, min: 8, cell: (r) => formatClock(r.at) },
    { id: 'who', header: words.who, min: 10, ideal: 16, max: 22, grow: 1, cell: (r) => r.who },
    { id: 'action', header: words.action, min: 8, ideal: 14, max: 20, grow: 1, cell: (r) => r.action },
    { id: 'target', header: words.target, min: 12, ideal: 26, max: 40, grow: 2, cell: (r) => r.target },
    {
      id: 'result',
      header: words.result,
      min: 9,
      ideal: 16,
      cell: (r) => ({ text: r.result, tone: r.ok ? 'ok' : 'critical' }),
    },
    {
      id: 'detail',
      header: words.detail,
      min: 8,
      ideal: 24,
      max: 64,
      grow: 3,
      drop: 1,
      cell: (r) => ({ text: r.detail, tone: 'muted' }),
    },
  ];
}
