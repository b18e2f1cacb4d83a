import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ExpertBody, type ExpertProfile, expertKeys, expertsApi, KEY_INDUSTRIES, type KeyIndustry } from '../../api/experts';
import { CreateModal } from '../../components/CreateModal';
import { PagedTable } from '../../components/PagedTable';
import { RegionCascader } from '../../components/RegionCascader';
import { useAction } from '../../components/useAction';
import { OrgPicker } from './OrgPicker';

interface ProfileValues {
  username?: string;
  fields: KeyIndustry[];
  affiliation: string;
  affiliationOrgId?: string | null;
  region: string[];
  conflictOrgIds?: string[];
}

const toBody = ({ region, ...v }: ProfileValues): Omit<ExpertBody, 'username'> & { username?: string } => ({
  ...v,
  affiliationOrgId: v.affiliationOrgId ?? null,
  conflictOrgIds: v.conflictOrgIds ?? [],
  regionCode: region.at(-1) ?? '',
});

/** 专家库: the authority admin's pool of experts — add accounts holding the expert role, edit, deactivate. */
export default function ExpertPool() {
  const { t } = useTranslation();
  const [form] = Form.useForm<ProfileValues>();
  const [editing, setEditing] = useState<ExpertProfile | 'new' | null>(null);
  const toggle = useAction(
    (e: ExpertProfile) => (e.active ? expertsApi.deactivate(e.userId) : expertsApi.activate(e.userId)),
    [[expertKeys.pool]],
    (e) => t(e.active ? 'experts.pool.activated' : 'experts.pool.deactivated', { name: e.displayName }),
  );
  const industries = KEY_INDUSTRIES.map((c) => ({ value: c, label: t(`spaces.industries.${c}`) }));
  const known = editing && editing !== 'new' ? [...editing.conflictOrgs, ...(editing.affiliationOrg ? [editing.affiliationOrg] : [])] : [];

  return (
    <Card title={t('experts.pool.title')}>
      <PagedTable<ExpertProfile, { q?: string; field?: string }>
        queryKey={expertKeys.pool}
        list={expertsApi.pool}
        rowKey="userId"
        emptyText={t('experts.pool.empty')}
        filters={
          <>
            <Form.Item name="q">
              <Input allowClear placeholder={t('experts.pool.search')} />
            </Form.Item>
            <Form.Item name="field">
              <Select allowClear placeholder={t('experts.pool.fields')} options={industries} style={{ minWidth: 160 }} />
            </Form.Item>
          </>
        }
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="expert-add">
            {t('experts.pool.add')}
          </Button>
        }
        columns={[
          { title: t('experts.pool.name'), key: 'name', render: (_, e) => `${e.displayName}（${e.username}）` },
          { title: t('experts.pool.fields'), dataIndex: 'fields', render: (f: KeyIndustry[]) => f.map((c) => <Tag key={c}>{t(`spaces.industries.${c}`)}</Tag>) },
          { title: t('experts.pool.affiliation'), dataIndex: 'affiliation' },
          { title: t('experts.pool.region'), dataIndex: 'regionName' },
          { title: t('experts.pool.conflicts'), dataIndex: 'conflictOrgs', render: (o: ExpertProfile['conflictOrgs']) => o.map((c) => c.name).join('、') || '—' },
          { title: t('experts.pool.load'), dataIndex: 'load' },
          {
            title: t('experts.pool.status'),
            key: 'active',
            render: (_, e) => (e.active && e.accountActive ? <Tag color="green">{t('experts.pool.active')}</Tag> : <Tag>{t('experts.pool.inactive')}</Tag>),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, e) => (
              <Space>
                <Button size="small" onClick={() => setEditing(e)}>
                  {t('experts.pool.edit')}
                </Button>
                <Button size="small" danger={e.active} loading={toggle.isPending && toggle.variables?.userId === e.userId} onClick={() => toggle.mutate(e)}>
                  {t(e.active ? 'experts.pool.deactivate' : 'experts.pool.activate')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <CreateModal<ProfileValues>
        open={editing !== null}
        title={t(editing === 'new' ? 'experts.pool.add' : 'experts.pool.edit')}
        onClose={() => setEditing(null)}
        listKey={expertKeys.pool}
        form={form}
        initialValues={
          editing && editing !== 'new'
            ? { fields: editing.fields, affiliation: editing.affiliation, affiliationOrgId: editing.affiliationOrg?.id ?? null, conflictOrgIds: editing.conflictOrgs.map((o) => o.id), region: editing.regionPath.split('/').slice(1) }
            : { fields: [], conflictOrgIds: [] }
        }
        submit={({ username, ...v }) => (editing === 'new' ? expertsApi.add({ ...toBody(v), username: username ?? '' }) : expertsApi.update((editing as ExpertProfile).userId, toBody(v)))}
      >
        {editing === 'new' && (
          <Form.Item name="username" label={t('experts.pool.username')} extra={t('experts.pool.usernameHint')} rules={[{ required: true, whitespace: true, message: t('experts.pool.usernameRequired') }]}>
            <Input maxLength={64} />
          </Form.Item>
        )}
        <Form.Item name="fields" label={t('experts.pool.fields')} rules={[{ required: true, message: t('experts.pool.fieldsRequired') }]}>
          <Select mode="multiple" options={industries} />
        </Form.Item>
        <Form.Item name="affiliation" label={t('experts.pool.affiliation')} rules={[{ required: true, min: 2, message: t('experts.pool.affiliationRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="affiliationOrgId" label={t('experts.pool.affiliationOrg')} extra={t('experts.pool.affiliationOrgHint')}>
          <OrgPicker known={known} />
        </Form.Item>
        <Form.Item name="region" label={t('experts.pool.region')} rules={[{ required: true, message: t('experts.pool.regionRequired') }]}>
          <RegionCascader />
        </Form.Item>
        <Form.Item name="conflictOrgIds" label={t('experts.pool.conflicts')}>
          <OrgPicker multiple known={known} />
        </Form.Item>
      </CreateModal>
    </Card>
  );
}
