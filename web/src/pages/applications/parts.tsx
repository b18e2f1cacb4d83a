import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../api/applications';

const STATUS_COLOR: Record<ApplicationStatus, string> = {
  draft: 'gold',
  submitted: 'green',
  withdrawn: 'default',
  in_review: 'blue',
  returned: 'orange',
  in_public_notice: 'purple',
  rejected: 'red',
  filed: 'success',
  cancelled_for_fraud: 'error',
};

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="application-status">
      {t(`applications.status.${status}`)}
    </Tag>
  );
}

/** 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
