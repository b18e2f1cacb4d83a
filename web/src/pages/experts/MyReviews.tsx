import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, type ButtonProps, Card, Checkbox, Descriptions, Empty, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { applicationLinks } from '../../api/applications';
import { expertKeys, expertsApi, type MyAssignment, STATE_COLOR, usePanel, useMyAssignments } from '../../api/experts';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime } from '../../lib/format';

/** The no-conflict declaration: the text as the server words it, a tick, then the signature. */
function DeclareModal({ assignment, text, onClose }: { assignment: MyAssignment | null; text: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [agreed, setAgreed] = useState(false);
  const declare = useAction(() => expertsApi.declare(assignment!.id, { confirm: true }), [[expertKeys.mine]], () => t('experts.my.declared'));
  return (
    <Modal
      open={!!assignment}
      title={t('experts.my.declareTitle', { space: assignment?.spaceName })}
      onCancel={onClose}
      onOk={() => void declare.mutateAsync(undefined).then(() => (setAgreed(false), onClose()), () => undefined)}
      okText={t('experts.my.declareOk')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !agreed, 'data-testid': 'declare-confirm' } as ButtonProps}
      confirmLoading={declare.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{text}</Typography.Paragraph>
      <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)}>
        {t('experts.my.declareAgree')}
      </Checkbox>
    </Modal>
  );
}

function DeclineModal({ assignment, onClose }: { assignment: MyAssignment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const decline = useAction(() => expertsApi.decline(assignment!.id, { reason }), [[expertKeys.mine]], () => t('experts.my.declined'));
  return (
    <Modal
      open={!!assignment}
      title={t('experts.my.declineTitle', { space: assignment?.spaceName })}
      onCancel={onClose}
      onOk={() => void decline.mutateAsync(undefined).then(() => (setReason(''), onClose()), () => undefined)}
      okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
      confirmLoading={decline.isPending}
      okText={t('experts.my.decline')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Input.TextArea aria-label={t('experts.my.declineReason')} placeholder={t('experts.my.declineReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
    </Modal>
  );
}

/** Every criterion of the sheet within its range, and the comment a low total needs; the server weighs. */
function ScoreForm({ assignment }: { assignment: MyAssignment }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ scores: Record<string, number>; comment?: string }>();
  const errors = useFormErrors(form);
  const { criteria, commentBelow } = assignment.sheet;
  const submit = useMutation({
    mutationFn: (v: { scores: Record<string, number>; comment?: string }) => expertsApi.score(assignment.id, v),
    onMutate: errors.clear,
    onSuccess: async (r) => {
      message.success(t('experts.my.submitted', { total: r.total }));
      await queryClient.invalidateQueries({ queryKey: [expertKeys.mine] });
    },
    onError: errors.onError,
  });
  const confirm = (v: { scores: Record<string, number>; comment?: string }) =>
    modal.confirm({ title: t('experts.my.submitConfirm'), content: t('experts.my.submitOnce'), okText: t('common.submit'), cancelText: t('common.cancel'), onOk: () => submit.mutateAsync(v).catch(() => undefined) });
  return (
    <Form form={form} name={`scores-${assignment.id}`} layout="vertical" onFinish={confirm} style={{ maxWidth: 720 }}>
      {errors.alert}
      {criteria.map((c) => (
        <Form.Item key={c.key} name={['scores', c.key]} label={`${c.name}（${c.min}–${c.max}，${t('experts.sheet.weight')} ${c.weight}%）`} rules={[{ required: true, message: t('experts.my.scoreRequired', { name: c.name }) }]}>
          <InputNumber min={c.min} max={c.max} style={{ width: 160 }} />
        </Form.Item>
      ))}
      <Form.Item name="comment" label={t('experts.my.comment')} extra={t('experts.my.commentHint', { below: commentBelow })}>
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="score-submit">
        {t('experts.my.submit')}
      </Button>
    </Form>
  );
}

function Panel({ assignment }: { assignment: MyAssignment }) {
  const { t } = useTranslation();
  const panel = usePanel(assignment.id);
  if (panel.isError) return <Alert type="warning" showIcon title={errorMessage(panel.error)} />;
  return (
    <Table
      rowKey={(p) => `${p.expert}-${p.submittedAt}`}
      size="small"
      loading={panel.isLoading}
      pagination={false}
      dataSource={panel.data?.items}
      columns={[
        { title: t('experts.results.expert'), key: 'expert', render: (_, p) => (p.mine ? `${p.expert}（${t('experts.my.me')}）` : p.expert) },
        ...assignment.sheet.criteria.map((c) => ({ title: c.name, key: c.key, render: (_: unknown, p: { scores: Record<string, number> }) => p.scores[c.key] ?? '—' })),
        { title: t('experts.results.total'), dataIndex: 'total' },
        { title: t('experts.results.comment'), dataIndex: 'comment', render: (c: string | null) => c ?? '—' },
      ]}
    />
  );
}

/** What the expert does with one assignment, by its state. */
function Work({ a, onDeclare, onDecline }: { a: MyAssignment; onDeclare: () => void; onDecline: () => void }) {
  const { t } = useTranslation();
  if (a.state === 'declined') return <Typography.Text type="secondary">{t('experts.my.declinedNote')}</Typography.Text>;
  if (a.state === 'submitted')
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('experts.results.total')}>{a.total}</Descriptions.Item>
          <Descriptions.Item label={t('experts.my.comment')}>{a.comment ?? '—'}</Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5}>{t('experts.my.panel')}</Typography.Title>
        <Panel assignment={a} />
      </Space>
    );
  if (!a.open) return <Typography.Text type="secondary">{t('experts.my.closed')}</Typography.Text>;
  if (a.state === 'assigned')
    return (
      <Space direction="vertical">
        <Typography.Text>{t('experts.my.declareFirst')}</Typography.Text>
        <Space>
          <Button type="primary" onClick={onDeclare} data-testid="declare-open">
            {t('experts.my.declare')}
          </Button>
          <Button danger onClick={onDecline}>
            {t('experts.my.decline')}
          </Button>
        </Space>
      </Space>
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={applicationLinks.exportDocx(a.applicationId)} data-testid="dossier-link">
          {t('experts.my.dossier')}
        </Button>
        <Button icon={<DownloadOutlined />} href={applicationLinks.materialsZip(a.applicationId)}>
          {t('experts.my.materials')}
        </Button>
        <Button danger onClick={onDecline}>
          {t('experts.my.decline')}
        </Button>
      </Space>
      <ScoreForm assignment={a} />
    </Space>
  );
}

/** 评审任务: the expert's assignments — declaration, materials, scores, then the panel's scores. */
export default function MyReviews() {
  const { t } = useTranslation();
  const mine = useMyAssignments();
  const [declaring, setDeclaring] = useState<MyAssignment | null>(null);
  const [declining, setDeclining] = useState<MyAssignment | null>(null);
  if (mine.isError) return <QueryError error={mine.error} onRetry={() => void mine.refetch()} />;
  return (
    <Card title={t('experts.my.title')}>
      <Table<MyAssignment>
        rowKey="id"
        loading={mine.isLoading}
        dataSource={mine.data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('experts.my.empty')} /> }}
        expandable={{ expandedRowRender: (a) => <Work a={a} onDeclare={() => setDeclaring(a)} onDecline={() => setDeclining(a)} />, expandRowByClick: true }}
        columns={[
          { title: t('experts.stage.space'), dataIndex: 'spaceName' },
          { title: t('spaces.industry'), dataIndex: 'industry', render: (c: string) => t(`spaces.industries.${c}`) },
          { title: t('experts.stage.call'), key: 'call', render: (_, a) => a.call.title },
          { title: t('experts.stage.stage'), key: 'stage', render: (_, a) => a.stage.name },
          { title: t('experts.my.assignedAt'), dataIndex: 'assignedAt', render: formatDateTime },
          { title: t('experts.pool.status'), dataIndex: 'state', render: (s: MyAssignment['state']) => <Tag color={STATE_COLOR[s]}>{t(`experts.state.${s}`)}</Tag> },
        ]}
      />
      <DeclareModal assignment={declaring} text={mine.data?.declarationText ?? ''} onClose={() => setDeclaring(null)} />
      <DeclineModal assignment={declining} onClose={() => setDeclining(null)} />
    </Card>
  );
}
