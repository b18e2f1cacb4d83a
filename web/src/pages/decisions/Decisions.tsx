import { Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Segmented, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Candidates, type Decision, type DecisionCandidate, decisionsApi } from '../../api/filings';
import type { Page } from '../../api/types';
import { NOTHING, type Selection, SelectionBar, selectedCount } from '../../components/AllMatching';
import { CallStagePicker, useCallStage } from '../../components/CallStagePicker';
import { PagedTable } from '../../components/PagedTable';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { formatDateTime } from '../../lib/format';
import { DecisionModal } from './DecisionModal';
import { OutcomeTag, ReleaseModal } from './ReleaseModal';

const STATUS_COLOR: Record<Decision['status'], string> = { pending: 'processing', released: 'green', superseded: 'default' };

/** 审定与备案: candidates at a decision stage, pending decisions released as a list, released ones reversible. */
export default function Decisions() {
  const { t } = useTranslation();
  // The decision stages of published calls the user works, decided by the server from each call's chain.
  const picked = useCallStage('decision');
  const { callId, stage, nothing, calls } = picked;
  return (
    <Card title={t('decisions.title')}>
      <CallStagePicker picked={picked} labels={{ call: t('decisions.call'), stage: t('decisions.stage'), nothing: t('decisions.noStages') }} testId="decision" />
      {calls.isError && <QueryError error={calls.error} onRetry={() => void calls.refetch()} />}
      {callId && stage ? (
        <StageWork key={`${callId}/${stage.key}`} callId={callId} stageKey={stage.key} admin={stage.admin} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(nothing ? 'decisions.noStages' : 'decisions.chooseStage')} data-testid={nothing ? 'decision-nothing' : undefined} />
      )}
    </Card>
  );
}

/** `admin`: the user is the admin of the organisation working the stage (releases and reverses). */
function StageWork({ callId, stageKey, admin }: { callId: string; stageKey: string; admin: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<DecisionCandidate | null>(null);
  // The candidates' answer besides the rows: the stage (checklist, final) and the pending count of the whole stage.
  const [data, setData] = useState<Candidates | null>(null);
  const [selection, setSelection] = useState<Selection>(NOTHING);
  const [releasing, setReleasing] = useState(false);
  const [reversing, setReversing] = useState<Decision | null>(null);
  const [shown, setShown] = useState<'released' | 'superseded'>('released');
  const withdraw = useAction((id: string) => decisionsApi.withdraw(id), [['decisions']], () => t('decisions.withdrawn'));
  const stage = data?.stage;
  const final = stage?.final ?? true;
  const onPage = (data?.items ?? []).flatMap((c) => (c.decision ? [c.decision] : []));
  const chosen = 'all' in selection ? [] : onPage.filter((d) => selection.ids.includes(d.id));
  function loaded(next: Candidates) {
    setData(next);
    // A ticked row keeps its tick while it is on the page; "all" follows the stage's pending count the page now shows.
    setSelection((s) => ('all' in s ? (next.pending ? { all: next.pending } : NOTHING) : { ids: s.ids.filter((id) => next.items.some((c) => c.decision?.id === id)) }));
  }
  return (
    <>
      <Tabs
        items={[
          {
            key: 'candidates',
            label: t('decisions.candidates', { count: data?.total ?? 0 }),
            children: (
              <>
                {admin && (
                  <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
                    <SelectionBar selection={selection} matching={data?.pending ?? 0} onChange={setSelection} />
                    <Button type="primary" disabled={selectedCount(selection) === 0} data-testid="decision-release" onClick={() => setReleasing(true)}>
                      {t('decisions.releaseSelected', { count: selectedCount(selection) })}
                    </Button>
                  </Flex>
                )}
                <PagedTable<DecisionCandidate, Record<string, never>, Candidates, { callId: string; stageKey: string }>
                  queryKey="decisions"
                  list={decisionsApi.candidates}
                  fixed={{ callId, stageKey }}
                  onData={loaded}
                  rowKey="applicationId"
                  emptyText={t('decisions.noCandidates')}
                  rowSelection={
                    admin
                      ? {
                          selectedRowKeys: 'all' in selection ? onPage.map((d) => d.applicationId) : chosen.map((d) => d.applicationId),
                          getCheckboxProps: (c) => ({ disabled: !c.decision || 'all' in selection }),
                          onChange: (_, rows) => setSelection({ ids: rows.flatMap((r) => (r.decision ? [r.decision.id] : [])) }),
                        }
                      : undefined
                  }
                  columns={[
                    { title: t('decisions.space'), key: 'space', sorter: true, render: (_, c) => c.space.name },
                    { title: t('decisions.operator'), key: 'operator', sorter: true, render: (_, c) => c.operator.name },
                    { title: t('decisions.region'), key: 'region', sorter: true, render: (_, c) => c.space.regionName },
                    { title: t('decisions.dueAt'), key: 'dueAt', sorter: true, dataIndex: 'stageDueAt', render: formatDateTime },
                    { title: t('decisions.evaluation'), dataIndex: 'evaluationOverall', render: (o: string | null) => (o ? <Tag color={o === 'pass' ? 'green' : 'orange'}>{t(`decisions.overall.${o}`, { defaultValue: o })}</Tag> : '—') },
                    {
                      title: t('decisions.pending'),
                      key: 'decision',
                      render: (_, c) => (c.decision ? <OutcomeTag outcome={c.decision.outcome} final={final} /> : <Typography.Text type="secondary">{t('decisions.none')}</Typography.Text>),
                    },
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      render: (_, c) => (
                        <Space>
                          <Button size="small" onClick={() => setEditing(c)} data-testid="decision-open">
                            {t(c.decision ? 'decisions.editShort' : 'decisions.recordShort')}
                          </Button>
                          {c.decision && (
                            <Popconfirm title={t('decisions.withdrawConfirm')} onConfirm={() => withdraw.mutate(c.decision!.id)}>
                              <Button size="small" danger>
                                {t('decisions.withdraw')}
                              </Button>
                            </Popconfirm>
                          )}
                        </Space>
                      ),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'released',
            label: t('decisions.releasedTab'),
            children: (
              <>
                <Segmented<'released' | 'superseded'>
                  style={{ marginBottom: 12 }}
                  value={shown}
                  onChange={setShown}
                  options={(['released', 'superseded'] as const).map((s) => ({ value: s, label: t(`decisions.status.${s}`) }))}
                />
                <PagedTable<Decision, Record<string, never>, Page<Decision>, { callId: string; stageKey: string; status: Decision['status'] }>
                  queryKey="decisions"
                  list={decisionsApi.list}
                  fixed={{ callId, stageKey, status: shown }}
                  rowKey="id"
                  emptyText={t('decisions.noReleased')}
                  columns={[
                    { title: t('decisions.space'), key: 'space', sorter: true, render: (_, d) => d.space.name },
                    { title: t('decisions.outcome'), key: 'outcome', sorter: true, render: (_, d) => <OutcomeTag outcome={d.outcome} final={final} /> },
                    { title: t('decisions.reason'), dataIndex: 'reason' },
                    { title: t('decisions.statusLabel'), dataIndex: 'status', render: (s: Decision['status']) => <Tag color={STATUS_COLOR[s]}>{t(`decisions.status.${s}`)}</Tag> },
                    { title: t('decisions.releasedAt'), key: 'releasedAt', sorter: true, dataIndex: 'releasedAt', render: formatDateTime },
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      render: (_, d) =>
                        admin &&
                        d.status === 'released' && (
                          <Button size="small" danger data-testid="decision-reverse" onClick={() => setReversing(d)}>
                            {t('decisions.reverse')}
                          </Button>
                        ),
                    },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
      {stage && <DecisionModal stage={stage} candidate={editing} onClose={() => setEditing(null)} />}
      <ReleaseModal
        callId={callId}
        stageKey={stageKey}
        final={final}
        selection={releasing ? selection : null}
        decisions={chosen}
        onClose={(done) => {
          setReleasing(false);
          if (done) setSelection(NOTHING);
        }}
      />
      <ReverseModal decision={reversing} final={final} onClose={() => setReversing(null)} />
    </>
  );
}

/** Reverses a released decision with a reason; the applicant is told once and the public list follows. */
function ReverseModal({ decision, final, onClose }: { decision: Decision | null; final: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const reverse = useAction(({ id, reason }: { id: string; reason: string }) => decisionsApi.reverse(id, reason), [['decisions']], () => t('decisions.reversed'));
  return (
    <Modal
      open={decision !== null}
      title={t('decisions.reverseTitle', { space: decision?.space.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('decisions.reverse')}
      okButtonProps={{ danger: true, 'data-testid': 'decision-reverse-confirm' }}
      cancelText={t('common.cancel')}
      confirmLoading={reverse.isPending}
      destroyOnHidden
    >
      {decision && (
        <Typography.Paragraph>
          {t('decisions.reverseHint')} <OutcomeTag outcome={decision.outcome === 'approve' ? 'reject' : 'approve'} final={final} />
        </Typography.Paragraph>
      )}
      <Form form={form} name="reverse" layout="vertical" onFinish={(v) => reverse.mutate({ id: decision!.id, reason: v.reason }, { onSuccess: onClose })}>
        <Form.Item name="reason" label={t('decisions.reverseReason')} rules={[{ required: true, whitespace: true, message: t('decisions.reasonRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
