import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Form, Input, InputNumber, List, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type BonusItem, type Indicator, type SchemeDefinition } from '../../api/evaluation';
import { scoringMax } from '../../../../src/modules/evaluation/points.ts';
import { Field, NumberField, type Problems, ScoringInputs, SourceInputs } from './inputs';
import { GradeTag, PlatformChoiceTag, scoringText, sourceText } from './parts';

type Change = (change: (d: SchemeDefinition) => SchemeDefinition) => void;

/** How the scheme's content is shown: read, or edited in place (a draft its owner may change). */
export interface ContentProps {
  definition: SchemeDefinition;
  /** Present when the user edits the draft. */
  edit?: Change;
  problems: Problems;
  /** A return indicator's name by its code, from the catalogue in force for the scheme's year. */
  returnLabel: (code: string) => string;
  returnOptions: { value: string; label: string }[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const moved = <T,>(list: readonly T[], from: number, to: number): T[] => {
  const next = [...list];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
};

type List = 'indicators' | 'bonus';
type Row = (Indicator | BonusItem) & { index: number };

/** Indicators of one dimension, or the bonus items: each with its source and scoring function in words, or as inputs. */
function ItemsTable({ list, rows, props, t }: { list: List; rows: Row[]; props: ContentProps; t: TFunction }) {
  const { edit, problems, definition } = props;
  const items = definition[list] as (Indicator | BonusItem)[];
  const setItem = (i: number, patch: Partial<Indicator>) => edit?.((d) => ({ ...d, [list]: (d[list] as Indicator[]).map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
  /** Up or down past the next item of the same dimension (the order within a dimension is the scheme's order). */
  const neighbour = (r: Row, step: -1 | 1) => {
    const same = rows.map((x) => x.index);
    return same[same.indexOf(r.index) + step];
  };
  const at = (r: Row, field: string) => `${list}.${r.index}.${field}`;
  const text = (r: Row, field: 'label' | 'labelEn' | 'key' | 'unit', width: number) => (
    <Field path={at(r, field)} label={t(`evaluation.edit.${field}`)} problems={problems}>
      <Input aria-label={`${r.label} ${t(`evaluation.edit.${field}`)}`} size="small" style={{ width }} value={r[field]} onChange={(e) => setItem(r.index, { [field]: e.target.value })} />
    </Field>
  );
  return (
    <Table<Row>
      rowKey="index"
      size="small"
      pagination={false}
      dataSource={rows}
      onRow={(r) => ({ 'data-testid': `item-${r.key}` }) as React.HTMLAttributes<HTMLElement>}
      locale={{ emptyText: t(list === 'bonus' ? 'evaluation.noBonus' : 'evaluation.noIndicators') }}
      columns={[
        {
          title: t('evaluation.item'),
          width: edit ? 250 : 200,
          render: (_, r) =>
            edit ? (
              <>
                {text(r, 'label', 220)}
                {text(r, 'labelEn', 220)}
                <Flex gap={8}>
                  {text(r, 'key', 120)}
                  {text(r, 'unit', 60)}
                </Flex>
                {list === 'indicators' && (
                  <Field path={at(r, 'dimension')} label={t('evaluation.dimension')} problems={problems}>
                    <Select aria-label={`${r.label} ${t('evaluation.dimension')}`} size="small" style={{ width: 160 }} value={(r as Indicator).dimension} options={definition.dimensions.map((d) => ({ value: d.key, label: d.label }))} onChange={(dimension) => setItem(r.index, { dimension })} />
                  </Field>
                )}
                <SourceInputs at={at(r, 'source')} owner={r.label} source={r.source} problems={problems} returnOptions={props.returnOptions} onChange={(source) => setItem(r.index, { source })} />
              </>
            ) : (
              <>
                {r.label}
                {r.unit && <Typography.Text type="secondary">（{r.unit}）</Typography.Text>}
              </>
            ),
        },
        // Editing, the source goes under the name: the scoring parameters need the width.
        ...(edit ? [] : [{ title: t('evaluation.source'), width: 180, render: (_: unknown, r: Row) => sourceText(t, r.source, props.returnLabel) }]),
        {
          title: t('evaluation.scoring'),
          render: (_, r) =>
            edit ? <ScoringInputs at={at(r, 'scoring')} owner={r.label} scoring={r.scoring} problems={problems} onChange={(scoring) => setItem(r.index, { scoring })} /> : <span data-testid={`scoring-${r.key}`}>{scoringText(t, r.scoring, r.unit)}</span>,
        },
        { title: t('evaluation.maxPoints'), width: 64, align: 'right', render: (_, r) => t('evaluation.points', { points: scoringMax(r.scoring) }) },
        {
          title: t('evaluation.basis'),
          width: edit ? 220 : 280,
          render: (_, r) => (
            <Space orientation="vertical" size={2}>
              <PlatformChoiceTag basis={r.basis} />
              {edit ? (
                <Field path={at(r, 'basis')} label={t('evaluation.basis')} problems={problems}>
                  <Input.TextArea aria-label={`${r.label} ${t('evaluation.basis')}`} autoSize value={r.basis} onChange={(e) => setItem(r.index, { basis: e.target.value })} />
                </Field>
              ) : (
                <Typography.Text type="secondary">{r.basis}</Typography.Text>
              )}
            </Space>
          ),
        },
        ...(edit
          ? [
              {
                title: '',
                width: 110,
                render: (_: unknown, r: Row) => {
                  const up = neighbour(r, -1);
                  const down = neighbour(r, 1);
                  return (
                    <Space size={0}>
                      <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={`${r.label} ${t('evaluation.edit.up')}`} disabled={up === undefined} onClick={() => edit((d) => ({ ...d, [list]: moved(d[list], r.index, up!) }))} />
                      <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={`${r.label} ${t('evaluation.edit.down')}`} disabled={down === undefined} onClick={() => edit((d) => ({ ...d, [list]: moved(d[list], r.index, down!) }))} />
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${r.label} ${t('evaluation.edit.remove')}`} disabled={list === 'indicators' && items.length === 1} onClick={() => edit((d) => ({ ...d, [list]: d[list].filter((_, j) => j !== r.index) }))} />
                    </Space>
                  );
                },
              },
            ]
          : []),
      ]}
    />
  );
}

/** A new item at the end of its list, reading the first numeric indicator of the year's return until the user picks. */
function freshItem(definition: SchemeDefinition, returnCode: string | undefined): BonusItem {
  const taken = new Set([...definition.indicators, ...definition.bonus, ...definition.vetoes].map((i) => i.key));
  let n = definition.indicators.length + definition.bonus.length + 1;
  while (taken.has(`item_${n}`)) n += 1;
  return { key: `item_${n}`, label: '', labelEn: '', unit: '个', source: { from: 'return', code: returnCode ?? '' }, scoring: { kind: 'step', threshold: 0, base: 0, per: 1, increment: 1, cap: 5 }, basis: '平台设定：' };
}

/** The scheme's indicators by dimension, bonus items, vetoes, grade bands and automatic rules. */
export function SchemeContent(props: ContentProps) {
  const { t } = useTranslation();
  const { definition: d, edit, problems } = props;
  const rows = d.indicators.map((item, index) => ({ ...item, index }));
  // 查实虚假数据 ⇒ 不合格 is a one-vote veto on the platform's fraud figure: on while the scheme keeps one.
  const falseData = d.vetoes.some((v) => v.source.from === 'platform' && v.source.figure === 'false_data_found');
  const add = (list: List, dimension?: string) => {
    const item = freshItem(d, props.returnOptions[0]?.value);
    edit?.((x) => ({ ...x, [list]: [...x[list], dimension ? { ...item, dimension } : item] }));
  };
  const setBand = (i: number, patch: Partial<SchemeDefinition['bands'][number]>) => edit?.((x) => ({ ...x, bands: x.bands.map((b, j) => (j === i ? { ...b, ...patch } : b)) }));
  const setVeto = (i: number, patch: Partial<SchemeDefinition['vetoes'][number]>) => edit?.((x) => ({ ...x, vetoes: x.vetoes.map((v, j) => (j === i ? { ...v, ...patch } : v)) }));
  // Editing, labels sit above their small inputs, so an item's parameters fit side by side.
  return (
    <Form layout="vertical" size="small" component={false}>
    <Flex vertical gap={16}>
      {d.dimensions.map((dim) => {
        const mine = rows.filter((r) => r.dimension === dim.key);
        return (
          <Card
            key={dim.key}
            size="small"
            data-testid={`dimension-${dim.key}`}
            title={
              <Space>
                {dim.label}
                <Tag>{t('evaluation.dimensionPoints', { count: mine.length, points: round2(mine.reduce((s, r) => s + scoringMax(r.scoring), 0)) })}</Tag>
              </Space>
            }
            extra={
              edit && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => add('indicators', dim.key)}>
                  {t('evaluation.edit.addIndicator')}
                </Button>
              )
            }
          >
            <ItemsTable list="indicators" rows={mine} props={props} t={t} />
          </Card>
        );
      })}
      <Card
        size="small"
        title={t('evaluation.bonus')}
        data-testid="bonus"
        extra={
          <Space>
            {edit ? (
              <NumberField path="bonusCap" label={t('evaluation.bonusCap')} owner={t('evaluation.bonus')} value={d.bonusCap} problems={problems} onChange={(bonusCap) => edit((x) => ({ ...x, bonusCap }))} />
            ) : (
              <Tag>{t('evaluation.bonusCapValue', { points: d.bonusCap })}</Tag>
            )}
            {edit && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => add('bonus')}>
                {t('evaluation.edit.addBonus')}
              </Button>
            )}
          </Space>
        }
      >
        <ItemsTable list="bonus" rows={d.bonus.map((item, index) => ({ ...item, index }))} props={props} t={t} />
      </Card>
      <Card size="small" title={t('evaluation.vetoes')} data-testid="vetoes">
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={d.vetoes.map((v, index) => ({ ...v, index }))}
          locale={{ emptyText: t('evaluation.noVetoes') }}
          columns={[
            { title: t('evaluation.vetoItem'), dataIndex: 'label' },
            { title: t('evaluation.source'), render: (_, v) => sourceText(t, v.source, props.returnLabel) },
            {
              title: t('evaluation.vetoWhen'),
              render: (_, v) =>
                edit ? (
                  <NumberField path={`vetoes.${v.index}.atLeast`} label={t('evaluation.param.atLeast')} owner={v.label} value={v.atLeast} problems={problems} onChange={(atLeast) => setVeto(v.index, { atLeast })} />
                ) : (
                  t('evaluation.vetoAtLeast', { value: v.atLeast })
                ),
            },
            { title: t('evaluation.basis'), render: (_, v) => <Typography.Text type="secondary">{v.basis}</Typography.Text> },
            ...(edit ? [{ title: '', render: (_: unknown, v: { index: number; label: string }) => <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${v.label} ${t('evaluation.edit.remove')}`} onClick={() => edit((x) => ({ ...x, vetoes: x.vetoes.filter((_, j) => j !== v.index) }))} /> }] : []),
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('evaluation.bands')}
        data-testid="bands"
        extra={
          edit &&
          d.bands.length < 3 && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => edit((x) => ({ ...x, bands: [...x.bands, { grade: (['excellent', 'good', 'pass'] as const)[x.bands.length]!, minScore: Math.max(0, (x.bands.at(-1)?.minScore ?? 70) - 10) }] }))}>
              {t('evaluation.edit.addGradeBand')}
            </Button>
          )
        }
      >
        <Table
          rowKey="index"
          size="small"
          pagination={false}
          dataSource={d.bands.map((b, index) => ({ ...b, index }))}
          columns={[
            {
              title: t('evaluation.gradeColumn'),
              render: (_, b) =>
                edit ? (
                  <Field path={`bands.${b.index}.grade`} label={t('evaluation.gradeColumn')} problems={problems}>
                    <Select size="small" style={{ width: 110 }} aria-label={`${t('evaluation.gradeColumn')} ${b.index + 1}`} value={b.grade} options={(['excellent', 'good', 'pass'] as const).map((g) => ({ value: g, label: t(`evaluation.grade.${g}`) }))} onChange={(grade) => setBand(b.index, { grade })} />
                  </Field>
                ) : (
                  <GradeTag grade={b.grade} />
                ),
            },
            {
              title: t('evaluation.minScore'),
              render: (_, b) =>
                edit ? (
                  <NumberField path={`bands.${b.index}.minScore`} label={t('evaluation.minScore')} owner={t(`evaluation.grade.${b.grade}`)} value={b.minScore} problems={problems} onChange={(minScore) => setBand(b.index, { minScore })} />
                ) : (
                  t('evaluation.atLeastPoints', { points: b.minScore })
                ),
            },
            {
              title: t('evaluation.quota'),
              render: (_, b) =>
                edit ? (
                  <Field path={`bands.${b.index}.maxShare`} label={t('evaluation.quotaPercent')} problems={problems}>
                    <InputNumber aria-label={`${t(`evaluation.grade.${b.grade}`)} ${t('evaluation.quotaPercent')}`} size="small" min={1} max={100} placeholder={t('evaluation.noQuota')} value={b.maxShare === undefined ? null : round2(b.maxShare * 100)} onChange={(v) => setBand(b.index, { maxShare: v === null ? undefined : v / 100 })} />
                  </Field>
                ) : b.maxShare === undefined ? (
                  t('evaluation.noQuota')
                ) : (
                  t('evaluation.quotaValue', { percent: round2(b.maxShare * 100) })
                ),
            },
            ...(edit ? [{ title: '', render: (_: unknown, b: { index: number }) => <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('evaluation.edit.removeGradeBand')} disabled={d.bands.length === 1} onClick={() => edit((x) => ({ ...x, bands: x.bands.filter((_, j) => j !== b.index) }))} /> }] : []),
          ]}
          footer={() => t('evaluation.belowBands', { points: d.bands.at(-1)?.minScore ?? 0 })}
        />
      </Card>
      <Card size="small" title={t('evaluation.rules')} data-testid="rules">
        <List size="small">
          <List.Item>
            <Space>
              {edit ? <Switch aria-label={t('evaluation.rule.missingReturn')} checked={d.missingReturnFails} onChange={(missingReturnFails) => edit((x) => ({ ...x, missingReturnFails }))} /> : <Tag color={d.missingReturnFails ? 'red' : 'default'}>{d.missingReturnFails ? t('evaluation.on') : t('evaluation.off')}</Tag>}
              {t('evaluation.rule.missingReturn')}
            </Space>
          </List.Item>
          <List.Item>
            <Space>
              <Tag color={falseData ? 'red' : 'default'}>{falseData ? t('evaluation.on') : t('evaluation.off')}</Tag>
              {t('evaluation.rule.falseData')}
            </Space>
          </List.Item>
          {(['twoFails', 'twoMissed'] as const).map((r) => (
            <List.Item key={r}>
              <Space>
                <Tag color="red">{t('evaluation.fixed')}</Tag>
                {t(`evaluation.rule.${r}`)}
              </Space>
            </List.Item>
          ))}
        </List>
        <Descriptions size="small" column={3} title={t('evaluation.activityWeights')} style={{ marginTop: 12 }}>
          {(['host', 'organiser', 'joint'] as const).map((role) => (
            <Descriptions.Item key={role} label={t(`evaluation.role.${role}`)}>
              {edit ? (
                <InputNumber aria-label={t(`evaluation.role.${role}`)} size="small" min={0} max={1} step={0.5} status={problems.get(`activityWeights.${role}`) ? 'error' : undefined} value={d.activityWeights[role]} onChange={(v) => edit((x) => ({ ...x, activityWeights: { ...x.activityWeights, [role]: v ?? 0 } }))} />
              ) : (
                d.activityWeights[role]
              )}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
    </Flex>
    </Form>
  );
}
