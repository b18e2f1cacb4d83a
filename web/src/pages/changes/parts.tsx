import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PayloadDiffs } from '../../components/PayloadDiffs';
import { changesApi, type ChangeDetail, type ChangeField, type ChangeSummary } from '../../api/changes';

/** A change report's state in the words of a change (an approval applies it: 已批准变更, not 已备案). */
const STATUS_COLOR: Record<ChangeSummary['status'], string> = {
  draft: 'default',
  submitted: 'processing',
  withdrawn: 'default',
  in_review: 'processing',
  returned: 'warning',
  in_public_notice: 'processing',
  rejected: 'error',
  filed: 'success',
  cancelled_for_fraud: 'error',
};

export function ChangeStatusTag({ status }: { status: ChangeSummary['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="change-status">
      {t(`changes.status.${status}`)}
    </Tag>
  );
}

/** Late (reported after the due date) and overdue (waiting past the stage's due date) flags. */
export function ChangeFlags({ late, overdue }: { late: boolean; overdue: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {late && (
        <Tag color="orange" data-testid="change-late">
          {t('changes.late')}
        </Tag>
      )}
      {overdue && <Tag color="red">{t('changes.overdue')}</Tag>}
    </>
  );
}

/**
 * What a change report asks for, read-only: each field before (on record) → after, the explanation
 * and the evidence. The report page and the review split view both show it.
 */
export function ChangeMaterial({ report }: { report: ChangeDetail }) {
  const { t } = useTranslation();
  return (
    <div data-testid="change-material">
      <Table
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={report.items}
        columns={[
          { title: t('changes.fieldLabel'), dataIndex: 'field', width: 110, render: (f: ChangeField) => t(`changes.field.${f}`) },
          { title: t('changes.before'), dataIndex: 'before', width: '40%', render: (v: string) => v || t('changes.noValue') },
          { title: t('changes.after'), dataIndex: 'after' },
        ]}
      />
      <Space wrap size="large" style={{ marginTop: 16, marginBottom: 8 }}>
        <span>
          <Typography.Text strong>{t('changes.effectiveOn')}：</Typography.Text>
          {report.effectiveOn ?? '—'}
        </span>
        <span>
          <Typography.Text strong>{t('changes.dueOn')}：</Typography.Text>
          {report.dueOn ?? '—'} <ChangeFlags late={report.late} overdue={false} />
        </span>
      </Space>
      <Typography.Paragraph>
        <Typography.Text strong>{t('changes.explanation')}：</Typography.Text>
        {report.explanation || '—'}
      </Typography.Paragraph>
      <Space wrap>
        <Typography.Text strong>{t('changes.evidence')}：</Typography.Text>
        {report.evidence.map((e) => (
          <a key={e.fileId} href={changesApi.fileUrl(report.id, e.fileId)}>
            {e.fileName}
          </a>
        ))}
      </Space>
      <PayloadDiffs diffs={report.diffs} label={(f) => diffLabel(f, t)} />
    </div>
  );
}

/** A handed-in path in the words of a change report: `items.name` is the field changed, the rest the report's own parts. */
function diffLabel(field: string, t: (key: string) => string): string {
  if (field.startsWith('items.')) return `${t('changes.items')} · ${t(`changes.field.${field.slice('items.'.length)}`)}`;
  return t(`changes.${field}`);
}
