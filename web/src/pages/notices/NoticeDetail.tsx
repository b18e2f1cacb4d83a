import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type HandleBody, type NoticeDetail as Detail, noticesApi, type Objection } from '../../api/notices';
import { PageSpinner } from '../../components/PageSpinner';
import { RevealButton } from '../../components/RevealButton';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime } from '../../lib/format';
import { NoticeFacts, ObjectionStatusTag, OutcomeTag } from './parts';
import { useBreadcrumbTitle } from '../../app/breadcrumbs';

type HandleValues = Omit<HandleBody, 'result'>;

/** Investigation note and reason, then upheld (the entry is blocked) or dismissed. */
function HandleDialog({ notice, objection, onClose }: { notice: Detail; objection: Objection | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<HandleValues>();
  const errors = useFormErrors(form);
  const handle = useMutation({
    mutationFn: (body: HandleBody) => noticesApi.handle(notice.id, objection!.id, body),
    onMutate: errors.clear,
    onSuccess: async (updated) => {
      message.success(t('notices.handled'));
      form.resetFields();
      onClose();
      queryClient.setQueryData(['notice', notice.id], updated);
      await queryClient.invalidateQueries({ queryKey: ['notices'] });
    },
    onError: errors.onError,
  });
  const submit = (result: HandleBody['result']) => void form.validateFields().then((v) => handle.mutate({ ...v, result }), () => undefined /* the form shows what is missing */);
  const entry = notice.entries.find((e) => e.id === objection?.entryId);
  return (
    <Modal
      open={!!objection}
      title={t('notices.handleTitle', { space: entry?.spaceName ?? '' })}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button data-testid="objection-dismiss" loading={handle.isPending} onClick={() => submit('dismissed')}>
            {t('notices.dismiss')}
          </Button>
          <Button danger type="primary" data-testid="objection-uphold" loading={handle.isPending} onClick={() => submit('upheld')}>
            {t('notices.uphold')}
          </Button>
        </Flex>
      }
    >
      <Alert type="info" showIcon title={t('notices.handleHint')} style={{ marginBottom: 16 }} />
      {errors.alert}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{objection?.grounds}</Typography.Paragraph>
      <Form form={form} name="objection-handle" layout="vertical">
        <Form.Item name="investigationNote" label={t('notices.investigationNote')} rules={[{ required: true, whitespace: true, message: t('notices.investigationNoteRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="reason" label={t('notices.reason')} extra={t('notices.reasonHint')} rules={[{ required: true, whitespace: true, message: t('notices.reasonRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A notice of the authority: its entries and their outcome, the objections (real names; staff only), handling and conclusion. */
export default function NoticeDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['notice', id], queryFn: () => noticesApi.get(id) });
  const [handling, setHandling] = useState<Objection | null>(null);
  const conclude = useAction(() => noticesApi.conclude(id), [['notice', id], ['notices']], () => t('notices.concluded'));
  useBreadcrumbTitle(query.data?.title);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageSpinner />;
  const notice = query.data;
  const spaceOf = new Map(notice.entries.map((e) => [e.id, e.spaceName]));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={notice.title}
        extra={
          notice.abilities.conclude && (
            <Popconfirm title={t('notices.concludeConfirm')} onConfirm={() => conclude.mutate(undefined)} okText={t('notices.confirm')} cancelText={t('common.cancel')}>
              <Button type="primary" data-testid="notice-conclude" loading={conclude.isPending}>
                {t('notices.conclude')}
              </Button>
            </Popconfirm>
          )
        }
      >
        <NoticeFacts notice={notice} />
      </Card>
      <Card title={t('notices.entriesTitle')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={notice.entries}
          columns={[
            { title: '#', dataIndex: 'position', width: 48 },
            { title: t('notices.spaceName'), dataIndex: 'spaceName' },
            { title: t('notices.operatorName'), dataIndex: 'operatorName' },
            { title: t('notices.regionName'), dataIndex: 'regionName' },
            { title: t('notices.outcomeLabel'), dataIndex: 'outcome', render: (o: Detail['entries'][number]['outcome']) => <OutcomeTag outcome={o} /> },
          ]}
        />
      </Card>
      <Card title={t('notices.objectionsTitle')}>
        <Table<Objection>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={notice.objections}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('notices.noObjections') }}
          columns={[
            { title: t('notices.spaceName'), key: 'entry', render: (_, o) => spaceOf.get(o.entryId) },
            {
              title: t('notices.objector'),
              key: 'who',
              render: (_, o) => (
                <>
                  {`${o.name}（${o.contact}）`}
                  {notice.abilities.revealContact && <RevealButton reveal={noticesApi.revealContact(notice.id, o.id)} field="contact" label={t('notices.objectContact')} />}
                </>
              ),
            },
            { title: t('notices.grounds'), dataIndex: 'grounds', render: (g: string) => <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ maxWidth: 360, margin: 0 }}>{g}</Typography.Paragraph> },
            {
              title: t('notices.evidence'),
              key: 'evidence',
              render: (_, o) => (o.evidence ? <a href={noticesApi.evidenceUrl(notice.id, o.id)}>{o.evidence.name}</a> : '—'),
            },
            { title: t('notices.filedAt'), dataIndex: 'createdAt', render: formatDateTime },
            { title: t('notices.objectionStatusLabel'), dataIndex: 'status', render: (s: Objection['status']) => <ObjectionStatusTag status={s} /> },
            {
              title: t('notices.result'),
              key: 'result',
              render: (_, o) => (o.status === 'open' ? '—' : <span title={o.investigationNote ?? ''}>{o.resultReason}</span>),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              fixed: 'right',
              render: (_, o) =>
                notice.abilities.handle && o.status === 'open' ? (
                  <Button size="small" data-testid="objection-handle" onClick={() => setHandling(o)}>
                    {t('notices.handle')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <HandleDialog notice={notice} objection={handling} onClose={() => setHandling(null)} />
    </Space>
  );
}
