import { Card, Form, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../api/admin';
import type { MailItem } from '../../api/types';
import { PagedTable } from '../../components/PagedTable';
import { formatDateTime } from '../../lib/format';

const STATUSES = ['queued', 'sent', 'failed', 'held'] as const;
const COLOURS: Record<string, string> = { queued: 'blue', sent: 'green', failed: 'red', held: 'orange' };

/** Outgoing mail as queued; without SMTP it stays here ("held") for the system administrator. */
export default function MailOutbox() {
  const { t } = useTranslation();
  return (
    <Card title={t('mail.title')}>
      <PagedTable<MailItem, { status?: string }>
        queryKey="admin-mail"
        list={adminApi.mail}
        rowKey="id"
        emptyText={t('mail.empty')}
        filters={
          <Form.Item name="status" label={t('mail.status')}>
            <Select allowClear style={{ width: 180 }} options={STATUSES.map((s) => ({ value: s, label: t(`mail.statusValue.${s}`) }))} />
          </Form.Item>
        }
        columns={[
          { title: t('mail.to'), dataIndex: 'to' },
          { title: t('mail.subject'), dataIndex: 'subject' },
          {
            title: t('mail.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={COLOURS[s]}>{t(`mail.statusValue.${s}`, { defaultValue: s })}</Tag>,
          },
          { title: t('mail.attempts'), dataIndex: 'attempts', align: 'right' },
          {
            title: t('mail.lastError'),
            dataIndex: 'lastError',
            render: (e: string | null) => (e ? <Typography.Text type="danger">{e}</Typography.Text> : '—'),
            ellipsis: true,
          },
          { title: t('mail.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          { title: t('mail.sentAt'), dataIndex: 'sentAt', render: formatDateTime },
        ]}
      />
    </Card>
  );
}
