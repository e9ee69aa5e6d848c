import { Anchor, List, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { recentYears } from '../../../shared/periods.ts';
import { stockholmDate } from '../../../shared/stockholm-days.ts';
import { activeOrganisationOf, useMe } from '../../session.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { KeyFigure } from '../../ui/KeyFigure.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { MonthlyBars } from '../../ui/MonthlyBars.tsx';
import { PeriodSelect } from '../../ui/PeriodSelect.tsx';
import { Forbidden, Page, QueryView, Section } from '../../ui/page.tsx';
import { AnalysisTabs, useReadsKeyFigures } from './AnalysisTabs.tsx';
import { type Dashboard, dashboardQuery, keyFiguresExportUrl } from './dashboard.api.ts';

const route = getRouteApi('/app/analysis/hei');

/**
 * The HEI's key figures for its contract education: the pipeline as it stands, and what was won, offered,
 * signed and is to be invoiced in a period, with the participants' and customers' evaluations — for its
 * managers, administrators, coordinators and economists.
 */
export function KeyFiguresPage() {
  const { t, i18n } = useTranslation();
  const hei = activeOrganisationOf(useMe());
  const allowed = useReadsKeyFigures();
  const { period } = route.useSearch();
  const navigate = useNavigate();
  const query = useQuery({ ...dashboardQuery(period), enabled: allowed });
  return (
    <Page title={t('keyFigures.title')}>
      <AnalysisTabs current="hei" />
      {/* someone who reads no HEI's figures (a consortium's analyst) gets the refusal alone */}
      {allowed && (
        <>
          <Text maw={760}>{t('keyFigures.intro', { hei: hei?.tenant.name ?? '' })}</Text>
          <PeriodSelect
            value={period}
            years={recentYears()}
            onChange={(next) => void navigate({ to: '/analysis/hei', search: { period: next } })}
          />
        </>
      )}
      <QueryView
        query={query}
        allowed={allowed}
        forbidden={<Forbidden>{t('keyFigures.noAccess')}</Forbidden>}
      >
        {(figures) => (
          <Stack gap="lg">
            <Anchor href={keyFiguresExportUrl(period, i18n.language)} download size="sm">
              {t('keyFigures.export')}
            </Anchor>
            <Pipeline figures={figures} />
            <Sales figures={figures} />
            <Agreements figures={figures} />
            <Volume figures={figures} />
            <Outturns figures={figures} />
            <Evaluations figures={figures} />
          </Stack>
        )}
      </QueryView>
    </Page>
  );
}

function Pipeline({ figures }: { figures: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { pipeline } = figures;
  return (
    <Section id="key-figures-pipeline" title={t('keyFigures.pipeline.title')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <KeyFigure label={t('keyFigures.pipeline.open')} value={String(pipeline.open)} />
          <KeyFigure
            label={t('keyFigures.pipeline.awaiting', { count: pipeline.awaitingAnswer.count })}
            value={format.kronor(pipeline.awaitingAnswer.valueOre)}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
          <DataTable
            minWidth={360}
            striped
            data-testid="key-figures-stages"
            columns={[t('keyFigures.pipeline.stage'), t('keyFigures.pipeline.cases')]}
          >
            {pipeline.byStage.map((s) => (
              <Table.Tr key={s.stage}>
                <Table.Th scope="row" fw={400}>
                  {t(`labels.stage.${s.stage}`)}
                </Table.Th>
                <Table.Td>{s.count}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <DataTable
            minWidth={300}
            striped
            data-testid="key-figures-owners"
            columns={[t('keyFigures.pipeline.owner'), t('keyFigures.pipeline.cases')]}
          >
            {pipeline.byOwner.map((o) => (
              <Table.Tr key={o.owner ?? ''}>
                <Table.Th scope="row" fw={400}>
                  {o.owner ?? t('keyFigures.pipeline.noOwner')}
                </Table.Th>
                <Table.Td>{o.count}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </SimpleGrid>
        <AnchorLink to="/cases" search={{ view: 'board' }} size="sm">
          {t('keyFigures.pipeline.toBoard')}
        </AnchorLink>
      </Stack>
    </Section>
  );
}

function Sales({ figures }: { figures: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { cases, proposals } = figures;
  const share = (value: number | null) => (value === null ? '–' : format.percent(Math.round(value * 10_000)));
  return (
    <Section id="key-figures-sales" title={t('keyFigures.sales.title')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} data-testid="key-figures-sales">
        <KeyFigure label={t('keyFigures.sales.opened')} value={String(cases.opened)} />
        <KeyFigure label={t('labels.outcome.won')} value={String(cases.won)} />
        <KeyFigure label={t('labels.outcome.lost')} value={String(cases.lost)} />
        <KeyFigure label={t('keyFigures.sales.winRate')} value={share(cases.winRate)} />
        <KeyFigure
          label={t('keyFigures.sales.sent', { count: proposals.sent.count })}
          value={format.kronor(proposals.sent.valueOre)}
        />
        <KeyFigure
          label={t('keyFigures.sales.accepted', { count: proposals.accepted.count })}
          value={format.kronor(proposals.accepted.valueOre)}
        />
        <KeyFigure
          label={t('keyFigures.sales.declined', { count: proposals.declined.count })}
          value={format.kronor(proposals.declined.valueOre)}
        />
        <KeyFigure label={t('keyFigures.sales.hitRate')} value={share(proposals.hitRate)} />
      </SimpleGrid>
      <Text size="sm" mt="sm">
        {t('keyFigures.sales.note', {
          declined: cases.declined,
          referred: cases.referred,
          public: cases.wonBySector.public,
          private: cases.wonBySector.private,
          nonProfit: cases.wonBySector.non_profit,
        })}
      </Text>
      <Text size="sm" mt="xs" data-testid="key-figures-tenders">
        {t('keyFigures.sales.tenders', {
          won: cases.tenders.won,
          lost: cases.tenders.lost,
          rate: share(cases.tenders.winRate),
        })}
      </Text>
    </Section>
  );
}

function Agreements({ figures }: { figures: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { agreements } = figures;
  return (
    <Section id="key-figures-agreements" title={t('keyFigures.agreements.title')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} data-testid="key-figures-agreements">
          <KeyFigure
            label={t('keyFigures.agreements.signed', { count: agreements.signed.count })}
            value={format.kronor(agreements.signed.valueOre)}
          />
          <KeyFigure
            label={t('keyFigures.agreements.leadTime')}
            value={
              agreements.medianDaysToAgreement === null
                ? '–'
                : t('keyFigures.agreements.days', { count: agreements.medianDaysToAgreement })
            }
          />
          <KeyFigure
            label={t(
              // a past year is over: what fell due in it, not "up to today"
              figures.until < stockholmDate(new Date())
                ? 'keyFigures.agreements.dueInPastPeriod'
                : 'keyFigures.agreements.dueInPeriod',
            )}
            value={format.kronor(agreements.dueInPeriodOre)}
          />
          <KeyFigure
            label={t('keyFigures.agreements.dueNextYear')}
            value={format.kronor(agreements.dueNextYearOre)}
          />
        </SimpleGrid>
        {agreements.signed.count === 0 ? (
          <Text>{t('keyFigures.agreements.none')}</Text>
        ) : (
          <>
            <MonthlyBars
              months={agreements.byMonth.map((m) => ({ key: m.key, value: m.valueOre / 100 }))}
              alt={t('keyFigures.agreements.chartAlt', { months: agreements.byMonth.length })}
              height={200}
            />
            <DataTable
              minWidth={420}
              striped
              data-testid="key-figures-by-month"
              columns={[
                t('keyFigures.agreements.month'),
                t('keyFigures.agreements.count'),
                t('keyFigures.agreements.value'),
              ]}
            >
              {agreements.byMonth
                .filter((m) => m.count > 0)
                .map((m) => (
                  <Table.Tr key={m.key}>
                    <Table.Th scope="row" fw={400}>
                      {format.month(m.key)}
                    </Table.Th>
                    <Table.Td>{m.count}</Table.Td>
                    <Table.Td>{format.kronor(m.valueOre)}</Table.Td>
                  </Table.Tr>
                ))}
            </DataTable>
          </>
        )}
      </Stack>
    </Section>
  );
}

/** How much contract education the period held: participants, credits as full-time equivalents, teaching. */
function Volume({ figures }: { figures: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const v = figures.volume;
  return (
    <Section id="key-figures-volume" title={t('keyFigures.volume.title')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} data-testid="key-figures-volume">
          <KeyFigure label={t('keyFigures.volume.participants')} value={String(v.participants)} />
          <KeyFigure
            label={t('keyFigures.volume.credits', { count: v.creditParticipants })}
            value={format.number(v.credits)}
          />
          <KeyFigure label={t('keyFigures.volume.fte')} value={format.number(v.fullTimeEquivalents, 2)} />
          <KeyFigure label={t('keyFigures.volume.credentials')} value={String(v.credentialsIssued)} />
          <KeyFigure label={t('keyFigures.volume.sessions')} value={String(v.sessionsGiven)} />
          <KeyFigure label={t('keyFigures.volume.hours')} value={format.number(v.teachingHours)} />
        </SimpleGrid>
        <Text size="sm">{t('keyFigures.volume.note')}</Text>
      </Stack>
    </Section>
  );
}

/** Whether the agreements covered their full cost, and which given courses still lack a post-calculation. */
function Outturns({ figures }: { figures: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const o = figures.outturn;
  return (
    <Section id="key-figures-outturn" title={t('keyFigures.outturn.title')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} data-testid="key-figures-outturn">
          <KeyFigure
            label={t('keyFigures.outturn.recorded', { count: o.recorded })}
            value={format.kronor(o.resultOre)}
          />
          <KeyFigure
            label={t('keyFigures.outturn.coverage')}
            value={o.coverageBp === null ? '–' : format.percent(o.coverageBp)}
          />
          <KeyFigure label={t('keyFigures.outturn.actualCost')} value={format.kronor(o.actualCostOre)} />
          <KeyFigure label={t('keyFigures.outturn.deficits')} value={String(o.deficits)} />
        </SimpleGrid>
        <Text size="sm">{t('keyFigures.outturn.note')}</Text>
        {o.awaiting === 0 ? (
          <Text size="sm">{t('keyFigures.outturn.awaitingNone')}</Text>
        ) : (
          <Stack gap={4} data-testid="key-figures-outturn-awaiting">
            <Text size="sm">{t('keyFigures.outturn.awaiting', { count: o.awaiting })}</Text>
            <List size="sm">
              {o.awaitingList.map((a) => (
                <List.Item key={a.agreementId}>
                  <AnchorLink to="/cases/$caseId" params={{ caseId: a.caseId }} hash="case-agreements">
                    {`${a.reference}: ${a.title}`}
                  </AnchorLink>
                </List.Item>
              ))}
            </List>
            {o.awaiting > o.awaitingList.length && (
              <Text size="sm">
                {t('keyFigures.outturn.awaitingMore', { count: o.awaiting - o.awaitingList.length })}
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Section>
  );
}

function Evaluations({ figures }: { figures: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const e = figures.evaluations;
  return (
    <Section id="key-figures-evaluations" title={t('keyFigures.evaluations.title')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <KeyFigure label={t('evaluation.page.evaluations')} value={String(e.evaluations)} />
        <KeyFigure label={t('evaluation.page.satisfaction')} value={format.figure(e.satisfaction)} />
        <KeyFigure label={t('evaluation.page.gain')} value={format.figure(e.gain, { signed: true })} />
        <KeyFigure label={t('evaluation.page.results')} value={format.figure(e.results)} />
      </SimpleGrid>
      <AnchorLink to="/evaluation" size="sm" mt="sm" display="block">
        {t('keyFigures.evaluations.more')}
      </AnchorLink>
    </Section>
  );
}
