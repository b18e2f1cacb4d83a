import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, InputNumber, Modal, Space, Tabs, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { evaluationApi, type SchemeDefinition, type SchemeDetail as Detail } from '../../api/evaluation';
import { useBreadcrumbTitle } from '../../app/breadcrumbs';
import { DraftStatusAlert } from '../../components/DraftAlerts';
import { DraftToolbar } from '../../components/DraftToolbar';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { StatusPage } from '../../components/StatusPage';
import { useFormErrors } from '../../components/useFormErrors';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { Field } from './inputs';
import { detailKey, LIST_KEY, SchemeStatus } from './parts';
import { Preview } from './Preview';
import { SchemeContent } from './SchemeContent';

/** Edits not yet saved, and the revision they were made on (sent back for the optimistic lock). */
interface Edits {
  from: number;
  definition: SchemeDefinition;
}

/** The server's problems by the field's path under the definition (save says `body.definition.…`, publish `definition.…`). */
function problemsOf(err: unknown): Map<string, string> {
  if (!(err instanceof ApiError)) return new Map();
  const en = currentLanguage() === 'en-US';
  return new Map(err.fields.map((f) => [f.field.replace(/^(body\.)?definition\.?/, ''), en ? f.messageEn : f.message]));
}

/** `indicators.3.scoring.cap` → "工位 · indicators.3.scoring.cap", so a problem in the list says whose it is. */
function whose(t: TFunction, d: SchemeDefinition, path: string): string {
  const [list, i] = path.split('.');
  const item = list === 'indicators' || list === 'bonus' || list === 'vetoes' ? d[list][Number(i)] : undefined;
  if (item) return item.label || item.key;
  if (list === 'bands') return t('evaluation.bands');
  return path || t('evaluation.scheme');
}

function CloneModal({ detail, open, onClose }: { detail: Detail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ year: number }>();
  const errors = useFormErrors(form);
  const clone = useMutation({
    mutationFn: (v: { year: number }) => evaluationApi.clone(detail.id, { year: v.year }),
    onMutate: errors.clear,
    onSuccess: async (r) => {
      message.success(t('evaluation.cloned', { title: r.title }));
      onClose();
      await queryClient.invalidateQueries({ queryKey: [LIST_KEY] });
      void navigate(`/app/evaluation/${r.id}`);
    },
    onError: errors.onError,
  });
  return (
    <Modal open={open} title={t('evaluation.cloneTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.ok')} cancelText={t('common.cancel')} confirmLoading={clone.isPending} destroyOnHidden>
      {errors.alert}
      <Typography.Paragraph type="secondary">{t('evaluation.cloneHint')}</Typography.Paragraph>
      <Form form={form} name="evaluation-clone" layout="vertical" initialValues={{ year: detail.year }} onFinish={(v) => clone.mutate(v)}>
        <Form.Item name="year" label={t('evaluation.cloneYear')} rules={[{ required: true, message: t('evaluation.yearRequired') }]}>
          <InputNumber min={2015} max={2100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One evaluation scheme: its content by dimension, what its abilities allow (clone, edit the draft, publish). */
export default function SchemeDetail() {
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: detailKey(id), queryFn: () => evaluationApi.get(id) });
  useBreadcrumbTitle(detail.data?.title);
  if (detail.isPending) return <PageSpinner />;
  if (detail.isError) {
    const e = detail.error;
    if (e instanceof ApiError && (e.status === 404 || e.code === 'VALIDATION_FAILED')) return <StatusPage status={404} home="/app" />;
    return <QueryError error={e} onRetry={() => void detail.refetch()} />;
  }
  // A new id (after cloning) starts with fresh local state.
  return <DetailView key={id} detail={detail.data} />;
}

function DetailView({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [edits, setEdits] = useState<Edits | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [cloning, setCloning] = useState(false);
  const editable = detail.abilities.edit && detail.status === 'draft';
  const definition = edits?.definition ?? detail.definition;
  const dirty = edits !== null;
  const problems = useMemo(() => problemsOf(failure), [failure]);
  const catalogue = useQuery({ queryKey: ['evaluation-return-indicators', detail.year], queryFn: () => evaluationApi.returnIndicators(detail.year), staleTime: Infinity });
  const en = currentLanguage() === 'en-US';
  const returnOptions = (catalogue.data ?? []).map((i) => ({ value: i.code, label: `${en ? i.labelEn : i.label}（${i.unit ?? ''}）` }));
  const returnLabel = (code: string) => {
    const i = catalogue.data?.find((x) => x.code === code);
    return i ? (en ? i.labelEn : i.label) : code;
  };

  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: detailKey(detail.id) }), queryClient.invalidateQueries({ queryKey: [LIST_KEY] })]);
  const edit = (change: (d: SchemeDefinition) => SchemeDefinition) => setEdits((e) => ({ from: e?.from ?? detail.revision, definition: change(e?.definition ?? detail.definition) }));

  const save = useMutation({
    mutationFn: (revision: number) => evaluationApi.save(detail.id, { revision, definition: edits!.definition }),
    onMutate: () => setFailure(null),
    onSuccess: async () => {
      await refresh();
      setEdits(null);
      message.success(t('evaluation.saved'));
    },
    // A stale revision (409) keeps every edit on screen; the alert offers to overwrite or reload.
    onError: async (err) => {
      setFailure(err);
      if (err instanceof ApiError && err.status === 409) await refresh();
    },
  });
  const publish = useMutation({
    mutationFn: () => evaluationApi.publish(detail.id, detail.revision),
    onMutate: () => setFailure(null),
    onSuccess: async (r) => {
      await refresh();
      message.success(t('evaluation.publishedNow', { version: r.version }));
    },
    onError: (err) => setFailure(err),
  });
  const confirmPublish = () =>
    modal.confirm({
      title: t('evaluation.publishTitle'),
      content: t('evaluation.publishConfirm', { title: detail.title, year: detail.year }),
      okText: t('evaluation.publish'),
      cancelText: t('common.cancel'),
      onOk: () => publish.mutateAsync().catch(() => undefined),
    });

  const stale = failure instanceof ApiError && failure.status === 409;
  const actions = (
    <DraftToolbar
      ns="evaluation"
      editable={editable}
      dirty={dirty}
      saving={save.isPending}
      onDiscard={() => (setEdits(null), setFailure(null))}
      onSave={() => save.mutate(edits!.from)}
      canPublish={detail.abilities.publish && detail.status === 'draft'}
      publishing={publish.isPending}
      onPublish={confirmPublish}
      canClone={detail.abilities.clone}
      onClone={() => setCloning(true)}
    />
  );

  return (
    <Flex vertical gap={16}>
      <Link to="/app/evaluation">← {t('evaluation.back')}</Link>
      <Card
        title={
          <Space wrap>
            <span>{definition.title}</span>
            <SchemeStatus s={detail} />
          </Space>
        }
        extra={actions}
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'region', label: t('evaluation.region'), children: detail.regionName },
            { key: 'year', label: t('evaluation.year'), children: detail.year },
            { key: 'category', label: t('evaluation.category'), children: [t(`evaluation.categoryValue.${detail.category}`), ...(detail.types ?? []).map((ty) => t(`evaluation.typeValue.${ty}`))].join(' · ') },
            { key: 'maxPoints', label: t('evaluation.totalPoints'), children: t('evaluation.points', { points: detail.maxPoints }) },
            { key: 'origin', label: t('evaluation.origin'), children: detail.shipped ? t('evaluation.shipped') : t('evaluation.own') },
            { key: 'updatedAt', label: t('evaluation.updatedAt'), children: formatDateTime(detail.publishedAt ?? detail.updatedAt) },
            { key: 'source', label: t('evaluation.sourceDocument'), children: definition.source, span: 3 },
            ...(detail.basedOnId ? [{ key: 'basedOn', label: t('evaluation.basedOn'), children: <Link to={`/app/evaluation/${detail.basedOnId}`}>{t('evaluation.open')}</Link> }] : []),
          ]}
        />
        <DraftStatusAlert ns="evaluation" published={detail.status === 'published'} editable={editable} />
        {failure !== null && (
          <Alert
            type="error"
            showIcon
            data-testid="scheme-errors"
            style={{ marginTop: 12 }}
            title={stale ? t('evaluation.conflict') : problems.size ? t('evaluation.serverErrors') : errorMessage(failure)}
            description={
              problems.size ? (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {[...problems].map(([path, text]) => (
                    <li key={path}>
                      {whose(t, definition, path)}
                      {t('evaluation.colon')}
                      {text}
                    </li>
                  ))}
                </ul>
              ) : stale ? (
                t('evaluation.conflictHint')
              ) : undefined
            }
            action={
              stale && (
                <Space orientation="vertical">
                  {editable && dirty && (
                    <Button size="small" type="primary" loading={save.isPending} onClick={() => save.mutate(detail.revision)}>
                      {t('evaluation.overwrite')}
                    </Button>
                  )}
                  <Button size="small" onClick={() => (setEdits(null), setFailure(null))}>
                    {t('evaluation.reload')}
                  </Button>
                </Space>
              )
            }
          />
        )}
        {editable && (
          <Form layout="vertical" style={{ marginTop: 12, maxWidth: 720 }}>
            <Field path="title" label={t('evaluation.editTitle')} problems={problems}>
              <Input aria-label={t('evaluation.editTitle')} maxLength={120} value={definition.title} onChange={(e) => edit((d) => ({ ...d, title: e.target.value }))} />
            </Field>
          </Form>
        )}
      </Card>
      <Tabs
        items={[
          {
            key: 'content',
            label: t('evaluation.tabContent'),
            children: <SchemeContent definition={definition} edit={editable ? edit : undefined} problems={problems} returnLabel={returnLabel} returnOptions={returnOptions} />,
          },
          { key: 'preview', label: t('evaluation.tabPreview'), children: <Preview detail={detail} unsaved={dirty} /> },
        ]}
      />
      {detail.abilities.clone && <CloneModal detail={detail} open={cloning} onClose={() => setCloning(false)} />}
    </Flex>
  );
}
