/**
 * Class names for a table that stacks below the `md` breakpoint: each row becomes a card and each
 * cell a "label: value" line (the label from the cell's `data-label`), so no column is ever off
 * screen on a phone. From `md` up it is an ordinary table.
 */
export const stacked = {
  table: 'block w-full text-left text-sm md:table',
  head: 'sr-only text-xs text-slate-600 uppercase md:not-sr-only md:table-header-group',
  body: 'block divide-y divide-slate-100 md:table-row-group',
  row: 'block px-3 py-2 md:table-row md:p-0',
  cell:
    'flex items-baseline justify-between gap-3 py-0.5 text-right md:table-cell md:px-3 md:py-2 md:text-left ' +
    'before:shrink-0 before:font-sans before:text-xs before:font-medium before:text-slate-500 before:content-[attr(data-label)] ' +
    'md:before:content-none',
} as const;
