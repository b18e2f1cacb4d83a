import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Empty, List, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { crowdApi, crowdKeys, type PublicQuery } from '../../api/crowd';
import { QueryError } from '../../components/QueryError';
import { PortalFrame } from '../portal/PortalFrame';
import { PortalListItem } from '../portal/PortalList';
import { ChallengeStateTag } from './parts';

type Tab = NonNullable<PublicQuery['state']> | 'all';

/** 众包任务 on the portal: open challenges and the awards, for anyone (no solution, no person). */
export default function PublicCrowd() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('open');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = useQuery({
    queryKey: [crowdKeys.public, tab, paging],
    queryFn: () => crowdApi.publicList({ ...paging, ...(tab === 'all' ? {} : { state: tab }) }),
    placeholderData: keepPreviousData,
  });
  return (
    <PortalFrame>
      <Breadcrumb style={{ marginBottom: 16 }} items={[{ title: <Link to="/">{t('notices.portalHome')}</Link> }, { title: t('crowd.portal.title') }]} />
      <Card
        title={t('crowd.portal.title')}
        extra={
          <Segmented<Tab>
            value={tab}
            onChange={(v) => {
              setTab(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={[
              { value: 'open', label: t('crowd.portal.open') },
              { value: 'awarded', label: t('crowd.portal.awarded') },
              { value: 'all', label: t('crowd.portal.all') },
            ]}
          />
        }
      >
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <List
            data-testid="public-crowd"
            loading={query.isFetching}
            dataSource={query.data?.items}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('crowd.empty.public')} /> }}
            pagination={{ current: paging.page, pageSize: paging.pageSize, total: query.data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
            renderItem={(c) => (
              <PortalListItem
                to={`/portal/crowd/${c.id}`}
                title={c.title}
                tags={<ChallengeStateTag state={c.state} />}
                description={[
                  c.spaceName,
                  t(`spaces.industries.${c.field}`),
                  t('crowd.portal.reward', { reward: c.rewardYuan.toLocaleString('zh-CN') }),
                  c.award ? `${t('crowd.col.winner')}：${c.award.teamName}` : t('crowd.portal.deadline', { date: c.deadline }),
                ].join(' · ')}
              />
            )}
          />
        )}
      </Card>
    </PortalFrame>
  );
}
