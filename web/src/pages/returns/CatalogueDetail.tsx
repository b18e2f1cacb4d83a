import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { type CatalogueVersionDetail, returnsApi } from '../../api/returns';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { CATALOGUES_KEY, CatalogueStatus } from './Catalogues';

type Definition = CatalogueVersionDetail['definition'];
type Indicator = Definition['indicators'][number];
type Rule = Record<string, unknown> & { id: string; rule: string; severity: string };

const UNITS = ['个', '人', '平方米', '千元', '件', '场', '小时', '次'];
const TYPES = ['integer', 'money', 'area', 'text', 'select', 'multi_select'];
const SEVERITIES = ['error', 'warning', 'info'];
/** The rule parameters an authority tunes (thresholds); which indicators a rule reads stays as shipped. */
const NUMERIC_PARAMS = ['min', 'max', 'share'] as const;

/** One version of the indicator catalogue; a draft of the user's province is edited here and published. */
export default function CatalogueDetail() {
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: [CATALOGUES_KEY, id], queryFn: () => returnsApi.catalogue(id) });
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <PageSpinner />;
  return <Editor key={`${detail.data.id}:${detail.data.revision}`} detail={detail.data} />;
}

function Editor({ detail }: { detail: CatalogueVersionDetail }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [name, setName] = useState(detail.name);
  const [def, setDef] = useState<Definition>(detail.definition);
  const [error, setError] = useState<unknown>(null);
  const editable = detail.abilities.edit;
  const en = i18n.language === 'en-US';
  const bad = new Set(error instanceof ApiError ? error.fields.map((f) => f.field) : []);
  const status = (path: string) => (bad.has(`body.definition.${path}`) ? ('error' as const) : undefined);
  const refresh = () => queryClient.invalidateQueries({ queryKey: [CATALOGUES_KEY] });

  const setIndicator = (i: number, patch: Partial<Indicator>) =>
    setDef((d) => ({ ...d, indicators: d.indicators.map((x, j) => (j === i ? ({ ...x, ...patch } as Indicator) : x)) }));
  const setRule = (i: number, patch: Record<string, unknown>) => setDef((d) => ({ ...d, rules: d.rules.map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
  const codes = def.indicators.map((i) => ({ value: i.code, label: `${i.code} ${en ? i.labelEn : i.label}` }));

  const save = useMutation({
    mutationFn: () => returnsApi.saveCatalogue(detail.id, { revision: detail.revision, name, definition: def as unknown as Record<string, unknown> }),
    onMutate: () => setError(null),
    onSuccess: async () => {
      message.success(t('returns.catalogues.saved'));
      await refresh();
    },
    onError: (err) => setError(err),
  });
  const publish = useMutation({
    mutationFn: () => returnsApi.publishCatalogue(detail.id, detail.revision),
    onSuccess: async (r) => {
      message.success(t('returns.catalogues.publishedNow', { version: r.version }));
      await refresh();
    },
    onError: (err) => setError(err),
  });

  const text = (i: number, key: 'code' | 'label' | 'labelEn' | 'help', width: number) => (
    <Input
      size="small"
      style={{ width }}
      disabled={!editable}
      status={status(`indicators.${i}.${key}`)}
      value={(def.indicators[i]![key] as string | undefined) ?? ''}
      onChange={(e) => setIndicator(i, { [key]: key === 'help' && !e.target.value ? undefined : e.target.value })}
    />
  );

  return (
    <Card
      title={t('returns.catalogues.detail')}
      extra={
        editable && (
          <Space>
            <Button loading={save.isPending} onClick={() => save.mutate()}>
              {t('returns.catalogues.save')}
            </Button>
            <Button
              type="primary"
              loading={publish.isPending}
              onClick={() =>
                modal.confirm({ title: t('returns.catalogues.publishTitle'), content: t('returns.catalogues.publishConfirm'), onOk: () => publish.mutateAsync().catch(() => undefined) })
              }
            >
              {t('returns.catalogues.publish')}
            </Button>
          </Space>
        )
      }
    >
      <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('returns.catalogues.name')}>
          {editable ? <Input style={{ width: 320 }} value={name} status={bad.has('body.name') ? 'error' : undefined} onChange={(e) => setName(e.target.value)} /> : detail.name}
        </Descriptions.Item>
        <Descriptions.Item label={t('returns.catalogues.year')}>{detail.year}</Descriptions.Item>
        <Descriptions.Item label={t('returns.status')}>
          <CatalogueStatus c={detail} />
        </Descriptions.Item>
      </Descriptions>
      {error !== null && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(error)}
          description={
            error instanceof ApiError && error.fields.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="catalogue-errors">
                {error.fields.map((f) => (
                  <li key={f.field}>
                    <Typography.Text code>{f.field.replace(/^body\.definition\./, '')}</Typography.Text> {en ? f.messageEn : f.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {!editable && detail.status === 'published' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('returns.catalogues.immutable')} />}
      <Typography.Title level={5}>{t('returns.catalogues.indicators')}</Typography.Title>
      <Table<Indicator>
        rowKey={(_, i) => String(i)}
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={[...def.indicators]}
        columns={[
          { title: '#', render: (_, __, i) => i },
          { title: t('returns.catalogues.code'), render: (_, __, i) => text(i, 'code', 180) },
          { title: t('returns.catalogues.label'), render: (_, __, i) => text(i, 'label', 220) },
          { title: t('returns.catalogues.labelEn'), render: (_, __, i) => text(i, 'labelEn', 220) },
          {
            title: t('returns.catalogues.unit'),
            render: (_, ind, i) => (
              <Select size="small" style={{ width: 100 }} allowClear disabled={!editable} status={status(`indicators.${i}.unit`)} value={ind.unit ?? undefined} options={UNITS.map((u) => ({ value: u, label: u }))} onChange={(u) => setIndicator(i, { unit: (u ?? null) as Indicator['unit'] })} />
            ),
          },
          {
            title: t('returns.catalogues.type'),
            render: (_, ind, i) => (
              <Select size="small" style={{ width: 130 }} disabled={!editable} status={status(`indicators.${i}.type`)} value={ind.type} options={TYPES.map((v) => ({ value: v, label: t(`returns.catalogues.types.${v}`) }))} onChange={(v) => setIndicator(i, { type: v as Indicator['type'] })} />
            ),
          },
          {
            title: t('returns.catalogues.parent'),
            render: (_, ind, i) => (
              <Select size="small" style={{ width: 200 }} allowClear showSearch disabled={!editable} status={status(`indicators.${i}.parent`)} value={ind.parent} options={codes} onChange={(v) => setIndicator(i, { parent: v ?? undefined })} />
            ),
          },
          { title: t('returns.catalogues.help'), render: (_, __, i) => text(i, 'help', 240) },
          {
            title: '',
            render: (_, __, i) =>
              editable && <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('returns.catalogues.remove')} onClick={() => setDef((d) => ({ ...d, indicators: d.indicators.filter((_x, j) => j !== i) }))} />,
          },
        ]}
      />
      {editable && (
        <Button
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          onClick={() => setDef((d) => ({ ...d, indicators: [...d.indicators, { code: '', label: '', labelEn: '', unit: '个', type: 'integer', group: d.groups[0]?.key ?? '' }] }))}
        >
          {t('returns.catalogues.add')}
        </Button>
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('returns.catalogues.rules')}
      </Typography.Title>
      <Table<Rule>
        rowKey={(_, i) => String(i)}
        size="small"
        pagination={false}
        dataSource={def.rules as Rule[]}
        columns={[
          { title: t('returns.catalogues.ruleId'), dataIndex: 'id', render: (v: string) => <Tag>{v}</Tag> },
          { title: t('returns.catalogues.ruleKind'), dataIndex: 'rule', render: (v: string) => t(`returns.catalogues.ruleKinds.${v}`) },
          {
            title: t('returns.catalogues.severity'),
            render: (_, r, i) => (
              <Select size="small" style={{ width: 110 }} disabled={!editable} status={status(`rules.${i}.severity`)} value={r.severity} options={SEVERITIES.map((v) => ({ value: v, label: t(`returns.catalogues.severities.${v}`) }))} onChange={(v) => setRule(i, { severity: v })} />
            ),
          },
          {
            title: t('returns.catalogues.params'),
            render: (_, r, i) => (
              <Space wrap>
                {NUMERIC_PARAMS.filter((p) => typeof r[p] === 'number').map((p) => (
                  <InputNumber key={p} size="small" disabled={!editable} status={status(`rules.${i}.${p}`)} addonBefore={p} value={r[p] as number} min={0} onChange={(v) => setRule(i, { [p]: v ?? 0 })} />
                ))}
                {Array.isArray(r.anyOf) &&
                  (r.anyOf as { field: string; min: number }[]).map((a, k) => (
                    <InputNumber
                      key={a.field}
                      size="small"
                      disabled={!editable}
                      status={status(`rules.${i}.anyOf.${k}.min`)}
                      addonBefore={`${a.field} ≥`}
                      value={a.min}
                      min={0}
                      onChange={(v) => setRule(i, { anyOf: (r.anyOf as { field: string; min: number }[]).map((x, j) => (j === k ? { ...x, min: v ?? 0 } : x)) })}
                    />
                  ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
