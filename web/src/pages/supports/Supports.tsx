import { DownloadOutlined, PlusOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage, type FieldProblem } from '../../api/client';
import { registryApi } from '../../api/registry';
import { can } from '../../api/session';
import { formatYuan, SUPPORT_CATEGORIES, SUPPORT_STATUSES, type Support, type SupportQuery, supportsApi, SUPPORTS_KEY } from '../../api/supports';
import { useCurrentUser } from '../../app/currentUser';
import { ImportErrorTable, importProblemsOf } from '../../components/ImportErrors';
import { PagedTable } from '../../components/PagedTable';
import { useAction } from '../../components/useAction';
import { SupportStatusTag } from './parts';
import { SupportForm } from './SupportForm';

type Filters = Pick<SupportQuery, 'status' | 'category' | 'year' | 'spaceId' | 'uscc'>;
const FILTER_KEYS = ['status', 'category', 'year', 'spaceId', 'uscc'] as const;

const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | undefined => values.find((x) => x === v);
const filtersOf = (p: Record<string, string>): Filters => ({
  status: oneOf(SUPPORT_STATUSES, p.status),
  category: oneOf(SUPPORT_CATEGORIES, p.category),
  year: Number(p.year) || undefined,
  spaceId: p.spaceId || undefined,
  uscc: p.uscc || undefined,
});

/**
 * 扶持登记: the supports the user's department granted (and, for an S&T authority, those any
 * department granted to spaces of its jurisdiction), recorded one by one or imported from Excel;
 * its admin selects drafts and puts them forward for the public notice (提交公示).
 */
export default function Supports() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const recorder = can(me, 'support.record');
  const proposer = can(me, 'support.propose');
  const [recording, setRecording] = useState(false);
  const [selected, setSelected] = useState<Support[]>([]);
  const [importErrors, setImportErrors] = useState<FieldProblem[] | null>(null);
  const [importing, setImporting] = useState(false);
  const spaces = useQuery({ queryKey: ['support-filter-spaces'], queryFn: () => registryApi.spaces({ pageSize: 100 }) });

  const propose = useAction(
    (ids: string[]) => supportsApi.propose(ids),
    [[SUPPORTS_KEY]],
    (r) => t('supports.proposed', { count: r.items.length }),
  );

  const importFile = async (file: File) => {
    setImportErrors(null);
    setImporting(true);
    try {
      const { created } = await supportsApi.import(file);
      message.success(t('supports.import.done', { count: created }));
      await queryClient.invalidateQueries({ queryKey: [SUPPORTS_KEY] });
    } catch (err) {
      const problems = importProblemsOf(err);
      if (problems) setImportErrors(problems);
      else message.error(errorMessage(err));
    } finally {
      setImporting(false);
    }
  };

  // Only the department's own drafts go forward; the rest of the page's rows cannot be ticked.
  const proposable = (r: Support) => r.status === 'draft' && r.grantor.id === me.organisation.id;

  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('supports.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{t('supports.intro')}</Typography.Paragraph>
      {importErrors && (
        <Alert type="error" showIcon closable onClose={() => setImportErrors(null)} style={{ marginBottom: 12 }} title={t('supports.import.failed')} description={<ImportErrorTable problems={importErrors} />} />
      )}
      <PagedTable<Support, Filters>
        queryKey={SUPPORTS_KEY}
        list={(q) => supportsApi.list(q)}
        rowKey="id"
        emptyText={recorder ? t('supports.empty') : t('supports.emptyReader')}
        inUrl={{
          keys: FILTER_KEYS,
          toParams: (v) => ({ status: v.status, category: v.category, year: v.year ? String(v.year) : undefined, spaceId: v.spaceId, uscc: v.uscc?.trim().toUpperCase() || undefined }),
          fromParams: filtersOf,
        }}
        toQuery={(v) => ({ ...v, uscc: v.uscc?.trim().toUpperCase() || undefined })}
        rowSelection={proposer ? { selectedRowKeys: selected.map((s) => s.id), onChange: (_, rows) => setSelected(rows), getCheckboxProps: (r) => ({ disabled: !proposable(r) }) } : undefined}
        filters={
          <>
            <Form.Item name="status">
              <Select allowClear placeholder={t('supports.filter.status')} style={{ width: 120 }} options={SUPPORT_STATUSES.map((s) => ({ value: s, label: t(`supports.status.${s}`) }))} />
            </Form.Item>
            <Form.Item name="category">
              <Select allowClear placeholder={t('supports.filter.category')} style={{ width: 130 }} options={SUPPORT_CATEGORIES.map((c) => ({ value: c, label: t(`policies.category.${c}`) }))} />
            </Form.Item>
            <Form.Item name="year">
              <InputNumber placeholder={t('supports.filter.year')} min={1949} max={2100} style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="spaceId">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('supports.filter.space')}
                style={{ width: 220 }}
                options={(spaces.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
            <Form.Item name="uscc" rules={[{ len: 18, message: t('supports.form.usccInvalid') }]}>
              <Input allowClear placeholder={t('supports.filter.uscc')} maxLength={18} style={{ width: 210 }} />
            </Form.Item>
          </>
        }
        toolbar={
          <Space wrap>
            {proposer && (
              <Button
                icon={<SendOutlined />}
                disabled={!selected.length}
                loading={propose.isPending}
                data-testid="support-propose"
                onClick={() => propose.mutate(selected.map((s) => s.id), { onSuccess: () => setSelected([]) })}
              >
                {t('supports.propose', { count: selected.length })}
              </Button>
            )}
            {recorder && (
              <>
                <Button icon={<DownloadOutlined />} href={supportsApi.templateUrl()} data-testid="support-template">
                  {t('supports.import.template')}
                </Button>
                <Tooltip title={t('supports.import.hint')}>
                  <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => (void importFile(f), false)}>
                    <Button icon={<UploadOutlined />} loading={importing} data-testid="support-import">
                      {t('supports.import.button')}
                    </Button>
                  </Upload>
                </Tooltip>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="support-record">
                  {t('supports.record')}
                </Button>
              </>
            )}
          </Space>
        }
        columns={[
          {
            title: t('supports.field.project'),
            key: 'project',
            render: (_, r) => (
              <Link to={`/app/supports/${r.id}`} data-testid="support-link">
                {r.projectTitle}
              </Link>
            ),
          },
          {
            title: t('supports.field.beneficiary'),
            key: 'beneficiaryName',
            sorter: true,
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                {r.beneficiary.name}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.beneficiary.uscc} · {t(`supports.role.${r.beneficiary.role}`)}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('supports.field.space'), key: 'space', render: (_, r) => r.space.name },
          { title: t('supports.field.category'), key: 'category', render: (_, r) => <Tag>{t(`policies.category.${r.category}`)}</Tag> },
          { title: t('supports.field.amount'), key: 'amountYuan', sorter: true, align: 'right', render: (_, r) => formatYuan(r.amountYuan) },
          { title: t('supports.field.grantedOn'), key: 'grantedOn', dataIndex: 'grantedOn', sorter: true },
          { title: t('supports.field.grantor'), key: 'grantor', render: (_, r) => r.grantor.name },
          { title: t('supports.field.payment'), key: 'payment', render: (_, r) => t(`supports.payment.${r.paymentState}`) },
          { title: t('supports.field.status'), key: 'status', sorter: true, render: (_, r) => <SupportStatusTag status={r.status} /> },
        ]}
      />
      {recording && <SupportForm open={recording} onClose={() => setRecording(false)} />}
    </Card>
  );
}
