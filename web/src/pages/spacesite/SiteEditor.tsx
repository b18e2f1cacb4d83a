import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { registryApi } from '../../api/registry';
import { spacesiteApi, type Site, type SiteBody } from '../../api/spacesite';
import { QueryError } from '../../components/QueryError';
import { useFormErrors } from '../../components/useFormErrors';
import { can } from '../../api/session';
import { useCurrentUser } from '../../app/currentUser';

type Values = Omit<SiteBody, 'revision' | 'successCases'> & { casesSource: 'filed' | 'own'; successCases: NonNullable<SiteBody['successCases']> };

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

function valuesOf(site: Site): Values {
  return {
    intro: site.intro,
    nameEn: site.nameEn,
    introEn: site.introEn,
    address: site.address,
    contactPhone: site.contactPhone,
    contactEmail: site.contactEmail,
    website: site.website,
    casesSource: site.successCases ? 'own' : 'filed',
    successCases: site.successCases ?? [],
    international: site.international,
  };
}

/** The editor of one space's public-site fields, saved at the revision it read. */
function SiteForm({ site, editable }: { site: Site; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  const source = Form.useWatch('casesSource', form);
  useEffect(() => {
    errors.clear();
    form.resetFields();
    form.setFieldsValue(valuesOf(site));
  }, [site]);

  const save = async (v: Values) => {
    setBusy(true);
    errors.clear();
    try {
      const body: SiteBody = {
        revision: site.revision,
        intro: blankToNull(v.intro),
        nameEn: blankToNull(v.nameEn),
        introEn: blankToNull(v.introEn),
        address: blankToNull(v.address),
        contactPhone: blankToNull(v.contactPhone),
        contactEmail: blankToNull(v.contactEmail),
        website: blankToNull(v.website),
        successCases: v.casesSource === 'own' ? (v.successCases ?? []).map((c) => ({ ...c, titleEn: c.titleEn || undefined, contentEn: c.contentEn || undefined })) : null,
        international: {
          partners: v.international?.partners ?? [],
          overseasTeams: v.international?.overseasTeams ?? [],
          languages: v.international?.languages ?? [],
          note: v.international?.note || undefined,
          noteEn: v.international?.noteEn || undefined,
        },
      };
      const saved = await spacesiteApi.save(site.spaceId, body);
      queryClient.setQueryData(['spacesite', site.spaceId], saved);
      void queryClient.invalidateQueries({ queryKey: ['portal-space', site.spaceId] });
      message.success(t('spacesite.editor.saved'));
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={save} disabled={!editable} data-testid="site-form">
        <Card size="small" title={t('spacesite.editor.basics')} style={{ marginBottom: 16 }}>
          <Form.Item name="intro" label={t('spacesite.editor.intro')}>
            <Input.TextArea rows={4} maxLength={3000} showCount />
          </Form.Item>
          <Form.Item name="nameEn" label={t('spacesite.editor.nameEn')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="introEn" label={t('spacesite.editor.introEn')}>
            <Input.TextArea rows={4} maxLength={6000} />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="address" label={t('spacesite.editor.address')}>
              <Input maxLength={200} style={{ width: 360 }} />
            </Form.Item>
            <Form.Item name="contactPhone" label={t('spacesite.editor.contactPhone')} extra={t('spacesite.editor.contactPhoneHint')}>
              <Input maxLength={30} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="contactEmail" label={t('spacesite.editor.contactEmail')}>
              <Input maxLength={200} style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="website" label={t('spacesite.editor.website')}>
              <Input maxLength={300} style={{ width: 300 }} />
            </Form.Item>
          </Space>
        </Card>
        <Card size="small" title={t('spacesite.editor.cases')} style={{ marginBottom: 16 }}>
          <Form.Item name="casesSource" label={t('spacesite.editor.casesSource')} extra={t('spacesite.editor.filedCount', { count: site.filedSuccessCases.length })}>
            <Radio.Group
              onChange={(e) => {
                if (e.target.value === 'own' && !(form.getFieldValue('successCases') ?? []).length) form.setFieldValue('successCases', site.filedSuccessCases);
              }}
              options={[
                { value: 'filed', label: t('spacesite.editor.useFiled') },
                { value: 'own', label: t('spacesite.editor.ownCases') },
              ]}
            />
          </Form.Item>
          {source === 'own' && (
            <Form.List name="successCases">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Card key={f.key} size="small" style={{ marginBottom: 8 }} extra={<Button type="text" danger icon={<MinusCircleOutlined />} aria-label={t('spacesite.editor.remove')} onClick={() => remove(f.name)} />}>
                      <Form.Item name={[f.name, 'title']} label={t('spacesite.editor.caseTitle')} rules={[{ required: true, message: t('spacesite.editor.caseTitle') }]}>
                        <Input maxLength={100} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'content']} label={t('spacesite.editor.caseContent')} rules={[{ required: true, message: t('spacesite.editor.caseContent') }]}>
                        <Input.TextArea rows={3} maxLength={3000} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'titleEn']} label={t('spacesite.editor.caseTitleEn')}>
                        <Input maxLength={200} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'contentEn']} label={t('spacesite.editor.caseContentEn')}>
                        <Input.TextArea rows={2} maxLength={6000} />
                      </Form.Item>
                    </Card>
                  ))}
                  {fields.length < 10 && (
                    <Button icon={<PlusOutlined />} onClick={() => add({ title: '', content: '' })}>
                      {t('spacesite.editor.addCase')}
                    </Button>
                  )}
                </>
              )}
            </Form.List>
          )}
        </Card>
        <Card size="small" title={t('spacesite.editor.international')} style={{ marginBottom: 16 }}>
          <Typography.Text strong>{t('spacesite.editor.partners')}</Typography.Text>
          <Form.List name={['international', 'partners']}>
            {(fields, { add, remove }) => (
              <div style={{ marginBottom: 12 }}>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="baseline">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('spacesite.editor.partnerName') }]}>
                      <Input placeholder={t('spacesite.editor.partnerName')} maxLength={200} style={{ width: 260 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'country']} rules={[{ required: true, message: t('spacesite.editor.country') }]}>
                      <Input placeholder={t('spacesite.editor.country')} maxLength={50} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'since']}>
                      <Input placeholder={t('spacesite.editor.since')} maxLength={20} style={{ width: 120 }} />
                    </Form.Item>
                    <Button type="text" danger icon={<MinusCircleOutlined />} aria-label={t('spacesite.editor.remove')} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <div>
                  <Button size="small" icon={<PlusOutlined />} onClick={() => add({ name: '', country: '' })}>
                    {t('spacesite.editor.addPartner')}
                  </Button>
                </div>
              </div>
            )}
          </Form.List>
          <Typography.Text strong>{t('spacesite.editor.overseasTeams')}</Typography.Text>
          <Form.List name={['international', 'overseasTeams']}>
            {(fields, { add, remove }) => (
              <div style={{ marginBottom: 12 }}>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="baseline">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('spacesite.editor.teamName') }]}>
                      <Input placeholder={t('spacesite.editor.teamName')} maxLength={200} style={{ width: 260 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'country']} rules={[{ required: true, message: t('spacesite.editor.country') }]}>
                      <Input placeholder={t('spacesite.editor.country')} maxLength={50} style={{ width: 140 }} />
                    </Form.Item>
                    <Button type="text" danger icon={<MinusCircleOutlined />} aria-label={t('spacesite.editor.remove')} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <div>
                  <Button size="small" icon={<PlusOutlined />} onClick={() => add({ name: '', country: '' })}>
                    {t('spacesite.editor.addTeam')}
                  </Button>
                </div>
              </div>
            )}
          </Form.List>
          <Form.Item name={['international', 'languages']} label={t('spacesite.editor.languages')} extra={t('spacesite.editor.languagesHint')}>
            <Select mode="tags" open={false} style={{ maxWidth: 480 }} />
          </Form.Item>
          <Form.Item name={['international', 'note']} label={t('spacesite.editor.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name={['international', 'noteEn']} label={t('spacesite.editor.noteEn')}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
        </Card>
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy} data-testid="site-save">
            {t('spacesite.editor.save')}
          </Button>
        )}
      </Form>
    </>
  );
}

/**
 * 空间门户: an operator keeps the public-site fields of its spaces (intro, the space's public contact,
 * success cases, international cooperation, English name and intro); its admins save, its staff read.
 */
export default function SiteEditor() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const spaces = useQuery({ queryKey: ['spacesite-spaces'], queryFn: () => registryApi.spaces({ pageSize: 100 }) });
  const options = (spaces.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  const spaceId = params.get('spaceId') || options[0]?.value;
  const site = useQuery({ queryKey: ['spacesite', spaceId], queryFn: () => spacesiteApi.site(spaceId!), enabled: !!spaceId });
  const page = useQuery({ queryKey: ['portal-space', spaceId], queryFn: () => spacesiteApi.page(spaceId!), enabled: !!spaceId, retry: false });
  const editable = can(me, 'spacesite.edit');

  return (
    <Card
      title={t('spacesite.editor.title')}
      extra={
        <Flex gap={8} align="center">
          <Select aria-label={t('spacesite.editor.chooseSpace')} placeholder={t('spacesite.editor.chooseSpace')} value={spaceId} options={options} onChange={(v: string) => setParams({ spaceId: v })} style={{ width: 280 }} data-testid="site-space" />
          {page.data && <Link to={`/portal/spaces/${spaceId}`}>{t('spacesite.editor.viewPublic')}</Link>}
        </Flex>
      }
    >
      <Alert type="info" showIcon title={t('spacesite.editor.hint')} style={{ marginBottom: 16 }} />
      {!editable && <Alert type="warning" showIcon title={t('spacesite.editor.readOnly')} style={{ marginBottom: 16 }} />}
      {page.isError && <Alert type="warning" showIcon title={t('spacesite.editor.notFiled')} style={{ marginBottom: 16 }} />}
      {spaces.isError ? (
        <QueryError error={spaces.error} onRetry={() => void spaces.refetch()} />
      ) : spaces.data && !options.length ? (
        <Empty description={t('spacesite.editor.noSpaces')} />
      ) : site.isError ? (
        <QueryError error={site.error} onRetry={() => void site.refetch()} />
      ) : site.data ? (
        <SiteForm site={site.data} editable={editable} />
      ) : (
        <Card loading bordered={false} />
      )}
    </Card>
  );
}
