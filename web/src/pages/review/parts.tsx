import { Collapse, Descriptions, Empty, Form, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { htmlToText } from '../../api/applications';
import type { ChecklistItem, ChecklistVerdict, FieldChange, ItemComment, RoundDiff, StageReview, Verdict } from '../../api/review';
import { VERDICTS } from '../../api/review';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';

/** The checklist as the form holds it: one verdict and note per item key. */
export interface ChecklistFormValues {
  checklist: Record<string, { verdict?: Verdict; note?: string }>;
}

export const checklistFromForm = (values: ChecklistFormValues): ChecklistVerdict[] =>
  Object.entries(values.checklist ?? {}).map(([key, v]) => ({ key, verdict: v.verdict!, note: v.note?.trim() ?? '' }));

/**
 * A verdict and a note on every checklist item (001 §三.2 "严禁审核走过场"): both are required. For a
 * pass a `problem` verdict is refused here already (the server refuses it too).
 */
export function ChecklistFields({ items, problemAllowed = true, disabled }: { items: ChecklistItem[]; problemAllowed?: boolean; disabled?: boolean }) {
  const { t } = useTranslation();
  const en = currentLanguage() === 'en-US';
  return (
    <>
      {items.map((item) => (
        <Space key={item.key} align="start" wrap style={{ width: '100%' }}>
          <Form.Item
            name={['checklist', item.key, 'verdict']}
            label={en ? item.labelEn : item.label}
            style={{ width: 260 }}
            rules={[
              { required: true, message: t('review.checklist.verdictRequired') },
              { validator: (_, v) => (problemAllowed || v !== 'problem' ? Promise.resolve() : Promise.reject(new Error(t('review.checklist.problemNoPass')))) },
            ]}
          >
            <Select data-testid={`checklist-verdict-${item.key}`} disabled={disabled} options={VERDICTS.map((v) => ({ value: v, label: t(`review.verdict.${v}`) }))} />
          </Form.Item>
          <Form.Item
            name={['checklist', item.key, 'note']}
            label={t('review.checklist.note')}
            style={{ minWidth: 320, flex: 1 }}
            rules={[{ required: true, whitespace: true, message: t('review.checklist.noteRequired') }]}
          >
            <Input.TextArea data-testid={`checklist-note-${item.key}`} disabled={disabled} autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
        </Space>
      ))}
    </>
  );
}

const VERDICT_COLOR: Record<Verdict, string> = { ok: 'green', problem: 'red', not_applicable: 'default' };
const OUTCOME_COLOR: Record<StageReview['outcome'], string> = { pass: 'green', return: 'orange', reject: 'red' };

/** The verdicts given so far, oldest first, each with its checklist, comments and reviewer. */
export function ReviewHistory({ reviews, stageName }: { reviews: StageReview[]; stageName: (key: string) => string }) {
  const { t } = useTranslation();
  const en = currentLanguage() === 'en-US';
  if (!reviews.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.history.empty')} />;
  return (
    <Timeline
      items={reviews.map((r) => ({
        color: OUTCOME_COLOR[r.outcome],
        content: (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap>
              <Tag color={OUTCOME_COLOR[r.outcome]}>{t(`review.outcome.${r.outcome}`)}</Tag>
              <Typography.Text strong>{stageName(r.stageKey)}</Typography.Text>
              <Typography.Text type="secondary">
                {t('review.history.meta', { round: r.round, org: r.reviewerOrgName, at: formatDateTime(r.at) })}
              </Typography.Text>
            </Space>
            <Typography.Paragraph style={{ marginBottom: 0 }}>{r.note}</Typography.Paragraph>
            {r.checklist.length > 0 && (
              <Descriptions size="small" column={1} bordered>
                {r.checklist.map((c) => (
                  <Descriptions.Item key={c.key} label={en ? c.labelEn : c.label}>
                    <Tag color={VERDICT_COLOR[c.verdict]}>{t(`review.verdict.${c.verdict}`)}</Tag> {c.note}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            )}
            {r.itemComments.length > 0 && <ItemComments comments={r.itemComments} />}
            {r.resubmitDueAt && <Typography.Text type="secondary">{t('review.resubmitDueAt', { at: formatDateTime(r.resubmitDueAt) })}</Typography.Text>}
          </Space>
        ),
      }))}
    />
  );
}

/** `basicInfo.teamTotal` → the form's label of the field, else the path as it is. */
export function useFieldLabel() {
  const { t } = useTranslation();
  return (field: string) => {
    const [head, ...rest] = field.split('.');
    const name = rest.join('.');
    if (head === 'basicInfo') return t(`dossier.f.${name}`, { defaultValue: field });
    if (head === 'report') return t(`dossier.report.${name}`, { defaultValue: field });
    if (head === 'attachments') return t('review.slot', { slot: name });
    return field;
  };
}

export function ItemComments({ comments }: { comments: ItemComment[] }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  return (
    <Table<ItemComment>
      size="small"
      pagination={false}
      rowKey={(c) => `${c.field}:${c.comment}`}
      dataSource={comments}
      columns={[
        { title: t('review.return.field'), dataIndex: 'field', render: (f: string) => label(f) },
        { title: t('review.return.comment'), dataIndex: 'comment' },
      ]}
    />
  );
}

/** A stored value as a reader sees it: yes/no with a name, HTML as text, nothing as a dash. */
export function showValue(v: unknown, yes: string, no: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v.startsWith('<') ? htmlToText(v) : v;
  if (typeof v === 'boolean') return v ? yes : no;
  if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' ? Object.values(x).map((y) => showValue(y, yes, no)).join('：') : showValue(x, yes, no))).join('\n');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('yes' in o) return o.yes ? `${yes}${o.name ? `（${String(o.name)}）` : ''}` : no;
    return Object.entries(o)
      .map(([k, x]) => `${k}: ${showValue(x, yes, no)}`)
      .join('；');
  }
  return String(v);
}

function ChangeTable({ rows, prefix }: { rows: FieldChange[]; prefix: 'basicInfo' | 'report' | 'indicators' }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const show = (v: unknown) => <span style={{ whiteSpace: 'pre-wrap' }}>{showValue(v, t('common.yes'), t('common.no'))}</span>;
  return (
    <Table<FieldChange>
      size="small"
      pagination={false}
      rowKey="field"
      dataSource={rows}
      columns={[
        { title: t('review.diff.field'), dataIndex: 'field', width: 180, render: (f: string) => label(`${prefix}.${f}`) },
        { title: t('review.diff.before'), dataIndex: 'before', render: show },
        { title: t('review.diff.after'), dataIndex: 'after', render: show },
      ]}
    />
  );
}

/** What changed from each submission round to the next. */
export function RoundsDiff({ diffs }: { diffs: RoundDiff[] }) {
  const { t } = useTranslation();
  if (!diffs.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.diff.none')} />;
  return (
    <Collapse
      defaultActiveKey={[String(diffs[diffs.length - 1]!.toRound)]}
      items={diffs.map((d) => {
        const unchanged = !d.basicInfo.length && !d.report.length && !d.indicators.length && !d.attachments.length;
        return {
          key: String(d.toRound),
          label: t('review.diff.title', { from: d.fromRound, to: d.toRound }),
          children: unchanged ? (
            <Typography.Text type="secondary">{t('review.diff.unchanged')}</Typography.Text>
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }} data-testid={`round-diff-${d.toRound}`}>
              {d.basicInfo.length > 0 && (
                <>
                  <Typography.Text strong>{t('review.diff.basicInfo')}</Typography.Text>
                  <ChangeTable rows={d.basicInfo} prefix="basicInfo" />
                </>
              )}
              {d.report.length > 0 && (
                <>
                  <Typography.Text strong>{t('review.diff.report')}</Typography.Text>
                  <ChangeTable rows={d.report} prefix="report" />
                </>
              )}
              {d.indicators.length > 0 && (
                <>
                  <Typography.Text strong>{t('review.diff.indicators')}</Typography.Text>
                  <ChangeTable rows={d.indicators} prefix="indicators" />
                </>
              )}
              {d.attachments.length > 0 && (
                <>
                  <Typography.Text strong>{t('review.diff.attachments')}</Typography.Text>
                  <Table
                    size="small"
                    pagination={false}
                    rowKey={(a) => `${a.change}:${a.slotKey}:${a.sha256}`}
                    dataSource={d.attachments}
                    columns={[
                      { title: t('review.diff.change'), dataIndex: 'change', render: (c: 'added' | 'removed') => <Tag color={c === 'added' ? 'green' : 'red'}>{t(`review.diff.${c}`)}</Tag> },
                      { title: t('review.diff.slot'), dataIndex: 'slotKey' },
                      { title: t('review.diff.file'), dataIndex: 'fileName' },
                      { title: t('common.checksum'), dataIndex: 'sha256', render: (s: string) => <Typography.Text code copyable={{ text: s }}>{s.slice(0, 12)}…</Typography.Text> },
                    ]}
                  />
                </>
              )}
            </Space>
          ),
        };
      })}
    />
  );
}
