import { Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { applicationsApi, type ApplicationSummary } from '../../api/applications';
import { PagedTable } from '../../components/PagedTable';
import { formatDateTime } from '../../lib/format';
import { ApplicationStatusTag } from './parts';

/** The states in which the applicant still works on the dossier (src/modules/applications/policy.ts EDITABLE); in any other it is only read. */
const EDITABLE: readonly ApplicationSummary['status'][] = ['draft', 'withdrawn', 'returned'];

/** 我的申报: the operator's applications with status and deadline. */
export default function Applications() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card title={t('applications.title')} extra={<Button onClick={() => navigate('/app/calls')}>{t('applications.toCalls')}</Button>}>
      <PagedTable<ApplicationSummary>
        queryKey="applications"
        list={applicationsApi.list}
        rowKey="id"
        emptyText={t('applications.empty')}
        columns={[
          { title: t('applications.space'), key: 'space', sorter: true, render: (_, a) => <Link to={`/app/applications/${a.id}`}>{a.space.name}</Link> },
          { title: t('applications.call'), key: 'call', sorter: true, render: (_, a) => a.call.title },
          { title: t('applications.statusLabel'), key: 'status', sorter: true, dataIndex: 'status', render: (s: ApplicationSummary['status']) => <ApplicationStatusTag status={s} /> },
          { title: t('applications.deadline'), dataIndex: 'deadline', render: formatDateTime },
          { title: t('applications.submittedAt'), key: 'submittedAt', sorter: true, dataIndex: 'submittedAt', render: formatDateTime },
          { title: t('applications.updatedAt'), key: 'updatedAt', sorter: true, dataIndex: 'updatedAt', render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, a) => (
              <Button size="small" type="link" onClick={() => navigate(`/app/applications/${a.id}`)}>
                {EDITABLE.includes(a.status) ? t('applications.edit') : t('applications.view')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
