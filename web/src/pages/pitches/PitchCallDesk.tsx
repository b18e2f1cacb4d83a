import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type PitchCall, type PitchCallQuery, PITCH_CALL_STATES, pitchApi, pitchKeys } from '../../api/pitches';
import { PagedTable } from '../../components/PagedTable';
import { formatDateTime } from '../../lib/format';
import { CallForm } from './CallForm';
import { PitchStateTag } from './parts';

type Filters = { state?: PitchCallQuery['state']; q?: string };

/** Columns shared by the organiser's and the makers' lists; the title opens `<base>/:id`. */
export function useCallColumns(base: string) {
  const { t } = useTranslation();
  return [
    { title: t('pitches.col.title'), key: 'title', sorter: true, render: (_: unknown, r: PitchCall) => <Link to={`${base}/${r.id}`}>{r.title}</Link> },
    { title: t('pitches.col.space'), key: 'space', render: (_: unknown, r: PitchCall) => r.spaceName },
    { title: t('pitches.col.event'), key: 'event', render: (_: unknown, r: PitchCall) => `${r.eventTitle}（${t(`events.kinds.${r.eventKind}`)}）` },
    { title: t('pitches.col.closesAt'), key: 'closesAt', sorter: true, render: (_: unknown, r: PitchCall) => formatDateTime(r.closesAt as unknown as string) },
    { title: t('pitches.col.state'), key: 'state', sorter: true, render: (_: unknown, r: PitchCall) => <PitchStateTag state={r.state} /> },
    { title: t('pitches.col.applications'), key: 'applications', align: 'right' as const, render: (_: unknown, r: PitchCall) => r.applicationCount },
  ];
}

/** 路演与大赛征集: the operator's calls in every state, and the form to draft one. */
export default function PitchCallDesk() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const columns = useCallColumns('/app/pitch-calls');
  return (
    <Card title={t('pitches.menu.desk')}>
      <PagedTable<PitchCall, Filters>
        queryKey={pitchKeys.managed}
        list={pitchApi.managed}
        rowKey="id"
        emptyText={t('pitches.empty.desk')}
        inUrl={{ keys: ['state', 'q'], toParams: (v) => ({ state: v.state, q: v.q?.trim() || undefined }), fromParams: (p) => ({ state: p.state as Filters['state'], q: p.q }) }}
        toQuery={(v) => ({ state: v.state, q: v.q })}
        filters={
          <>
            <Form.Item name="state">
              <Select allowClear placeholder={t('pitches.allStates')} style={{ width: 140 }} options={PITCH_CALL_STATES.map((s) => ({ value: s, label: t(`pitches.states.${s}`) }))} />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('pitches.search')} style={{ width: 220 }} />
            </Form.Item>
          </>
        }
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="pitch-create">
            {t('pitches.form.create')}
          </Button>
        }
        columns={columns}
      />
      <CallForm open={creating} onClose={() => setCreating(false)} onSaved={(id) => navigate(`/app/pitch-calls/${id}`)} />
    </Card>
  );
}
