/**
 * From the 2019 format's 第二十条 tables to the 2021 format's, as data (issue 13, item 3): for each
 * 2021 table, each column and the 2019 column whose value it takes. A column with no `from` has no
 * 2019 column that means the same: it is left blank for the clerk to fill (upgrade-fill). The 2019
 * rows and tables the 2021 format has not (其他对外管理服务事项, 第（九）项) are removed, their values named.
 */
export interface UpgradeColumn {
  /** The 2021 column's id. */
  to: string;
  /** The 2019 column whose value it takes; absent: blank, to be filled. */
  from?: string;
}

export const UPGRADE_2019_TO_2021: Record<string, UpgradeColumn[]> = {
  'a20-1': [{ to: 'made', from: 'made' }, { to: 'repealed' }, { to: 'current' }],
  'a20-5': [{ to: 'decisions', from: 'decisions' }],
  'a20-6': [{ to: 'decisions', from: 'decisions' }],
  'a20-8': [{ to: 'fee-amount' }],
};

/** The 2021 columns an upgrade leaves blank: (table id, column id). */
export const FILL_COLUMNS: { table: string; column: string }[] = Object.entries(UPGRADE_2019_TO_2021).flatMap(([table, cols]) => cols.filter((c) => !c.from).map((c) => ({ table, column: c.to })));
