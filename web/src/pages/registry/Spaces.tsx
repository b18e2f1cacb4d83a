import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KEY_INDUSTRIES, type MySpace, REGULAR_TYPES, regionPath, registryApi, type SpaceBody } from '../../api/registry';
import { CreateModal } from '../../components/CreateModal';
import { PagedTable } from '../../components/PagedTable';
import { RegionCascader } from '../../components/RegionCascader';
import { formatDateTime } from '../../lib/format';
import { SpaceFilings } from '../decisions/SpaceFilings';

const LIST_KEY = 'my-spaces';

interface SpaceValues {
  name: string;
  category: SpaceBody['category'];
  regularType?: NonNullable<SpaceBody['regularType']>;
  industry: SpaceBody['industry'];
  subField?: string;
  foundedOn?: Dayjs | null;
  region: string[];
  hostIds?: string[];
  onlinePlatform?: { name?: string; url?: string | null };
  techPlatform?: { name?: string; url?: string | null };
  managementSystems?: { entryStandard?: boolean; exitConditions?: boolean; incubateeDatabase?: boolean; other?: string };
}

const platform = (p?: { name?: string; url?: string | null }) => (p?.name?.trim() ? { name: p.name.trim(), url: p.url?.trim() || null } : null);

function toBody({ region, foundedOn, onlinePlatform, techPlatform, managementSystems: m, regularType, subField, ...rest }: SpaceValues): SpaceBody {
  return {
    ...rest,
    regularType: rest.category === 'regular' ? regularType : null,
    subField: subField?.trim() || null,
    regionCode: region.at(-1) ?? '',
    foundedOn: foundedOn ? foundedOn.format('YYYY-MM-DD') : null,
    hostIds: rest.hostIds ?? [],
    onlinePlatform: platform(onlinePlatform),
    techPlatform: platform(techPlatform),
    managementSystems: { entryStandard: !!m?.entryStandard, exitConditions: !!m?.exitConditions, incubateeDatabase: !!m?.incubateeDatabase, ...(m?.other?.trim() ? { other: m.other.trim() } : {}) },
  };
}

const toValues = (s: MySpace): SpaceValues => ({
  name: s.name,
  category: s.category,
  regularType: s.regularType ?? undefined,
  industry: s.industry,
  subField: s.subField ?? undefined,
  foundedOn: s.foundedOn ? dayjs(s.foundedOn) : null,
  region: regionPath(s.regionCode),
  hostIds: s.hosts.map((h) => h.id),
  onlinePlatform: s.onlinePlatform ?? undefined,
  techPlatform: s.techPlatform ?? undefined,
  managementSystems: s.managementSystems ?? undefined,
});

/** The fields of a space, for both registering and editing it. */
function SpaceFields({ form }: { form: ReturnType<typeof Form.useForm<SpaceValues>>[0] }) {
  const { t } = useTranslation();
  const category = Form.useWatch('category', form);
  const hosts = useQuery({ queryKey: ['my-hosts'], queryFn: () => registryApi.myHosts() });
  return (
    <>
      <Form.Item
        name="name"
        label={t('spaces.name')}
        extra={category === 'professional' ? t('spaces.nameRule') : undefined}
        rules={[
          { required: true, whitespace: true, message: t('spaces.nameRequired') },
          ...(category === 'professional' ? [{ pattern: /专业化众创空间$/, message: t('spaces.nameRule') }] : []),
        ]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="category" label={t('spaces.category')} rules={[{ required: true, message: t('spaces.categoryRequired') }]}>
        <Select options={['regular', 'professional'].map((c) => ({ value: c, label: t(`calls.category.${c}`) }))} />
      </Form.Item>
      {category === 'regular' && (
        <Form.Item name="regularType" label={t('spaces.regularType')} rules={[{ required: true, message: t('spaces.regularTypeRequired') }]}>
          <Select options={REGULAR_TYPES.map((c) => ({ value: c, label: t(`spaces.regularTypes.${c}`) }))} />
        </Form.Item>
      )}
      <Form.Item name="industry" label={t('spaces.industry')} rules={[{ required: true, message: t('spaces.industryRequired') }]}>
        <Select options={KEY_INDUSTRIES.map((c) => ({ value: c, label: t(`spaces.industries.${c}`) }))} />
      </Form.Item>
      <Form.Item name="subField" label={t('spaces.subField')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="foundedOn" label={t('spaces.foundedOn')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="region" label={t('spaces.region')} rules={[{ required: true, message: t('spaces.regionRequired') }]}>
        <RegionCascader />
      </Form.Item>
      <Form.Item
        name="hostIds"
        label={t('spaces.hosts')}
        rules={category === 'professional' ? [{ required: true, message: t('spaces.hostsRequired') }] : []}
      >
        <Select mode="multiple" loading={hosts.isLoading} options={hosts.data?.items.map((h) => ({ value: h.id, label: h.name }))} />
      </Form.Item>
      {(['onlinePlatform', 'techPlatform'] as const).map((p) => (
        <Form.Item key={p} label={t(`spaces.${p}`)}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name={[p, 'name']} noStyle>
              <Input placeholder={t('spaces.platformName')} />
            </Form.Item>
            <Form.Item name={[p, 'url']} noStyle>
              <Input placeholder="https://" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      ))}
      <Form.Item label={t('dossier.f.managementSystems')}>
        <Space wrap>
          {(['entryStandard', 'exitConditions', 'incubateeDatabase'] as const).map((k) => (
            <Form.Item key={k} name={['managementSystems', k]} valuePropName="checked" noStyle>
              <Checkbox>{t(`dossier.f.ms.${k}`)}</Checkbox>
            </Form.Item>
          ))}
          <Form.Item name={['managementSystems', 'other']} noStyle>
            <Input placeholder={t('dossier.f.ms.other')} />
          </Form.Item>
        </Space>
      </Form.Item>
    </>
  );
}

function SpaceDetail({ space }: { space: MySpace }) {
  const { t } = useTranslation();
  const yes = (v?: boolean) => (v ? t('common.yes') : t('common.no'));
  return (
    <Descriptions column={1} bordered size="small">
      <Descriptions.Item label={t('spaces.name')}>{space.name}</Descriptions.Item>
      <Descriptions.Item label={t('spaces.category')}>
        {t(`calls.category.${space.category}`)}
        {space.regularType && ` · ${t(`spaces.regularTypes.${space.regularType}`)}`}
      </Descriptions.Item>
      <Descriptions.Item label={t('spaces.industry')}>
        {t(`spaces.industries.${space.industry}`)}
        {space.subField && ` · ${space.subField}`}
      </Descriptions.Item>
      <Descriptions.Item label={t('spaces.foundedOn')}>{space.foundedOn ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('spaces.region')}>{space.regionName}</Descriptions.Item>
      <Descriptions.Item label={t('spaces.operator')}>{space.operator.name}</Descriptions.Item>
      <Descriptions.Item label={t('spaces.hosts')}>{space.hosts.map((h) => h.name).join(t('common.separator')) || '—'}</Descriptions.Item>
      {(['onlinePlatform', 'techPlatform'] as const).map((p) => (
        <Descriptions.Item key={p} label={t(`spaces.${p}`)}>
          {space[p] ? (
            <>
              {space[p].name} {space[p].url && <Tag>{space[p].url}</Tag>}
            </>
          ) : (
            '—'
          )}
        </Descriptions.Item>
      ))}
      {(['entryStandard', 'exitConditions', 'incubateeDatabase'] as const).map((k) => (
        <Descriptions.Item key={k} label={t(`dossier.f.ms.${k}`)}>
          {yes(space.managementSystems?.[k])}
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={t('spaces.updatedAt')}>{formatDateTime(space.updatedAt)}</Descriptions.Item>
    </Descriptions>
  );
}

/** 我的众创空间: the operator's spaces, registered and edited here. */
export default function Spaces() {
  const { t } = useTranslation();
  const [form] = Form.useForm<SpaceValues>();
  const [editing, setEditing] = useState<MySpace | 'new' | null>(null);
  const [viewing, setViewing] = useState<MySpace | null>(null);
  return (
    <Card title={t('spaces.title')}>
      <PagedTable<MySpace>
        queryKey={LIST_KEY}
        list={registryApi.spaces}
        rowKey="id"
        emptyText={t('spaces.empty')}
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('spaces.create')}
          </Button>
        }
        columns={[
          {
            title: t('spaces.name'),
            key: 'name',
            sorter: true,
            dataIndex: 'name',
            render: (n: string, s) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setViewing(s)}>
                {n}
              </Button>
            ),
          },
          { title: t('spaces.category'), dataIndex: 'category', render: (c: string) => <Tag color="blue">{t(`calls.category.${c}`)}</Tag> },
          { title: t('spaces.industry'), dataIndex: 'industry', render: (c: string) => t(`spaces.industries.${c}`) },
          { title: t('spaces.region'), key: 'region', sorter: true, dataIndex: 'regionName' },
          { title: t('spaces.updatedAt'), key: 'updatedAt', sorter: true, dataIndex: 'updatedAt', render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, s) =>
              s.abilities.edit && (
                <Button size="small" onClick={() => setEditing(s)}>
                  {t('spaces.edit')}
                </Button>
              ),
          },
        ]}
      />
      <CreateModal<SpaceValues>
        key={editing === 'new' ? 'new' : editing?.id}
        open={editing !== null}
        title={editing === 'new' ? t('spaces.create') : t('spaces.edit')}
        onClose={() => setEditing(null)}
        form={form}
        listKey={LIST_KEY}
        initialValues={editing && editing !== 'new' ? toValues(editing) : { category: 'regular' }}
        submit={(v) =>
          editing && editing !== 'new' ? registryApi.updateSpace(editing.id, { revision: editing.revision, ...toBody(v) }) : registryApi.createSpace(toBody(v))
        }
      >
        <SpaceFields form={form} />
      </CreateModal>
      <Drawer open={viewing !== null} onClose={() => setViewing(null)} title={viewing?.name} size="large">
        {viewing && (
          <>
            <SpaceDetail space={viewing} />
            <SpaceFilings spaceId={viewing.id} />
          </>
        )}
      </Drawer>
    </Card>
  );
}
