import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Challenge, type ChallengeQuery, CHALLENGE_STATES, crowdApi, crowdKeys, formatYuan } from '../../api/crowd';
import { registryApi } from '../../api/registry';
import { PagedTable } from '../../components/PagedTable';
import { ChallengeForm } from './ChallengeForm';
import { ChallengeStateTag } from './parts';

type Filters = { spaceId?: string; state?: ChallengeQuery['state']; q?: string };

/** Columns shared by the operator's, the panel's and the makers' lists; the title opens `<base>/:id`. */
export function useChallengeColumns(base: string) {
  const { t } = useTranslation();
  return [
    { title: t('crowd.col.title'), key: 'title', sorter: true, render: (_: unknown, r: Challenge) => <Link to={`${base}/${r.id}`}>{r.title}</Link> },
    { title: t('crowd.col.space'), key: 'space', render: (_: unknown, r: Challenge) => r.spaceName },
    { title: t('crowd.col.field'), key: 'field', render: (_: unknown, r: Challenge) => t(`spaces.industries.${r.field}`) },
    { title: t('crowd.col.reward'), key: 'reward', sorter: true, align: 'right' as const, render: (_: unknown, r: Challenge) => formatYuan(r.rewardYuan) },
    { title: t('crowd.col.deadline'), key: 'deadline', sorter: true, render: (_: unknown, r: Challenge) => r.deadline },
    { title: t('crowd.col.state'), key: 'state', sorter: true, render: (_: unknown, r: Challenge) => <ChallengeStateTag state={r.state} /> },
    { title: t('crowd.col.solutions'), key: 'solutions', align: 'right' as const, render: (_: unknown, r: Challenge) => r.solutionCount },
    { title: t('crowd.col.winner'), key: 'winner', render: (_: unknown, r: Challenge) => r.award?.teamName ?? '—' },
  ];
}

/** 众包任务: the operator's challenges in every state, and the form to draft one. */
export default function CrowdDesk() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const spaces = useQuery({ queryKey: ['crowd-spaces'], queryFn: () => registryApi.spaces({ pageSize: 100 }) });
  const columns = useChallengeColumns('/app/crowd');
  return (
    <Card title={t('crowd.menu.desk')}>
      <PagedTable<Challenge, Filters>
        queryKey={crowdKeys.managed}
        list={crowdApi.managed}
        rowKey="id"
        emptyText={t('crowd.empty.desk')}
        inUrl={{ keys: ['spaceId', 'state', 'q'], toParams: (v) => ({ spaceId: v.spaceId, state: v.state, q: v.q?.trim() || undefined }), fromParams: (p) => ({ spaceId: p.spaceId, state: p.state as Filters['state'], q: p.q }) }}
        toQuery={(v) => ({ spaceId: v.spaceId, state: v.state, q: v.q })}
        filters={
          <>
            <Form.Item name="spaceId">
              <Select allowClear placeholder={t('crowd.allSpaces')} style={{ width: 240 }} options={(spaces.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
            <Form.Item name="state">
              <Select allowClear placeholder={t('crowd.allStates')} style={{ width: 140 }} options={CHALLENGE_STATES.map((s) => ({ value: s, label: t(`crowd.states.${s}`) }))} />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('crowd.search')} style={{ width: 220 }} />
            </Form.Item>
          </>
        }
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="challenge-create">
            {t('crowd.form.create')}
          </Button>
        }
        columns={columns}
      />
      <ChallengeForm open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
