import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ManagedPolicy, POLICY_KINDS, POLICY_VALIDITIES, policiesApi, VALIDITY_COLORS } from '../../api/policies';
import { PagedTable } from '../../components/PagedTable';

interface Filters {
  q?: string;
  kind?: ManagedPolicy['kind'];
  status?: ManagedPolicy['status'];
  validity?: ManagedPolicy['validity'];
}

/** 政策文件管理: the jurisdiction's policies and interpretations, drafts included; new ones start here. */
export default function PoliciesAdmin() {
  const { t } = useTranslation();
  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('policies.admin.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{t('policies.admin.intro')}</Typography.Paragraph>
      <PagedTable<ManagedPolicy, Filters>
        queryKey="managed-policies"
        list={(q) => policiesApi.managed(q)}
        rowKey="id"
        emptyText={t('policies.admin.empty')}
        inUrl={{
          keys: ['q', 'kind', 'status', 'validity'],
          toParams: (v) => ({ q: v.q?.trim() || undefined, kind: v.kind, status: v.status, validity: v.validity }),
          fromParams: (p) => ({ q: p.q, kind: p.kind as Filters['kind'], status: p.status as Filters['status'], validity: p.validity as Filters['validity'] }),
        }}
        toQuery={(v) => ({ q: v.q?.trim() || undefined, kind: v.kind, status: v.status, validity: v.validity })}
        filters={
          <>
            <Form.Item name="q">
              <Input allowClear placeholder={t('policies.searchPlaceholder')} style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="kind">
              <Select allowClear placeholder={t('policies.filter.allKinds')} options={POLICY_KINDS.map((k) => ({ value: k, label: t(`policies.kind.${k}`) }))} style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="status">
              <Select allowClear placeholder={t('policies.filter.allStatuses')} options={(['draft', 'published'] as const).map((k) => ({ value: k, label: t(`policies.status.${k}`) }))} style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="validity">
              <Select allowClear placeholder={t('policies.filter.allValidities')} options={POLICY_VALIDITIES.map((k) => ({ value: k, label: t(`policies.validity.${k}`) }))} style={{ width: 130 }} />
            </Form.Item>
          </>
        }
        toolbar={
          <Link to="/app/policies/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="policy-create">
              {t('policies.admin.create')}
            </Button>
          </Link>
        }
        columns={[
          { title: t('policies.field.title'), dataIndex: 'title', key: 'title', sorter: true, render: (v: string, r) => <Link to={`/app/policies/${r.id}`}>{v}</Link> },
          { title: t('policies.field.kind'), dataIndex: 'kind', render: (k: ManagedPolicy['kind']) => t(`policies.kind.${k}`) },
          { title: t('policies.field.docNo'), dataIndex: 'docNo', render: (v: string | null) => v ?? '—' },
          { title: t('policies.field.issuedOn'), dataIndex: 'issuedOn', key: 'issuedOn', sorter: true, render: (v: string | null, r) => v ?? r.writtenOn ?? '—' },
          { title: t('policies.field.region'), dataIndex: 'regionName' },
          { title: t('policies.field.status'), dataIndex: 'status', render: (s: ManagedPolicy['status']) => <Tag color={s === 'published' ? 'blue' : 'gold'}>{t(`policies.status.${s}`)}</Tag> },
          { title: t('policies.field.validity'), dataIndex: 'validity', render: (v: ManagedPolicy['validity'], r) => (r.status === 'published' ? <Tag color={VALIDITY_COLORS[v]}>{t(`policies.validity.${v}`)}</Tag> : '—') },
        ]}
      />
    </Card>
  );
}
