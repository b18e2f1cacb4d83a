import { ArrowRightOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Select, Space, Steps, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { CHAIN_PLACES, type ChainPath, rosterApi, rosterKeys } from '../../api/roster';
import { can } from '../../api/session';
import { useCurrentUser } from '../../app/currentUser';
import { useFormErrors } from '../../components/useFormErrors';
import { STATUS_COLORS } from './Roster';

type Place = (typeof CHAIN_PLACES)[number];
interface PlaceValues {
  place: Place;
  partners: { name: string; place: Place }[];
}

/** 创业苗圃 → 众创空间 → 孵化器 → 加速器 → 专业园区: a space's declared place and partner carriers. */
function SpacePlace({ spaceId, editable }: { spaceId: string; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PlaceValues>();
  const errors = useFormErrors(form);
  const query = useQuery({ queryKey: [rosterKeys.chain, spaceId], queryFn: () => rosterApi.chainPlace(spaceId) });
  useEffect(() => {
    if (query.data) form.setFieldsValue({ place: query.data.place ?? undefined, partners: query.data.partners.map((p) => ({ name: p.name, place: p.place })) });
  }, [query.data, form]);
  const places = CHAIN_PLACES.map((p) => ({ value: p, label: t(`roster.places.${p}`) }));
  const save = async (values: PlaceValues) => {
    try {
      await rosterApi.setChainPlace(spaceId, { place: values.place, partners: values.partners ?? [] });
      message.success(t('roster.saved'));
      await queryClient.invalidateQueries({ queryKey: [rosterKeys.chain, spaceId] });
    } catch (err) {
      errors.onError(err);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={save} disabled={!editable}>
      {errors.alert}
      <Form.Item name="place" label={t('roster.chain.place')} rules={[{ required: true, message: t('roster.form.required') }]}>
        <Select options={places} placeholder={t('roster.chain.notDeclared')} style={{ width: 220 }} />
      </Form.Item>
      <Typography.Text strong>{t('roster.chain.partners')}</Typography.Text>
      <Form.List name="partners">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" style={{ display: 'flex', marginTop: 8 }}>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('roster.form.required') }]}>
                  <Input placeholder={t('roster.chain.partnerName')} style={{ width: 280 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'place']} rules={[{ required: true, message: t('roster.form.required') }]}>
                  <Select options={places} style={{ width: 160 }} />
                </Form.Item>
                {editable && <MinusCircleOutlined onClick={() => remove(f.name)} />}
              </Space>
            ))}
            {editable && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ place: 'incubator' })} style={{ marginTop: 8 }}>
                {t('roster.chain.addPartner')}
              </Button>
            )}
          </>
        )}
      </Form.List>
      {editable && (
        <Button type="primary" htmlType="submit" style={{ marginTop: 16 }}>
          {t('roster.chain.save')}
        </Button>
      )}
    </Form>
  );
}

/** The path of one USCC across the carriers of an authority's jurisdiction. */
function PathLookup() {
  const { t } = useTranslation();
  const [path, setPath] = useState<ChainPath>();
  const [error, setError] = useState<string>();
  const lookup = async (uscc: string) => {
    setError(undefined);
    try {
      setPath(await rosterApi.chain(uscc.trim().toUpperCase()));
    } catch (err) {
      setPath(undefined);
      setError(errorMessage(err));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search placeholder={t('roster.chain.lookup')} enterButton={t('roster.chain.lookupButton')} maxLength={18} onSearch={(v) => void lookup(v)} style={{ maxWidth: 420 }} data-testid="chain-lookup" />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {path && (
        <Steps
          direction="vertical"
          current={path.steps.length - 1}
          items={path.steps.map((s) => ({
            title: (
              <Space>
                {s.spaceName}
                <Tag>{s.place ? t(`roster.places.${s.place}`) : t('roster.chain.notDeclared')}</Tag>
                <ArrowRightOutlined />
                <Tag color={STATUS_COLORS[s.status]}>{t(`roster.statuses.${s.status}`)}</Tag>
              </Space>
            ),
            description: [
              `${s.name} · ${s.regionName} · ${t('roster.col.entryDate')} ${s.entryDate}`,
              s.leftOn ? t('roster.chain.left', { date: s.leftOn }) : '',
              s.movedTo ? t('roster.chain.movedTo', { name: s.movedTo }) : '',
            ]
              .filter(Boolean)
              .join(' · '),
          }))}
        />
      )}
    </Space>
  );
}

/** Operators declare each space's place; authorities follow an enterprise along the chain and read the places. */
export function ChainTab({ spaceOptions }: { spaceOptions: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [spaceId, setSpaceId] = useState<string>();
  const chosen = spaceId ?? spaceOptions[0]?.value;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {can(me, 'roster.chain') && (
        <Card size="small" title={t('roster.chain.lookup')}>
          <PathLookup />
        </Card>
      )}
      <Card size="small" title={<Select options={spaceOptions} value={chosen} onChange={setSpaceId} style={{ width: 280 }} />}>
        {chosen ? <SpacePlace key={chosen} spaceId={chosen} editable={can(me, 'roster.edit')} /> : <Empty />}
      </Card>
    </Space>
  );
}
