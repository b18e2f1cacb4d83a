import { List, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type Condition, type ConditionOutcome, type ConditionResult, FIELD_INFO, type RuleSetSummary } from '../../api/criteria';

export function StatusTag({ status }: { status: RuleSetSummary['status'] }) {
  const { t } = useTranslation();
  return <Tag color={status === 'published' ? 'green' : 'gold'}>{t(`criteria.statusValue.${status}`)}</Tag>;
}

export function VersionText({ version }: { version: number | null }) {
  const { t } = useTranslation();
  return version === null ? <Typography.Text type="secondary">—</Typography.Text> : <>{t('criteria.versionValue', { version })}</>;
}

const OUTCOME_COLOR: Record<ConditionOutcome, string> = {
  pass: 'success',
  fail: 'error',
  needs_review: 'processing',
  missing_data: 'warning',
  not_applicable: 'default',
};

export function OutcomeTag({ outcome }: { outcome: ConditionOutcome }) {
  const { t } = useTranslation();
  return (
    <Tag color={OUTCOME_COLOR[outcome]} data-outcome={outcome}>
      {t(`criteria.outcome.${outcome}`)}
    </Tag>
  );
}

/** A field's label in the reader's language (`criteria.fields.<path>`). */
export const fieldLabel = (t: TFunction, path: string) => t(`criteria.fields.${path}`);
export const fieldUnit = (t: TFunction, path: string) => (FIELD_INFO.get(path)?.unit ? t(`criteria.units.${path}`) : '');
/** What a count field counts (在孵企业 for 在孵企业数), else its label. */
export const fieldNoun = (t: TFunction, path: string) => (FIELD_INFO.get(path)?.noun ? t(`criteria.nouns.${path}`) : fieldLabel(t, path));

/** The label of one value of an enum field. */
export function enumLabel(t: TFunction, path: string, value: string): string {
  return path === 'host.type' ? t(`hostType.${value}`) : t(`criteria.enum.${path}.${value}`);
}

/** What a condition requires, in words: "≥ 15 家", "须为 是", "3–5 个", … (groups: "全部满足"). */
export function requirement(t: TFunction, c: Condition): string {
  switch (c.kind) {
    case 'threshold': {
      const unit = fieldUnit(t, c.field);
      return t(`criteria.req.${c.op}`, { value: c.value, max: c.max ?? c.value, unit }).trim();
    }
    case 'per_group':
      return (
        t('criteria.req.perGroup', {
          groupSize: c.groupSize,
          baseUnit: fieldUnit(t, c.per),
          base: fieldNoun(t, c.per),
          perGroup: c.perGroup,
          unit: fieldUnit(t, c.field),
          noun: fieldNoun(t, c.field),
        }) + t(`criteria.req.${c.rounding}`)
      );
    case 'share':
      return t('criteria.req.share', { field: fieldLabel(t, c.field), of: fieldLabel(t, c.of), minPercent: c.minPercent });
    case 'flag':
      return t('criteria.req.flag', { expected: c.expected ? t('common.yes') : t('common.no') });
    case 'enum':
      return t('criteria.req.enum', { values: c.oneOf.map((v) => enumLabel(t, c.field, v)).join(t('criteria.listSeparator')) });
    case 'count': {
      const unit = fieldUnit(t, c.field);
      return (c.max === undefined ? t('criteria.req.countMin', { min: c.min, unit }) : t('criteria.req.countBetween', { min: c.min, max: c.max, unit })).trim();
    }
    case 'pattern':
      return t('criteria.req.pattern', { field: fieldLabel(t, c.field), example: c.example });
    case 'evidence':
      return t('criteria.req.evidence');
    case 'all_of':
    case 'any_of':
      return t(`criteria.kind.${c.kind}`);
  }
}

/** The condition's own label, else its field's (as the engine does), else the clause. */
export function conditionLabel(t: TFunction, c: Condition): string {
  if (c.label) return c.label;
  if ('field' in c) return fieldLabel(t, c.field);
  return c.clause;
}

/** The conditions depth first, each with its depth in the rule set's tree. */
export const flattenResults = (results: ConditionResult[], depth = 0): { r: ConditionResult; depth: number }[] => results.flatMap((r) => [{ r, depth }, ...flattenResults(r.children ?? [], depth + 1)]);

/** A self-assessment's conditions, nested as the rule set nests them, each with its outcome, clause and explanation. */
export function ConditionResultList({ results, testId, size }: { results: ConditionResult[]; testId: string; size?: 'small' }) {
  return (
    <List
      bordered
      size={size}
      data-testid={testId}
      dataSource={flattenResults(results)}
      renderItem={({ r, depth }) => (
        <List.Item style={{ paddingLeft: 16 + depth * 24 }}>
          <List.Item.Meta
            title={
              <Space wrap size={4}>
                <OutcomeTag outcome={r.outcome} />
                {r.label}
                <Typography.Text type="secondary">{r.clause}</Typography.Text>
              </Space>
            }
            description={r.explanation}
          />
        </List.Item>
      )}
    />
  );
}
