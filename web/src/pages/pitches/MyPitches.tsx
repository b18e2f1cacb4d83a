import { Card, Form, Input, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type MyPitch, type OpenPitchCall, pitchApi, pitchKeys } from '../../api/pitches';
import { PagedTable } from '../../components/PagedTable';
import { formatDateTime } from '../../lib/format';
import { useCallColumns } from './PitchCallDesk';
import { PitchStateTag } from './parts';

/** 路演与大赛: open calls a maker team may apply to, and the team's applications with their results. */
export default function MyPitches() {
  const { t } = useTranslation();
  const columns = useCallColumns('/app/pitches');
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('pitches.market.open')}>
        <PagedTable<OpenPitchCall, { q?: string }>
          queryKey={pitchKeys.open}
          list={pitchApi.open}
          rowKey="id"
          emptyText={t('pitches.empty.open')}
          toQuery={(v) => ({ q: v.q })}
          filters={
            <Form.Item name="q">
              <Input allowClear placeholder={t('pitches.search')} style={{ width: 220 }} />
            </Form.Item>
          }
          columns={[
            ...columns.filter((c) => c.key !== 'state'),
            { title: t('pitches.market.mine'), key: 'mine', render: (_: unknown, r: OpenPitchCall) => (r.myApplicationId ? <Tag color="green">{t('pitches.market.applied')}</Tag> : r.canApply ? t('pitches.market.canApply') : t('pitches.market.notYet')) },
          ]}
        />
      </Card>
      <Card title={t('pitches.market.myApplications')}>
        <PagedTable<MyPitch, object>
          queryKey={pitchKeys.mine}
          list={pitchApi.mine}
          rowKey="id"
          emptyText={t('pitches.empty.mine')}
          columns={[
            { title: t('pitches.app.projectName'), key: 'projectName', render: (_: unknown, r: MyPitch) => r.projectName },
            { title: t('pitches.col.title'), key: 'call', render: (_: unknown, r: MyPitch) => <Link to={`/app/pitches/${r.callId}`}>{r.callTitle}</Link> },
            { title: t('pitches.col.space'), key: 'space', render: (_: unknown, r: MyPitch) => r.spaceName },
            { title: t('pitches.col.state'), key: 'state', render: (_: unknown, r: MyPitch) => (r.state === 'withdrawn' ? <Tag>{t('pitches.app.withdrawn')}</Tag> : <PitchStateTag state={r.callState} />) },
            { title: t('pitches.app.rank'), key: 'rank', render: (_: unknown, r: MyPitch) => (r.rank ?? '—') },
            { title: t('pitches.app.award'), key: 'award', render: (_: unknown, r: MyPitch) => (r.award ? <Tag color="gold">{r.award}</Tag> : '—') },
            { title: t('pitches.app.submittedAt'), key: 'at', render: (_: unknown, r: MyPitch) => formatDateTime(r.submittedAt as unknown as string) },
          ]}
        />
      </Card>
    </Space>
  );
}
