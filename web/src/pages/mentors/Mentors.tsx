import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Statistic, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MENTOR_KINDS, type Mentor, type MentorQuery, mentorKeys, mentorsApi, RELATION_COLORS, RELATION_STATES, type Relation, type Session } from '../../api/mentors';
import { spaceMentorsXlsx } from '../../api/platformStats';
import { registryApi } from '../../api/registry';
import { can } from '../../api/session';
import { useCurrentUser } from '../../app/currentUser';
import { PagedTable } from '../../components/PagedTable';
import { QueryError } from '../../components/QueryError';
import { currentLanguage } from '../../i18n';
import { MentorDrawer, MoveModal, RelationModal, SessionModal } from './MentorForms';

/** The space's industry-mentor ratio against 002 §二(六), live from the mentors and the roster. */
function RatioCard({ spaceId }: { spaceId: string }) {
  const { t } = useTranslation();
  const ratio = useQuery({ queryKey: [mentorKeys.ratio, spaceId], queryFn: () => mentorsApi.ratio(spaceId) });
  if (ratio.isError) return <QueryError error={ratio.error} />;
  const r = ratio.data;
  return (
    <Card
      size="small"
      loading={ratio.isLoading}
      title={`${t('mentors.ratio.title')}${r ? `：${r.spaceName}` : ''}`}
      extra={r && <Tag color={r.met ? 'green' : 'red'} data-testid="ratio-verdict">{r.met ? t('mentors.ratio.met') : t('mentors.ratio.notMet')}</Tag>}
      style={{ marginBottom: 16 }}
      data-testid="ratio-card"
    >
      {r && (
        <>
          <Row gutter={16}>
            <Col span={4}>
              <Statistic title={t('mentors.ratio.industryMentors')} value={r.industryMentors} suffix={t('mentors.ratio.unitPerson')} />
            </Col>
            <Col span={4}>
              <Statistic title={t('mentors.ratio.incubatees')} value={r.incubatees} suffix={t('mentors.ratio.unitCount')} />
            </Col>
            <Col span={4}>
              <Statistic title={t('mentors.ratio.required')} value={r.required} suffix={t('mentors.ratio.unitPerson')} />
            </Col>
            <Col span={4}>
              <Statistic title={t('mentors.ratio.perMentor')} value={r.incubateesPerMentor ?? '—'} suffix={r.incubateesPerMentor === null ? undefined : t('mentors.ratio.unitCount')} />
            </Col>
            <Col span={4}>
              <Statistic title={`${t('mentors.ratio.sessions')}（${r.year}）`} value={r.sessionsThisYear} suffix={t('mentors.ratio.unitTimes')} />
            </Col>
            <Col span={4}>
              <Statistic title={t('mentors.ratio.underTwo')} value={r.mentorsUnderTwoSessions} suffix={t('mentors.ratio.unitPerson')} />
            </Col>
          </Row>
          <Typography.Text type="secondary">{currentLanguage() === 'en-US' ? r.rule.en : r.rule.zh}</Typography.Text>
        </>
      )}
    </Card>
  );
}

type MentorFilters = Omit<MentorQuery, 'page' | 'pageSize' | 'sort' | 'order' | 'spaceId' | 'active'>;

/**
 * 导师与辅导: an operator keeps its spaces' mentors, coaching relations with the roster's incubatees
 * and the session log, with the live industry-mentor ratio; an authority reads its jurisdiction's,
 * contacts masked.
 */
export default function Mentors() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const editor = can(me, 'mentor.edit');
  const [search, setSearch] = useSearchParams();
  const spaces = useQuery({ queryKey: ['mentor-spaces'], queryFn: () => registryApi.spaces({ pageSize: 100 }) });
  const spaceOptions = (spaces.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  const spaceId = search.get('spaceId') || (editor && spaceOptions.length === 1 ? spaceOptions[0]!.value : undefined);
  const tab = search.get('tab') ?? 'mentors';
  const [drawer, setDrawer] = useState<{ editing?: Mentor } | null>(null);
  const [relationFor, setRelationFor] = useState<Mentor>();
  const [move, setMove] = useState<{ relation: Relation; to: 'active' | 'completed' }>();
  const [logFor, setLogFor] = useState<Relation>();
  const fixed = spaceId ? { spaceId } : {};

  const setParam = (key: string, value?: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'spaceId' || key === 'tab') for (const k of ['page', 'sort', 'order', 'kind', 'q', 'state']) next.delete(k);
    setSearch(next);
  };

  const mentorsTable = (
    <PagedTable<Mentor, MentorFilters, Awaited<ReturnType<typeof mentorsApi.list>>, { spaceId?: string }>
      queryKey={mentorKeys.list}
      list={mentorsApi.list}
      fixed={fixed}
      inUrl={{ keys: ['kind', 'q'], toParams: (v) => ({ kind: v.kind, q: v.q?.trim() || undefined }), fromParams: (p) => ({ kind: p.kind as MentorFilters['kind'], q: p.q }) }}
      rowKey="id"
      emptyText={editor ? t('mentors.emptyMentors') : t('mentors.emptyMentorsAuthority')}
      filters={
        <>
          <Form.Item name="kind">
            <Select allowClear placeholder={t('mentors.col.kind')} style={{ width: 140 }} options={MENTOR_KINDS.map((k) => ({ value: k, label: t(`mentors.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="q">
            <Input allowClear placeholder={t('mentors.search')} style={{ width: 220 }} />
          </Form.Item>
        </>
      }
      toQuery={(v) => ({ kind: v.kind, q: v.q })}
      toolbar={
        editor && (
          <Button type="primary" icon={<PlusOutlined />} disabled={!spaceId} title={spaceId ? undefined : t('mentors.chooseSpace')} onClick={() => setDrawer({})} data-testid="mentor-add">
            {t('mentors.add')}
          </Button>
        )
      }
      columns={[
        { title: t('mentors.col.name'), key: 'name', sorter: true, render: (_, r) => (r.title ? `${r.name}（${r.title}）` : r.name) },
        { title: t('mentors.col.kind'), key: 'kind', sorter: true, render: (_, r) => t(`mentors.kinds.${r.kind}`) },
        { title: t('mentors.col.term'), key: 'term', render: (_, r) => t(`mentors.terms.${r.term}`) },
        { title: t('mentors.col.fields'), key: 'fields', render: (_, r) => r.fields.join('、') || '—' },
        { title: t('mentors.col.affiliation'), key: 'affiliation', render: (_, r) => r.affiliation },
        { title: t('mentors.col.contact'), key: 'contact', render: (_, r) => (r.personalDataMasked ? <Tooltip title={t('mentors.masked')}>{r.contactMobile ?? '—'}</Tooltip> : (r.contactMobile ?? '—')) },
        { title: t('mentors.col.space'), key: 'space', render: (_, r) => r.spaceName },
        { title: t('mentors.col.sessionsThisYear'), key: 'sessionsThisYear', sorter: true, align: 'right', render: (_, r) => r.sessionsThisYear },
        { title: t('mentors.col.minutesThisYear'), key: 'minutes', align: 'right', render: (_, r) => (r.minutesThisYear / 60).toFixed(1) },
        { title: t('mentors.col.activeRelations'), key: 'activeRelations', align: 'right', render: (_, r) => r.activeRelations },
        { title: t('mentors.col.status'), key: 'status', render: (_, r) => (r.active ? <Tag color="green">{t('mentors.active')}</Tag> : <Tag>{t('mentors.inactive')}</Tag>) },
        {
          title: t('mentors.col.actions'),
          key: 'actions',
          render: (_, r) =>
            r.canEdit && (
              <Space size={4}>
                <Button size="small" onClick={() => setDrawer({ editing: r })}>
                  {t('mentors.edit')}
                </Button>
                {r.active && (
                  <Button size="small" onClick={() => setRelationFor(r)} data-testid="relation-add">
                    {t('mentors.relation.add')}
                  </Button>
                )}
              </Space>
            ),
        },
      ]}
    />
  );

  const relationsTable = (
    <PagedTable<Relation, { state?: Relation['state'] }, Awaited<ReturnType<typeof mentorsApi.relations>>, { spaceId?: string }>
      queryKey={mentorKeys.relations}
      list={mentorsApi.relations}
      fixed={fixed}
      inUrl={{ keys: ['state'], toParams: (v) => ({ state: v.state }), fromParams: (p) => ({ state: p.state as Relation['state'] }) }}
      rowKey="id"
      emptyText={t('mentors.emptyRelations')}
      filters={
        <Form.Item name="state">
          <Select allowClear placeholder={t('mentors.col.state')} style={{ width: 140 }} options={RELATION_STATES.map((s) => ({ value: s, label: t(`mentors.states.${s}`) }))} />
        </Form.Item>
      }
      toQuery={(v) => ({ state: v.state })}
      columns={[
        { title: t('mentors.col.mentor'), key: 'mentor', sorter: true, render: (_, r) => `${r.mentor.name}（${t(`mentors.kinds.${r.mentor.kind}`)}）` },
        { title: t('mentors.col.incubatee'), key: 'incubatee', sorter: true, render: (_, r) => r.incubatee.name },
        { title: t('mentors.col.state'), key: 'state', sorter: true, render: (_, r) => <Tag color={RELATION_COLORS[r.state]}>{t(`mentors.states.${r.state}`)}</Tag> },
        { title: t('mentors.col.startedOn'), key: 'startedOn', sorter: true, render: (_, r) => r.startedOn ?? '—' },
        { title: t('mentors.col.endedOn'), key: 'endedOn', render: (_, r) => r.endedOn ?? '—' },
        { title: t('mentors.col.sessions'), key: 'sessions', align: 'right', render: (_, r) => r.sessions },
        { title: t('mentors.col.lastSessionOn'), key: 'lastSessionOn', render: (_, r) => r.lastSessionOn ?? '—' },
        {
          title: t('mentors.col.actions'),
          key: 'actions',
          render: (_, r) =>
            r.canEdit && (
              <Space size={4}>
                {r.state === 'pending' && (
                  <Button size="small" onClick={() => setMove({ relation: r, to: 'active' })}>
                    {t('mentors.relation.start')}
                  </Button>
                )}
                {r.state === 'active' && (
                  <>
                    <Button size="small" type="primary" onClick={() => setLogFor(r)}>
                      {t('mentors.relation.log')}
                    </Button>
                    <Button size="small" onClick={() => setMove({ relation: r, to: 'completed' })}>
                      {t('mentors.relation.complete')}
                    </Button>
                  </>
                )}
              </Space>
            ),
        },
      ]}
    />
  );

  const sessionsTable = (
    <PagedTable<Session, Record<string, never>, Awaited<ReturnType<typeof mentorsApi.sessions>>, { spaceId?: string }>
      queryKey={mentorKeys.sessions}
      list={mentorsApi.sessions}
      fixed={fixed}
      rowKey="id"
      emptyText={t('mentors.emptySessions')}
      columns={[
        { title: t('mentors.col.heldOn'), key: 'heldOn', sorter: true, render: (_, r) => r.heldOn },
        { title: t('mentors.col.mentor'), key: 'mentor', sorter: true, render: (_, r) => r.mentor.name },
        { title: t('mentors.col.incubatee'), key: 'incubatee', render: (_, r) => r.incubateeName },
        { title: t('mentors.col.topic'), key: 'topic', render: (_, r) => r.topic },
        { title: t('mentors.col.duration'), key: 'durationMinutes', sorter: true, align: 'right', render: (_, r) => r.durationMinutes },
        { title: t('mentors.col.outcome'), key: 'outcome', render: (_, r) => r.outcome },
      ]}
    />
  );

  return (
    <Card
      title={t('mentors.title')}
      extra={
        <Space>
          {spaceId && (
            <Button icon={<DownloadOutlined />} href={spaceMentorsXlsx(spaceId)} data-testid="mentors-export">
              {t('platformStats.exportMentors')}
            </Button>
          )}
          <Select allowClear placeholder={t('mentors.allSpaces')} value={spaceId} onChange={(v?: string) => setParam('spaceId', v)} options={spaceOptions} style={{ width: 260 }} data-testid="mentor-space" />
        </Space>
      }
    >
      {spaces.isError && <Alert type="error" showIcon title={String(spaces.error)} style={{ marginBottom: 12 }} />}
      {spaceId ? <RatioCard spaceId={spaceId} /> : <Alert type="info" showIcon title={t('mentors.ratio.pick')} style={{ marginBottom: 16 }} />}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParam('tab', k === 'mentors' ? undefined : k)}
        items={[
          { key: 'mentors', label: t('mentors.tabs.mentors'), children: mentorsTable },
          { key: 'relations', label: t('mentors.tabs.relations'), children: relationsTable },
          { key: 'sessions', label: t('mentors.tabs.sessions'), children: sessionsTable },
        ]}
      />
      <MentorDrawer open={!!drawer} spaceId={drawer?.editing?.spaceId ?? spaceId} editing={drawer?.editing} onClose={() => setDrawer(null)} />
      {relationFor && <RelationModal mentor={relationFor} onClose={() => setRelationFor(undefined)} />}
      {move && <MoveModal relation={move.relation} to={move.to} onClose={() => setMove(undefined)} />}
      {logFor && <SessionModal relation={logFor} onClose={() => setLogFor(undefined)} />}
    </Card>
  );
}
