import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { filingListsApi, type ListLevel, type PublicList } from '../../api/filings';
import { QueryError } from '../../components/QueryError';
import { sortChanged, sortFromTable, type TableSort, withSortOrder } from '../../components/tableSort';
import { PortalFrame } from './PortalFrame';

const LEVELS: ListLevel[] = ['national', 'province', 'city'];
type Row = PublicList & { entryCount: number };
type ListSortKey = NonNullable<Parameters<typeof filingListsApi.list>[0]['sort']>;

/** The published 备案名单 and 推荐名单, or the 撤销名单 (`?kind=revocation`), newest first, filtered by level (public). */
export default function FilingLists() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') === 'revocation' ? 'revocation' : 'filing';
  const [level, setLevel] = useState<ListLevel | 'all'>('all');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [sort, setSort] = useState<TableSort<ListSortKey>>({});
  const query = useQuery({
    queryKey: ['public-filing-lists', kind, level, paging, sort],
    queryFn: () => filingListsApi.list({ ...paging, ...sort, kind, level: level === 'all' ? undefined : level }),
    placeholderData: keepPreviousData,
  });
  return (
    <PortalFrame>
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t(kind === 'revocation' ? 'filingLists.revocationTitle' : 'filingLists.title')}</h1>}>
        <Segmented
          style={{ marginBottom: 16, marginRight: 16 }}
          value={kind}
          data-testid="list-kind"
          onChange={(v) => {
            setParams(v === 'revocation' ? { kind: 'revocation' } : {});
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'filing', label: t('filingLists.kindFiling') },
            { value: 'revocation', label: t('filingLists.kindRevocation') },
          ]}
        />
        <Segmented
          style={{ marginBottom: 16 }}
          value={level}
          onChange={(v) => {
            setLevel(v as ListLevel | 'all');
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[{ value: 'all', label: t('filingLists.allLevels') }, ...LEVELS.map((l) => ({ value: l, label: t(`filingLists.level.${l}`) }))]}
        />
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<Row>
            rowKey="id"
            // On a phone the table scrolls inside its card instead of widening the page.
            scroll={{ x: 'max-content' }}
            loading={query.isFetching}
            dataSource={query.data?.items}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('filingLists.empty')} /> }}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: query.data?.total ?? 0,
              showSizeChanger: true,
            }}
            onChange={(p, _f, sorter) => {
              const next = sortFromTable<Row, ListSortKey>(sorter);
              setSort(next);
              setPaging({ page: sortChanged(next, sort) ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? 20 });
            }}
            columns={withSortOrder<Row>([
              { title: t('filingLists.listTitle'), key: 'title', sorter: true, render: (_, l) => <Link to={`/portal/filing-lists/${l.id}`}>{l.title}</Link> },
              { title: t('filingLists.kindLabel'), dataIndex: 'kind', render: (k: PublicList['kind']) => <Tag color={k === 'filing' ? 'green' : 'blue'}>{t(`filingLists.kind.${k}`)}</Tag> },
              { title: t('filingLists.levelLabel'), key: 'level', sorter: true, dataIndex: 'level', render: (l: ListLevel) => t(`filingLists.level.${l}`) },
              { title: t('filingLists.authority'), dataIndex: 'authority' },
              { title: t('filingLists.documentNumber'), dataIndex: 'documentNumber' },
              { title: t('filingLists.issuedOn'), key: 'issuedOn', sorter: true, dataIndex: 'issuedOn' },
              { title: t('filingLists.entryCount'), key: 'entries', sorter: true, dataIndex: 'entryCount' },
            ], sort)}
          />
        )}
      </Card>
    </PortalFrame>
  );
}
