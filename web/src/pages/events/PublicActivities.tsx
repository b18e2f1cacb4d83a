import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Empty, Flex, List, Pagination, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EVENT_KINDS, eventsApi } from '../../api/events';
import { QueryError } from '../../components/QueryError';
import { oneOf } from '../../components/useAddressFilters';
import { formatDateTime } from '../../lib/format';
import { PortalFrame } from '../portal/PortalFrame';
import { ActivityPhotos } from './EventExtras';

/** 活动登记 (public): held events of filed spaces — what, who hosted it in which role, when, how many came; no person named. */
export default function PublicActivities() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kind = oneOf(EVENT_KINDS, params.get('kind'));
  const spaceId = params.get('space') ?? undefined;
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const query = useQuery({
    queryKey: ['portal-activities', { kind, spaceId, page }],
    queryFn: () => eventsApi.activities({ kind, spaceId, page, pageSize: 10 }),
    placeholderData: keepPreviousData,
  });
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  return (
    <PortalFrame>
      <Breadcrumb style={{ marginBottom: 16 }} items={[{ title: <Link to="/">{t('portal.nav.home')}</Link> }, { title: t('events.public.title') }]} />
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('events.public.title')}
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary">{t('events.public.hint')}</Typography.Paragraph>
        <Flex wrap gap={12} style={{ marginBottom: 16 }} role="search">
          <Select allowClear value={kind} placeholder={t('events.public.allKinds')} style={{ width: 180 }} onChange={(v) => set('kind', v)} options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kinds.${k}`) }))} />
        </Flex>
        {query.error ? (
          <QueryError error={query.error} />
        ) : (
          <List
            loading={query.isLoading}
            dataSource={query.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('events.public.empty')} /> }}
            renderItem={(a) => (
              <List.Item data-testid="activity-item">
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Typography.Text strong>{a.title}</Typography.Text>
                      <Tag color="blue">{t(`events.kinds.${a.kind}`)}</Tag>
                      <Tag>{t(`events.roles.${a.role}`)}</Tag>
                    </Space>
                  }
                  description={
                    <Space direction="vertical" size={0}>
                      <span>
                        {a.spaceName}（{a.regionName}） · {formatDateTime(a.startsAt as unknown as string)} · {t('events.public.attendance', { count: a.attendance })}
                      </span>
                      {a.partners.length > 0 && <span>{a.partners.join('、')}</span>}
                      {a.summary && <Typography.Text type="secondary">{a.summary}</Typography.Text>}
                      <ActivityPhotos id={a.id} title={a.title} photoIds={a.photoIds} />
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
        {(query.data?.total ?? 0) > 10 && <Pagination style={{ marginTop: 16 }} current={page} pageSize={10} total={query.data?.total} onChange={(p) => set('page', String(p))} showSizeChanger={false} showTotal={(total) => t(query.data?.totalCapped ? 'common.totalCapped' : 'common.total', { total })} />}
      </Card>
    </PortalFrame>
  );
}
