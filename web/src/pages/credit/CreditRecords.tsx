import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type CreditRecord, creditApi, creditKeys } from '../../api/credit';
import { can } from '../../api/session';
import { useCurrentUser } from '../../app/currentUser';
import { PagedTable } from '../../components/PagedTable';
import { formatDateTime } from '../../lib/format';
import { FraudModal } from './FraudModal';

/**
 * 不良科技信用记录: authorities and recommending units see the records of organisations in their
 * jurisdiction, an operator its own; authority admins record fraud findings here
 * (`?applicationId=` opens the form for that application, as the dossier page links it).
 */
export default function CreditRecords() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const linked = params.get('applicationId') ?? undefined;
  const [finding, setFinding] = useState(!!linked);
  const [q, setQ] = useState<string>();
  const close = () => {
    setFinding(false);
    if (linked) setParams({}, { replace: true });
  };
  return (
    <Card title={t('credit.title')}>
      <PagedTable<CreditRecord, { q?: string }>
        queryKey={creditKeys.records}
        list={creditApi.records}
        rowKey="id"
        emptyText={t('credit.empty')}
        filters={
          <Form.Item name="q">
            <Input allowClear placeholder={t('credit.search')} style={{ width: 260 }} />
          </Form.Item>
        }
        toQuery={(v) => {
          setQ(v.q?.trim() || undefined);
          return { q: v.q?.trim() || undefined };
        }}
        toolbar={
          <Space>
            <Button icon={<DownloadOutlined />} href={creditApi.exportUrl(q)} data-testid="credit-export">
              {t('credit.export')}
            </Button>
            {can(me, 'credit.find') && (
              <Button danger icon={<WarningOutlined />} onClick={() => setFinding(true)} data-testid="fraud-record">
                {t('credit.find.open')}
              </Button>
            )}
          </Space>
        }
        columns={[
          { title: t('credit.col.org'), key: 'org', sorter: true, dataIndex: 'orgName' },
          { title: t('credit.col.uscc'), dataIndex: 'uscc', render: (v: string | null) => v ?? '—' },
          { title: t('credit.col.reason'), dataIndex: 'reason', width: 360 },
          { title: t('credit.col.foundAt'), key: 'foundAt', sorter: true, dataIndex: 'foundAt', render: (v: string) => formatDateTime(v) },
          { title: t('credit.col.banUntil'), key: 'banUntil', sorter: true, dataIndex: 'banUntil', render: (v: string) => formatDateTime(v) },
          {
            title: t('credit.col.state'),
            dataIndex: 'active',
            render: (active: boolean) => (active ? <Tag color="red">{t('credit.active')}</Tag> : <Tag>{t('credit.expired')}</Tag>),
          },
        ]}
      />
      <FraudModal open={finding} applicationId={linked} onClose={close} />
    </Card>
  );
}
