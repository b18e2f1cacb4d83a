import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../api/admin';
import { errorMessage } from '../api/client';
import type { AuditEntry } from '../api/types';
import { PagedTable } from '../components/PagedTable';
import { formatDateTime, shanghaiDayBoundary } from '../lib/format';

interface Filters {
  action?: string;
  actor?: string;
  result?: string;
  range?: [Dayjs, Dayjs] | null;
}

const RESULTS = ['success', 'failure', 'denied'] as const;
const RESULT_COLOURS: Record<string, string> = { success: 'green', failure: 'red', denied: 'orange' };

function VerifyButton() {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: () => adminApi.verifyAudit() });
  const r = verify.data;
  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} onClick={() => verify.mutate()} loading={verify.isPending}>
        {t('audit.verify')}
      </Button>
      {(r || verify.error) && (
        <Alert
          role="status"
          showIcon
          style={{ marginTop: 12 }}
          type={r?.ok ? 'success' : 'error'}
          title={
            verify.error
              ? errorMessage(verify.error)
              : r?.ok
                ? t('audit.verifyOk', { checked: r.checked })
                : t('audit.verifyBroken', { checked: r?.checked, id: r?.brokenAt?.id, reason: t(`audit.brokenReason.${r?.brokenAt?.reason}`) })
          }
        />
      )}
    </>
  );
}

/** The hash-chained audit log, readable by the audit administrator alone (三权分立). */
export default function AuditLog() {
  const { t } = useTranslation();
  return (
    <Card title={t('audit.title')}>
      <div style={{ marginBottom: 16 }}>
        <VerifyButton />
      </div>
      <PagedTable<AuditEntry, Filters>
        queryKey="audit"
        list={adminApi.audit}
        rowKey="id"
        emptyText={t('audit.empty')}
        filters={
          <>
            <Form.Item name="action" label={t('audit.action')}>
              <Input allowClear placeholder="auth.login" style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="actor" label={t('audit.actor')}>
              <Input allowClear style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="result" label={t('audit.result')}>
              <Select
                allowClear
                style={{ width: 110 }}
                options={RESULTS.map((r) => ({ value: r, label: t(`audit.resultValue.${r}`) }))}
              />
            </Form.Item>
            <Form.Item name="range" label={t('audit.range')}>
              <DatePicker.RangePicker />
            </Form.Item>
          </>
        }
        toQuery={({ range, ...rest }) => ({
          ...rest,
          // Days are Shanghai calendar days whatever the browser's zone.
          from: range ? shanghaiDayBoundary(range[0].format('YYYY-MM-DD')) : undefined,
          to: range ? shanghaiDayBoundary(range[1].format('YYYY-MM-DD'), true) : undefined,
        })}
        // The request id and the detail are for tracing one event; they stay out of the columns.
        expandable={{
          expandedRowRender: (e) => (
            <>
              <div>{t('error.requestId', { id: e.requestId ?? '—' })}</div>
              {e.detail && (
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(e.detail, null, 2)}</pre>
              )}
            </>
          ),
        }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', render: formatDateTime, width: 180 },
          { title: t('audit.actor'), dataIndex: 'actorUsername', render: (v: string | null) => v ?? '—' },
          { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <code>{v}</code> },
          {
            title: t('audit.object'),
            key: 'object',
            render: (_, e) => (e.objectType ? `${e.objectType}${e.objectId ? ` · ${e.objectId}` : ''}` : '—'),
          },
          {
            title: t('audit.result'),
            dataIndex: 'result',
            render: (v: string) => <Tag color={RESULT_COLOURS[v]}>{t(`audit.resultValue.${v}`, { defaultValue: v })}</Tag>,
          },
          { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
