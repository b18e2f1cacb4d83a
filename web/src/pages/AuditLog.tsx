import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, Progress, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { adminApi } from '../api/admin';
import { errorMessage, type QueryOf } from '../api/client';
import type { AuditEntry } from '../api/types';
import { PagedTable } from '../components/PagedTable';
import { currentLanguage } from '../i18n';
import { formatDateTime, shanghaiDayBoundary } from '../lib/format';

interface Filters {
  action?: string;
  actor?: string;
  result?: string;
  range?: [Dayjs, Dayjs] | null;
}

type ExportQuery = QueryOf<'/api/audit/export.xlsx', 'get'>;

/** The filters in the address: a filtered view is a link (the date range as Shanghai days, `from=2026-12-01&to=2026-12-03`). */
const FILTER_KEYS = ['action', 'actor', 'result', 'from', 'to'] as const;
const DAY = 'YYYY-MM-DD';

const toParams = ({ range, ...rest }: Filters): Record<string, string | undefined> => ({
  ...rest,
  from: range?.[0].format(DAY),
  to: range?.[1].format(DAY),
});

const fromParams = (p: Record<string, string | undefined>): Filters => {
  const day = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dayjs(v) : undefined);
  const [from, to] = [day(p.from), day(p.to)];
  return { action: p.action, actor: p.actor, result: p.result, range: from && to ? [from, to] : null };
};

/** The filters as the API takes them; days are Shanghai calendar days whatever the browser's zone. */
const toQuery = ({ range, ...rest }: Filters): ExportQuery =>
  Object.fromEntries(
    Object.entries({
      ...rest,
      from: range ? shanghaiDayBoundary(range[0].format(DAY)) : undefined,
      to: range ? shanghaiDayBoundary(range[1].format(DAY), true) : undefined,
    }).filter(([, v]) => v !== undefined && v !== ''),
  ) as ExportQuery;

const RESULTS = ['success', 'failure', 'denied'] as const;
const RESULT_COLOURS: Record<string, string> = { success: 'green', failure: 'red', denied: 'orange' };

/** The name in the language the page shows. */
const named = (name: { zh: string; en: string } | null | undefined) => (name ? (currentLanguage() === 'en-US' ? name.en : name.zh) : undefined);

/**
 * Checks the whole chain as a series of requests, each verifying a slice and the next going on from
 * where it stopped (`resume`), with the progress on screen: no single request runs for half a minute.
 */
function VerifyButton() {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<{ through: number; head: number }>();
  const verify = useMutation({
    mutationFn: async () => {
      let answer = await adminApi.verifyAudit();
      try {
        while (answer.ok && answer.progress) {
          setProgress(answer.progress);
          answer = await adminApi.verifyAudit({ resume: 'true' });
        }
      } finally {
        setProgress(undefined);
      }
      return answer;
    },
  });
  const data = verify.data;
  // The rows of the whole pass: those verified by the earlier requests and by the last.
  const r = data && { ...data, checked: (data.from ?? 0) + data.checked };
  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} onClick={() => verify.mutate()} loading={verify.isPending}>
        {t('audit.verify')}
      </Button>
      {progress && <Progress percent={Math.floor((100 * progress.through) / Math.max(progress.head, 1))} format={() => t('audit.verifyProgress', progress)} style={{ maxWidth: 480 }} />}
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

/** The link that narrows the log to every row about one object. */
const objectHref = (type: string, id: string, name: string | null) =>
  `/app/audit?${new URLSearchParams({ objectType: type, objectId: id, ...(name ? { name } : {}) })}`;

/**
 * The hash-chained audit log, readable by the audit administrator alone (三权分立). Actions and
 * objects are shown by name (the server's catalogue); an object's name narrows the log to it.
 */
export default function AuditLog() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const objectType = search.get('objectType') ?? undefined;
  const objectId = search.get('objectId') ?? undefined;
  const object = objectType && objectId ? { objectType, objectId } : undefined;
  // The filters on screen are the address's, so the export takes exactly the rows shown.
  const applied = toQuery(fromParams(Object.fromEntries(search)));
  const catalogue = useQuery({ queryKey: ['audit-actions'], queryFn: () => adminApi.auditActions(), staleTime: Infinity });
  const typeName = named(catalogue.data?.objectTypes.find((o) => o.code === objectType));

  return (
    <Card title={t('audit.title')}>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <VerifyButton />
        <Button icon={<DownloadOutlined />} href={adminApi.auditExportUrl({ ...applied, ...object } as ExportQuery)} data-testid="audit-export">
          {t('audit.export')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary">{t('audit.zoneNote')}</Typography.Paragraph>
      {object && (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          // The name rides along in the address for this banner only; the server filters by id.
          title={t('audit.objectFilter', { type: typeName ?? objectType, id: search.get('name') ?? objectId })}
          action={<Link to="/app/audit">{t('audit.objectFilterClear')}</Link>}
        />
      )}
      <PagedTable<AuditEntry, Filters>
        // The object narrowing comes from the address: a distinct key keeps its pages apart.
        queryKey={object ? `audit-${object.objectType}-${object.objectId}` : 'audit'}
        list={(q) => adminApi.audit({ ...q, ...object } as QueryOf<'/api/audit', 'get'>)}
        rowKey="id"
        emptyText={t('audit.empty')}
        filters={
          <>
            <Form.Item name="action" label={t('audit.action')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('audit.actionPlaceholder')}
                style={{ width: 220 }}
                loading={catalogue.isLoading}
                options={catalogue.data?.actions.map((a) => ({ value: a.code, label: named(a) }))}
                data-testid="audit-action-select"
              />
            </Form.Item>
            <Form.Item name="actor" label={t('audit.actor')}>
              <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="result" label={t('audit.result')}>
              <Select allowClear style={{ width: 110 }} options={RESULTS.map((r) => ({ value: r, label: t(`audit.resultValue.${r}`) }))} />
            </Form.Item>
            <Form.Item name="range" label={t('audit.range')}>
              <DatePicker.RangePicker />
            </Form.Item>
          </>
        }
        toQuery={toQuery}
        inUrl={{ keys: FILTER_KEYS, toParams, fromParams }}
        // The request id and the detail are for tracing one event; they stay out of the columns.
        expandable={{
          expandedRowRender: (e) => (
            <>
              <div>{t('audit.code', { code: e.action })}</div>
              <div>{t('error.requestId', { id: e.requestId ?? '—' })}</div>
              {e.detail && <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(e.detail, null, 2)}</pre>}
            </>
          ),
        }}
        columns={[
          { title: t('audit.at'), key: 'at', sorter: true, dataIndex: 'at', render: formatDateTime, width: 180 },
          {
            title: t('audit.actor'),
            key: 'actor',
            sorter: true,
            render: (_, e) => (e.actorUsername ? (e.actorName ? `${e.actorName}（${e.actorUsername}）` : e.actorUsername) : '—'),
          },
          {
            title: t('audit.action'),
            key: 'action',
            sorter: true,
            dataIndex: 'action',
            render: (v: string, e) => named(e.actionName) ?? <code>{v}</code>,
          },
          {
            title: t('audit.object'),
            key: 'object',
            render: (_, e) => {
              if (!e.objectType) return '—';
              const type = named(e.objectTypeName) ?? e.objectType;
              if (!e.objectId) return type;
              return (
                <span>
                  <Typography.Text type="secondary">{type}：</Typography.Text>
                  <Link to={objectHref(e.objectType, e.objectId, e.objectName)} title={t('audit.objectLinkTitle')}>
                    {e.objectName ?? e.objectId}
                  </Link>
                </span>
              );
            },
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
