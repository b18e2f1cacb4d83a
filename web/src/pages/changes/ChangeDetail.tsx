import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Select, Space, Table, Timeline, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CHANGE_FIELDS, changesApi, type ChangeDetail as Detail, type ChangeField } from '../../api/changes';
import { filesApi } from '../../api/files';
import { useBreadcrumbTitle } from '../../app/breadcrumbs';
import { SpaceHistoryLink } from '../revocation/parts';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime } from '../../lib/format';
import { ChangeFlags, ChangeMaterial, ChangeStatusTag } from './parts';

type Evidence = Detail['evidence'][number];
type Values = { effectiveOn?: Dayjs | null; explanation?: string; items: { field?: ChangeField; after?: string }[] };

/** The form of a draft or returned report: the old value of each field comes from the filed record and is shown, never typed. */
function ReportForm({ report, record }: { report: Detail; record: Record<ChangeField, string> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [evidence, setEvidence] = useState<Evidence[]>(report.evidence);
  const [uploading, setUploading] = useState(false);
  const keys = [['change-report', report.id], ['change-reports']];
  const save = useAction(
    (v: Values) =>
      changesApi.save(report.id, {
        revision: report.revision,
        effectiveOn: v.effectiveOn ? v.effectiveOn.format('YYYY-MM-DD') : null,
        explanation: v.explanation ?? '',
        items: v.items.filter((i) => i.field && i.after).map((i) => ({ field: i.field!, after: i.after! })),
        evidenceFileIds: evidence.map((e) => e.fileId),
      }),
    keys,
    () => t('changes.saved'),
  );
  const submit = useAction(() => changesApi.submit(report.id, report.revision), keys, (r) => (r.late ? t('changes.submittedLate') : t('changes.submitted')));
  const items = Form.useWatch('items', form) ?? [];
  const effective = Form.useWatch('effectiveOn', form);

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ effectiveOn: report.effectiveOn ? dayjs(report.effectiveOn) : null, explanation: report.explanation, items: report.items.length ? report.items : [{}] }}
      onFinish={(v) => save.mutate(v, { onError: errors.onError })}
    >
      {errors.alert}
      <Form.Item name="effectiveOn" label={t('changes.effectiveOn')} extra={t('changes.dueRule')}>
        <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      {effective && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('changes.dueHint', { date: dueOf(effective) })} />}
      <Typography.Title level={5}>{t('changes.items')}</Typography.Title>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => {
              const field = items[f.name]?.field;
              return (
                <Flex key={f.key} gap={12} align="flex-start" wrap>
                  <Form.Item name={[f.name, 'field']} label={t('changes.fieldLabel')} style={{ width: 140 }}>
                    <Select options={CHANGE_FIELDS.map((c) => ({ value: c, label: t(`changes.field.${c}`), disabled: items.some((i, n) => n !== f.name && i?.field === c) }))} />
                  </Form.Item>
                  <Form.Item label={t('changes.before')} style={{ flex: 1, minWidth: 200 }}>
                    <Typography.Text type="secondary">{field ? record[field] || t('changes.noValue') : '—'}</Typography.Text>
                  </Form.Item>
                  <Form.Item name={[f.name, 'after']} label={t('changes.after')} style={{ flex: 1, minWidth: 200 }}>
                    <Input maxLength={500} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={t('changes.removeItem')} style={{ marginTop: 30 }} onClick={() => remove(f.name)} />
                </Flex>
              );
            })}
            <Button icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= CHANGE_FIELDS.length} style={{ marginBottom: 16 }}>
              {t('changes.addItem')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="explanation" label={t('changes.explanation')}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item label={t('changes.evidence')} extra={t('changes.evidenceHint')}>
        <Space direction="vertical">
          {evidence.map((e) => (
            <Space key={e.fileId}>
              <Typography.Text>{e.fileName}</Typography.Text>
              <Button size="small" type="link" danger onClick={() => setEvidence((list) => list.filter((x) => x.fileId !== e.fileId))}>
                {t('changes.removeFile')}
              </Button>
            </Space>
          ))}
          <Upload
            showUploadList={false}
            customRequest={async ({ file, onSuccess, onError }) => {
              setUploading(true);
              try {
                const f = file as File;
                const stored = await filesApi.upload(f, f.name);
                setEvidence((list) => [...list, { fileId: stored.id, fileName: stored.originalName, sizeBytes: stored.sizeBytes, sha256: stored.sha256 }]);
                onSuccess?.(stored);
              } catch (err) {
                onError?.(err as Error);
              } finally {
                setUploading(false);
              }
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading}>
              {t('changes.upload')}
            </Button>
          </Upload>
        </Space>
      </Form.Item>
      <Flex gap={8} justify="flex-end">
        <Button htmlType="submit" loading={save.isPending}>
          {t('changes.save')}
        </Button>
        <Button type="primary" data-testid="submit-change" loading={submit.isPending} onClick={() => submit.mutate(undefined)}>
          {report.status === 'returned' ? t('changes.resubmit') : t('changes.submit')}
        </Button>
      </Flex>
    </Form>
  );
}

/** Effective date + one calendar month, the month's last day when it has no such day (as the server computes it). */
function dueOf(d: Dayjs): string {
  return d.add(1, 'month').format('YYYY-MM-DD');
}

/** One change report: the form while the operator may edit it, else what changed (before → after), evidence and history. */
export default function ChangeDetail() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const report = useQuery({ queryKey: ['change-report', id], queryFn: () => changesApi.get(id!) });
  const spaceId = report.data?.space.id;
  const changes = useQuery({ queryKey: ['space-changes', spaceId], queryFn: () => changesApi.spaceChanges(spaceId!), enabled: !!spaceId });
  useBreadcrumbTitle(report.data?.space.name);
  const [record, setRecord] = useState<Record<ChangeField, string>>();
  useEffect(() => {
    if (changes.data) setRecord(Object.fromEntries(changes.data.record.map((r) => [r.field, r.value])) as Record<ChangeField, string>);
  }, [changes.data]);
  if (report.isLoading) return <PageSpinner />;
  if (report.error || !report.data) return <QueryError error={report.error} />;
  const r = report.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {t('changes.reportOf', { space: r.space.name })}
            <ChangeStatusTag status={r.status} />
            <ChangeFlags late={r.late} overdue={r.overdue} />
            <SpaceHistoryLink spaceId={r.space.id} />
          </Space>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('changes.effectiveOn')}>{r.effectiveOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('changes.dueOn')}>{r.dueOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('changes.stage')}>{r.stage?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('changes.submittedAt')}>{formatDateTime(r.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('changes.stageDue')}>{formatDateTime(r.stageDueAt)}</Descriptions.Item>
          <Descriptions.Item label={t('changes.timeZone')}>{t('changes.beijing')}</Descriptions.Item>
        </Descriptions>
      </Card>
      {r.abilities.edit && record ? (
        <Card title={t('changes.formTitle')}>
          <ReportForm report={r} record={record} />
        </Card>
      ) : (
        <Card title={t('changes.items')}>
          <ChangeMaterial report={r} />
        </Card>
      )}
      <Card title={t('changes.timeline')}>
        <Timeline items={r.events.map((e) => ({ children: `${formatDateTime(e.at)} ${t(`changes.event.${e.action}`, { defaultValue: e.action })}${e.note ? `：${e.note}` : ''}` }))} />
      </Card>
      {changes.data && changes.data.history.length > 0 && (
        <Card title={t('changes.history')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={changes.data.history}
            columns={[
              { title: t('changes.fieldLabel'), dataIndex: 'field', render: (f: ChangeField) => t(`changes.field.${f}`) },
              { title: t('changes.before'), dataIndex: 'before' },
              { title: t('changes.after'), dataIndex: 'after' },
              { title: t('changes.effectiveOn'), dataIndex: 'effectiveOn' },
              { title: t('changes.appliedAt'), dataIndex: 'appliedAt', render: formatDateTime },
              { title: t('changes.revoked'), dataIndex: 'revokedReason', render: (v: string | null) => v ?? '' },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
