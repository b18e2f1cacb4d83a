import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Empty, List, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { pitchApi, pitchKeys } from '../../api/pitches';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { PortalFrame } from '../portal/PortalFrame';
import { PitchStateTag, Results } from './parts';

type Tab = 'open' | 'published' | 'all';

/** 路演与大赛 on the portal: open calls and published results (rank, project, team, award — no person, no score sheet). */
export default function PublicPitches() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const spaceId = params.get('spaceId') ?? undefined;
  const [tab, setTab] = useState<Tab>(spaceId ? 'published' : 'open');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = useQuery({
    queryKey: [pitchKeys.public, tab, spaceId, paging],
    queryFn: () => pitchApi.publicList({ ...paging, ...(spaceId ? { spaceId } : {}), ...(tab === 'all' ? {} : { state: tab }) }),
    placeholderData: keepPreviousData,
  });
  return (
    <PortalFrame>
      <Breadcrumb style={{ marginBottom: 16 }} items={[{ title: <Link to="/">{t('notices.portalHome')}</Link> }, { title: t('pitches.portal.title') }]} />
      <Card
        title={t('pitches.portal.title')}
        extra={
          <Segmented<Tab>
            value={tab}
            onChange={(v) => {
              setTab(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={[
              { value: 'open', label: t('pitches.portal.open') },
              { value: 'published', label: t('pitches.portal.published') },
              { value: 'all', label: t('pitches.portal.all') },
            ]}
          />
        }
      >
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <List
            data-testid="public-pitches"
            loading={query.isFetching}
            dataSource={query.data?.items}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pitches.empty.public')} /> }}
            pagination={{ current: paging.page, pageSize: paging.pageSize, total: query.data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
            renderItem={(c) => (
              <List.Item>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Space>
                    <Typography.Text strong>{c.title}</Typography.Text>
                    <PitchStateTag state={c.state} />
                  </Space>
                  <Typography.Text type="secondary">
                    {[
                      <Link key="s" to={`/portal/spaces/${c.spaceId}`}>
                        {c.spaceName}
                      </Link>,
                    ]}
                    {' · '}
                    {[`${c.eventTitle}（${t(`events.kinds.${c.eventKind}`)}）`, t(`spaces.industries.${c.field}`), c.state === 'open' ? t('pitches.portal.closes', { date: formatDateTime(c.closesAt as unknown as string) }) : t('pitches.portal.applications', { n: c.applicationCount })].join(' · ')}
                  </Typography.Text>
                  {c.state === 'open' ? <Typography.Paragraph style={{ marginBottom: 0 }}>{c.eligibility}</Typography.Paragraph> : <Results results={c.results} />}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
    </PortalFrame>
  );
}
