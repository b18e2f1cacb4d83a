import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { type NotificationTemplates as Templates, reviewApi, reviewKeys, useNotificationTemplates } from '../../api/review';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime } from '../../lib/format';

type Item = Templates['items'][number];

/** 通知模板: the authority's wording of each notice (the review chain's, a new policy's to its subscribers), or the default. */
export default function NotificationTemplates() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const query = useNotificationTemplates();
  const [editing, setEditing] = useState<Item | null>(null);

  if (query.isError && !query.data) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageSpinner />;

  const reset = (item: Item) =>
    modal.confirm({
      title: t('review.templates.resetConfirm'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          queryClient.setQueryData(reviewKeys.templates, await reviewApi.resetTemplate(item.key));
          message.success(t('review.templates.resetDone'));
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });

  return (
    <Card title={t('review.templates.title')}>
      <Typography.Paragraph type="secondary">{t('review.templates.intro')}</Typography.Paragraph>
      <Table<Item>
        rowKey="key"
        pagination={false}
        dataSource={query.data.items}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('review.templates.key'), dataIndex: 'key', render: (k: string) => t(`review.templates.keys.${k.replace('.', '_')}`, { defaultValue: k }) },
          {
            title: t('review.templates.wording'),
            key: 'wording',
            render: (_, i) => {
              const w = i.own ?? i.default;
              return (
                <Space orientation="vertical" size={0} style={{ maxWidth: 560 }}>
                  <Typography.Text strong>{w.title}</Typography.Text>
                  <Typography.Text type="secondary" style={{ whiteSpace: 'pre-line' }}>
                    {w.body}
                  </Typography.Text>
                </Space>
              );
            },
          },
          {
            title: t('review.templates.source'),
            key: 'source',
            render: (_, i) => (i.own ? <Tag color="blue">{t('review.templates.own', { at: formatDateTime(i.own.updatedAt) })}</Tag> : <Tag>{t('review.templates.default')}</Tag>),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, i) => (
              <Space size={0}>
                <Button type="link" size="small" data-testid={`template-edit-${i.key}`} onClick={() => setEditing(i)}>
                  {t('review.templates.edit')}
                </Button>
                {i.own && (
                  <Button type="link" size="small" danger onClick={() => reset(i)}>
                    {t('review.templates.reset')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && <EditTemplate item={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function EditTemplate({ item, onClose }: { item: Item; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ title: string; body: string }>();
  const errors = useFormErrors(form);
  const [busy, setBusy] = useState(false);

  async function save(values: { title: string; body: string }) {
    setBusy(true);
    try {
      queryClient.setQueryData(reviewKeys.templates, await reviewApi.saveTemplate(item.key, values));
      message.success(t('common.saved'));
      onClose();
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open width={640} title={t('review.templates.editTitle', { key: item.key })} onCancel={onClose} okButtonProps={{ loading: busy }} onOk={() => form.submit()}>
      <Typography.Paragraph type="secondary">{t('review.templates.hint', { placeholders: item.placeholders.map((p) => `{{${p}}}`).join(' ') })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('review.templates.defaultIs')}
        {item.default.title} — {item.default.body}
      </Typography.Paragraph>
      {errors.alert}
      <Form form={form} layout="vertical" name="notification-template" initialValues={item.own ?? item.default} onFinish={(v) => void save(v)}>
        <Form.Item name="title" label={t('review.templates.fieldTitle')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('review.templates.fieldBody')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
