import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type NewOrgBody, type OrgOp } from '../../api/admin';
import { can } from '../../api/session';
import { type AdminOrg, AUTHORITY_LEVELS, HOST_TYPES, ORG_KINDS, RECOMMENDER_TYPES } from '../../api/types';
import { useCurrentUser } from '../../app/currentUser';
import { CreateModal } from '../../components/CreateModal';
import { PagedTable } from '../../components/PagedTable';
import { UsccField } from '../../components/UsccField';
import { RegionCascader } from '../../components/RegionCascader';
import { useAction } from '../../components/useAction';
import { formatDateTime } from '../../lib/format';

const LIST_KEY = 'admin-orgs';

interface NewOrg extends Omit<NewOrgBody, 'regionCode'> {
  region: string[];
}

/** Organisations, managed by the system administrator. */
export default function Orgs() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const me = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<NewOrg>();
  const kind = Form.useWatch('kind', form);
  const act = useAction(
    ({ org, op }: { org: AdminOrg; op: OrgOp }) => adminApi.orgAction(org.id, op),
    [[LIST_KEY]],
    (r, { org, op }) => t(`orgs.done.${op}`, { name: org.name, count: r.sessionsEnded }),
  );
  const optionsOf = (prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  return (
    <Card title={t('orgs.title')}>
      <PagedTable<AdminOrg, { q?: string; kind?: string }>
        queryKey={LIST_KEY}
        list={adminApi.orgs}
        rowKey="id"
        emptyText={t('orgs.empty')}
        filters={
          <>
            <Form.Item name="q" label={t('orgs.q')}>
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="kind" label={t('orgs.kind')}>
              <Select allowClear options={optionsOf('orgKind', ORG_KINDS)} style={{ width: 150 }} />
            </Form.Item>
          </>
        }
        toolbar={
          can(me, 'org.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('orgs.create')}
            </Button>
          )
        }
        columns={[
          { title: t('orgs.name'), key: 'name', sorter: true, dataIndex: 'name' },
          {
            title: t('orgs.kind'),
            key: 'kind',
            sorter: true,
            render: (_, o) => {
              const sub = o.authorityLevel
                ? t(`authorityLevel.${o.authorityLevel}`)
                : o.hostType
                  ? t(`hostType.${o.hostType}`)
                  : o.recommenderType && t(`recommenderType.${o.recommenderType}`);
              return (
                <>
                  <Tag color="blue">{t(`orgKind.${o.kind}`)}</Tag>
                  {sub && <Tag>{sub}</Tag>}
                </>
              );
            },
          },
          { title: t('orgs.region'), key: 'region', sorter: true, render: (_, o) => t('orgs.regionWithCode', { name: o.regionName, code: o.regionCode }) },
          { title: t('orgs.uscc'), dataIndex: 'uscc', render: (v: string | null) => v ?? '—' },
          {
            title: t('orgs.status'),
            dataIndex: 'status',
            render: (s: AdminOrg['status']) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`users.statusValue.${s}`)}</Tag>,
          },
          { title: t('orgs.createdAt'), key: 'createdAt', sorter: true, dataIndex: 'createdAt', render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            // Nobody disables their own organisation (the platform would lock its administrators out).
            render: (_, o) =>
              o.id === me.organisation.id ? null : o.status === 'active' ? (
                can(me, 'org.disable') && (
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    modal.confirm({
                      content: t('orgs.disableConfirm', { name: o.name }),
                      okText: t('common.ok'),
                      cancelText: t('common.cancel'),
                      onOk: () => act.mutate({ org: o, op: 'disable' }),
                    })
                  }
                >
                  {t('orgs.disable')}
                </Button>
                )
              ) : (
                can(me, 'org.enable') && (
                  <Button size="small" onClick={() => act.mutate({ org: o, op: 'enable' })}>
                    {t('orgs.enable')}
                  </Button>
                )
              ),
          },
        ]}
      />
      {can(me, 'org.create') && (
      <CreateModal<NewOrg>
        open={creating}
        title={t('orgs.create')}
        onClose={() => setCreating(false)}
        form={form}
        listKey={LIST_KEY}
        submit={({ region, uscc, ...rest }) => adminApi.createOrg({ ...rest, regionCode: region.at(-1) ?? '', uscc: uscc || undefined })}
      >
        <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true, whitespace: true, message: t('orgs.nameRequired') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('orgs.kind')} rules={[{ required: true, message: t('orgs.kindRequired') }]}>
          <Select options={optionsOf('orgKind', ORG_KINDS)} />
        </Form.Item>
        {kind === 'authority' && (
          <Form.Item name="authorityLevel" label={t('orgs.authorityLevel')} rules={[{ required: true, message: t('orgs.levelRequired') }]}>
            <Select options={optionsOf('authorityLevel', [...AUTHORITY_LEVELS].reverse())} />
          </Form.Item>
        )}
        {kind === 'host' && (
          <Form.Item name="hostType" label={t('orgs.hostType')} rules={[{ required: true, message: t('orgs.hostTypeRequired') }]}>
            <Select options={optionsOf('hostType', HOST_TYPES)} />
          </Form.Item>
        )}
        {kind === 'recommending_unit' && (
          <Form.Item name="recommenderType" label={t('orgs.recommenderType')} rules={[{ required: true, message: t('orgs.recommenderTypeRequired') }]}>
            <Select options={optionsOf('recommenderType', RECOMMENDER_TYPES)} />
          </Form.Item>
        )}
        <Form.Item name="region" label={t('orgs.region')} rules={[{ required: true, message: t('orgs.regionRequired') }]}>
          <RegionCascader />
        </Form.Item>
        <UsccField />
      </CreateModal>
      )}
    </Card>
  );
}
