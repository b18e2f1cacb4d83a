/** The form of a call (申报批次), shared by the create dialog of the list and the call's own page. */
import { DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Checkbox, Col, DatePicker, Flex, Form, type FormInstance, Input, InputNumber, Row, Select, Space, Switch, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CALL_LEVELS, type CallLevel, callsApi, type ManagedCall, type MaterialSlot, SPACE_CATEGORIES } from '../../api/calls';
import { criteriaApi } from '../../api/criteria';
import { errorMessage } from '../../api/client';
import { filesApi } from '../../api/files';
import { shanghaiWallTime } from '../../lib/format';

export interface CallValues {
  title: string;
  level: CallLevel;
  year: number;
  window: [Dayjs, Dayjs];
  eligibleCategories: ManagedCall['eligibleCategories'];
  ruleSetId?: string | null;
  materialSlots: MaterialSlot[];
  chainId?: string | null;
  description?: string;
  /** The call's documents (the notice and its forms), as uploaded file ids. */
  documentFileIds: string[];
}

/** The picker shows Asia/Shanghai wall time whatever the machine's zone; these convert both ways. */
const shanghaiInstant = (d: Dayjs) => `${d.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;

export const toBody = ({ window: [opens, closes], description, ...v }: CallValues) => ({
  ...v,
  opensAt: shanghaiInstant(opens),
  closesAt: shanghaiInstant(closes),
  ruleSetId: v.ruleSetId ?? null,
  chainId: v.chainId ?? null,
  description: description?.trim() || null,
  materialSlots: v.materialSlots.map((s) => ({ ...s, required: !!s.required, ...(s.description?.trim() ? { description: s.description.trim() } : { description: undefined }) })),
});

export const toValues = (c: ManagedCall): CallValues => ({
  title: c.title,
  level: c.level,
  year: c.year,
  window: [shanghaiWallTime(c.opensAt), shanghaiWallTime(c.closesAt)],
  eligibleCategories: c.eligibleCategories,
  ruleSetId: c.ruleSet?.id ?? null,
  materialSlots: c.materialSlots,
  chainId: c.chainId,
  description: c.description ?? undefined,
  documentFileIds: c.documents.map((d) => d.id),
});

/** `name（第 2 版）`, marked when the authority's own, in the reader's language. */
export const chainOption = (t: TFunction, lang: string, c: { name: string; nameEn: string; version: number; shipped: boolean }) =>
  `${t('callsAdmin.chainOption', { name: lang === 'en-US' ? c.nameEn : c.name, version: c.version })}${c.shipped ? '' : ` · ${t('callsAdmin.chainOwn')}`}`;

/**
 * The published review chain versions a call of `level` may pin, with the one it pins now (an older
 * version is no longer offered but stays shown).
 */
function ChainSelect({ id, level, pinned, value, onChange }: { id?: string; level?: CallLevel; pinned: ManagedCall['chain']; value?: string | null; onChange?: (v: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const usable = useQuery({
    queryKey: ['chains-usable', 'filing', level],
    queryFn: () => callsApi.usableChains('filing', level!),
    enabled: !!level,
  });
  const options = (usable.data?.items ?? []).map((c) => ({ value: c.id, label: chainOption(t, i18n.language, { ...c, shipped: c.ownerRegionCode === null }) }));
  if (pinned && !options.some((o) => o.value === pinned.id)) options.push({ value: pinned.id, label: chainOption(t, i18n.language, pinned) });
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      loading={usable.isLoading && !!level}
      disabled={!level}
      placeholder={level ? undefined : t('callsAdmin.chainPickLevel')}
      options={options}
      popupMatchSelectWidth={false}
    />
  );
}

/** Title, level, window (Asia/Shanghai), categories, rule set, material slots and review chain of a call. */
export function CallFields({ form, isNew, pinned, documents = [] }: { form: FormInstance<CallValues>; isNew: boolean; pinned: ManagedCall['chain']; documents?: ManagedCall['documents'] }) {
  const { t } = useTranslation();
  const level = Form.useWatch('level', form);
  const ruleSets = useQuery({
    queryKey: ['criteria-rule-sets', 'published'],
    queryFn: () => criteriaApi.list({ page: 1, pageSize: 100 }),
  });
  const required = (field: string) => ({ required: true, message: t('dossier.v.required', { field }) });

  /** A new call starts from the level's default material list. */
  async function onLevel(level: CallLevel) {
    // A chain of another level does not fit: the authority picks again.
    form.setFieldValue('chainId', null);
    if (!isNew) return;
    const { items } = await callsApi.defaultSlots(level);
    form.setFieldValue('materialSlots', items);
  }

  return (
    <>
      <Form.Item name="title" label={t('callsAdmin.title')} rules={[required(t('callsAdmin.title')), { min: 4, message: t('callsAdmin.titleMin') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="level" label={t('callsAdmin.level')} rules={[required(t('callsAdmin.level'))]}>
            <Select options={CALL_LEVELS.map((l) => ({ value: l, label: t(`calls.level.${l}`) }))} onChange={(l: CallLevel) => void onLevel(l)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="year" label={t('callsAdmin.year')} rules={[required(t('callsAdmin.year'))]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="window" label={t('callsAdmin.window')} extra={t('callsAdmin.windowHint')} rules={[required(t('callsAdmin.window'))]}>
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="eligibleCategories" label={t('calls.categories')} rules={[{ required: true, message: t('callsAdmin.categoriesRequired') }]}>
        <Checkbox.Group options={SPACE_CATEGORIES.map((c) => ({ value: c, label: t(`calls.category.${c}`) }))} />
      </Form.Item>
      <Form.Item name="ruleSetId" label={t('calls.ruleSet')}>
        <Select
          allowClear
          loading={ruleSets.isLoading}
          options={ruleSets.data?.items.filter((r) => r.status === 'published').map((r) => ({ value: r.id, label: `${r.title}（v${r.version ?? '—'}）` }))}
        />
      </Form.Item>
      <Form.Item name="chainId" label={t('callsAdmin.chain')} extra={t('callsAdmin.chainHint')}>
        <ChainSelect level={level} pinned={pinned} />
      </Form.Item>
      <Form.List name="materialSlots" rules={[{ validator: async (_, v?: unknown[]) => { if (!v?.length) throw new Error(t('callsAdmin.slotsRequired')); } }]}>
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('callsAdmin.slots')} required>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                <Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,47}$/, message: t('callsAdmin.slotKeyRule') }]} style={{ marginBottom: 4 }}>
                  <Input placeholder={t('callsAdmin.slotKey')} style={{ width: 150 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('callsAdmin.slotNameRequired') }]} style={{ marginBottom: 4 }}>
                  <Input placeholder={t('callsAdmin.slotName')} style={{ width: 170 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'required']} valuePropName="checked" style={{ marginBottom: 4 }}>
                  <Switch checkedChildren={t('dossier.files.required')} unCheckedChildren={t('dossier.files.optional')} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('callsAdmin.removeSlot')} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', name: '', required: true })}>
              {t('callsAdmin.addSlot')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="description" label={t('callsAdmin.description')}>
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={10000} />
      </Form.Item>
      <Form.Item name="documentFileIds" label={t('callDetail.documents')} extra={t('callDetail.documentsHint')}>
        <DocumentsInput known={documents} />
      </Form.Item>
    </>
  );
}

/** At most this many documents per call (src/modules/calls/routes.ts documentFileIds). */
const MAX_DOCUMENTS = 20;

/**
 * The call's documents as the form's list of file ids: each upload goes to the file store at once
 * (POST /api/files) and joins the list; the call keeps the list when the form is saved.
 */
function DocumentsInput({ id, value = [], onChange, known }: { id?: string; value?: string[]; onChange?: (v: string[]) => void; known: ManagedCall['documents'] }) {
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
      message.success(t('callDetail.uploaded', { name: file.name }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Flex vertical gap={4} id={id} data-testid="call-documents">
      {value.map((fileId) => (
        <Flex key={fileId} gap={8} align="center">
          <PaperClipOutlined />
          <Typography.Text>{names[fileId] ?? fileId}</Typography.Text>
          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('callDetail.removeDocument', { name: names[fileId] ?? '' })} onClick={() => onChange?.(value.filter((v) => v !== fileId))} />
        </Flex>
      ))}
      <Upload showUploadList={false} accept=".pdf,.docx,.xlsx,.zip,.jpg,.jpeg,.png" customRequest={({ file }) => void upload(file as File)} disabled={value.length >= MAX_DOCUMENTS}>
        <Button icon={<UploadOutlined />} loading={busy} disabled={value.length >= MAX_DOCUMENTS}>
          {t('callDetail.upload')}
        </Button>
      </Upload>
    </Flex>
  );
}
