import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, InputNumber, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type Condition, isGroup } from '../../api/criteria';
import { conditionLabel, enumLabel, fieldLabel, fieldUnit, requirement } from './parts';

/** Where a condition sits: its index at each level (`[4, 0]` = first child of the fifth condition). */
export type ConditionPath = number[];
export const pathKey = (path: ConditionPath) => path.join('/');

export interface TreeEditing {
  change: (path: ConditionPath, next: Condition) => void;
  remove: (path: ConditionPath) => void;
  /** Opens the "add condition" form for a group (`null`: the top level). */
  add: (parent: ConditionPath | null) => void;
}

interface Props {
  conditions: Condition[];
  /** Absent for read-only rule sets (published, or drafts of another jurisdiction). */
  editing?: TreeEditing;
  /** Server validation messages by condition path. */
  errors?: Map<string, string[]>;
}

/** The condition tree of a rule set, readable in Chinese, with inline threshold editing for drafts. */
export function ConditionTree({ conditions, editing, errors }: Props) {
  return <ConditionList conditions={conditions} parent={[]} editing={editing} errors={errors} />;
}

function ConditionList({ conditions, parent, editing, errors }: Props & { parent: ConditionPath }) {
  return (
    <ol className="criteria-list" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
      {conditions.map((c, i) => (
        <li key={c.id}>
          <ConditionItem condition={c} path={[...parent, i]} editing={editing} errors={errors} removable={conditions.length > 1} />
        </li>
      ))}
    </ol>
  );
}

function ConditionItem({
  condition: c,
  path,
  editing,
  errors,
  removable,
}: {
  condition: Condition;
  path: ConditionPath;
  editing?: TreeEditing;
  errors?: Map<string, string[]>;
  removable: boolean;
}) {
  const { t } = useTranslation();
  const label = conditionLabel(t, c);
  const problems = errors?.get(pathKey(path)) ?? [];
  const group = isGroup(c);

  const remove = editing && (
    <Tooltip title={removable ? undefined : t('criteria.removeLast')}>
      <Button
        size="small"
        type="text"
        danger
        icon={<DeleteOutlined />}
        disabled={!removable}
        aria-label={`${t('criteria.remove')} ${label}`}
        onClick={() => editing.remove(path)}
      />
    </Tooltip>
  );

  return (
    <div
      data-testid={`condition-${c.id}`}
      style={{
        border: '1px solid #f0f0f0',
        borderInlineStart: group ? `3px solid ${c.kind === 'all_of' ? '#1677ff' : '#fa8c16'}` : '1px solid #f0f0f0',
        borderRadius: 6,
        padding: '8px 12px',
        background: group ? '#fafafa' : '#fff',
      }}
    >
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Space wrap size={[6, 4]}>
            <Tag color="blue">{c.clause}</Tag>
            <Typography.Text strong>{label}</Typography.Text>
            <Tag color={group ? (c.kind === 'all_of' ? 'geekblue' : 'orange') : undefined}>{t(`criteria.kind.${c.kind}`)}</Tag>
          </Space>
          {!group && (
            <Typography.Text>
              {'field' in c && c.label && c.kind !== 'pattern' && c.kind !== 'share' && (
                <Typography.Text type="secondary">{fieldLabel(t, c.field)}：</Typography.Text>
              )}
              <span data-testid="requirement">{requirement(t, c)}</span>
            </Typography.Text>
          )}
          <AppliesTo condition={c} />
          {!group && editing && <Editor condition={c} label={label} onChange={(next) => editing.change(path, next)} />}
          {problems.map((p) => (
            <Typography.Text key={p} type="danger">
              {p}
            </Typography.Text>
          ))}
        </Flex>
        {remove}
      </Flex>
      {group && (
        <div style={{ marginTop: 8, paddingInlineStart: 12 }}>
          <ConditionList conditions={c.conditions} parent={path} editing={editing} errors={errors} />
          {editing && (
            <Button size="small" type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => editing.add(path)}>
              {t('criteria.addToGroup')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

function AppliesTo({ condition: c }: { condition: Condition }) {
  const { t } = useTranslation();
  const a = c.appliesTo;
  if (!a) return null;
  const tags: ReactNode[] = [];
  const add = (kind: 'categories' | 'regularTypes' | 'hostTypes', path: string, values?: string[]) =>
    values?.length &&
    tags.push(
      <Tag key={kind} color="purple">
        {t(`criteria.appliesTo.${kind}`)}：{values.map((v) => enumLabel(t, path, v)).join(t('criteria.listSeparator'))}
      </Tag>,
    );
  add('categories', 'space.category', a.categories);
  add('regularTypes', 'space.regularType', a.regularTypes);
  add('hostTypes', 'host.type', a.hostTypes);
  return <Space wrap size={[4, 4]}>{tags}</Space>;
}

/** A labelled number box; `null` (cleared) is ignored unless the value is optional. */
function Num(props: {
  label: string;
  aria: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  min?: number;
  max?: number;
  integer?: boolean;
  optional?: boolean;
  suffix?: string;
}) {
  return (
    <Space size={4}>
      <Typography.Text type="secondary">{props.label}</Typography.Text>
      <InputNumber
        size="small"
        aria-label={props.aria}
        value={props.value}
        min={props.min}
        max={props.max}
        precision={props.integer ? 0 : undefined}
        suffix={props.suffix || undefined}
        style={{ width: props.suffix ? 130 : 100 }}
        onChange={(v) => {
          if (typeof v === 'number') props.onChange(v);
          else if (props.optional) props.onChange(undefined);
        }}
      />
    </Space>
  );
}

/** Inline controls for the numbers of one condition (thresholds, ratios, shares, counts). */
function Editor({ condition: c, label, onChange }: { condition: Condition; label: string; onChange: (next: Condition) => void }) {
  const { t } = useTranslation();
  const aria = (what: string) => `${label} ${t(`criteria.edit.${what}`)}`;
  switch (c.kind) {
    case 'threshold': {
      const unit = fieldUnit(t, c.field);
      return (
        <Space wrap>
          <Num label={t('criteria.edit.value')} aria={aria('value')} value={c.value} min={0} suffix={unit} onChange={(v) => onChange({ ...c, value: v! })} />
          {c.op === 'between' && (
            <Num label={t('criteria.edit.max')} aria={aria('max')} value={c.max} min={0} suffix={unit} onChange={(v) => onChange({ ...c, max: v })} />
          )}
        </Space>
      );
    }
    case 'per_group':
      return (
        <Space wrap>
          <Num label={t('criteria.edit.groupSize')} aria={aria('groupSize')} value={c.groupSize} min={1} integer suffix={fieldUnit(t, c.per)} onChange={(v) => onChange({ ...c, groupSize: v! })} />
          <Num label={t('criteria.edit.perGroup')} aria={aria('perGroup')} value={c.perGroup} min={1} integer suffix={fieldUnit(t, c.field)} onChange={(v) => onChange({ ...c, perGroup: v! })} />
          <Space size={4}>
            <Switch
              size="small"
              aria-label={aria('ceil')}
              checked={c.rounding === 'ceil'}
              onChange={(on) => onChange({ ...c, rounding: on ? 'ceil' : 'floor' })}
            />
            <Typography.Text type="secondary">{t('criteria.edit.ceil')}</Typography.Text>
          </Space>
        </Space>
      );
    case 'share':
      return (
        <Num label={t('criteria.edit.minPercent')} aria={aria('minPercent')} value={c.minPercent} min={0} max={100} suffix="%" onChange={(v) => onChange({ ...c, minPercent: v! })} />
      );
    case 'count': {
      const unit = fieldUnit(t, c.field);
      return (
        <Space wrap>
          <Num label={t('criteria.edit.min')} aria={aria('min')} value={c.min} min={0} integer suffix={unit} onChange={(v) => onChange({ ...c, min: v! })} />
          <Num label={t('criteria.edit.countMax')} aria={aria('countMax')} value={c.max} min={0} integer optional suffix={unit} onChange={(v) => onChange({ ...c, max: v })} />
        </Space>
      );
    }
    default:
      return null;
  }
}
