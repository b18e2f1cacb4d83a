import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Decision, type DecisionCandidate, decisionsApi } from '../../api/filings';
import { CallStagePicker, useCallStage } from '../../components/CallStagePicker';
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
  const [selected, setSelected] = useState<string[]>([]);
  const [releasing, setReleasing] = useState<Decision[] | null>(null);
  const [reversing, setReversing] = useState<Decision | null>(null);
  const candidates = useQuery({ queryKey: ['decisions', 'candidates', callId, stageKey], queryFn: () => decisionsApi.candidates(callId, stageKey) });
  const released = useQuery({ queryKey: ['decisions', 'released', callId, stageKey], queryFn: () => decisionsApi.list(callId, stageKey) });
  const withdraw = useAction((id: string) => decisionsApi.withdraw(id), [['decisions']], () => t('decisions.withdrawn'));
  if (candidates.isError) return <QueryError error={candidates.error} onRetry={() => void candidates.refetch()} />;
  const stage = candidates.data?.stage;
  const final = stage?.final ?? true;
  const pending = (candidates.data?.items ?? []).flatMap((c) => (c.decision ? [c.decision] : []));
  return (
    <>
      <Tabs
        items={[
          {
            key: 'candidates',
            label: t('decisions.candidates', { count: candidates.data?.items.length ?? 0 }),
            children: (
              <>
                {admin && (
                  <Flex justify="flex-end" style={{ marginBottom: 12 }}>
                    <Button type="primary" disabled={selected.length === 0} data-testid="decision-release" onClick={() => setReleasing(pending.filter((d) => selected.includes(d.id)))}>
                      {t('decisions.releaseSelected', { count: selected.length })}
                    </Button>
                  </Flex>
                )}
                <Table<DecisionCandidate>
                  rowKey="applicationId"
                  size="middle"
                  loading={candidates.isLoading}
                  dataSource={candidates.data?.items}
                  pagination={false}
                  rowSelection={
                    admin
                      ? {
                          selectedRowKeys: pending.filter((d) => selected.includes(d.id)).map((d) => d.applicationId),
                          getCheckboxProps: (c) => ({ disabled: !c.decision }),
                          onChange: (_, rows) => setSelected(rows.flatMap((r) => (r.decision ? [r.decision.id] : []))),
                        }
                      : undefined
                  }
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decisions.noCandidates')} /> }}
                  columns={[
                    { title: t('decisions.space'), key: 'space', render: (_, c) => c.space.name },
                    { title: t('decisions.operator'), key: 'operator', render: (_, c) => c.operator.name },
                    { title: t('decisions.region'), key: 'region', render: (_, c) => c.space.regionName },
                    { title: t('decisions.dueAt'), dataIndex: 'stageDueAt', render: formatDateTime },
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
              <Table<Decision>
                rowKey="id"
                size="middle"
                loading={released.isLoading}
                dataSource={released.data?.items.filter((d) => d.status !== 'pending')}
                pagination={{ pageSize: 20 }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decisions.noReleased')} /> }}
                columns={[
                  { title: t('decisions.space'), key: 'space', render: (_, d) => d.space.name },
                  { title: t('decisions.outcome'), key: 'outcome', render: (_, d) => <OutcomeTag outcome={d.outcome} final={final} /> },
                  { title: t('decisions.reason'), dataIndex: 'reason' },
                  { title: t('decisions.statusLabel'), dataIndex: 'status', render: (s: Decision['status']) => <Tag color={STATUS_COLOR[s]}>{t(`decisions.status.${s}`)}</Tag> },
                  { title: t('decisions.releasedAt'), dataIndex: 'releasedAt', render: formatDateTime },
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
            ),
          },
        ]}
      />
      {stage && <DecisionModal stage={stage} candidate={editing} onClose={() => setEditing(null)} />}
      <ReleaseModal
        callId={callId}
        stageKey={stageKey}
        final={final}
        decisions={releasing}
        onClose={() => {
          setReleasing(null);
          setSelected([]);
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
