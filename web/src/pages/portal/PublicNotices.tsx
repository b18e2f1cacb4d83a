import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Empty, List } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { noticesApi } from '../../api/notices';
import { QueryError } from '../../components/QueryError';
import { NoticeListItem } from './LatestNotices';
import { PortalFrame } from './PortalFrame';

/** 公示公告: every published notice, newest first, running or ended. */
export default function PublicNotices() {
  const { t } = useTranslation();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = useQuery({
    queryKey: ['public-notices', paging],
    queryFn: () => noticesApi.publicList(paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });
  return (
    <PortalFrame>
      <Breadcrumb style={{ marginBottom: 16 }} items={[{ title: <Link to="/">{t('notices.portalHome')}</Link> }, { title: t('portal.notices') }]} />
      <Card title={t('portal.notices')}>
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <List
            data-testid="public-notices"
            loading={query.isFetching}
            dataSource={query.data?.items}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.noNotices')} /> }}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: query.data?.total ?? 0,
              onChange: (page, pageSize) => setPaging({ page, pageSize }),
            }}
            renderItem={(n) => <NoticeListItem notice={n} />}
          />
        )}
      </Card>
    </PortalFrame>
  );
}
