import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Flex, Form, Select, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { type Condition, type ConditionResult, criteriaApi, EVIDENCE_VERDICTS, OUTCOMES } from '../../api/criteria';
import { type MySpace, registryApi } from '../../api/registry';
import { can } from '../../api/session';
import { useCurrentUser } from '../../app/currentUser';
import { FieldInput, usedBy } from './fields';
import { OutcomeTag } from './parts';

type Values = Record<string, Record<string, unknown> | undefined>;

/** Form values → the evaluation input: empty answers left out (absent means "not filled"), cases as a list. */
function toProfile(values: Values): Record<string, unknown> {
  const profile: Record<string, Record<string, unknown>> = {};
  for (const [group, entries] of Object.entries(values)) {
    for (const [key, v] of Object.entries(entries ?? {})) {
      if (v === undefined || v === null || v === '') continue;
      const value = group === 'lists' && key === 'successCases' ? Array.from({ length: Number(v) }, (_, i) => ({ title: `#${i + 1}` })) : v;
      (profile[group] ??= {})[key] = value;
    }
  }
  return profile;
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** A registered space, as the registry lists it. */
type SpaceItem = MySpace;

function SpacePicker({ onPick }: { onPick: (s: SpaceItem) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const spaces = useQuery({
    queryKey: ['spaces', 'preview-pick', q],
    queryFn: () => registryApi.spaces({ q, pageSize: 50 }),
    placeholderData: keepPreviousData,
  });
  return (
    <Form.Item label={t('criteria.preview.space')} extra={t('criteria.preview.spaceHint')} htmlFor="criteria-preview-space">
      <Select
        id="criteria-preview-space"
        allowClear
        showSearch={{ filterOption: false, onSearch: setQ }}
        loading={spaces.isFetching}
        options={spaces.data?.items.map((s) => ({ value: s.id, label: s.name }))}
        onChange={(id?: string) => {
          const space = spaces.data?.items.find((s) => s.id === id);
          if (space) onPick(space);
        }}
      />
    </Form.Item>
  );
}

function ResultList({ results, depth = 0 }: { results: ConditionResult[]; depth?: number }) {
  return (
    <Flex vertical gap={6} style={{ paddingInlineStart: depth ? 16 : 0 }}>
      {results.map((r) => (
        <div key={r.id} data-testid={`result-${r.id}`}>
          <Flex gap={6} align="flex-start">
            <OutcomeTag outcome={r.outcome} />
            <Typography.Text style={{ fontSize: 13 }}>{r.explanation}</Typography.Text>
          </Flex>
          {r.children && (
            <div style={{ marginTop: 6 }}>
              <ResultList results={r.children} depth={depth + 1} />
            </div>
          )}
        </div>
      ))}
    </Flex>
  );
}

/**
 * Evaluates a space profile against the saved rule set as the user types. The server evaluates saved
 * versions only, so with unsaved edits the panel says so and offers to save (no second engine here).
 */
export function Preview({
  ruleSetId,
  revision,
  conditions,
  unsaved,
  onSave,
  saving,
}: {
  ruleSetId: string;
  revision: number;
  conditions: Condition[];
  unsaved: boolean;
  onSave?: () => void;
  saving?: boolean;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const [values, setValues] = useState<Values>({});
  const [filledFrom, setFilledFrom] = useState<string | null>(null);
  const profile = useDebounced(useMemo(() => toProfile(values), [values]), 400);
  const { fields, evidence } = useMemo(() => usedBy(conditions), [conditions]);

  const evaluation = useQuery({
    queryKey: ['criteria-evaluate', ruleSetId, revision, profile],
    queryFn: () => criteriaApi.evaluate(ruleSetId, profile),
    placeholderData: keepPreviousData,
  });

  function pick(s: SpaceItem) {
    form.setFieldsValue({
      space: { name: s.name, category: s.category, regularType: s.regularType ?? undefined, subField: s.subField ?? undefined },
      host: { type: s.hosts.find((h) => h.hostType)?.hostType ?? undefined },
      facts: { onlinePlatform: !!s.onlinePlatform, openPublicTechPlatform: !!s.techPlatform },
    });
    setValues(form.getFieldsValue());
    setFilledFrom(s.name);
  }

  const data = evaluation.data;
  return (
    <Card title={t('criteria.preview.title')} size="small" data-testid="preview">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('criteria.preview.hint')}
      </Typography.Paragraph>
      {unsaved && (
        <Alert
          type="warning"
          showIcon
          title={t('criteria.preview.savedOnly')}
          action={
            onSave && (
              <Button size="small" type="primary" loading={saving} onClick={onSave}>
                {t('criteria.preview.saveNow')}
              </Button>
            )
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<Values>
        form={form}
        name="criteria-preview"
        layout="vertical"
        size="small"
        onValuesChange={() => {
          setValues(form.getFieldsValue());
          setFilledFrom(null);
        }}
      >
        {can(me, 'space.list') && <SpacePicker onPick={pick} />}
        {filledFrom && <Alert type="info" showIcon title={t('criteria.preview.spaceFilled', { name: filledFrom })} style={{ marginBottom: 12 }} />}
        {fields.map((f) => (
          <FieldInput key={f.path} field={f} />
        ))}
        {evidence.length > 0 && (
          <>
            <Divider titlePlacement="start" plain style={{ margin: '8px 0' }}>
              {t('criteria.preview.evidence')}
            </Divider>
            {evidence.map((e) => (
              <Form.Item key={e.key} name={['evidence', e.key]} label={e.label} style={{ marginBottom: 12 }}>
                <Select allowClear options={EVIDENCE_VERDICTS.map((v) => ({ value: v, label: t(`criteria.preview.evidenceValue.${v}`) }))} />
              </Form.Item>
            ))}
          </>
        )}
        <Button
          size="small"
          onClick={() => {
            form.resetFields();
            setValues({});
            setFilledFrom(null);
          }}
        >
          {t('criteria.preview.clear')}
        </Button>
      </Form>
      <Divider style={{ margin: '12px 0' }} />
      {evaluation.isError && <Alert type="error" showIcon title={errorMessage(evaluation.error)} style={{ marginBottom: 12 }} />}
      {data ? (
        <Spin spinning={evaluation.isFetching} size="small">
          <Flex align="center" gap={8} wrap style={{ marginBottom: 8 }} data-testid="preview-overall">
            <Typography.Text strong>{t('criteria.preview.overall')}</Typography.Text>
            <OutcomeTag outcome={data.overall} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('criteria.preview.counts', Object.fromEntries(OUTCOMES.map((o) => [o, data.counts[o] ?? 0])))}
            </Typography.Text>
          </Flex>
          <ResultList results={data.results} />
        </Spin>
      ) : (
        evaluation.isPending && <Spin size="small" />
      )}
    </Card>
  );
}
