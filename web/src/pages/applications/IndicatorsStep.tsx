import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Col, Empty, Row, Space, Spin } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApplicationDetail, applicationsApi, type Indicators } from '../../api/applications';
import { type ConditionResult, criteriaApi } from '../../api/criteria';
import { QueryError } from '../../components/QueryError';
import { FieldInput, usedBy } from '../criteria/fields';

/**
 * Profile fields the self-assessment already takes from the 基础信息表, the registry or the uploads
 * (src/modules/applications/profile.ts buildProfile), so the applicant is not asked twice.
 */
const PROVIDED = new Set([
  'space.name',
  'space.category',
  'space.regularType',
  'space.subField',
  'operator.hasManagementSystems',
  'host.type',
  'indicators.staffTotal',
  'indicators.staffCollegePlus',
  'indicators.mentors',
  'indicators.fundWan',
  'indicators.incubatedEnterprises',
  'indicators.independentSpaceM2',
  'indicators.lowCostSpaceM2',
  'facts.onlinePlatform',
  'facts.openPublicTechPlatform',
  'facts.hasInvestmentFund',
]);
/** Groups an applicant declares (src/modules/applications/dossier.ts Indicators). */
const DECLARED_GROUPS = ['space', 'operator', 'host', 'indicators', 'facts'];

const notApplicable = (results: ConditionResult[]): string[] =>
  results.flatMap((r) => (r.outcome === 'not_applicable' ? [r.id] : notApplicable(r.children ?? [])));

/**
 * The facts the call's rule set asks for beyond the 基础信息表: every field its conditions read,
 * less what the form, the registry or the uploads already give and the conditions the
 * self-assessment finds not applicable to this space (another type's conditions).
 */
export function useIndicatorFields(app: ApplicationDetail) {
  const ruleSetId = app.call.ruleSet?.id;
  const ruleSet = useQuery({
    queryKey: ['rule-set', ruleSetId],
    queryFn: () => criteriaApi.get(ruleSetId!),
    enabled: !!ruleSetId,
    staleTime: Infinity,
  });
  const assessment = useQuery({
    queryKey: ['application-assessment', app.id, app.revision, app.attachments.length, app.commitment.confirmedAt],
    queryFn: () => applicationsApi.assessment(app.id),
    enabled: !!ruleSetId,
    placeholderData: keepPreviousData,
  });
  const results = assessment.data?.evaluation?.results;
  const fields = useMemo(() => {
    if (!ruleSet.data) return [];
    const skip = new Set(notApplicable(results ?? []));
    return usedBy(ruleSet.data.definition.conditions, skip).fields.filter((f) => DECLARED_GROUPS.includes(f.path.split('.')[0]!) && !PROVIDED.has(f.path));
  }, [ruleSet.data, results]);
  return { ruleSetId, ruleSet, assessment, fields };
}

/** The declared value at `group.field` of the saved indicators. */
const declared = (indicators: Indicators, path: string) => {
  const [group, field] = path.split('.') as [keyof Indicators, string];
  const value = (indicators[group] as Record<string, unknown> | undefined)?.[field];
  return value !== undefined && value !== null && value !== '';
};

/** How many of the rule set's indicators the saved dossier still leaves unanswered (null while unknown). */
export function useIndicatorsMissing(app: ApplicationDetail): number | null {
  const { ruleSetId, ruleSet, assessment, fields } = useIndicatorFields(app);
  if (!ruleSetId) return 0;
  if (!ruleSet.data || !assessment.data) return null;
  return fields.filter((f) => !declared(app.indicators ?? {}, f.path)).length;
}

/**
 * 评价指标: the rule set's facts as form items under `indicators.<group>.<field>` of the dossier
 * form (saved with it). Each is marked required: a condition depends on it, and an unanswered one
 * shows as missing data in the self-assessment.
 */
export function IndicatorsStep({ app, disabled }: { app: ApplicationDetail; disabled: boolean }) {
  const { t } = useTranslation();
  const { ruleSetId, ruleSet, assessment, fields } = useIndicatorFields(app);

  if (!ruleSetId) return <Empty description={t('dossier.assessment.noRuleSet')} />;
  if (ruleSet.isError) return <QueryError error={ruleSet.error} onRetry={() => void ruleSet.refetch()} />;
  if (!ruleSet.data || (assessment.isPending && assessment.fetchStatus !== 'idle')) return <Spin />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="indicators">
      <Alert type="info" showIcon title={t('dossier.indicators.hint', { title: app.call.ruleSet?.title })} />
      {fields.length ? (
        <Row gutter={16}>
          {fields.map((f) => (
            <Col xs={24} md={12} key={f.path}>
              <FieldInput field={f} namePrefix={['indicators']} disabled={disabled} required />
            </Col>
          ))}
        </Row>
      ) : (
        <Empty description={t('dossier.indicators.none')} />
      )}
    </Space>
  );
}
