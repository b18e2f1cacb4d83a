import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Form, Table, type TableColumnsType, type TableProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Query } from '../api/client';
import type { Page } from '../api/types';
import { QueryError } from './QueryError';
import { sortChanged, sortFromTable, type TableSort, withSortOrder } from './tableSort';

type PagedTableProps<T, F> = {
  /**
   * Loads one page: a list function of the api layer (e.g. `adminApi.orgs`). It is given the page and
   * the filter bar's values (through `toQuery`) as query parameters.
   */
  list: (query: { page: number; pageSize: number }) => Promise<Page<T>>;
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
};

/** A server-paginated list with a filter bar, loading, empty and error states — every admin list. */
export function PagedTable<T extends object, F extends object = Record<string, never>>(props: PagedTableProps<T, F>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<F>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [params, setParams] = useState<Query>({});
  const [sort, setSort] = useState<TableSort>({});

  const query = useQuery({
    queryKey: [props.queryKey, { ...paging, ...params, ...sort }],
    queryFn: () => props.list({ ...params, ...sort, ...paging }),
    placeholderData: keepPreviousData,
  });

  function applyFilters(values: F) {
    const entries = Object.entries(props.toQuery ? props.toQuery(values) : (values as Query));
    setParams(Object.fromEntries(entries));
    setPaging((p) => ({ ...p, page: 1 }));
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
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.emptyText} /> }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          onChange={(p, _filters, sorter) => {
            const next = sortFromTable<T>(sorter);
            setSort(next);
            setPaging({ page: sortChanged(next, sort) ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? 20 });
          }}
          />
        </>
      )}
    </>
  );
}
