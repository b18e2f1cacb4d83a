import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Challenge, type ChallengeQuery, crowdApi, crowdKeys } from '../../api/crowd';
import { PagedTable } from '../../components/PagedTable';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { useChallengeColumns } from './CrowdDesk';
import { ChallengeStateTag } from './parts';

type Filters = { state?: ChallengeQuery['state']; q?: string };

/** 众包任务大厅: published challenges for maker teams, and the team's own solutions. */
export default function CrowdMarket() {
  const { t } = useTranslation();
  const columns = useChallengeColumns('/app/crowd-tasks');
  const mine = useQuery({ queryKey: [crowdKeys.mine], queryFn: crowdApi.mine });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('crowd.market.title')}>
        <PagedTable<Challenge, Filters>
          queryKey={crowdKeys.published}
          list={crowdApi.published}
          rowKey="id"
          emptyText={t('crowd.empty.published')}
          inUrl={{ keys: ['state', 'q'], toParams: (v) => ({ state: v.state, q: v.q?.trim() || undefined }), fromParams: (p) => ({ state: p.state as Filters['state'], q: p.q }) }}
          toQuery={(v) => ({ state: v.state, q: v.q })}
          filters={
            <>
              <Form.Item name="state">
                <Select allowClear placeholder={t('crowd.allStates')} style={{ width: 140 }} options={(['open', 'judging', 'awarded'] as const).map((s) => ({ value: s, label: t(`crowd.states.${s}`) }))} />
              </Form.Item>
              <Form.Item name="q">
                <Input allowClear placeholder={t('crowd.search')} style={{ width: 220 }} />
              </Form.Item>
            </>
          }
          columns={columns}
        />
      </Card>
      <Card title={t('crowd.market.mine')}>
        {mine.isError ? (
          <QueryError error={mine.error} onRetry={() => void mine.refetch()} />
        ) : (
          <Table
            rowKey="id"
            loading={mine.isLoading}
            dataSource={mine.data?.items}
            pagination={false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('crowd.market.noMine')} /> }}
            columns={[
              { title: t('crowd.solution.title'), key: 'title', render: (_, r) => r.title },
              { title: t('crowd.col.title'), key: 'challenge', render: (_, r) => <Link to={`/app/crowd-tasks/${r.challengeId}`}>{r.challengeTitle}</Link> },
              { title: t('crowd.col.space'), key: 'space', render: (_, r) => r.spaceName },
              { title: t('crowd.col.state'), key: 'state', render: (_, r) => (r.awarded ? <Tag color="gold">{t('crowd.solution.awarded')}</Tag> : <ChallengeStateTag state={r.challengeState} />) },
              { title: t('crowd.solution.submittedAt'), key: 'at', render: (_, r) => formatDateTime(r.submittedAt as unknown as string) },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
