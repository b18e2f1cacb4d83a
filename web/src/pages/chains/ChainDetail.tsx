import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, Modal, Row, Select, Space, Tag, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { CALL_LEVELS, type CallLevel, type ChainBody, type ChainDetail as Detail, chainsApi, REQUIRED_FILINGS, type Stage } from '../../api/chains';
import { ApiError, errorMessage } from '../../api/client';
import { DraftSaveAlerts, DraftStatusAlert } from '../../components/DraftAlerts';
import { DraftToolbar } from '../../components/DraftToolbar';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { StatusPage } from '../../components/StatusPage';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime } from '../../lib/format';
import { ChainKindTag, LIST_KEY, localName, StatusTag, VersionText } from './parts';
import { type EditStage, Field, type Problems, StageTable } from './StageTable';
import { useBreadcrumbTitle } from '../../app/breadcrumbs';

const detailKey = (id: string) => ['chain', id];

/** What the editor changes: the draft's fields and its stages (each with a React key). */
interface Editable {
  name: string;
  nameEn: string;
  level: CallLevel;
  requiresFiling: 'city' | 'province' | null;
  stages: EditStage[];
}

/** Edits not yet saved, and the revision they were made on (sent back for the optimistic lock). */
interface Edits {
  from: number;
  chain: Editable;
}

let uidSeq = 0;
const uid = () => `s${++uidSeq}`;

const editableOf = (d: Detail): Editable => ({
  name: d.name,
  nameEn: d.nameEn,
  level: d.level,
  requiresFiling: d.requiresFiling,
  stages: d.definition.stages.map((s) => ({ ...s, uid: uid() })),
});

/** The PUT body: the stages without their React keys. */
const bodyOf = (c: Editable, revision: number): ChainBody => ({
  revision,
  name: c.name.trim(),
  nameEn: c.nameEn.trim(),
  level: c.level,
  requiresFiling: c.requiresFiling,
  definition: { stages: c.stages.map(({ uid: _uid, ...s }) => s) },
});

/** The server's field errors by path under `body.` (`definition.stages.2.actor`). */
function problemsOf(err: unknown, lang: string): Problems {
  const map: Problems = new Map();
  if (!(err instanceof ApiError)) return map;
  for (const f of err.fields) {
    const path = f.field.replace(/^body\.?/, '');
    map.set(path, [...(map.get(path) ?? []), lang === 'en-US' ? f.messageEn : f.message]);
  }
  return map;
}

/** "第 3 个环节（省级专家评审）— 办理单位：…" for the summary above the table. */
function describeProblem(t: TFunction, lang: string, path: string, stages: Stage[]): string {
  const m = /^definition\.stages\.(\d+)(?:\.(\w+))?/.exec(path);
  if (!m) {
    const field = FIELD_LABELS[path];
    return path.startsWith('definition') ? t('chains.stages') : field ? t(field) : t('chains.general');
  }
  const i = Number(m[1]);
  const stage = stages[i];
  const where = `${t('chains.stageN', { n: i + 1 })}${stage ? `（${localName(lang, stage) || stage.key}）` : ''}`;
  const field = m[2] ? STAGE_FIELD_LABELS[m[2]] : undefined;
  return field ? `${where} — ${t(field)}` : where;
}

const FIELD_LABELS: Record<string, string> = { name: 'chains.editName', nameEn: 'chains.editNameEn', level: 'chains.level', requiresFiling: 'chains.requiresFiling' };
const STAGE_FIELD_LABELS: Record<string, string> = {
  key: 'chains.stageKey',
  kind: 'chains.kindLabel',
  name: 'chains.stageName',
  nameEn: 'chains.stageNameEn',
  actor: 'chains.actorLabel',
  dueDays: 'chains.dueDays',
  documents: 'chains.documents',
  filingLevel: 'chains.filingLevel',
  checklist: 'chains.checklist',
};

function CloneModal({ detail, open, onClose }: { detail: Detail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; key?: string }>();
  const errors = useFormErrors(form);
  const clone = useMutation({
    mutationFn: (v: { name: string; key?: string }) => chainsApi.clone(detail.id, { name: v.name.trim(), key: v.key?.trim() || undefined }),
    onMutate: errors.clear,
    onSuccess: async (r) => {
      message.success(t('chains.cloned', { key: r.key }));
      onClose();
      await queryClient.invalidateQueries({ queryKey: [LIST_KEY] });
      navigate(`/app/chains/${r.id}`);
    },
    onError: errors.onError,
  });
  return (
    <Modal
      open={open}
      title={t('chains.cloneTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={clone.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <Form form={form} name="chain-clone" layout="vertical" initialValues={{ name: detail.name }} onFinish={(v) => clone.mutate(v)}>
        <Form.Item name="name" label={t('chains.cloneName')} rules={[{ required: true, whitespace: true, message: t('chains.nameRequired') }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="key" label={t('chains.cloneKey')} extra={t('chains.cloneKeyHint')} rules={[{ pattern: /^[a-z][a-z0-9_]{2,63}$/, message: t('chains.cloneKeyInvalid') }]}>
          <Input placeholder={`${detail.key}_…`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One chain version: its stages, the actions its abilities allow, the editor of a draft. */
export default function ChainDetail() {
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: detailKey(id), queryFn: () => chainsApi.get(id) });
  useBreadcrumbTitle(detail.data?.name);
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
  const [cloning, setCloning] = useState(false);
  const [expanded, setExpanded] = useState<string[]>([]);

  const saved = useMemo(() => editableOf(detail), [detail]);
  const editable = detail.abilities.edit && detail.status === 'draft';
  const chain = edits?.chain ?? saved;
  const dirty = edits !== null;
  const problems = useMemo(() => problemsOf(saveError, i18n.language), [saveError, i18n.language]);

  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: detailKey(detail.id) }), queryClient.invalidateQueries({ queryKey: [LIST_KEY] })]);

  /** Changes the chain; `structural` changes (order, added or removed stages) drop the server's messages, whose stage numbers no longer fit. */
  function edit(change: (c: Editable) => Editable, structural = false) {
    setEdits((e) => ({ from: e?.from ?? detail.revision, chain: change(e?.chain ?? saved) }));
    if (structural) setSaveError(null);
  }
  const setStages = (stages: EditStage[], structural = false) => edit((c) => ({ ...c, stages }), structural);

  const save = useMutation({
    mutationFn: (revision: number) => chainsApi.save(detail.id, bodyOf(edits!.chain, revision)),
    onMutate: () => {
      setSaveError(null);
      setConflict(null);
    },
    onSuccess: async () => {
      await refresh();
      setEdits(null);
      message.success(t('chains.saved'));
    },
    onError: async (err) => {
      if (err instanceof ApiError && err.status === 409) {
        // Someone else saved (or published) first: keep every edit on screen, learn the latest revision.
        setConflict(err.localized);
        await refresh();
        return;
      }
      setSaveError(err);
      // Open the checklists the server found fault with.
      if (err instanceof ApiError) {
        const rows = new Set(err.fields.flatMap((f) => /^body\.definition\.stages\.(\d+)\.checklist/.exec(f.field)?.[1] ?? []).map(Number));
        const uids = edits!.chain.stages.filter((_, i) => rows.has(i)).map((s) => s.uid);
        setExpanded((e) => [...new Set([...e, ...uids])]);
      }
    },
  });

  const publish = useMutation({
    mutationFn: () => chainsApi.publish(detail.id, detail.revision),
    onSuccess: async (r) => {
      await refresh();
      message.success(t('chains.published', { version: r.version }));
    },
    onError: async (err) => {
      setSaveError(err);
      message.error(errorMessage(err));
      await refresh();
    },
  });

  function confirmPublish() {
    modal.confirm({
      title: t('chains.publishTitle'),
      content: t('chains.publishConfirm', { name: localName(i18n.language, detail) }),
      okText: t('chains.publish'),
      cancelText: t('common.cancel'),
      onOk: () => publish.mutateAsync().catch(() => undefined),
    });
  }

  function addStage() {
    const stages = chain.stages;
    let n = stages.length + 1;
    while (stages.some((s) => s.key === `stage_${n}`)) n++;
    const stage: EditStage = {
      uid: uid(),
      key: `stage_${n}`,
      kind: 'review',
      name: '',
      nameEn: '',
      actor: { kind: 'authority', level: chain.level },
      dueDays: 15,
      checklist: [{ key: 'item_1', label: '', labelEn: '' }],
    };
    // The last stage must stay the final decision: a new stage goes before it.
    const at = stages.at(-1)?.kind === 'decision' ? stages.length - 1 : stages.length;
    setStages([...stages.slice(0, at), stage, ...stages.slice(at)], true);
    setExpanded((e) => [...e, stage.uid]);
  }

  function setLevel(level: CallLevel) {
    edit((c) => ({
      ...c,
      level,
      // The final filing follows the chain's level.
      stages: c.stages.map((s, i) => (i === c.stages.length - 1 && s.filingLevel === c.level ? { ...s, filingLevel: level } : s)),
    }));
  }

  const top = (path: string) => problems.get(path) ?? [];

  const actions = (
    <DraftToolbar
      ns="chains"
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

  const levelText = (l: string) => t(`calls.level.${l}`);
  const requiresText = (r: string | null) => (r ? t(`chains.requiresFilingValue.${r}`) : t('chains.requiresFilingNone'));

  return (
    <Flex vertical gap={16}>
      <Link to="/app/chains">← {t('chains.back')}</Link>
      <Card
        title={
          <Space wrap>
            <span>{localName(i18n.language, detail)}</span>
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
            { key: 'key', label: t('chains.key'), children: <Tag>{detail.key}</Tag> },
            { key: 'owner', label: t('chains.owner'), children: detail.ownerName ?? t('chains.shipped') },
            { key: 'kind', label: t('chains.chainKindLabel'), children: <ChainKindTag kind={detail.kind} /> },
            { key: 'level', label: t('chains.level'), children: levelText(detail.level) },
            { key: 'requiresFiling', label: t('chains.requiresFiling'), children: requiresText(detail.requiresFiling) },
            { key: 'updatedAt', label: t('chains.updatedAt'), children: formatDateTime(detail.updatedAt) },
            { key: 'publishedAt', label: t('chains.publishedAt'), children: formatDateTime(detail.publishedAt) },
            ...(detail.basedOnId ? [{ key: 'basedOn', label: t('chains.basedOn'), children: <Link to={`/app/chains/${detail.basedOnId}`}>{t('chains.open')}</Link> }] : []),
          ]}
        />
        <DraftStatusAlert ns="chains" published={detail.status === 'published'} editable={editable} />
        <DraftSaveAlerts
          ns="chains"
          editable={editable}
          conflict={conflict}
          saving={save.isPending}
          onOverwrite={() => save.mutate(detail.revision)}
          onReload={() => (setEdits(null), setConflict(null))}
          saveError={saveError}
          testId="chain-problems"
          problems={[...problems].flatMap(([path, list]) =>
            list.map((p) => (
              <li key={`${path}:${p}`}>
                {describeProblem(t, i18n.language, path, chain.stages)}
                {t('chains.colon')}
                {p}
              </li>
            )),
          )}
        />
      </Card>
      {editable && (
        <Card>
          <Form layout="vertical" component="div">
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <Form.Item label={t('chains.editName')} required>
                  <Field errors={top('name')}>
                    <Input aria-label={t('chains.editName')} value={chain.name} maxLength={200} onChange={(e) => edit((c) => ({ ...c, name: e.target.value }))} />
                  </Field>
                </Form.Item>
              </Col>
              <Col xs={24} lg={12}>
                <Form.Item label={t('chains.editNameEn')} required>
                  <Field errors={top('nameEn')}>
                    <Input aria-label={t('chains.editNameEn')} value={chain.nameEn} maxLength={300} onChange={(e) => edit((c) => ({ ...c, nameEn: e.target.value }))} />
                  </Field>
                </Form.Item>
              </Col>
              <Col xs={24} lg={12}>
                <Form.Item label={t('chains.level')}>
                  <Field errors={top('level')}>
                    <Select<CallLevel> aria-label={t('chains.level')} value={chain.level} options={CALL_LEVELS.map((l) => ({ value: l, label: levelText(l) }))} onChange={setLevel} />
                  </Field>
                </Form.Item>
              </Col>
              <Col xs={24} lg={12}>
                <Form.Item label={t('chains.requiresFiling')}>
                  <Field errors={top('requiresFiling')}>
                    <Select
                      aria-label={t('chains.requiresFiling')}
                      value={chain.requiresFiling ?? 'none'}
                      options={['none', ...REQUIRED_FILINGS].map((r) => ({ value: r, label: requiresText(r === 'none' ? null : r) }))}
                      onChange={(r: string) => edit((c) => ({ ...c, requiresFiling: r === 'none' ? null : (r as 'city' | 'province') }))}
                    />
                  </Field>
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </Card>
      )}
      <Card
        title={t('chains.stages')}
        extra={
          editable && (
            <Tooltip title={t('chains.addStageHint')}>
              <Button icon={<PlusOutlined />} onClick={addStage}>
                {t('chains.addStage')}
              </Button>
            </Tooltip>
          )
        }
      >
        {problems.has('definition.stages') && <Alert type="error" showIcon title={problems.get('definition.stages')!.join('；')} style={{ marginBottom: 12 }} />}
        <StageTable
          stages={chain.stages}
          chainLevel={chain.level}
          problems={problems}
          expanded={expanded}
          onExpand={setExpanded}
          edit={
            editable
              ? {
                  change: (i, stage) => setStages(chain.stages.map((s, j) => (j === i ? stage : s))),
                  move: (i, by) => {
                    const stages = [...chain.stages];
                    [stages[i], stages[i + by]] = [stages[i + by]!, stages[i]!];
                    setStages(stages, true);
                  },
                  remove: (i) => setStages(chain.stages.filter((_, j) => j !== i), true),
                }
              : undefined
          }
        />
      </Card>
      {detail.abilities.clone && <CloneModal detail={detail} open={cloning} onClose={() => setCloning(false)} />}
    </Flex>
  );
}
