import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Overview, overviewSchema } from '../../../features/overview/overview.contract.ts';
import { api } from '../../api.ts';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { QueryView } from '../../ui/page.tsx';
import { TeachingCalendar } from '../delivery/TeachingCalendar.tsx';

// The home page's "to do" for a person at an HEI: the inquiries waiting for the HEI's answer, their own open
// tasks and the cases they own. Each links on to where the work is done.

const overviewQuery = (membershipId: string) =>
  queryOptions({
    queryKey: ['overview', membershipId],
    queryFn: ({ signal }) => api.get('/api/overview', overviewSchema, signal),
  });

export function MyWork({ membershipId }: { membershipId: string }) {
  const { t } = useTranslation();
  const query = useQuery(overviewQuery(membershipId));
  return (
    <section aria-labelledby="home-work">
      <Title order={2} size="h3" id="home-work" mb="sm">
        {t('overview.title')}
      </Title>
      <QueryView query={query}>
        {(overview) => (
          <SimpleGrid
            cols={{
              base: 1,
              md: Math.min(
                3,
                2 +
                  (overview.inquiries ? 1 : 0) +
                  (overview.sessions.length ? 1 : 0) +
                  (overview.clashes.total ? 1 : 0) +
                  (overview.invoicing?.total ? 1 : 0),
              ),
            }}
          >
            {overview.inquiries && <Inquiries inquiries={overview.inquiries} />}
            {overview.invoicing && overview.invoicing.total > 0 && (
              <Invoicing invoicing={overview.invoicing} />
            )}
            {overview.clashes.total > 0 && <Clashes clashes={overview.clashes} />}
            {overview.sessions.length > 0 && <Sessions sessions={overview.sessions} />}
            <Tasks tasks={overview.tasks} />
            <Cases
              openCases={overview.openCases}
              tenders={overview.tenders}
              frameworksEnding={overview.frameworksEnding ?? []}
              outturns={overview.outturns}
            />
          </SimpleGrid>
        )}
      </QueryView>
    </section>
  );
}

function Part({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Stack gap="xs">
        <Title order={3} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

/** A list of things to do: each a link, marked when overdue, with a line saying more. */
export function WorkList({ children, labelledBy }: { children: React.ReactNode; labelledBy?: string }) {
  return (
    <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby={labelledBy}>
      {children}
    </Stack>
  );
}

export function WorkItem({
  link,
  overdue,
  note,
  warning,
}: {
  link: React.ReactNode;
  overdue: boolean;
  note: string;
  /** Something to act on, beside the note (a clash). */
  warning?: string;
}) {
  const { t } = useTranslation();
  return (
    <li>
      <Group gap="xs" wrap="nowrap" align="baseline">
        {link}
        {overdue && (
          <Badge color="red.9" variant="filled" tt="none" style={{ flexShrink: 0 }}>
            {t('overview.late')}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {note}
      </Text>
      {warning && (
        <Text size="sm" fw={700} c="red.9">
          {warning}
        </Text>
      )}
    </li>
  );
}

function Inquiries({ inquiries }: { inquiries: NonNullable<Overview['inquiries']> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Part id="home-inquiries" title={t('overview.inquiries')}>
      <Text>
        {t('overview.inbox', {
          count: inquiries.inbox,
          overdue: t('overview.overdueCount', { count: inquiries.overdue }),
        })}
      </Text>
      {inquiries.referredToUs > 0 && (
        <AnchorLink to="/inquiries" search={{ view: 'referred_to_us' }}>
          {t('overview.referred', { count: inquiries.referredToUs })}
        </AnchorLink>
      )}
      <WorkList>
        {inquiries.first.map((i) => (
          <WorkItem
            key={i.id}
            link={
              <AnchorLink to="/inquiries/$inquiryId" params={{ inquiryId: i.id }}>
                {i.reference} {i.organisationName}
              </AnchorLink>
            }
            overdue={i.overdue}
            note={t('overview.answerBy', { date: format.lastDay(i.dueAt) })}
          />
        ))}
      </WorkList>
      <AnchorLink to="/inquiries" search={{ view: 'inbox' }}>
        {t('overview.toInbox')}
      </AnchorLink>
    </Part>
  );
}

/** Payments of signed agreements to invoice soon or past due (for coordinators and economists who have any). */
function Invoicing({ invoicing }: { invoicing: NonNullable<Overview['invoicing']> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Part id="home-invoicing" title={t('overview.invoicing')}>
      <Text>
        {t('overview.invoicingCount', {
          count: invoicing.total,
          overdue: t('overview.pastDueCount', { count: invoicing.overdue }),
        })}
      </Text>
      <WorkList>
        {invoicing.items.map((p) => (
          <WorkItem
            key={`${p.agreementId}-${p.number}`}
            link={
              <AnchorLink to="/cases/$caseId" params={{ caseId: p.caseId }} hash="case-agreements">
                {t('overview.payment', {
                  reference: p.caseReference,
                  customer: p.customerName,
                  number: p.number,
                })}
              </AnchorLink>
            }
            overdue={p.overdue}
            note={`${format.kronor(p.amountOre)} · ${t('overview.paymentDue', { date: format.date(p.dueDate) })} · ${p.title}`}
          />
        ))}
      </WorkList>
    </Part>
  );
}

/** The sessions of the person's own cases in the next eight weeks whose teacher or room is booked twice (if any). */
function Clashes({ clashes }: { clashes: Overview['clashes'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Part id="home-clashes" title={t('overview.clashes')}>
      <Text>{t('overview.clashCount', { count: clashes.total })}</Text>
      <WorkList>
        {clashes.items.map((c) => (
          <WorkItem
            key={c.sessionId}
            link={
              <AnchorLink to="/cases/$caseId" params={{ caseId: c.caseId }} hash="case-delivery">
                {format.date(c.day)} {c.startsAt}–{c.endsAt}
              </AnchorLink>
            }
            overdue={false}
            note={`${c.caseReference} ${c.courseTitle}`}
            warning={[
              c.teacher !== null && t('overview.teacherClash', { teacher: c.teacher }),
              c.place !== null && t('overview.placeClash', { place: c.place }),
            ]
              .filter(Boolean)
              .join(' ')}
          />
        ))}
      </WorkList>
    </Part>
  );
}

/** The sessions the person teaches in the next two weeks (shown only to those who have any). */
function Sessions({ sessions }: { sessions: Overview['sessions'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Part id="home-sessions" title={t('overview.sessions')}>
      <WorkList>
        {sessions.map((s) => (
          <WorkItem
            key={s.id}
            link={
              <AnchorLink to="/cases/$caseId" params={{ caseId: s.caseId }} hash="case-delivery">
                {format.date(s.day)} {s.startsAt}–{s.endsAt}
              </AnchorLink>
            }
            overdue={false}
            note={[s.courseTitle, s.topic, s.place].filter(Boolean).join(' · ')}
            warning={s.clash ? t('overview.sessionClash') : undefined}
          />
        ))}
      </WorkList>
      <TeachingCalendar />
    </Part>
  );
}

function Tasks({ tasks }: { tasks: Overview['tasks'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Part id="home-tasks" title={t('overview.tasks')}>
      <Text>
        {tasks.total
          ? t('overview.taskCount', {
              count: tasks.total,
              overdue: t('overview.overdueCount', { count: tasks.overdue }),
            })
          : t('overview.noTasks')}
      </Text>
      <WorkList>
        {tasks.items.map((task) => (
          <WorkItem
            key={task.id}
            link={
              <AnchorLink to="/cases/$caseId" params={{ caseId: task.caseId }}>
                {task.title}
              </AnchorLink>
            }
            overdue={task.overdue}
            note={`${task.caseReference} ${task.caseTitle}${task.dueOn ? ` · ${t('overview.dueOn', { date: format.date(task.dueOn) })}` : ''}`}
          />
        ))}
      </WorkList>
    </Part>
  );
}

/**
 * The open cases the person owns, the tenders among them still to submit (the soonest first), the HEI's
 * framework agreements that end within 90 days (time to prepare for the customer's next procurement) and its
 * given courses' agreements still without a post-calculation.
 */
function Cases({
  openCases,
  tenders,
  frameworksEnding,
  outturns,
}: {
  openCases: number;
  tenders: Overview['tenders'];
  frameworksEnding: NonNullable<Overview['frameworksEnding']>;
  outturns: Overview['outturns'];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Part id="home-cases" title={t('overview.cases')}>
      <Text>{t('overview.openCases', { count: openCases })}</Text>
      {tenders.length > 0 && (
        <>
          <Title order={4} size="h5" id="home-tenders">
            {t('overview.tenders')}
          </Title>
          <WorkList labelledBy="home-tenders">
            {tenders.map((tender) => (
              <WorkItem
                key={tender.caseId}
                link={
                  <AnchorLink to="/cases/$caseId" params={{ caseId: tender.caseId }}>
                    {tender.title}
                  </AnchorLink>
                }
                overdue={false}
                note={t('overview.tenderNote', {
                  reference: tender.caseReference,
                  customer: tender.customerName,
                  date: format.date(tender.tenderDeadline),
                })}
              />
            ))}
          </WorkList>
        </>
      )}
      {frameworksEnding.length > 0 && (
        <>
          <Title order={4} size="h5" id="home-frameworks">
            {t('overview.frameworksEnding')}
          </Title>
          <WorkList labelledBy="home-frameworks">
            {frameworksEnding.map((f) => (
              <WorkItem
                key={f.id}
                link={
                  <AnchorLink to="/framework-agreements/$frameworkId" params={{ frameworkId: f.id }}>
                    {f.title}
                  </AnchorLink>
                }
                overdue={false}
                note={t('overview.frameworkNote', {
                  customer: f.customerName,
                  date: format.date(f.validTo),
                  count: f.daysLeft,
                })}
              />
            ))}
          </WorkList>
        </>
      )}
      {outturns && outturns.total > 0 && (
        <>
          <Title order={4} size="h5" id="home-outturns">
            {t('overview.outturns')}
          </Title>
          <Text size="sm">{t('overview.outturnsCount', { count: outturns.total })}</Text>
          <WorkList labelledBy="home-outturns">
            {outturns.items.map((o) => (
              <WorkItem
                key={o.agreementId}
                link={
                  <AnchorLink to="/cases/$caseId" params={{ caseId: o.caseId }} hash="case-agreements">
                    {o.title}
                  </AnchorLink>
                }
                overdue={false}
                note={o.reference}
              />
            ))}
          </WorkList>
        </>
      )}
      <AnchorLink to="/cases" search={{ owner: 'me' }}>
        {t('overview.toMyCases')}
      </AnchorLink>
    </Part>
  );
}
