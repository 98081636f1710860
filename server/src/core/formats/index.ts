import { FORMAT_2019 } from './2019';
import { FORMAT_2021 } from './2021';
import type { Format, FormatVersion } from './types';

export { DEADLINES, REVIEW_CELL_DEFS, REVIEW_CELLS, SECTIONS, headingOf, reviewTotal } from './common';
export { PROSE_PATTERNS, PROSE_SUMS, STALE_PROSE } from './prose';
export type * from './types';

export const FORMATS: Record<FormatVersion, Format> = { '2019': FORMAT_2019, '2021': FORMAT_2021 };

/** The format a statistics year must use: 2019 and 2020 the 2019 format, 2021 on the 2021 format. */
export function formatForYear(year: number): FormatVersion {
  return year >= 2021 ? '2021' : '2019';
}
