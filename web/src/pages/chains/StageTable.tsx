import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Form, Input, InputNumber, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AUTHORITY_LEVELS, CALL_LEVELS, type ChecklistItem, STAGE_DOCUMENTS, STAGE_KINDS, type Stage, type StageKind } from '../../api/chains';
import { actorLabel, actorOf, actorValue, localName } from './parts';

/** A stage with a key for React that survives edits of its own `key`. */
export type EditStage = Stage & { uid: string };

/** Messages of the server's field errors, by path relative to the body (`definition.stages.2.actor`). */
export type Problems = Map<string, string[]>;

/** Messages at `path` and below it. */
export function problemsAt(problems: Problems, path: string): string[] {
  return [...problems].flatMap(([p, list]) => (p === path || p.startsWith(`${path}.`) ? list : []));
}

/** A control with the server's messages under it. */
export function Field({ errors, children }: { errors: string[]; children: ReactNode }) {
  return (
    <Form.Item validateStatus={errors.length ? 'error' : undefined} help={errors.length ? errors.join('；') : undefined} style={{ marginBottom: 0 }}>
      {children}
    </Form.Item>
  );
}

const AUTHORITY_ONLY: readonly StageKind[] = ['notice', 'expert', 'decision'];

/** The stage after a change of kind, keeping what the new kind allows. */
function withKind(stage: EditStage, kind: StageKind, chainLevel: string): EditStage {
  const next: EditStage = { ...stage, kind };
  if (kind === 'recommend') next.documents = stage.documents ?? ['letter'];
  else delete next.documents;
  if (kind !== 'decision') delete next.filingLevel;
  // The department itself (`unit`) notices and decides in its own chain, but keeps no expert pool.
  const keepsActor = next.actor.kind === 'authority' || (next.actor.kind === 'unit' && kind !== 'expert');
  if (AUTHORITY_ONLY.includes(kind) && !keepsActor) next.actor = { kind: 'authority', level: chainLevel as 'city' };
  return next;
}

interface Props {
  stages: EditStage[];
  chainLevel: string;
  problems: Problems;
  expanded: string[];
  onExpand: (uids: string[]) => void;
  /** Absent when read-only. */
  edit?: {
    change: (index: number, stage: EditStage) => void;
    move: (index: number, by: -1 | 1) => void;
    remove: (index: number) => void;
  };
}

/** The stages of a chain in order: read-only, or with a control per property and the checklist in the expanded row. */
export function StageTable({ stages, chainLevel, problems, expanded, onExpand, edit }: Props) {
  const { t, i18n } = useTranslation();
  const at = (i: number, prop: string) => problemsAt(problems, `definition.stages.${i}.${prop}`);
  const label = (s: Stage, i: number) => localName(i18n.language, s) || s.key || t('chains.stageN', { n: i + 1 });

  const columns: TableColumnsType<EditStage> = [
    {
      title: t('chains.order'),
      key: 'order',
      width: edit ? 84 : 56,
      render: (_, s, i) => (
        <Space size={2}>
          <Typography.Text strong>{i + 1}</Typography.Text>
          {edit && (
            <>
              <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={`${t('chains.moveUp')}：${label(s, i)}`} onClick={() => edit.move(i, -1)} />
              <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === stages.length - 1} aria-label={`${t('chains.moveDown')}：${label(s, i)}`} onClick={() => edit.move(i, 1)} />
            </>
          )}
        </Space>
      ),
    },
    {
      title: t('chains.stages'),
      key: 'name',
      render: (_, s, i) =>
        edit ? (
          <Flex vertical gap={4} style={{ minWidth: 170 }}>
            <Field errors={at(i, 'name')}>
              <Input size="small" value={s.name} maxLength={60} placeholder={t('chains.stageName')} aria-label={`${t('chains.stageName')}：${i + 1}`} onChange={(e) => edit.change(i, { ...s, name: e.target.value })} />
            </Field>
            <Field errors={at(i, 'nameEn')}>
              <Input size="small" value={s.nameEn} maxLength={120} placeholder={t('chains.stageNameEn')} aria-label={`${t('chains.stageNameEn')}：${i + 1}`} onChange={(e) => edit.change(i, { ...s, nameEn: e.target.value })} />
            </Field>
            <Field errors={at(i, 'key')}>
              <Input size="small" value={s.key} maxLength={48} prefix={<Typography.Text type="secondary">{t('chains.stageKey')}</Typography.Text>} aria-label={`${t('chains.stageKey')}：${i + 1}`} onChange={(e) => edit.change(i, { ...s, key: e.target.value.trim() })} />
            </Field>
          </Flex>
        ) : (
          <Flex vertical>
            <span>{localName(i18n.language, s)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {i18n.language === 'en-US' ? s.name : s.nameEn} · {s.key}
            </Typography.Text>
          </Flex>
        ),
    },
    {
      title: t('chains.kindLabel'),
      key: 'kind',
      width: 130,
      render: (_, s, i) => {
        const checklistErrors = at(i, 'checklist');
        // The checklist itself is edited in the expanded row; its size (and any problem) shows here.
        const count = (
          <Typography.Text type={checklistErrors.length ? 'danger' : 'secondary'} style={{ fontSize: 12 }} title={checklistErrors.join('；') || undefined}>
            {t('chains.checklist')} {t('chains.checklistCount', { count: s.checklist.length })}
          </Typography.Text>
        );
        return edit ? (
          <Flex vertical gap={4}>
            <Field errors={at(i, 'kind')}>
              <Select<StageKind>
                size="small"
                value={s.kind}
                style={{ width: 118 }}
                aria-label={`${t('chains.kindLabel')}：${label(s, i)}`}
                options={STAGE_KINDS.map((k) => ({ value: k, label: t(`chains.kind.${k}`) }))}
                onChange={(k) => edit.change(i, withKind(s, k, chainLevel))}
              />
            </Field>
            {count}
          </Flex>
        ) : (
          <Flex vertical gap={4} align="start">
            <Tag>{t(`chains.kind.${s.kind}`)}</Tag>
            {count}
          </Flex>
        );
      },
    },
    {
      title: t('chains.actorLabel'),
      key: 'actor',
      width: 160,
      render: (_, s, i) =>
        edit ? (
          <Field errors={at(i, 'actor')}>
            <Select
              size="small"
              value={actorValue(s.actor)}
              style={{ width: 148 }}
              popupMatchSelectWidth={false}
              aria-label={`${t('chains.actorLabel')}：${label(s, i)}`}
              options={[...AUTHORITY_LEVELS.map((l) => `authority:${l}`), 'recommender', 'intake', 'unit'].map((v) => ({ value: v, label: actorLabel(t, actorOf(v)) }))}
              onChange={(v: string) => edit.change(i, { ...s, actor: actorOf(v) })}
            />
          </Field>
        ) : (
          actorLabel(t, s.actor)
        ),
    },
    {
      title: t('chains.dueDays'),
      key: 'dueDays',
      width: 100,
      render: (_, s, i) =>
        edit ? (
          <Field errors={at(i, 'dueDays')}>
            <InputNumber
              size="small"
              value={s.dueDays}
              min={1}
              max={365}
              precision={0}
              suffix={t('chains.daysUnit')}
              style={{ width: 88 }}
              aria-label={`${t('chains.dueDays')}：${label(s, i)}`}
              onChange={(v) => edit.change(i, { ...s, dueDays: typeof v === 'number' ? v : 0 })}
            />
          </Field>
        ) : (
          t('chains.dueDaysValue', { days: s.dueDays })
        ),
    },
    {
      // Only one applies to a stage: the documents a recommendation carries, the filing a decision gives.
      title: `${t('chains.documents')} / ${t('chains.filingLevel')}`,
      key: 'outcome',
      width: 140,
      render: (_, s, i) => {
        const showDocuments = s.kind === 'recommend' || s.documents !== undefined;
        const showFiling = s.kind === 'decision' || s.filingLevel !== undefined;
        if (!showDocuments && !showFiling) return <Typography.Text type="secondary">—</Typography.Text>;
        const filingText = (l?: string) => (l ? t('chains.filingValue', { level: t(`calls.level.${l}`) }) : t('chains.filingNone'));
        if (!edit)
          return (
            <Flex vertical>
              {showDocuments && <span>{(s.documents ?? []).map((d) => t(`chains.document.${d}`)).join('、') || '—'}</span>}
              {showFiling && <span>{filingText(s.filingLevel)}</span>}
            </Flex>
          );
        return (
          <Flex vertical gap={4}>
            {showDocuments && (
              <Field errors={at(i, 'documents')}>
                <Checkbox.Group
                  value={s.documents ?? []}
                  style={{ flexDirection: 'column' }}
                  aria-label={`${t('chains.documents')}：${label(s, i)}`}
                  options={STAGE_DOCUMENTS.map((d) => ({ value: d, label: t(`chains.document.${d}`) }))}
                  onChange={(v) => edit.change(i, { ...s, documents: v })}
                />
              </Field>
            )}
            {showFiling && (
              <Field errors={at(i, 'filingLevel')}>
                <Select
                  size="small"
                  value={s.filingLevel ?? 'none'}
                  style={{ width: 124 }}
                  popupMatchSelectWidth={false}
                  aria-label={`${t('chains.filingLevel')}：${label(s, i)}`}
                  options={['none', ...CALL_LEVELS].map((l) => ({ value: l, label: filingText(l === 'none' ? undefined : l) }))}
                  onChange={(v: string) => {
                    const next = { ...s };
                    if (v === 'none') delete next.filingLevel;
                    else next.filingLevel = v as Stage['filingLevel'];
                    edit.change(i, next);
                  }}
                />
              </Field>
            )}
          </Flex>
        );
      },
    },
  ];
  if (edit)
    columns.push({
      title: t('common.actions'),
      key: 'remove',
      width: 56,
      render: (_, s, i) => (
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t('chains.removeStage')}：${label(s, i)}`} onClick={() => edit.remove(i)} />
      ),
    });

  return (
    <Form component={false}>
      <Table<EditStage>
        rowKey="uid"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={stages}
        scroll={{ x: 'max-content' }}
        data-testid="stage-table"
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => onExpand(keys.map(String)),
          expandedRowRender: (s, i) => (
            <Checklist
              items={s.checklist}
              errors={(path) => problemsAt(problems, `definition.stages.${i}.checklist.${path}`)}
              ownErrors={problems.get(`definition.stages.${i}.checklist`) ?? []}
              stageLabel={label(s, i)}
              onChange={edit ? (checklist) => edit.change(i, { ...s, checklist }) : undefined}
            />
          ),
        }}
      />
    </Form>
  );
}

/** A stage's checklist: each item's key and labels in both languages. */
function Checklist({
  items,
  errors,
  ownErrors,
  stageLabel,
  onChange,
}: {
  items: ChecklistItem[];
  /** Messages at an item's field (`1.key`). */
  errors: (path: string) => string[];
  /** Messages about the checklist as a whole. */
  ownErrors: string[];
  stageLabel: string;
  onChange?: (items: ChecklistItem[]) => void;
}) {
  const { t, i18n } = useTranslation();
  if (!onChange)
    return items.length ? (
      <ol style={{ margin: 0, paddingInlineStart: 20 }}>
        {items.map((item) => (
          <li key={item.key}>
            {i18n.language === 'en-US' ? item.labelEn : item.label} <Typography.Text type="secondary">（{item.key}）</Typography.Text>
          </li>
        ))}
      </ol>
    ) : (
      <Typography.Text type="secondary">{t('chains.noItems')}</Typography.Text>
    );
  const set = (i: number, item: ChecklistItem) => onChange(items.map((x, j) => (j === i ? item : x)));
  const nextKey = () => {
    for (let n = items.length + 1; ; n++) if (!items.some((x) => x.key === `item_${n}`)) return `item_${n}`;
  };
  return (
    <Flex vertical gap={6} data-testid={`checklist-${stageLabel}`}>
      <Typography.Text strong>
        {t('chains.checklist')}：{stageLabel}
      </Typography.Text>
      {items.map((item, i) => (
        <Flex key={i} gap={6} align="start" wrap>
          <Field errors={errors(`${i}.key`)}>
            <Input size="small" value={item.key} style={{ width: 170 }} aria-label={`${t('chains.itemKey')}：${stageLabel} ${i + 1}`} placeholder={t('chains.itemKey')} onChange={(e) => set(i, { ...item, key: e.target.value.trim() })} />
          </Field>
          <Field errors={errors(`${i}.label`)}>
            <Input size="small" value={item.label} style={{ width: 260 }} maxLength={200} aria-label={`${t('chains.itemLabel')}：${stageLabel} ${i + 1}`} placeholder={t('chains.itemLabel')} onChange={(e) => set(i, { ...item, label: e.target.value })} />
          </Field>
          <Field errors={errors(`${i}.labelEn`)}>
            <Input size="small" value={item.labelEn} style={{ width: 300 }} maxLength={200} aria-label={`${t('chains.itemLabelEn')}：${stageLabel} ${i + 1}`} placeholder={t('chains.itemLabelEn')} onChange={(e) => set(i, { ...item, labelEn: e.target.value })} />
          </Field>
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t('chains.removeItem')}：${stageLabel} ${i + 1}`} onClick={() => onChange(items.filter((_, j) => j !== i))} />
        </Flex>
      ))}
      {ownErrors.length > 0 && <Typography.Text type="danger">{ownErrors.join('；')}</Typography.Text>}
      <div>
        <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => onChange([...items, { key: nextKey(), label: '', labelEn: '' }])}>
          {t('chains.addItem')}
        </Button>
      </div>
    </Flex>
  );
}

