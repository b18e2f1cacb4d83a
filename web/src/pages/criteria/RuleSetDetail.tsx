import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Flex, Form, Input, Modal, Row, Space, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { type Condition, criteriaApi, isGroup, type RuleSetDefinition, type RuleSetDetail as Detail } from '../../api/criteria';
import { DraftSaveAlerts, DraftStatusAlert } from '../../components/DraftAlerts';
import { DraftToolbar } from '../../components/DraftToolbar';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { StatusPage } from '../../components/StatusPage';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime } from '../../lib/format';
import { AddConditionModal } from './AddConditionModal';
import { type ConditionPath, ConditionTree, pathKey } from './ConditionTree';
import { conditionLabel, StatusTag, VersionText } from './parts';
import { Preview } from './Preview';
import { LIST_KEY } from './RuleSets';
import { useBreadcrumbTitle } from '../../app/breadcrumbs';

const detailKey = (id: string) => ['criteria-rule-set', id];

/** Edits not yet saved, and the revision they were made on (sent back for the optimistic lock). */
interface Edits {
  from: number;
  definition: RuleSetDefinition;
}

/** Replaces the condition at `path` (or removes it when `next` is null) in a copy of the list. */
function replaceAt(list: Condition[], path: ConditionPath, next: Condition | null): Condition[] {
  const [i, ...rest] = path;
  return list.flatMap((c, j) => {
    if (j !== i) return [c];
    if (rest.length === 0) return next ? [next] : [];
    if (!isGroup(c)) return [c];
    return [{ ...c, conditions: replaceAt(c.conditions, rest, next) }];
  });
}

function conditionAt(list: Condition[], path: ConditionPath): Condition | undefined {
  const [i, ...rest] = path;
  const c = list[i!];
  return rest.length === 0 || !c ? c : isGroup(c) ? conditionAt(c.conditions, rest) : undefined;
}

function allIds(list: Condition[], into = new Set<string>()): Set<string> {
  list.forEach((c) => {
    into.add(c.id);
    if (isGroup(c)) allIds(c.conditions, into);
  });
  return into;
}

/**
 * `body.definition.conditions.4.conditions.0.value: …` → condition path "4/0" and its message;
 * problems outside any condition (the title) go under "".
 */
const PROPERTY_LABELS: Record<string, string> = {
  value: 'criteria.edit.value',
  max: 'criteria.edit.max',
  min: 'criteria.edit.min',
  groupSize: 'criteria.edit.groupSize',
  perGroup: 'criteria.edit.perGroup',
  minPercent: 'criteria.edit.minPercent',
  title: 'criteria.editTitle',
  clause: 'criteria.add.clause',
  label: 'criteria.add.label',
};

function problemsByCondition(err: unknown, t: TFunction, lang: 'zh-CN' | 'en-US'): Map<string, string[]> {
  const map = new Map<string, string[]>();
  if (!(err instanceof ApiError)) return map;
  for (const f of err.fields) {
    const parts = f.field.replace(/^body\.definition\.?/, '').split('.');
    const path: number[] = [];
    while (parts[0] === 'conditions' && /^\d+$/.test(parts[1] ?? '')) {
      path.push(Number(parts[1]));
      parts.splice(0, 2);
    }
    const key = pathKey(path);
    const property = parts.join('.');
    const name = PROPERTY_LABELS[property] ? t(PROPERTY_LABELS[property]) : property || f.field;
    const text = `${name}${t('criteria.colon')}${lang === 'en-US' ? f.messageEn : f.message}`;
    map.set(key, [...(map.get(key) ?? []), text]);
  }
  return map;
}

function CloneModal({ detail, open, onClose }: { detail: Detail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ title: string; key?: string }>();
  const errors = useFormErrors(form);
  const clone = useMutation({
    mutationFn: (v: { title: string; key?: string }) =>
      criteriaApi.clone(detail.id, { title: v.title.trim(), key: v.key?.trim() || undefined }),
    onMutate: errors.clear,
    onSuccess: async (r) => {
      message.success(t('criteria.cloned', { key: r.key }));
      onClose();
      await queryClient.invalidateQueries({ queryKey: [LIST_KEY] });
      navigate(`/app/criteria/${r.id}`);
    },
    onError: errors.onError,
  });
  return (
    <Modal
      open={open}
      title={t('criteria.cloneTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={clone.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <Form form={form} name="criteria-clone" layout="vertical" initialValues={{ title: detail.title }} onFinish={(v) => clone.mutate(v)}>
        <Form.Item name="title" label={t('criteria.cloneName')} rules={[{ required: true, whitespace: true, message: t('criteria.titleRequired') }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="key" label={t('criteria.cloneKey')} extra={t('criteria.cloneKeyHint')} rules={[{ pattern: /^[a-z0-9][a-z0-9-]{2,63}$/, message: t('criteria.cloneKeyInvalid') }]}>
          <Input placeholder={`${detail.key}-…`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One rule set: its conditions, the actions its abilities allow, and the live preview. */
export default function RuleSetDetail() {
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: detailKey(id), queryFn: () => criteriaApi.get(id) });
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
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [edits, setEdits] = useState<Edits | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [adding, setAdding] = useState<{ parent: ConditionPath | null } | null>(null);
  const [cloning, setCloning] = useState(false);

  const editable = detail.abilities.edit && detail.status === 'draft';
  const definition = edits?.definition ?? detail.definition;
  const dirty = edits !== null;
  const problems = useMemo(() => problemsByCondition(saveError, t, i18n.language === 'en-US' ? 'en-US' : 'zh-CN'), [saveError, t, i18n.language]);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: detailKey(detail.id) }),
      queryClient.invalidateQueries({ queryKey: [LIST_KEY] }),
    ]);

  function edit(change: (d: RuleSetDefinition) => RuleSetDefinition) {
    setEdits((e) => ({ from: e?.from ?? detail.revision, definition: change(e?.definition ?? detail.definition) }));
  }

  const save = useMutation({
    mutationFn: (revision: number) =>
      criteriaApi.save(detail.id, { revision, definition: edits!.definition }),
    onMutate: () => {
      setSaveError(null);
      setConflict(null);
    },
    onSuccess: async () => {
      await refresh();
      setEdits(null);
      message.success(t('criteria.saved'));
    },
    onError: async (err) => {
      if (err instanceof ApiError && err.status === 409) {
        // Someone else saved (or published) first: keep every edit on screen, learn the latest revision.
        setConflict(err.localized);
        await refresh();
      } else setSaveError(err);
    },
  });

  const publish = useMutation({
    mutationFn: () => criteriaApi.publish(detail.id, detail.revision),
    onSuccess: async (r) => {
      await refresh();
      message.success(t('criteria.published', { version: r.version }));
    },
    onError: async (err) => {
      message.error(errorMessage(err));
      await refresh();
    },
  });

  function confirmPublish() {
    modal.confirm({
      title: t('criteria.publishTitle'),
      content: t('criteria.publishConfirm', { title: detail.title }),
      okText: t('criteria.publish'),
      cancelText: t('common.cancel'),
      onOk: () => publish.mutateAsync().catch(() => undefined),
    });
  }

  const target = adding?.parent ? conditionAt(definition.conditions, adding.parent) : undefined;

  const actions = (
    <DraftToolbar
      ns="criteria"
      editable={editable}
      dirty={dirty}
      saving={save.isPending}
      onDiscard={() => (setEdits(null), setConflict(null), setSaveError(null))}
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
      <Link to="/app/criteria">← {t('criteria.back')}</Link>
      <Card
        title={
          <Space wrap>
            <span>{detail.title}</span>
            <StatusTag status={detail.status} />
            {detail.version !== null && (
              <Tag>
                <VersionText version={detail.version} />
              </Tag>
            )}
          </Space>
        }
        extra={actions}
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'source', label: t('criteria.source'), children: definition.source, span: 2 },
            { key: 'key', label: t('criteria.key'), children: <Tag>{detail.key}</Tag> },
            { key: 'owner', label: t('criteria.owner'), children: detail.ownerName ?? t('criteria.shipped') },
            { key: 'updatedAt', label: t('criteria.updatedAt'), children: formatDateTime(detail.updatedAt) },
            { key: 'publishedAt', label: t('criteria.publishedAt'), children: formatDateTime(detail.publishedAt) },
            ...(detail.basedOnId
              ? [{ key: 'basedOn', label: t('criteria.basedOn'), children: <Link to={`/app/criteria/${detail.basedOnId}`}>{t('criteria.open')}</Link> }]
              : []),
          ]}
        />
        <DraftStatusAlert ns="criteria" published={detail.status === 'published'} editable={editable} />
        <DraftSaveAlerts
          ns="criteria"
          editable={editable}
          conflict={conflict}
          saving={save.isPending}
          onOverwrite={() => save.mutate(detail.revision)}
          onReload={() => (setEdits(null), setConflict(null))}
          saveError={saveError}
          problems={[...problems].flatMap(([key, list]) =>
            list.map((p) => (
              <li key={`${key}:${p}`}>
                {key ? `${conditionLabel(t, conditionAt(definition.conditions, key.split('/').map(Number)) ?? definition.conditions[0]!)} — ` : ''}
                {p}
              </li>
            )),
          )}
        />
      </Card>
      <Row gutter={[16, 16]} align="top">
        <Col xs={24} xl={14}>
          <Card
            title={t('criteria.conditions')}
            extra={
              editable && (
                <Button icon={<PlusOutlined />} onClick={() => setAdding({ parent: null })}>
                  {t('criteria.addCondition')}
                </Button>
              )
            }
          >
            {editable && (
              <Form layout="vertical" style={{ marginBottom: 12 }}>
                <Form.Item label={t('criteria.editTitle')} validateStatus={definition.title.trim() ? undefined : 'error'} help={definition.title.trim() ? undefined : t('criteria.titleRequired')} style={{ marginBottom: 0 }}>
                  <Input
                    aria-label={t('criteria.editTitle')}
                    value={definition.title}
                    maxLength={200}
                    onChange={(e) => edit((d) => ({ ...d, title: e.target.value }))}
                  />
                </Form.Item>
              </Form>
            )}
            <ConditionTree
              conditions={definition.conditions}
              errors={problems}
              editing={
                editable
                  ? {
                      change: (path, next) => edit((d) => ({ ...d, conditions: replaceAt(d.conditions, path, next) })),
                      remove: (path) => edit((d) => ({ ...d, conditions: replaceAt(d.conditions, path, null) })),
                      add: (parent) => setAdding({ parent }),
                    }
                  : undefined
              }
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Preview
            ruleSetId={detail.id}
            revision={detail.revision}
            conditions={definition.conditions}
            unsaved={dirty}
            onSave={editable ? () => save.mutate(edits!.from) : undefined}
            saving={save.isPending}
          />
        </Col>
      </Row>
      {editable && (
        <AddConditionModal
          open={adding !== null}
          target={target ? conditionLabel(t, target) : t('criteria.add.top')}
          defaultClause={target?.clause ?? ''}
          takenIds={allIds(definition.conditions)}
          onClose={() => setAdding(null)}
          onAdd={(c) => {
            const parent = adding?.parent ?? null;
            edit((d) => {
              if (!parent) return { ...d, conditions: [...d.conditions, c] };
              const group = conditionAt(d.conditions, parent);
              return group && isGroup(group) ? { ...d, conditions: replaceAt(d.conditions, parent, { ...group, conditions: [...group.conditions, c] }) } : d;
            });
            setAdding(null);
            message.info(t('criteria.add.added'));
          }}
        />
      )}
      {detail.abilities.clone && <CloneModal detail={detail} open={cloning} onClose={() => setCloning(false)} />}
    </Flex>
  );
}
