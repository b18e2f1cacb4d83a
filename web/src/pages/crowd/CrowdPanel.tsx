import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Challenge, crowdApi, crowdKeys } from '../../api/crowd';
import { PagedTable } from '../../components/PagedTable';
import { useChallengeColumns } from './CrowdDesk';

/** 众包评审: the challenges the user sits on the panel of. */
export default function CrowdPanel() {
  const { t } = useTranslation();
  const columns = useChallengeColumns('/app/crowd-panel');
  return (
    <Card title={t('crowd.menu.panel')}>
      <PagedTable<Challenge> queryKey={crowdKeys.panel} list={crowdApi.panel} rowKey="id" emptyText={t('crowd.empty.panel')} columns={columns} />
    </Card>
  );
}
