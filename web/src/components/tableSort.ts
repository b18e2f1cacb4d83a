import type { TableColumnsType, TableProps } from 'antd';

/**
 * A table's sort as the list endpoints take it (`sort` names a column of the endpoint's whitelist,
 * `order` the direction): the server sorts, so paging shows the rows in that order across pages.
 * A sortable column says `sorter: true` and its `key` is the name the endpoint sorts by.
 */
export interface TableSort<K extends string = string> {
  sort?: K | undefined;
  order?: 'asc' | 'desc' | undefined;
}

type Sorter<T> = Parameters<NonNullable<TableProps<T>['onChange']>>[2];

/** The sort the user picked in the table's header (none when they cleared it). */
export function sortFromTable<T, K extends string = string>(sorter: Sorter<T>): TableSort<K> {
  const one = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!one?.order || one.columnKey === undefined) return {};
  return { sort: String(one.columnKey) as K, order: one.order === 'descend' ? 'desc' : 'asc' };
}

/** Whether two sorts differ: a new sort starts again at the first page. */
export const sortChanged = (a: TableSort, b: TableSort) => a.sort !== b.sort || (a.order ?? 'asc') !== (b.order ?? 'asc');

/** The columns with the header arrows showing `sort` (controlled: the server's order is the truth). */
export function withSortOrder<T>(columns: TableColumnsType<T>, sort: TableSort): TableColumnsType<T> {
  return columns.map((c) =>
    c.sorter && 'key' in c && c.key !== undefined ? { ...c, sortOrder: sort.sort === c.key ? (sort.order === 'desc' ? 'descend' : 'ascend') : null } : c,
  );
}

/** The sort a page keeps in its URL (`?sort=&order=`), so a link reproduces the view; the server refuses a column it does not sort by. */
export function sortOfParams<K extends string = string>(params: URLSearchParams): TableSort<K> {
  const sort = params.get('sort');
  return sort ? { sort: sort as K, order: params.get('order') === 'desc' ? 'desc' : 'asc' } : {};
}
