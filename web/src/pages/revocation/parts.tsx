import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Proposal } from '../../api/revocation';

const STATUS_COLOURS: Record<Proposal['status'], string> = { pending: 'orange', in_review: 'processing', revoked: 'red', dismissed: 'default' };

export function ProposalStatusTag({ status }: { status: Proposal['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`revocation.status.${status}`)}</Tag>;
}
