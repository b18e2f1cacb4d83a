import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { returnLinks, returnsApi, type ReturnDetail, type ReturnIndicator } from '../../api/returns';
import { PageSpinner } from '../../components/PageSpinner';
import { PayloadDiffs } from '../../components/PayloadDiffs';
import { QueryError } from '../../components/QueryError';
import { currentLanguage } from '../../i18n';

const SEVERITY_TYPES = { error: 'error', warning: 'warning', info: 'info' } as const;

function shown(ind: ReturnIndicator, value: unknown, en: boolean): string {
  if (value === undefined || value === null || value === '') return '—';
  if (Array.isArray(value)) return value.map((v) => ind.options?.find((o) => o.value === v)).map((o, i) => (o ? (en ? o.labelEn : o.label) : String(value[i]))).join('、');
  const option = ind.options?.find((o) => o.value === value);
  if (option) return en ? option.labelEn : option.label;
  return `${String(value)}${ind.unit ? ` ${ind.unit}` : ''}`;
}

/** What each resubmission changed: indicators by their catalogue label and unit, and the notes on warnings. */
export function ReturnDiffs({ d }: { d: ReturnDetail }) {
  const { t } = useTranslation();
  const en = currentLanguage() === 'en-US';
  const byCode = new Map(d.catalogue.definition.indicators.map((i) => [i.code, i]));
  const label = (field: string) => {
    const [part, code = ''] = field.split('.', 2) as [string, string?];
    const ind = byCode.get(code);
    const name = ind ? `${code} ${en ? ind.labelEn : ind.label}${ind.unit ? `（${ind.unit}）` : ''}` : code;
    return part === 'notes' ? `${t('returns.review.note')}${name}` : name;
  };
  return <PayloadDiffs diffs={d.diffs} label={label} />;
}

/**
 * A statistics return as its reviewer reads it beside the checklist: the checks' findings with the
 * filer's notes first (001 §三.2 "严禁审核走过场": every warning is seen with its explanation), then
 * every indicator by catalogue group in the catalogue's unit, the platform's figure beside a value
 * that differs from it.
 */
export function ReturnMaterial({ id }: { id: string }) {
  const { t } = useTranslation();
  const en = currentLanguage() === 'en-US';
  const query = useQuery({ queryKey: ['returns.detail', id], queryFn: () => returnsApi.get(id) });
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageSpinner />;
  const d: ReturnDetail = query.data;
  const { groups, indicators } = d.catalogue.definition;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="return-material">
      <Typography.Text type="secondary">
        {t('returns.period')}：{d.period} · {t('returns.catalogue')}：{`${d.catalogue.name}（v${d.catalogue.version}）`} ·{' '}
        <a href={returnLinks.coverDocx(d.id)}>{t('returns.downloads.cover')}</a>
        {d.coverScan && (
          <>
            {' · '}
            <a href={returnLinks.coverScan(d.id)}>{t('returns.downloads.scan', { name: d.coverScan.name })}</a>
          </>
        )}
      </Typography.Text>
      <Alert type="info" showIcon title={t('returns.form.units')} />
      <Typography.Title level={5}>{t('returns.findings.title')}</Typography.Title>
      {d.findings.length === 0 ? (
        <Alert type="success" showIcon title={t('returns.findings.none')} />
      ) : (
        <List
          size="small"
          dataSource={d.findings}
          renderItem={(f) => (
            <List.Item>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Alert type={SEVERITY_TYPES[f.severity]} showIcon title={`${f.rule} ${en ? f.messageEn : f.message}`} />
                {f.severity === 'warning' && (
                  <Typography.Text data-testid="return-finding-note">
                    {t('returns.review.note')}
                    {d.notes[f.key] || t('returns.review.noNote')}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      <ReturnDiffs d={d} />
      {groups.map((g) => (
        <Descriptions key={g.key} size="small" bordered column={1} title={en ? g.labelEn : g.label}>
          {indicators
            .filter((i) => i.group === g.key)
            .map((i) => {
              const platform = d.platform[i.code];
              const value = d.values[i.code];
              return (
                <Descriptions.Item key={i.code} label={<span style={{ paddingLeft: i.parent ? 16 : 0 }}>{en ? i.labelEn : i.label}</span>}>
                  <Space size={4} wrap>
                    {shown(i, value, en)}
                    {platform !== undefined && platform !== value && <Tag color="cyan">{t('returns.form.platform', { value: platform, unit: i.unit ?? '' })}</Tag>}
                  </Space>
                </Descriptions.Item>
              );
            })}
        </Descriptions>
      ))}
    </Space>
  );
}
