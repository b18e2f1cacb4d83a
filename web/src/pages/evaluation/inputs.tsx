import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Select, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PLATFORM_FIGURES, SCORING_KINDS, type Scoring, type Source, SOURCE_KINDS } from '../../api/evaluation';

/** The server's problems with a draft, by the field's path under the definition (`indicators.3.scoring.cap`). */
export type Problems = ReadonlyMap<string, string>;

/** One input with its label, and the server's problem with it, if any, underneath. */
export function Field({ path, label, problems, children }: { path: string; label: string; problems: Problems; children: ReactNode }) {
  const problem = problems.get(path);
  return (
    <Form.Item label={label} validateStatus={problem ? 'error' : undefined} help={problem} style={{ marginBottom: 8 }}>
      {children}
    </Form.Item>
  );
}

/** A number input named for screen readers and tests by its item and parameter ("工位 封顶分"). */
export function NumberField({ path, label, owner, value, onChange, problems, width = 96 }: { path: string; label: string; owner: string; value: number | undefined; onChange: (v: number) => void; problems: Problems; width?: number }) {
  return (
    <Field path={path} label={label} problems={problems}>
      <InputNumber aria-label={`${owner} ${label}`} size="small" style={{ width }} min={0} value={value} onChange={(v) => onChange(v ?? 0)} />
    </Field>
  );
}

/** A new scoring function of a kind, with parameters a scheme would start from. */
const FRESH: Record<Scoring['kind'], Scoring> = {
  step: { kind: 'step', threshold: 0, base: 0, per: 1, increment: 1, cap: 5 },
  linear: { kind: 'linear', from: 0, to: 10, min: 0, max: 5 },
  rank: { kind: 'rank', max: 5, min: 0 },
  percentile: { kind: 'percentile', bands: [{ top: 20, points: 5 }] },
  direct: { kind: 'direct', cap: 10 },
};

const PARAMS = { step: ['threshold', 'base', 'per', 'increment', 'cap'], linear: ['from', 'to', 'min', 'max'], rank: ['max', 'min'], direct: ['cap'] } as const;

/** The scoring function of an indicator or bonus item: its kind and the kind's parameters. */
export function ScoringInputs({ at, owner, scoring, onChange, problems }: { at: string; owner: string; scoring: Scoring; onChange: (s: Scoring) => void; problems: Problems }) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={8} align="flex-start">
      <Field path={`${at}.kind`} label={t('evaluation.edit.scoringKind')} problems={problems}>
        <Select aria-label={`${owner} ${t('evaluation.edit.scoringKind')}`} size="small" style={{ width: 130 }} value={scoring.kind} options={SCORING_KINDS.map((k) => ({ value: k, label: t(`evaluation.scoringKind.${k}`) }))} onChange={(k) => onChange(FRESH[k])} />
      </Field>
      {scoring.kind === 'percentile' ? (
        <Space orientation="vertical" size={0}>
          {scoring.bands.map((b, j) => (
            <Flex key={j} gap={8} align="flex-start">
              <NumberField path={`${at}.bands.${j}.top`} label={t('evaluation.param.top')} owner={owner} value={b.top} problems={problems} onChange={(top) => onChange({ ...scoring, bands: scoring.bands.map((x, k) => (k === j ? { ...x, top } : x)) })} />
              <NumberField path={`${at}.bands.${j}.points`} label={t('evaluation.param.points')} owner={owner} value={b.points} problems={problems} onChange={(points) => onChange({ ...scoring, bands: scoring.bands.map((x, k) => (k === j ? { ...x, points } : x)) })} />
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('evaluation.edit.removeBand')} disabled={scoring.bands.length === 1} onClick={() => onChange({ ...scoring, bands: scoring.bands.filter((_, k) => k !== j) })} />
            </Flex>
          ))}
          {problems.get(`${at}.bands`) && <Form.Item validateStatus="error" help={problems.get(`${at}.bands`)} />}
          <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...scoring, bands: [...scoring.bands, { top: Math.min(100, (scoring.bands.at(-1)?.top ?? 0) + 20), points: 0 }] })}>
            {t('evaluation.edit.addBand')}
          </Button>
        </Space>
      ) : (
        PARAMS[scoring.kind].map((p) => (
          <NumberField key={p} path={`${at}.${p}`} label={t(`evaluation.param.${p}`)} owner={owner} value={(scoring as unknown as Record<string, number>)[p]} problems={problems} onChange={(v) => onChange({ ...scoring, [p]: v } as Scoring)} />
        ))
      )}
    </Flex>
  );
}

/** Where an item's figure comes from: a numeric indicator of the year's return, a platform figure, or an expert item. */
export function SourceInputs({ at, owner, source, onChange, problems, returnOptions }: { at: string; owner: string; source: Source; onChange: (s: Source) => void; problems: Problems; returnOptions: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const fresh: Record<Source['from'], Source> = { return: { from: 'return', code: returnOptions[0]?.value ?? '' }, platform: { from: 'platform', figure: PLATFORM_FIGURES[0]! }, expert: { from: 'expert', item: 'expert_review' } };
  return (
    <Flex wrap gap={8} align="flex-start">
      <Field path={`${at}.from`} label={t('evaluation.edit.sourceKind')} problems={problems}>
        <Select aria-label={`${owner} ${t('evaluation.edit.sourceKind')}`} size="small" style={{ width: 110 }} value={source.from} options={SOURCE_KINDS.map((k) => ({ value: k, label: t(`evaluation.sourceKind.${k}`) }))} onChange={(k) => onChange(fresh[k])} />
      </Field>
      {source.from === 'return' && (
        <Field path={`${at}.code`} label={t('evaluation.edit.returnCode')} problems={problems}>
          <Select aria-label={`${owner} ${t('evaluation.edit.returnCode')}`} size="small" style={{ width: 220 }} showSearch={{ optionFilterProp: 'label' }} value={source.code} options={returnOptions} onChange={(code) => onChange({ from: 'return', code })} />
        </Field>
      )}
      {source.from === 'platform' && (
        <Field path={`${at}.figure`} label={t('evaluation.edit.figure')} problems={problems}>
          <Select aria-label={`${owner} ${t('evaluation.edit.figure')}`} size="small" style={{ width: 200 }} value={source.figure} options={PLATFORM_FIGURES.map((f) => ({ value: f, label: t(`evaluation.figure.${f}`) }))} onChange={(figure) => onChange({ from: 'platform', figure })} />
        </Field>
      )}
      {source.from === 'expert' && (
        <Field path={`${at}.item`} label={t('evaluation.edit.expertItem')} problems={problems}>
          <Input aria-label={`${owner} ${t('evaluation.edit.expertItem')}`} size="small" style={{ width: 160 }} value={source.item} onChange={(e) => onChange({ from: 'expert', item: e.target.value })} />
        </Field>
      )}
    </Flex>
  );
}
