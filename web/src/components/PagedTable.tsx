import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Form, Table, type TableColumnsType, type TableProps } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Query } from '../api/client';
import type { Page } from '../api/types';
import { QueryError } from './QueryError';
import { sortChanged, sortFromTable, sortOfParams, type TableSort, withSortOrder } from './tableSort';

type PagedTableProps<T, F, P extends Page<T> = Page<T>, Q extends Query = Record<never, never>> = {
  /**
   * Loads one page: a list function of the api layer (e.g. `adminApi.orgs`). It is given the page,
   * `fixed` and the filter bar's values (through `toQuery`) as query parameters.
   */
  list: (query: Q & { page: number; pageSize: number }) => Promise<P>;
  /** Query parameters every page is asked with (the call and stage of a worklist); part of the query key. */
  fixed?: Q;
  /** Told each answer as it arrives: what the page shows besides the rows (a stage, a count of pending items). */
  onData?: (data: P) => void;
  /** Row selection of the page's rows (bulk actions). */
  rowSelection?: TableProps<T>['rowSelection'];
  /** First element of the query key; actions invalidate `[queryKey]` to refresh the table. */
  queryKey: string;
  /** Columns with `sorter: true` sort on the server by their `key` (the endpoint's `sort` value). */
  columns: TableColumnsType<T>;
  rowKey: keyof T & string;
  emptyText: string;
  /** Form items of the filter bar; their values become query parameters through `toQuery`. */
  filters?: ReactNode;
  toQuery?: (values: F) => Query;
  /** Buttons at the right of the filter bar (create, bulk actions). */
  toolbar?: ReactNode;
  expandable?: TableProps<T>['expandable'];
  /**
   * Keeps the view in the address (filters, page, sort), so a link or a bookmark reproduces it and
   * Back returns to the previous one: `toParams` writes the filter bar's values as the address's
   * parameters (named in `keys`; others in the address are left alone), `fromParams` reads them back.
   */
  inUrl?: {
    keys: readonly string[];
    toParams: (values: F) => Record<string, string | undefined>;
    fromParams: (params: Record<string, string>) => F;
  };
};

interface View {
  page: number;
  pageSize: number;
  /** The filter bar's values as query parameters (in the address: as `toParams` wrote them). */
  filters: Query;
  sort: TableSort;
}

const FIRST: View = { page: 1, pageSize: 20, filters: {}, sort: {} };

/** The table's view, in component state or, with `inUrl`, in the address. */
function useView<F>(inUrl: PagedTableProps<never, F>['inUrl']): [View, (next: Partial<View>) => void] {
  const [local, setLocal] = useState<View>(FIRST);
  const [search, setSearch] = useSearchParams();
  if (!inUrl) return [local, (next) => setLocal((v) => ({ ...v, ...next }))];
  const filters = Object.fromEntries(inUrl.keys.flatMap((k) => (search.get(k) ? [[k, search.get(k)!]] : [])));
  const view: View = { page: Number(search.get('page')) || 1, pageSize: Number(search.get('pageSize')) || FIRST.pageSize, filters, sort: sortOfParams(search) };
  const update = (next: Partial<View>) => {
    const v = { ...view, ...next };
    const out = new URLSearchParams(search);
    for (const k of [...inUrl.keys, 'page', 'pageSize', 'sort', 'order']) out.delete(k);
    for (const [k, value] of Object.entries(v.filters)) if (value !== undefined && value !== null && value !== '') out.set(k, String(value));
    if (v.page !== FIRST.page) out.set('page', String(v.page));
    if (v.pageSize !== FIRST.pageSize) out.set('pageSize', String(v.pageSize));
    if (v.sort.sort) out.set('sort', v.sort.sort);
    if (v.sort.sort && v.sort.order === 'desc') out.set('order', 'desc');
    // A new history entry per change: Back returns to the previous view.
    setSearch(out);
  };
  return [view, update];
}

/** A server-paginated list with a filter bar, loading, empty and error states — every admin list. */
export function PagedTable<T extends object, F extends object = Record<string, never>, P extends Page<T> = Page<T>, Q extends Query = Record<never, never>>(props: PagedTableProps<T, F, P, Q>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<F>();
  const { inUrl } = props;
  const [view, update] = useView(inUrl);
  const { sort } = view;
  const paging = { page: view.page, pageSize: view.pageSize };
  const toQuery = (values: F): Query => (props.toQuery ? props.toQuery(values) : (values as Query));
  const params = inUrl ? toQuery(inUrl.fromParams(view.filters as Record<string, string>)) : view.filters;

  const query = useQuery({
    queryKey: [props.queryKey, { ...props.fixed, ...paging, ...params, ...sort }],
    queryFn: () => props.list({ ...props.fixed, ...params, ...sort, ...paging } as Q & typeof paging),
    placeholderData: keepPreviousData,
  });
  const { onData } = props;
  useEffect(() => {
    if (query.data) onData?.(query.data);
    // Told once per answer, not on every render of a parent that passes a new function.
  }, [query.data]);

  // The filter bar shows the address's filters, also after Back or a followed link.
  const filterKey = JSON.stringify(view.filters);
  useEffect(() => {
    if (!inUrl) return;
    form.resetFields();
    form.setFieldsValue(inUrl.fromParams(JSON.parse(filterKey) as Record<string, string>) as Parameters<typeof form.setFieldsValue>[0]);
    // Keyed on the filters' text: inUrl's functions are new on every render.
  }, [filterKey, form]);

  function applyFilters(values: F) {
    update({ filters: inUrl ? inUrl.toParams(values) : toQuery(values), page: 1 });
  }

  return (
    <>
      {(props.filters || props.toolbar) && (
        <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
          {props.filters ? (
            <Form form={form} name={`${props.queryKey}-filters`} layout="inline" onFinish={applyFilters} style={{ rowGap: 8 }}>
              {props.filters}
              <Form.Item>
                <Flex gap={8}>
                  <Button type="primary" htmlType="submit">
                    {t('common.search')}
                  </Button>
                  <Button
                    onClick={() => {
                      form.resetFields();
                      applyFilters(form.getFieldsValue());
                    }}
                  >
                    {t('common.reset')}
                  </Button>
                </Flex>
              </Form.Item>
            </Form>
          ) : (
            <span />
          )}
          {props.toolbar}
        </Flex>
      )}
      {query.isError && !query.data ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          {/* A failed refresh keeps the last page on screen but says it is stale. */}
          {query.isError && <Alert type="warning" showIcon title={errorMessage(query.error)} style={{ marginBottom: 12 }} />}
          <Table<T>
          rowKey={props.rowKey}
          columns={withSortOrder(props.columns, sort)}
          dataSource={query.data?.items}
          loading={query.isFetching}
          expandable={props.expandable}
          rowSelection={props.rowSelection}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.emptyText} /> }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            // A capped count (the audit log, public notices) reads "10000+": narrow the filter to see fewer.
            showTotal: (total) => t(query.data?.totalCapped ? 'common.totalCapped' : 'common.total', { total }),
          }}
          onChange={(p, _filters, sorter) => {
            const next = sortFromTable<T>(sorter);
            update({ sort: next, page: sortChanged(next, sort) ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? 20 });
          }}
          />
        </>
      )}
    </>
  );
}
