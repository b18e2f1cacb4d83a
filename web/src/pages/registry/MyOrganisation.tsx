import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Host, type NewHostBody, registryApi } from '../../api/registry';
import { HOST_TYPES } from '../../api/types';
import { CreateModal } from '../../components/CreateModal';
import { QueryError } from '../../components/QueryError';
import { RegionCascader } from '../../components/RegionCascader';
import { UsccField } from '../../components/UsccField';
import { ProfileFields, profileBody, type ProfileValues, profileValues } from './ProfileFields';

const ORG_KEY = 'my-org';
const HOSTS_KEY = 'my-hosts';

interface NewHost extends Pick<NewHostBody, 'uscc' | 'name' | 'hostType'> {
  region?: string[];
}

/** 我的机构: the operator's profile (view, edit with revision) and its hosts (link or register by USCC). */
export default function MyOrganisation() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [profileForm] = Form.useForm<ProfileValues>();
  const [hostForm] = Form.useForm<NewHost>();
  const org = useQuery({ queryKey: [ORG_KEY], queryFn: () => registryApi.myOrganisation() });
  const hosts = useQuery({ queryKey: [HOSTS_KEY], queryFn: () => registryApi.myHosts() });

  if (org.isError) return <QueryError error={org.error} onRetry={() => void org.refetch()} />;
  if (!org.data) return <Spin />;
  const o = org.data;
  const dash = (v: string | null) => v || '—';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={o.name}
        extra={
          o.abilities.edit && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('org.edit')}
            </Button>
          )
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('orgs.uscc')}>{dash(o.uscc)}</Descriptions.Item>
          <Descriptions.Item label={t('orgs.region')}>{o.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('org.nature')}>{o.nature ? t(`dossier.nature.${o.nature}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('dossier.f.legalRepresentative')}>{dash(o.legalRepresentative)}</Descriptions.Item>
          <Descriptions.Item label={t('dossier.f.principalName')}>{dash(o.principalName)}</Descriptions.Item>
          <Descriptions.Item label={t('dossier.f.principalMobile')}>{dash(o.principalMobile)}</Descriptions.Item>
          <Descriptions.Item label={t('dossier.f.contactName')}>{dash(o.contactName)}</Descriptions.Item>
          <Descriptions.Item label={t('dossier.f.contactMobile')}>{dash(o.contactMobile)}</Descriptions.Item>
          <Descriptions.Item label={t('org.phone')}>{dash(o.phone)}</Descriptions.Item>
          <Descriptions.Item label={t('dossier.f.email')}>{dash(o.email)}</Descriptions.Item>
          <Descriptions.Item label={t('dossier.f.address')} span={2}>
            {dash(o.address)}
          </Descriptions.Item>
        </Descriptions>
        {o.mobilesMasked && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('org.masked')}
          </Typography.Paragraph>
        )}
      </Card>

      <Card
        title={t('org.hosts')}
        extra={
          o.abilities.edit && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('org.addHost')}
            </Button>
          )
        }
      >
        {hosts.isError ? (
          <QueryError error={hosts.error} onRetry={() => void hosts.refetch()} />
        ) : (
          <Table<Host>
            rowKey="id"
            size="small"
            loading={hosts.isLoading}
            dataSource={hosts.data?.items}
            pagination={false}
            locale={{ emptyText: t('org.noHosts') }}
            columns={[
              { title: t('orgs.name'), dataIndex: 'name' },
              { title: t('orgs.uscc'), dataIndex: 'uscc', render: dash },
              { title: t('orgs.hostType'), dataIndex: 'hostType', render: (h: string) => <Tag>{t(`hostType.${h}`)}</Tag> },
              { title: t('orgs.region'), dataIndex: 'regionName' },
            ]}
          />
        )}
      </Card>

      <CreateModal<ProfileValues>
        open={editing}
        title={t('org.edit')}
        onClose={() => setEditing(false)}
        form={profileForm}
        listKey={ORG_KEY}
        initialValues={profileValues(o)}
        submit={(v) => registryApi.saveMyOrganisation({ revision: o.revision, ...profileBody(v) })}
      >
        <ProfileFields />
      </CreateModal>

      <CreateModal<NewHost>
        open={adding}
        title={t('org.addHost')}
        onClose={() => setAdding(false)}
        form={hostForm}
        listKey={HOSTS_KEY}
        submit={({ region, name, hostType, uscc }) =>
          registryApi.addHost({ uscc, ...(name?.trim() ? { name: name.trim() } : {}), ...(hostType ? { hostType } : {}), ...(region?.length ? { regionCode: region.at(-1) } : {}) })
        }
      >
        <Typography.Paragraph type="secondary">{t('org.addHostHint')}</Typography.Paragraph>
        <UsccField required />
        <Form.Item name="name" label={t('orgs.name')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="hostType" label={t('orgs.hostType')}>
          <Select allowClear options={HOST_TYPES.map((h) => ({ value: h, label: t(`hostType.${h}`) }))} />
        </Form.Item>
        <Form.Item name="region" label={t('orgs.region')}>
          <RegionCascader />
        </Form.Item>
      </CreateModal>
    </Space>
  );
}
