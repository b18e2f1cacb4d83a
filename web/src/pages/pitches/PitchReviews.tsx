import { Card, Form, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type PitchReview, pitchApi, pitchKeys } from '../../api/pitches';
import { PagedTable } from '../../components/PagedTable';
import { formatDateTime } from '../../lib/format';
import { ApplicationDrawer } from './PitchCallPage';
import { PitchStateTag } from './parts';

type Filters = { pending?: 'true' | 'false' };

/** 路演大赛评审: the applications of the calls the reviewer was assigned to, once their window closed. */
export default function PitchReviews() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string>();
  return (
    <Card title={t('pitches.menu.reviews')}>
      <PagedTable<PitchReview, Filters>
        queryKey={pitchKeys.reviews}
        list={pitchApi.reviews}
        rowKey="applicationId"
        emptyText={t('pitches.empty.reviews')}
        toQuery={(v) => ({ pending: v.pending })}
        filters={
          <Form.Item name="pending">
            <Select allowClear placeholder={t('pitches.review.all')} style={{ width: 160 }} options={[{ value: 'true', label: t('pitches.review.pending') }]} />
          </Form.Item>
        }
        columns={[
          { title: t('pitches.app.projectName'), key: 'projectName', sorter: true, render: (_: unknown, r: PitchReview) => <a onClick={() => setOpen(r.applicationId)} data-testid={`review-open-${r.projectName}`}>{r.projectName}</a> },
          { title: t('pitches.app.team'), key: 'team', render: (_: unknown, r: PitchReview) => r.teamName },
          { title: t('pitches.col.title'), key: 'callTitle', sorter: true, render: (_: unknown, r: PitchReview) => <Link to={`/app/pitch-reviews/${r.callId}`}>{r.callTitle}</Link> },
          { title: t('pitches.col.space'), key: 'space', render: (_: unknown, r: PitchReview) => r.spaceName },
          { title: t('pitches.col.state'), key: 'state', render: (_: unknown, r: PitchReview) => <PitchStateTag state={r.callState} /> },
          {
            title: t('pitches.review.mine'),
            key: 'scoredAt',
            sorter: true,
            render: (_: unknown, r: PitchReview) => (r.conflict === null ? <Tag color="orange">{t('pitches.review.todo')}</Tag> : r.conflict ? <Tag>{t('pitches.review.recused')}</Tag> : `${r.total}（${formatDateTime(r.scoredAt as unknown as string)}）`),
          },
        ]}
      />
      <ApplicationDrawer id={open} onClose={() => setOpen(undefined)} />
    </Card>
  );
}
