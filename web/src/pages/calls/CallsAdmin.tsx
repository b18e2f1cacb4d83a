import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, type FormInstance, Input, InputNumber, Row, Select, Space, Switch, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CALL_LEVELS, type CallLevel, callsApi, type ManagedCall, type MaterialSlot, SPACE_CATEGORIES } from '../../api/calls';
import { criteriaApi } from '../../api/criteria';
import { stageKeys } from '../../api/stages';
import { CreateModal } from '../../components/CreateModal';
import { PagedTable } from '../../components/PagedTable';
import { useAction } from '../../components/useAction';
import { formatDateTime, TIME_ZONE } from '../../lib/format';

const LIST_KEY = 'calls-admin';

interface CallValues {
  title: string;
  level: CallLevel;
  year: number;
  window: [Dayjs, Dayjs];
  eligibleCategories: ManagedCall['eligibleCategories'];
  ruleSetId?: string | null;
  materialSlots: MaterialSlot[];
  chainId?: string | null;
  description?: string;
}

/** The picker shows Asia/Shanghai wall time whatever the machine's zone; these convert both ways. */
const shanghaiWallTime = (iso: string) =>
  dayjs(new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso)));
const shanghaiInstant = (d: Dayjs) => `${d.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;

const toBody = ({ window: [opens, closes], description, ...v }: CallValues) => ({
  ...v,
  opensAt: shanghaiInstant(opens),
  closesAt: shanghaiInstant(closes),
  ruleSetId: v.ruleSetId ?? null,
  chainId: v.chainId ?? null,
  description: description?.trim() || null,
  materialSlots: v.materialSlots.map((s) => ({ ...s, required: !!s.required, ...(s.description?.trim() ? { description: s.description.trim() } : { description: undefined }) })),
});

const toValues = (c: ManagedCall): CallValues => ({
  title: c.title,
  level: c.level,
  year: c.year,
  window: [shanghaiWallTime(c.opensAt), shanghaiWallTime(c.closesAt)],
  eligibleCategories: c.eligibleCategories,
  ruleSetId: c.ruleSet?.id ?? null,
  materialSlots: c.materialSlots,
  chainId: c.chainId,
  description: c.description ?? undefined,
});

/** `name（第 2 版）`, marked when the authority's own, in the reader's language. */
const chainOption = (t: TFunction, lang: string, c: { name: string; nameEn: string; version: number; shipped: boolean }) =>
  `${t('callsAdmin.chainOption', { name: lang === 'en-US' ? c.nameEn : c.name, version: c.version })}${c.shipped ? '' : ` · ${t('callsAdmin.chainOwn')}`}`;

/**
 * The published review chain versions a call of `level` may pin, with the one it pins now (an older
 * version is no longer offered but stays shown).
 */
function ChainSelect({ id, level, pinned, value, onChange }: { id?: string; level?: CallLevel; pinned: ManagedCall['chain']; value?: string | null; onChange?: (v: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const usable = useQuery({
    queryKey: ['chains-usable', level],
    queryFn: () => callsApi.usableChains(level!),
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
function CallFields({ form, isNew, pinned }: { form: FormInstance<CallValues>; isNew: boolean; pinned: ManagedCall['chain'] }) {
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
    </>
  );
}

const STATUS_COLOR = { draft: 'gold', published: 'green', cancelled: 'default' } as const;

/** 申报批次管理: the authority's calls — create and edit drafts, publish, cancel. */
export default function CallsAdmin() {
  const { t, i18n } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<CallValues>();
  const [editing, setEditing] = useState<ManagedCall | 'new' | null>(null);
  // The confirm dialog renders its content once; the typed reason is read when OK is pressed.
  const reason = useRef('');
  const act = useAction(
    ({ call, op, reason }: { call: ManagedCall; op: 'publish' | 'cancel'; reason?: string }) =>
      op === 'publish' ? callsApi.publish(call.id, call.revision) : callsApi.cancel(call.id, call.revision, reason ?? ''),
    // A published or cancelled call changes the stages the stage pages offer.
    [[LIST_KEY], stageKeys.all],
    (_, { call, op }) => t(`callsAdmin.done.${op}`, { title: call.title }),
  );

  const cancel = (call: ManagedCall) => {
    reason.current = '';
    modal.confirm({
      title: t('callsAdmin.cancelTitle', { title: call.title }),
      content: <Input.TextArea aria-label={t('callsAdmin.cancelReason')} placeholder={t('callsAdmin.cancelReason')} onChange={(e) => (reason.current = e.target.value)} />,
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => act.mutateAsync({ call, op: 'cancel', reason: reason.current }),
    });
  };

  return (
    <Card title={t('menu.callsManage')}>
      <PagedTable<ManagedCall>
        queryKey={LIST_KEY}
        list={callsApi.list}
        rowKey="id"
        emptyText={t('callsAdmin.empty')}
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('callsAdmin.create')}
          </Button>
        }
        columns={[
          { title: t('callsAdmin.title'), dataIndex: 'title' },
          { title: t('callsAdmin.level'), dataIndex: 'level', render: (l: string) => <Tag color="blue">{t(`calls.level.${l}`)}</Tag> },
          { title: t('calls.authority'), key: 'authority', render: (_, c) => c.authority.name },
          { title: t('callsAdmin.chain'), key: 'chain', render: (_, c) => (c.chain ? chainOption(t, i18n.language, c.chain) : '—') },
          { title: t('callsAdmin.opensAt'), dataIndex: 'opensAt', render: formatDateTime },
          { title: t('callsAdmin.closesAt'), dataIndex: 'closesAt', render: formatDateTime },
          {
            title: t('applications.statusLabel'),
            dataIndex: 'status',
            render: (s: ManagedCall['status']) => <Tag color={STATUS_COLOR[s]}>{t(`callsAdmin.status.${s}`)}</Tag>,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, c) => (
              <Space>
                {c.abilities.edit && c.status === 'draft' && (
                  <Button size="small" onClick={() => setEditing(c)}>
                    {t('callsAdmin.edit')}
                  </Button>
                )}
                {c.abilities.publish && c.status === 'draft' && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() =>
                      modal.confirm({
                        content: t('callsAdmin.publishConfirm', { title: c.title }),
                        okText: t('common.ok'),
                        cancelText: t('common.cancel'),
                        onOk: () => act.mutateAsync({ call: c, op: 'publish' }),
                      })
                    }
                  >
                    {t('callsAdmin.publish')}
                  </Button>
                )}
                {c.abilities.cancel && c.status !== 'cancelled' && (
                  <Button size="small" danger onClick={() => cancel(c)}>
                    {t('callsAdmin.cancel')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CreateModal<CallValues>
        key={editing === 'new' ? 'new' : editing?.id}
        open={editing !== null}
        title={editing === 'new' ? t('callsAdmin.create') : t('callsAdmin.edit')}
        onClose={() => setEditing(null)}
        form={form}
        listKey={LIST_KEY}
        initialValues={editing && editing !== 'new' ? toValues(editing) : { year: dayjs().year(), eligibleCategories: ['regular'], materialSlots: [] }}
        submit={(v) => (editing && editing !== 'new' ? callsApi.update(editing.id, { revision: editing.revision, ...toBody(v) }) : callsApi.create(toBody(v)))}
      >
        <CallFields form={form} isNew={editing === 'new'} pinned={editing && editing !== 'new' ? editing.chain : null} />
      </CreateModal>
    </Card>
  );
}
