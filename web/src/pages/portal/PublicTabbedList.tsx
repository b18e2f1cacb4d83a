import { keepPreviousData, type QueryKey, useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Empty, List, Segmented } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Page } from '../../api/types';
import { QueryError } from '../../components/QueryError';
import { PortalFrame } from './PortalFrame';

/**
 * A public section of the portal listed page by page under tabs (open, decided, all): the trail
 * home, the tabs beside the title, why a tab is empty, and the cards. Changing the tab goes back to
 * the first page; the last page stays on screen while the next one loads.
 */
export function PublicTabbedList<Tab extends string, T>(props: {
  title: string;
  tabs: { value: Tab; label: string }[];
  initialTab: Tab;
  /** The list's key; the tab and the page are added to it. */
  queryKey: QueryKey;
  load: (tab: Tab, paging: { page: number; pageSize: number }) => Promise<Page<T>>;
  empty: string;
  testId: string;
  renderItem: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>(props.initialTab);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = useQuery({ queryKey: [...props.queryKey, tab, paging], queryFn: () => props.load(tab, paging), placeholderData: keepPreviousData });
  return (
    <PortalFrame>
      <Breadcrumb style={{ marginBottom: 16 }} items={[{ title: <Link to="/">{t('notices.portalHome')}</Link> }, { title: props.title }]} />
      <Card
        title={props.title}
        extra={
          <Segmented<Tab>
            value={tab}
            onChange={(v) => {
              setTab(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={props.tabs}
          />
        }
      >
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <List
            data-testid={props.testId}
            loading={query.isFetching}
            dataSource={query.data?.items}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty} /> }}
            pagination={{ current: paging.page, pageSize: paging.pageSize, total: query.data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
            renderItem={props.renderItem}
          />
        )}
      </Card>
    </PortalFrame>
  );
}
