import { DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { filesApi } from '../../api/files';
import { type Policy, type PolicyBody, POLICY_KINDS, POLICY_TARGETS, POLICY_THEMES, policiesApi, SUPPORT_CATEGORIES } from '../../api/policies';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { RegionCascader } from '../../components/RegionCascader';
import { useFormErrors } from '../../components/useFormErrors';
import { PolicyView } from './PolicyView';

/** The body's HTML as lines of text for the text area (one paragraph a line). */
const textOf = (html: string) =>
  new DOMParser().parseFromString(html.replace(/<\/(p|li|h3|h4|tr|blockquote)>|<br\s*\/?>/gi, '$&\n'), 'text/html').body.textContent?.replace(/\n{2,}/g, '\n').trim() ?? '';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const htmlOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${esc(l)}</p>`)
    .join('');

type FormValues = Omit<PolicyBody, 'regionCode' | 'replaces'> & { regionPath?: string[]; replacesId?: string | null; replaceAs?: 'revised' | 'repealed' | null };

const dateItem = { getValueProps: (v?: string | null) => ({ value: v ? dayjs(v) : null }), normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null) };

/** The attachments as the form's list of file ids: each upload goes to the file store at once. */
function AttachmentsInput({ id, value = [], onChange, known }: { id?: string; value?: string[]; onChange?: (v: string[]) => void; known: Policy['attachments'] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [names, setNames] = useState<Record<string, string>>(() => Object.fromEntries(known.map((d) => [d.id, d.name])));
  async function upload(file: File) {
    setBusy(true);
    try {
      const meta = await filesApi.upload(file, file.name);
      setNames((n) => ({ ...n, [meta.id]: file.name }));
      onChange?.([...value, meta.id]);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Flex vertical gap={4} id={id}>
      {value.map((fileId) => (
        <Flex key={fileId} gap={8} align="center">
          <PaperClipOutlined />
          <Typography.Text>{names[fileId] ?? fileId}</Typography.Text>
          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('policies.admin.removeItem')} onClick={() => onChange?.(value.filter((v) => v !== fileId))} />
        </Flex>
      ))}
      <Upload showUploadList={false} accept=".pdf,.docx,.xlsx,.zip,.jpg,.jpeg,.png" customRequest={({ file }) => void upload(file as File)} disabled={value.length >= 20}>
        <Button icon={<UploadOutlined />} loading={busy}>
          {t('policies.admin.upload')}
        </Button>
      </Upload>
    </Flex>
  );
}

/** The draft form: the library's metadata, text, support items, attachments, and what it interprets or replaces. */
function PolicyForm({ policy }: { policy?: Policy }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);
  const published = useQuery({ queryKey: ['managed-policies', 'published-for-links'], queryFn: () => policiesApi.managed({ status: 'published', kind: 'policy', page: 1, pageSize: 100 }) });
  const options = (published.data?.items ?? []).filter((p) => p.id !== policy?.id).map((p) => ({ value: p.id, label: p.docNo ? `${p.title}（${p.docNo}）` : p.title }));
  const publicOptions = useQuery({ queryKey: ['public-policies', 'for-links'], queryFn: () => policiesApi.search({ kind: 'policy', page: 1, pageSize: 100 }) });
  const interpretOptions = [...options, ...(publicOptions.data?.items ?? []).filter((p) => !options.some((o) => o.value === p.id)).map((p) => ({ value: p.id, label: p.docNo ? `${p.title}（${p.docNo}）` : p.title }))];

  const initial: Partial<FormValues> = policy
    ? {
        kind: policy.kind,
        interpretsId: policy.interprets?.id ?? null,
        title: policy.title,
        indexNo: policy.indexNo,
        themes: policy.themes,
        issuer: policy.issuer,
        writtenOn: policy.writtenOn,
        docNo: policy.docNo,
        issuedOn: policy.issuedOn,
        keywords: policy.keywords,
        validFrom: policy.validFrom,
        targets: policy.targets,
        body: textOf(policy.body),
        attachmentFileIds: policy.attachments.map((a) => a.id),
        supportItems: policy.supportItems.map(({ id: _id, ...it }) => it),
        replacesId: policy.replaces?.id ?? null,
        replaceAs: policy.replaces?.as ?? null,
      }
    : { kind: 'policy', themes: [], keywords: [], targets: [], attachmentFileIds: [], supportItems: [] };

  async function save(v: FormValues) {
    const { regionPath, replacesId, replaceAs, ...rest } = v;
    const body: PolicyBody = {
      ...rest,
      body: /<\/?(p|ul|ol|li|h3|h4|strong|table)\b/i.test(rest.body) ? rest.body : htmlOf(rest.body),
      regionCode: regionPath?.at(-1) ?? policy?.regionCode,
      replaces: replacesId ? { policyId: replacesId, as: replaceAs ?? 'revised' } : null,
      interpretsId: rest.kind === 'interpretation' ? rest.interpretsId : null,
      supportItems: rest.supportItems ?? [],
      attachmentFileIds: rest.attachmentFileIds ?? [],
    };
    setSaving(true);
    try {
      const saved = policy ? await policiesApi.edit(policy.id, { ...body, revision: policy.revision }) : await policiesApi.create(body);
      message.success(t('policies.admin.saved'));
      await queryClient.invalidateQueries({ queryKey: ['managed-policies'] });
      await queryClient.invalidateQueries({ queryKey: ['managed-policy'] });
      if (!policy) void navigate(`/app/policies/${saved.id}`, { replace: true });
    } catch (err) {
      errors.onError(err);
    } finally {
      setSaving(false);
    }
  }

  const req = (field: string) => [{ required: true, message: t('policies.admin.required', { field: t(`policies.field.${field}`) }) }];
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} onFinishFailed={() => undefined} style={{ maxWidth: 960 }} data-testid="policy-form">
      {errors.alert}
      <Flex gap={16} wrap>
        <Form.Item name="kind" label={t('policies.field.kind')} rules={req('kind')} style={{ width: 200 }}>
          <Select options={POLICY_KINDS.map((k) => ({ value: k, label: t(`policies.kind.${k}`) }))} />
        </Form.Item>
        {kind === 'interpretation' && (
          <Form.Item name="interpretsId" label={t('policies.field.interprets')} rules={req('interprets')} style={{ flex: 1, minWidth: 300 }}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={interpretOptions} loading={published.isLoading} />
          </Form.Item>
        )}
      </Flex>
      <Form.Item name="title" label={t('policies.field.title')} rules={req('title')}>
        <Input maxLength={300} data-testid="policy-form-title" />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item name="issuer" label={t('policies.field.issuer')} rules={req('issuer')} style={{ flex: 1, minWidth: 240 }}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="docNo" label={t('policies.field.docNo')} style={{ flex: 1, minWidth: 200 }}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="indexNo" label={t('policies.field.indexNo')} style={{ flex: 1, minWidth: 200 }}>
          <Input maxLength={100} />
        </Form.Item>
      </Flex>
      <Flex gap={16} wrap>
        <Form.Item name="writtenOn" label={t('policies.field.writtenOn')} {...dateItem}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('policies.field.issuedOn')} {...dateItem}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="validFrom" label={t('policies.field.validFrom')} {...dateItem}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="regionPath" label={t('policies.field.region')} extra={t('policies.admin.regionHelp')} style={{ minWidth: 240 }}>
          <RegionCascader />
        </Form.Item>
      </Flex>
      <Flex gap={16} wrap>
        <Form.Item name="themes" label={t('policies.field.themes')} style={{ flex: 1, minWidth: 240 }}>
          <Select mode="multiple" options={POLICY_THEMES.map((x) => ({ value: x, label: t(`policies.theme.${x}`) }))} />
        </Form.Item>
        <Form.Item name="targets" label={t('policies.field.targets')} style={{ flex: 1, minWidth: 240 }}>
          <Select mode="multiple" options={POLICY_TARGETS.map((x) => ({ value: x, label: t(`policies.target.${x}`) }))} />
        </Form.Item>
      </Flex>
      <Form.Item name="keywords" label={t('policies.field.keywords')} extra={t('policies.admin.keywordsHelp')}>
        <Select mode="tags" open={false} tokenSeparators={['，', ',', '；', ';']} />
      </Form.Item>
      <Form.Item name="body" label={t('policies.field.body')} rules={req('body')} extra={t('policies.admin.bodyHelp')}>
        <Input.TextArea autoSize={{ minRows: 8, maxRows: 24 }} data-testid="policy-form-body" />
      </Form.Item>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('policies.detail.supportItems')}
      </Typography.Title>
      <Form.List name="supportItems">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 8 }}>
                <Form.Item name={[f.name, 'category']} rules={[{ required: true, message: t('policies.admin.required', { field: t('policies.detail.category') }) }]} style={{ width: 140 }}>
                  <Select placeholder={t('policies.detail.category')} options={SUPPORT_CATEGORIES.map((c) => ({ value: c, label: t(`policies.category.${c}`) }))} />
                </Form.Item>
                <Form.Item name={[f.name, 'title']} rules={[{ required: true, message: t('policies.admin.required', { field: t('policies.detail.item') }) }]} style={{ width: 320 }}>
                  <Input placeholder={t('policies.detail.item')} maxLength={200} />
                </Form.Item>
                <Form.Item name={[f.name, 'capWan']}>
                  <InputNumber placeholder={t('policies.detail.cap')} min={0} style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'period']}>
                  <Input placeholder={t('policies.detail.period')} maxLength={100} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'clause']}>
                  <Input placeholder={t('policies.detail.clause')} maxLength={200} style={{ width: 120 }} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('policies.admin.removeItem')} onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ category: 'operating' })} style={{ marginBottom: 16 }}>
              {t('policies.admin.addItem')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="attachmentFileIds" label={t('policies.admin.attachments')}>
        <AttachmentsInput known={policy?.attachments ?? []} />
      </Form.Item>
      {kind !== 'interpretation' && (
        <Flex gap={16} wrap>
          <Form.Item name="replacesId" label={t('policies.field.replaces')} style={{ flex: 1, minWidth: 300 }}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options} loading={published.isLoading} />
          </Form.Item>
          <Form.Item name="replaceAs" label={t('policies.field.replaceAs')} style={{ width: 160 }}>
            <Select allowClear options={(['revised', 'repealed'] as const).map((x) => ({ value: x, label: t(`policies.replaceAs.${x}`) }))} />
          </Form.Item>
        </Flex>
      )}
      <Button type="primary" htmlType="submit" loading={saving} data-testid="policy-save">
        {t('policies.admin.save')}
      </Button>
    </Form>
  );
}

/** Declares a published policy expired or repealed from a day. */
function ValidityButton({ policy }: { policy: Policy }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ validity: 'expired' | 'repealed'; on: string }>();
  const errors = useFormErrors(form);
  async function submit(v: { validity: 'expired' | 'repealed'; on: string }) {
    try {
      await policiesApi.validity(policy.id, { ...v, revision: policy.revision });
      message.success(t('policies.admin.validityDone'));
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['managed-policy'] });
      await queryClient.invalidateQueries({ queryKey: ['managed-policies'] });
    } catch (err) {
      errors.onError(err);
    }
  }
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('policies.admin.changeValidity')}</Button>
      <Modal open={open} title={t('policies.admin.changeValidity')} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ validity: 'expired' }}>
          {errors.alert}
          <Form.Item name="validity" label={t('policies.field.validity')}>
            <Select options={(['expired', 'repealed'] as const).map((x) => ({ value: x, label: t(`policies.validity.${x}`) }))} />
          </Form.Item>
          <Form.Item name="on" label={t('policies.admin.on')} rules={[{ required: true, message: t('policies.admin.required', { field: t('policies.admin.on') }) }]} {...dateItem}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** One policy of the jurisdiction: a draft is edited and published here; a published one is read and its validity changed. */
export default function PolicyAdminDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const isNew = id === 'new';
  const query = useQuery({ queryKey: ['managed-policy', id], queryFn: () => policiesApi.get(id), enabled: !isNew });
  const back = <Link to="/app/policies">{t('policies.admin.title')}</Link>;
  if (isNew)
    return (
      <Card title={t('policies.admin.newTitle')} extra={back}>
        <PolicyForm />
      </Card>
    );
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageSpinner />;
  const p = query.data;
  async function publish() {
    try {
      await policiesApi.publish(p.id, p.revision);
      message.success(t('policies.admin.published'));
      await queryClient.invalidateQueries({ queryKey: ['managed-policy'] });
      await queryClient.invalidateQueries({ queryKey: ['managed-policies'] });
    } catch (err) {
      message.error(errorMessage(err));
    }
  }
  return (
    <Card
      title={p.status === 'draft' ? t('policies.admin.editTitle') : p.title}
      extra={
        <Flex gap={8} wrap align="center">
          {back}
          {p.status === 'published' && <Link to={`/portal/policies/${p.id}`}>{t('policies.admin.publicView')}</Link>}
          {p.canEdit && (
            <Popconfirm title={t('policies.admin.publishConfirm')} onConfirm={() => void publish()}>
              <Button type="primary" data-testid="policy-publish">
                {t('policies.admin.publish')}
              </Button>
            </Popconfirm>
          )}
          {p.canChangeValidity && <ValidityButton policy={p} />}
        </Flex>
      }
    >
      {p.canEdit ? <PolicyForm key={p.revision} policy={p} /> : <PolicyView p={p} linkTo={(x) => `/app/policies/${x}`} publicFiles={p.status === 'published'} />}
    </Card>
  );
}
