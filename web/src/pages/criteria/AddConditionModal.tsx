import { Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Condition, ENUM_VALUES, FIELDS, type FieldPath, type FieldType, LEAF_KINDS } from '../../api/criteria';
import { enumLabel, fieldLabel } from './parts';

type LeafKind = (typeof LEAF_KINDS)[number];

interface Values {
  kind: LeafKind;
  clause: string;
  label?: string;
  field?: FieldPath;
  op?: 'gte' | 'lte' | 'between';
  value?: number;
  max?: number;
  per?: FieldPath;
  groupSize?: number;
  perGroup?: number;
  ceil?: boolean;
  of?: FieldPath;
  minPercent?: number;
  expected?: boolean;
  oneOf?: string[];
  min?: number;
  pattern?: string;
  example?: string;
  key?: string;
}

const NUMERIC: FieldType[] = ['integer', 'number'];
/** Which fields each kind of condition may name. */
const FIELD_TYPES: Record<LeafKind, FieldType[]> = {
  threshold: NUMERIC,
  per_group: NUMERIC,
  share: NUMERIC,
  flag: ['boolean'],
  enum: ['enum'],
  count: ['list', 'integer'],
  pattern: ['text'],
  evidence: [],
};

const isRegex = (p: string) => {
  try {
    new RegExp(p, 'u');
    return true;
  } catch {
    return false;
  }
};

/** A fresh condition id, unique within the rule set (`[a-z0-9-]`, as the schema wants). */
function newId(taken: Set<string>): string {
  for (;;) {
    const id = `custom-${Date.now().toString(36)}-${Math.floor(Math.random() * 1296).toString(36)}`;
    if (!taken.has(id)) return id;
  }
}

function build(v: Values, id: string): Condition {
  const base = { id, clause: v.clause.trim(), ...(v.label?.trim() ? { label: v.label.trim() } : {}) };
  const field = v.field!;
  switch (v.kind) {
    case 'threshold':
      return { ...base, kind: 'threshold', field, op: v.op!, value: v.value!, ...(v.op === 'between' ? { max: v.max } : {}) };
    case 'per_group':
      return { ...base, kind: 'per_group', field, per: v.per!, groupSize: v.groupSize!, perGroup: v.perGroup!, rounding: v.ceil ? 'ceil' : 'floor' };
    case 'share':
      return { ...base, kind: 'share', field, of: v.of!, minPercent: v.minPercent! };
    case 'flag':
      return { ...base, kind: 'flag', field, expected: v.expected ?? true };
    case 'enum':
      return { ...base, kind: 'enum', field, oneOf: v.oneOf! };
    case 'count':
      return { ...base, kind: 'count', field, min: v.min!, ...(v.max !== undefined && v.max !== null ? { max: v.max } : {}) };
    case 'pattern':
      return { ...base, kind: 'pattern', field, pattern: v.pattern!, example: v.example!.trim() };
    case 'evidence':
      return { ...base, kind: 'evidence', key: v.key!, label: v.label!.trim() };
  }
}

/** The small form that adds one condition to the top level or to a group of a draft. */
export function AddConditionModal({
  open,
  target,
  defaultClause,
  takenIds,
  onClose,
  onAdd,
}: {
  open: boolean;
  /** Where the condition goes, in words (the group's label, or "top level"). */
  target: string;
  defaultClause: string;
  takenIds: Set<string>;
  onClose: () => void;
  onAdd: (c: Condition) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'threshold';
  const op = Form.useWatch('op', form);
  const field = Form.useWatch('field', form);
  const required = { required: true, message: t('criteria.add.required') };

  const fieldOptions = (types: FieldType[]) =>
    FIELDS.filter((f) => types.includes(f.type)).map((f) => ({ value: f.path, label: fieldLabel(t, f.path) }));
  const numberBox = (name: keyof Values, label: string, opts: { min?: number; max?: number; integer?: boolean; optional?: boolean } = {}) => (
    <Form.Item name={name} label={label} rules={opts.optional ? [] : [required]}>
      <InputNumber min={opts.min} max={opts.max} precision={opts.integer ? 0 : undefined} style={{ width: '100%' }} />
    </Form.Item>
  );

  return (
    <Modal
      open={open}
      title={`${t('criteria.addCondition')} · ${target}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={600}
    >
      <Form<Values>
        form={form}
        name="criteria-add-condition"
        layout="vertical"
        requiredMark="optional"
        initialValues={{ kind: 'threshold', op: 'gte', clause: defaultClause, ceil: true, expected: true }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.kind) form.setFieldsValue({ field: undefined, per: undefined, of: undefined, oneOf: undefined, value: undefined, max: undefined, min: undefined });
          if (changed.field) form.setFieldsValue({ oneOf: undefined });
        }}
        onFinish={(v) => {
          onAdd(build(v, newId(takenIds)));
          form.resetFields();
        }}
      >
        <Form.Item name="kind" label={t('criteria.add.kind')} rules={[required]}>
          <Select options={LEAF_KINDS.map((k) => ({ value: k, label: t(`criteria.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="clause" label={t('criteria.add.clause')} rules={[{ required: true, whitespace: true, message: t('criteria.add.clauseRequired') }, { max: 80 }]}>
          <Input placeholder={t('criteria.add.clauseHint')} />
        </Form.Item>
        <Form.Item
          name="label"
          label={t('criteria.add.label')}
          extra={kind === 'evidence' ? undefined : t('criteria.add.labelHint')}
          rules={kind === 'evidence' ? [{ required: true, whitespace: true, message: t('criteria.add.labelRequired') }, { max: 200 }] : [{ max: 120 }]}
        >
          <Input />
        </Form.Item>
        {kind !== 'evidence' && (
          <Form.Item name="field" label={t('criteria.add.field')} rules={[{ required: true, message: t('criteria.add.fieldRequired') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={fieldOptions(FIELD_TYPES[kind])} />
          </Form.Item>
        )}
        {kind === 'threshold' && (
          <>
            <Form.Item name="op" label={t('criteria.add.op')} rules={[required]}>
              <Select options={(['gte', 'lte', 'between'] as const).map((o) => ({ value: o, label: t(`criteria.add.ops.${o}`) }))} />
            </Form.Item>
            {numberBox('value', t('criteria.add.value'), { min: 0 })}
            {op === 'between' && numberBox('max', t('criteria.add.max'), { min: 0 })}
          </>
        )}
        {kind === 'per_group' && (
          <>
            <Form.Item name="per" label={t('criteria.add.per')} rules={[{ required: true, message: t('criteria.add.fieldRequired') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={fieldOptions(NUMERIC)} />
            </Form.Item>
            {numberBox('groupSize', t('criteria.add.groupSize'), { min: 1, integer: true })}
            {numberBox('perGroup', t('criteria.add.perGroup'), { min: 1, integer: true })}
            <Form.Item name="ceil" label={t('criteria.add.rounding')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        )}
        {kind === 'share' && (
          <>
            <Form.Item name="of" label={t('criteria.add.of')} rules={[{ required: true, message: t('criteria.add.fieldRequired') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={fieldOptions(NUMERIC)} />
            </Form.Item>
            {numberBox('minPercent', t('criteria.add.minPercent'), { min: 0, max: 100 })}
          </>
        )}
        {kind === 'flag' && (
          <Form.Item name="expected" label={t('criteria.add.expected')} rules={[required]}>
            <Select
              options={[
                { value: true, label: t('common.yes') },
                { value: false, label: t('common.no') },
              ]}
            />
          </Form.Item>
        )}
        {kind === 'enum' && field && (
          <Form.Item name="oneOf" label={t('criteria.add.oneOf')} rules={[{ required: true, type: 'array', min: 1, message: t('criteria.add.required') }]}>
            <Select mode="multiple" options={(ENUM_VALUES[field] ?? []).map((v) => ({ value: v, label: enumLabel(t, field, v) }))} />
          </Form.Item>
        )}
        {kind === 'count' && (
          <>
            {numberBox('min', t('criteria.add.min'), { min: 0, integer: true })}
            {numberBox('max', t('criteria.add.countMax'), { min: 0, integer: true, optional: true })}
          </>
        )}
        {kind === 'pattern' && (
          <>
            <Form.Item
              name="pattern"
              label={t('criteria.add.pattern')}
              rules={[required, { validator: async (_, p?: string) => (!p || isRegex(p) ? undefined : Promise.reject(new Error(t('criteria.add.patternInvalid')))) }]}
            >
              <Input placeholder="^\S+专业化众创空间$" />
            </Form.Item>
            <Form.Item name="example" label={t('criteria.add.example')} rules={[{ required: true, whitespace: true, message: t('criteria.add.required') }]}>
              <Input placeholder={t('criteria.add.exampleHint')} />
            </Form.Item>
          </>
        )}
        {kind === 'evidence' && (
          <Form.Item
            name="key"
            label={t('criteria.add.evidenceKey')}
            extra={t('criteria.add.evidenceKeyHint')}
            rules={[required, { pattern: /^[a-z0-9_]{2,64}$/, message: t('criteria.add.evidenceKeyHint') }]}
          >
            <Input />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
