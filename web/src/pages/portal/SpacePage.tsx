import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Col, Descriptions, Empty, Flex, List, Modal, Row, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { mentorsApi } from '../../api/mentors';
import { pitchApi } from '../../api/pitches';
import { formatFen } from '../../api/services';
import { formatYuan } from '../../api/supports';
import { ResourcePhotos } from '../booking/parts';
import { spacesiteApi, type SpacePage as Page } from '../../api/spacesite';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { Results } from '../pitches/parts';
import { PortalFrame } from './PortalFrame';
import { shanghaiDay } from '../../lib/format';
import { ActivityPhotos } from '../events/EventExtras';

type Lang = 'zh' | 'en';

/** A section card; rendered only when it has something to show (`hidden`). */
function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>} size="small" style={{ marginBottom: 16 }} data-testid={testId}>
      {children}
    </Card>
  );
}

type Contact = Awaited<ReturnType<typeof mentorsApi.revealContact>>;

/**
 * 查看联系方式 on a mentor who consented: the server answers a signed-in maker the contacts in full
 * (audited, a few a day) and tells anyone else why not; the page itself never holds them. The public
 * page does not ask who is signed in (a visitor's /api/me would be a refused request on every view).
 */
function MentorContactButton({ mentorId }: { mentorId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [shown, setShown] = useState<Contact | null>(null);
  const reveal = useMutation({ mutationFn: () => mentorsApi.revealContact(mentorId), onSuccess: setShown, onError: (err) => message.error(errorMessage(err)) });
  return (
    <>
      <Button size="small" loading={reveal.isPending} onClick={() => reveal.mutate()} data-testid="mentor-contact">
        {t('spacesite.page.mentorContact')}
      </Button>
      <Modal open={!!shown} title={t('spacesite.page.mentorContactTitle', { name: shown?.name ?? '' })} footer={null} onCancel={() => setShown(null)}>
        {shown && (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('spacesite.page.mentorMobile')}>{shown.contactMobile ?? t('spacesite.page.mentorNone')}</Descriptions.Item>
            <Descriptions.Item label={t('spacesite.page.mentorEmail')}>{shown.contactEmail ?? t('spacesite.page.mentorNone')}</Descriptions.Item>
          </Descriptions>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('spacesite.page.mentorContactHint')}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

/**
 * The public page of one filed space: profile, filings, grades, resources, services, mentors (public
 * fields only), crowd tasks with their awards, funds, contact, success cases, international
 * cooperation, and the events open for sign-up and the activity record when the platform provides them. `?lang=en` (or the English interface) shows the English fields where the
 * operator gave them, the Chinese ones otherwise.
 */
export default function SpacePage() {
  const { i18n } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const lang: Lang = params.get('lang') === 'en' || (params.get('lang') !== 'zh' && i18n.language === 'en-US') ? 'en' : 'zh';
  const t = i18n.getFixedT(lang === 'en' ? 'en-US' : 'zh-CN');
  const en = lang === 'en';
  const pick = (zh: string | null | undefined, english: string | null | undefined) => (en && english ? english : (zh ?? ''));
  const query = useQuery({ queryKey: ['portal-space', id], queryFn: () => spacesiteApi.page(id) });
  const s: Page | undefined = query.data;
  // The space's roadshow and competition results (登记和宣传), from the pitches module's public list.
  const pitches = useQuery({ queryKey: ['portal-space-pitches', id], queryFn: () => pitchApi.publicList({ spaceId: id, state: 'published', page: 1, pageSize: 5 }) });
  const none = <Typography.Text type="secondary">{t('spacesite.page.none')}</Typography.Text>;

  return (
    <PortalFrame>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Breadcrumb items={[{ title: <Link to="/">{t('portal.nav.home')}</Link> }, { title: <Link to="/portal/spaces">{t('spacesite.directory.title')}</Link> }, { title: s ? pick(s.name, s.nameEn) : '' }]} />
        <Segmented<Lang>
          aria-label={t('spacesite.lang.label')}
          data-testid="space-lang"
          value={lang}
          onChange={(v) => setParams(v === 'zh' ? {} : { lang: v }, { replace: true })}
          options={[
            { value: 'zh', label: t('spacesite.lang.zh') },
            { value: 'en', label: t('spacesite.lang.en') },
          ]}
        />
      </Flex>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : !s ? (
        <Card loading />
      ) : (
        <div lang={en ? 'en' : 'zh-CN'}>
          <Card style={{ marginBottom: 16 }}>
            <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }} data-testid="space-name">
              {pick(s.name, s.nameEn)}
            </Typography.Title>
            {en && s.nameEn && <Typography.Paragraph type="secondary">{s.name}</Typography.Paragraph>}
            <Flex gap={4} wrap style={{ marginBottom: 12 }}>
              {s.levels.map((l) => (
                <Tag key={l} color={l === 'national' ? 'red' : l === 'province' ? 'orange' : 'blue'}>
                  {t(`calls.level.${l}`)}
                </Tag>
              ))}
              <Tag>{t(`spacesite.category.${s.category}`)}</Tag>
            </Flex>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="space-intro">
              {pick(s.intro, s.introEn)}
            </Typography.Paragraph>
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={16}>
              <Section title={t('spacesite.page.profile')}>
                <Descriptions column={{ xs: 1, md: 2 }} size="small">
                  <Descriptions.Item label={t('spacesite.page.industry')}>{t(`spaces.industries.${s.industry}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('spacesite.page.subField')}>{s.subField ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('spacesite.page.region')}>{s.region.fullName}</Descriptions.Item>
                  <Descriptions.Item label={t('spacesite.page.foundedOn')}>{s.foundedOn ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('spacesite.page.operator')}>{s.operatorName}</Descriptions.Item>
                  <Descriptions.Item label={t('spacesite.page.hosts')}>{s.hosts.length ? s.hosts.join('、') : '—'}</Descriptions.Item>
                  {s.onlinePlatform && <Descriptions.Item label={t('spacesite.page.onlinePlatform')}>{s.onlinePlatform.url ? <a href={s.onlinePlatform.url} target="_blank" rel="noreferrer noopener">{s.onlinePlatform.name}</a> : s.onlinePlatform.name}</Descriptions.Item>}
                  {s.techPlatform && <Descriptions.Item label={t('spacesite.page.techPlatform')}>{s.techPlatform.url ? <a href={s.techPlatform.url} target="_blank" rel="noreferrer noopener">{s.techPlatform.name}</a> : s.techPlatform.name}</Descriptions.Item>}
                </Descriptions>
              </Section>
              <Section title={t('spacesite.page.filings')}>
                <Table
                  rowKey={(f) => `${f.level}-${f.list.id}`}
                  size="small"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={s.filings}
                  columns={[
                    { title: t('spacesite.page.level'), key: 'level', render: (_, f) => t(`calls.level.${f.level}`) },
                    { title: t('spacesite.page.list'), key: 'list', render: (_, f) => <Link to={`/portal/filing-lists/${f.list.id}`}>{f.list.title}</Link> },
                    { title: t('spacesite.page.documentNumber'), key: 'doc', render: (_, f) => f.list.documentNumber },
                    { title: t('spacesite.page.filedAt'), key: 'at', render: (_, f) => shanghaiDay(f.filedAt) },
                  ]}
                />
              </Section>
              {s.grades.length > 0 && (
                <Section title={t('spacesite.page.grades')}>
                  <Flex gap={8} wrap>
                    {s.grades.map((g) => (
                      <Tag key={`${g.year}-${g.level}`} color={g.grade === 'excellent' ? 'green' : g.grade === 'fail' ? 'red' : 'blue'}>
                        {g.year} · {t(`calls.level.${g.level}`)} · {t(`evaluation.grade.${g.grade}`)}
                      </Tag>
                    ))}
                  </Flex>
                </Section>
              )}
              <Section title={t('spacesite.page.cases')} testId="space-cases">
                {s.successCases.length === 0 ? (
                  none
                ) : (
                  <>
                    {s.successCasesFrom === 'filing_report' && <Typography.Paragraph type="secondary">{t('spacesite.page.casesFromReport')}</Typography.Paragraph>}
                    <List
                      dataSource={s.successCases}
                      renderItem={(c, i) => (
                        <List.Item key={i}>
                          <List.Item.Meta title={pick(c.title, c.titleEn)} description={<span style={{ whiteSpace: 'pre-wrap' }}>{pick(c.content, c.contentEn)}</span>} />
                        </List.Item>
                      )}
                    />
                  </>
                )}
              </Section>
              <Section title={t('spacesite.page.services')}>
                {s.services.length === 0 ? (
                  none
                ) : (
                  <List
                    dataSource={s.services}
                    renderItem={(v) => (
                      <List.Item key={v.id} extra={v.priceBasis === 'free' ? t('spacesite.page.free') : v.priceBasis === 'quote' ? t('spacesite.page.quote') : formatFen(v.priceFen)}>
                        <List.Item.Meta title={<Flex gap={8}>{v.name}<Tag>{t(`services.kinds.${v.kind}`)}</Tag></Flex>} description={v.description} />
                      </List.Item>
                    )}
                  />
                )}
              </Section>
              <Section title={t('spacesite.page.resources')}>
                {s.resources.length === 0 ? (
                  none
                ) : (
                  <List
                    dataSource={s.resources}
                    renderItem={(r) => (
                      <List.Item key={r.id} extra={t('spacesite.page.perUnit', { price: formatFen(r.priceFen), unit: t(`booking.units.${r.feeUnit}`) })}>
                        <List.Item.Meta
                          title={
                            <Flex gap={8}>
                              {r.name}
                              <Tag>{t(`booking.kinds.${r.kind}`)}</Tag>
                            </Flex>
                          }
                          description={
                            <>
                              {`${r.category} · ${r.location}`}
                              {r.photoIds.length > 0 && (
                                <div style={{ marginTop: 8 }}>
                                  <ResourcePhotos resourceId={r.id} name={r.name} photoIds={r.photoIds} size={72} publicPath />
                                </div>
                              )}
                            </>
                          }
                        />
                      </List.Item>
                    )}
                  />
                )}
              </Section>
              {s.openEvents && s.openEvents.length > 0 && (
                <Section title={t('spacesite.page.openEvents')} testId="space-open-events">
                  <List
                    dataSource={s.openEvents}
                    renderItem={(e) => (
                      <List.Item
                        key={e.id}
                        extra={
                          // Signing up is a signed-in maker's: 活动报名, narrowed to this space's events.
                          <Link to={`/app/my-events?spaceId=${s.id}`} aria-label={`${t('spacesite.page.signUp')} ${e.title}`}>
                            {t('spacesite.page.signUp')}
                          </Link>
                        }
                      >
                        <List.Item.Meta
                          title={e.title}
                          description={[
                            t(`events.kinds.${e.kind}`),
                            formatDateTime(e.startsAt),
                            e.place ?? t('spacesite.page.online'),
                            e.seatsLeft > 0 ? t('spacesite.page.seatsLeft', { count: e.seatsLeft }) : t('spacesite.page.full'),
                          ].join(' · ')}
                        />
                      </List.Item>
                    )}
                  />
                </Section>
              )}
              {s.activities && (
                <Section title={t('spacesite.page.activities')} testId="space-activities">
                  {s.activities.length === 0 ? (
                    none
                  ) : (
                    <List
                      dataSource={s.activities}
                      renderItem={(a) => (
                        <List.Item key={a.id}>
                          <List.Item.Meta
                            title={a.title}
                            description={
                              <>
                                {`${shanghaiDay(a.startsAt)}${a.summary ? ` · ${a.summary}` : ''}`}
                                <ActivityPhotos id={a.id} title={a.title} photoIds={a.photoIds} size={72} />
                              </>
                            }
                          />
                        </List.Item>
                      )}
                    />
                  )}
                </Section>
              )}
              <Section title={t('spacesite.page.crowdTasks')} testId="space-crowd">
                {s.crowdTasks.length === 0 ? (
                  none
                ) : (
                  <List
                    dataSource={s.crowdTasks}
                    renderItem={(c) => (
                      <List.Item key={c.id} extra={<Tag>{t(`crowd.states.${c.state}`)}</Tag>}>
                        <List.Item.Meta
                          title={<Link to={`/portal/crowd/${c.id}`}>{c.title}</Link>}
                          description={[
                            t(`spaces.industries.${c.field}`),
                            t('spacesite.page.reward', { amount: c.rewardYuan.toLocaleString('zh-CN') }),
                            c.state === 'open' ? t('spacesite.page.deadline', { date: c.deadline }) : t('spacesite.page.solutions', { count: c.solutionCount }),
                            c.award ? `${t('spacesite.page.awardTo', { team: c.award.teamName })}（${t(`crowd.ip.${c.award.ipTerms}`)}）` : null,
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        />
                      </List.Item>
                    )}
                  />
                )}
              </Section>
              {s.supports && (
                <Section title={t('supports.public.ofSpace')} testId="space-supports">
                  {s.supports.length === 0 ? (
                    none
                  ) : (
                    <>
                      <List
                        dataSource={s.supports}
                        renderItem={(x) => (
                          <List.Item key={x.id} extra={formatYuan(x.amountYuan)}>
                            <List.Item.Meta
                              title={x.projectTitle}
                              description={`${x.grantorName} · ${t(`policies.category.${x.category}`)} · ${x.beneficiary.name} · ${x.periodFrom} ~ ${x.periodTo}`}
                            />
                          </List.Item>
                        )}
                      />
                      <Link to={`/portal/supports?spaceId=${s.id}`}>{t('supports.public.allOfSpace')}</Link>
                    </>
                  )}
                </Section>
              )}
              {(pitches.data?.items.length ?? 0) > 0 && (
                <Section title={t('pitches.portal.spaceResults')} testId="space-pitches">
                  <List
                    dataSource={pitches.data!.items}
                    renderItem={(c) => (
                      <List.Item key={c.id}>
                        <List.Item.Meta title={`${c.title}（${c.eventTitle}）`} description={<Results results={c.results} />} />
                      </List.Item>
                    )}
                  />
                  <Link to={`/portal/pitches?spaceId=${id}`}>{t('pitches.portal.more')}</Link>
                </Section>
              )}
            </Col>
            <Col xs={24} lg={8}>
              <Section title={t('spacesite.page.contact')} testId="space-contact">
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('spacesite.page.address')}>{s.contact.address ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('spacesite.page.phone')}>{s.contact.phone ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('spacesite.page.email')}>{s.contact.email ? <a href={`mailto:${s.contact.email}`}>{s.contact.email}</a> : '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('spacesite.page.website')}>
                    {s.contact.website ? (
                      <a href={s.contact.website} target="_blank" rel="noreferrer noopener">
                        {s.contact.website}
                      </a>
                    ) : (
                      '—'
                    )}
                  </Descriptions.Item>
                </Descriptions>
              </Section>
              <Section title={t('spacesite.page.mentors')}>
                {s.mentors.length === 0 ? (
                  none
                ) : (
                  <List
                    size="small"
                    dataSource={s.mentors}
                    renderItem={(m) => (
                      <List.Item key={m.id} extra={m.contactConsent ? <MentorContactButton mentorId={m.id} /> : undefined}>
                        <List.Item.Meta
                          title={
                            <Flex gap={8}>
                              {m.name}
                              <Tag>{t(`mentors.kinds.${m.kind}`)}</Tag>
                            </Flex>
                          }
                          description={
                            <>
                              <div>
                                {m.affiliation}
                                {m.title ? ` · ${m.title}` : ''}
                              </div>
                              {m.fields.length > 0 && <div>{m.fields.join('、')}</div>}
                            </>
                          }
                        />
                      </List.Item>
                    )}
                  />
                )}
              </Section>
              <Section title={t('spacesite.page.funds')} testId="space-funds">
                {s.funds.length === 0 ? (
                  none
                ) : (
                  <List
                    size="small"
                    dataSource={s.funds}
                    renderItem={(f) => (
                      <List.Item key={f.id} extra={t('spacesite.page.fundSize', { size: f.sizeWan.toLocaleString('zh-CN') })}>
                        <List.Item.Meta
                          title={
                            <Flex gap={8}>
                              {f.name}
                              <Tag>{t(`financing.fundKinds.${f.kind}`)}</Tag>
                            </Flex>
                          }
                          description={[t('spacesite.page.fundManager', { name: f.manager }), f.partner ? t('spacesite.page.fundPartner', { name: f.partner }) : null, t('spacesite.page.fundSince', { date: f.since })]
                            .filter(Boolean)
                            .join(' · ')}
                        />
                      </List.Item>
                    )}
                  />
                )}
              </Section>
              <Section title={t('spacesite.page.international')} testId="space-international">
                {s.international.partners.length + s.international.overseasTeams.length + s.international.languages.length === 0 && !s.international.note ? (
                  none
                ) : (
                  <Descriptions column={1} size="small">
                    <Descriptions.Item label={t('spacesite.page.partners')}>
                      {s.international.partners.length
                        ? s.international.partners.map((p) => `${p.name}（${p.country}${p.since ? `，${t('spacesite.page.since', { year: p.since })}` : ''}）`).join('；')
                        : '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('spacesite.page.overseasTeams')}>
                      {s.international.overseasTeams.length ? s.international.overseasTeams.map((p) => `${p.name}（${p.country}）`).join('；') : '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('spacesite.page.languages')}>{s.international.languages.length ? s.international.languages.join('、') : '—'}</Descriptions.Item>
                    {(s.international.note || s.international.noteEn) && <Descriptions.Item>{pick(s.international.note, s.international.noteEn)}</Descriptions.Item>}
                  </Descriptions>
                )}
              </Section>
            </Col>
          </Row>
        </div>
      )}
      {query.data === undefined && !query.isLoading && !query.isError && <Empty />}
    </PortalFrame>
  );
}
