import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type MakerProfile, registryApi } from '../../api/registry';
import { meKey } from '../../api/session';
import { QueryError } from '../../components/QueryError';
import { useFormErrors } from '../../components/useFormErrors';
import { MakerFields } from '../register/MakerFields';

const MAKER_KEY = ['my-maker-profile'];

type Values = Pick<MakerProfile, 'name' | 'affiliation' | 'intro'> & { makerType?: 'individual' | 'team'; members?: number; fields: string[] };

/** 创客档案 on the profile page: what spaces see when the maker books or orders; saved with its revision. */
export function MakerProfileCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const profile = useQuery({ queryKey: MAKER_KEY, queryFn: () => registryApi.myMakerProfile() });
  const data = profile.data;
  useEffect(() => {
    if (data) form.setFieldsValue({ ...data, makerType: data.makerType ?? undefined, members: data.members ?? undefined });
  }, [data, form]);
  const save = useMutation({
    mutationFn: ({ makerType, members, fields, affiliation, intro, name }: Values) =>
      registryApi.saveMyMakerProfile({
        revision: data!.revision,
        name: name.trim(),
        makerType: makerType!,
        ...(makerType === 'team' ? { members } : {}),
        fields: fields as MakerProfile['fields'],
        affiliation: affiliation?.trim() || null,
        intro: intro?.trim() || null,
      }),
    onMutate: errors.clear,
    onSuccess: async (saved) => {
      queryClient.setQueryData(MAKER_KEY, saved);
      message.success(t('maker.saved'));
      // The team's name is the organisation's, shown in the header.
      await queryClient.invalidateQueries({ queryKey: meKey });
    },
    onError: errors.onError,
  });

  if (profile.isError) return <QueryError error={profile.error} onRetry={() => void profile.refetch()} />;
  return (
    <Card title={t('maker.title')}>
      {!data ? (
        <Spin />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('maker.hint')}</Typography.Paragraph>
          {data.revision === 0 && <Alert type="info" showIcon title={t('maker.notYet')} style={{ marginBottom: 16 }} />}
          {errors.alert}
          <Form form={form} name="maker-profile" layout="vertical" style={{ maxWidth: 760 }} onFinish={(v) => save.mutate(v)} requiredMark="optional">
            <MakerFields nameField="name" />
            <Flex justify="space-between" align="center">
              <Typography.Text type="secondary">{t('maker.region')}：{data.regionName}</Typography.Text>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('maker.save')}
              </Button>
            </Flex>
          </Form>
        </>
      )}
    </Card>
  );
}
