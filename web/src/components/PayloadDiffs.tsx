import { Card, Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface PayloadDiff {
  fromRound: number;
  toRound: number;
  changes: { field: string; before?: unknown; after?: unknown }[];
}

const shown = (v: unknown, none: string): string =>
  v === null || v === undefined || v === '' ? none : Array.isArray(v) ? v.map((x) => shown(x, none)).join('、') || none : typeof v === 'object' ? JSON.stringify(v) : String(v);

/**
 * What each resubmission changed against the round before (the kernel's handed-in rounds of a
 * change report or a statistics return); `label` names a field path in the kind's words. The
 * filer and every reviewer see the same.
 */
export function PayloadDiffs({ diffs, label }: { diffs: readonly PayloadDiff[]; label: (field: string) => string }) {
  const { t } = useTranslation();
  if (!diffs.length) return null;
  return (
    <Card size="small" title={t('review.diff.card')} data-testid="round-diffs" style={{ marginTop: 16 }}>
      {diffs.map((d) => (
        <div key={d.toRound} style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t('review.diff.title', { from: d.fromRound, to: d.toRound })}</Typography.Text>
          {d.changes.length ? (
            <Table
              rowKey="field"
              size="small"
              pagination={false}
              dataSource={d.changes}
              columns={[
                { title: t('review.diff.field'), dataIndex: 'field', width: 160, render: (f: string) => label(f) },
                { title: t('review.diff.before'), dataIndex: 'before', render: (v: unknown) => shown(v, '—') },
                { title: t('review.diff.after'), dataIndex: 'after', render: (v: unknown) => shown(v, '—') },
              ]}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.diff.unchanged')} />
          )}
        </div>
      ))}
    </Card>
  );
}
