import { Alert, Card, Form, Input, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CALL_LEVELS, CHAIN_KINDS, type ChainKind, type ChainSummary, chainsApi } from '../../api/chains';
import { PagedTable } from '../../components/PagedTable';
import { formatDateTime } from '../../lib/format';
import { ChainKindTag, LIST_KEY, localName, StatusTag, VersionText } from './parts';

interface Filters {
  key?: string;
  level?: string;
  status?: string;
  kind?: ChainKind;
}

/** 审核流程: the shipped chains and those of the user's jurisdiction line, with the drafts below it. */
export default function Chains() {
  const { t, i18n } = useTranslation();
  return (
    <Card title={t('chains.title')}>
      <Alert type="info" showIcon title={t('chains.intro')} style={{ marginBottom: 16 }} />
      <PagedTable<ChainSummary, Filters>
        queryKey={LIST_KEY}
        list={chainsApi.list}
        rowKey="id"
        emptyText={t('chains.empty')}
        toQuery={({ key, level, status, kind }) => ({ key: key?.trim() || undefined, level, status, kind })}
        filters={
          <>
            <Form.Item name="key" label={t('chains.key')}>
              <Input allowClear style={{ width: 200 }} placeholder="liaoning_province" />
            </Form.Item>
            <Form.Item name="kind" label={t('chains.chainKindLabel')}>
              <Select allowClear style={{ width: 130 }} options={CHAIN_KINDS.map((k) => ({ value: k, label: t(`chains.chainKind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="level" label={t('chains.level')}>
              <Select allowClear style={{ width: 110 }} options={CALL_LEVELS.map((l) => ({ value: l, label: t(`calls.level.${l}`) }))} />
            </Form.Item>
            <Form.Item name="status" label={t('chains.status')}>
              <Select allowClear style={{ width: 110 }} options={(['published', 'draft'] as const).map((s) => ({ value: s, label: t(`chains.statusValue.${s}`) }))} />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: t('chains.name'),
            dataIndex: 'name',
            render: (_: string, r) => (
              <div style={{ maxWidth: 360 }}>
                <Link to={`/app/chains/${r.id}`}>{localName(i18n.language, r)}</Link>
              </div>
            ),
          },
          { title: t('chains.key'), dataIndex: 'key', render: (key: string) => <Tag>{key}</Tag> },
          { title: t('chains.chainKindLabel'), dataIndex: 'kind', render: (k: string) => <ChainKindTag kind={k} /> },
          { title: t('chains.level'), dataIndex: 'level', render: (l: string) => <Tag color="blue">{t(`calls.level.${l}`)}</Tag> },
          { title: t('chains.stageCount'), dataIndex: 'stageCount', render: (count: number) => t('chains.stageCountValue', { count }) },
          { title: t('chains.version'), dataIndex: 'version', render: (v: number | null) => <VersionText version={v} /> },
          { title: t('chains.status'), dataIndex: 'status', render: (s: ChainSummary['status']) => <StatusTag status={s} /> },
          { title: t('chains.owner'), dataIndex: 'ownerName', render: (o: string | null) => o ?? t('chains.shipped') },
          { title: t('chains.publishedAt'), dataIndex: 'publishedAt', render: formatDateTime },
        ]}
      />
    </Card>
  );
}
