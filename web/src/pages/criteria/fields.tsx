import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Condition, ENUM_VALUES, FIELDS, type FieldInfo, isGroup } from '../../api/criteria';
import { enumLabel, fieldLabel } from './parts';

/**
 * What a form for a rule set needs: the fields the conditions name (and their applicability), the
 * evidence items. Conditions whose id is in `skip` (e.g. found not applicable) are left out with
 * their subtree.
 */
export function usedBy(conditions: Condition[], skip?: ReadonlySet<string>) {
  const fields = new Set<string>();
  const evidence: { key: string; label: string }[] = [];
  const walk = (list: Condition[]) =>
    list.forEach((c) => {
      if (skip?.has(c.id)) return;
      if (c.appliesTo?.categories) fields.add('space.category');
      if (c.appliesTo?.regularTypes) fields.add('space.regularType');
      if (c.appliesTo?.hostTypes) fields.add('host.type');
      if (isGroup(c)) return walk(c.conditions);
      if (c.kind === 'evidence') return void (evidence.some((e) => e.key === c.key) || evidence.push({ key: c.key, label: c.label }));
      fields.add(c.field);
      if (c.kind === 'per_group') fields.add(c.per);
      if (c.kind === 'share') fields.add(c.of);
    });
  walk(conditions);
  return { fields: FIELDS.filter((f) => fields.has(f.path)) as FieldInfo[], evidence };
}

/** One profile field as a form item: its label and unit from `criteria.fields/units.<path>`, the input its type needs. */
export function FieldInput({ field, namePrefix = [], disabled, required }: { field: FieldInfo; namePrefix?: string[]; disabled?: boolean; required?: boolean }) {
  const { t } = useTranslation();
  const name = [...namePrefix, ...field.path.split('.')];
  const label = field.path === 'lists.successCases' ? t('criteria.preview.successCases') : fieldLabel(t, field.path);
  const unit = field.unit ? t(`criteria.units.${field.path}`) : undefined;
  let input;
  switch (field.type) {
    case 'text':
      input = <Input allowClear disabled={disabled} />;
      break;
    case 'enum':
      input = <Select allowClear disabled={disabled} options={(ENUM_VALUES[field.path] ?? []).map((v) => ({ value: v, label: enumLabel(t, field.path, v) }))} />;
      break;
    case 'boolean':
      input = (
        <Select
          allowClear
          disabled={disabled}
          options={[
            { value: true, label: t('common.yes') },
            { value: false, label: t('common.no') },
          ]}
        />
      );
      break;
    default:
      input = <InputNumber min={0} precision={field.type === 'number' ? undefined : 0} suffix={unit || undefined} disabled={disabled} style={{ width: '100%' }} />;
  }
  return (
    <Form.Item name={name} label={label} required={required} style={{ marginBottom: 12 }}>
      {input}
    </Form.Item>
  );
}
