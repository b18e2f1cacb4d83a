import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChangeSummary } from '../../api/changes';

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
