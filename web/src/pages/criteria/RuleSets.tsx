import { Card, Form, Input, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { criteriaApi, type RuleSetSummary } from '../../api/criteria';
import { PagedTable } from '../../components/PagedTable';
import { formatDateTime } from '../../lib/format';
import { StatusTag, VersionText } from './parts';

export const LIST_KEY = 'criteria-rule-sets';

/** Published rule sets of every jurisdiction, plus the drafts within the user's own. */
export default function RuleSets() {
  const { t } = useTranslation();
  return (
    <Card title={t('criteria.title')}>
      <PagedTable<RuleSetSummary, { key?: string }>
        queryKey={LIST_KEY}
        list={criteriaApi.list}
        rowKey="id"
        emptyText={t('criteria.empty')}
        toQuery={({ key }) => ({ key: key?.trim() })}
        filters={
          <Form.Item name="key" label={t('criteria.key')}>
            <Input allowClear style={{ width: 220 }} placeholder="liaoning-2019" />
          </Form.Item>
        }
        columns={[
          {
            title: t('criteria.name'),
            dataIndex: 'title',
            // Long titles wrap instead of pushing the dates off the table.
            render: (title: string, r) => (
              <div style={{ maxWidth: 300 }}>
                <Link to={`/app/criteria/${r.id}`}>{title}</Link>
              </div>
            ),
          },
          { title: t('criteria.key'), dataIndex: 'key', render: (key: string) => <Tag>{key}</Tag> },
          { title: t('criteria.version'), dataIndex: 'version', render: (v: number | null) => <VersionText version={v} /> },
          { title: t('criteria.status'), dataIndex: 'status', render: (s: RuleSetSummary['status']) => <StatusTag status={s} /> },
          { title: t('criteria.owner'), dataIndex: 'ownerName', render: (o: string | null) => o ?? t('criteria.shipped') },
          { title: t('criteria.publishedAt'), dataIndex: 'publishedAt', render: formatDateTime },
        ]}
      />
    </Card>
  );
}
