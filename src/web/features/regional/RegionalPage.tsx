import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { sectors } from '../../../features/inquiries/inquiries.contract.ts';
import { recentYears } from '../../../shared/periods.ts';
import { type County, counties } from '../../../shared/subject-areas.ts';
import { activeMembershipOf, useMe } from '../../session.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { KeyFigure } from '../../ui/KeyFigure.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { PeriodSelect } from '../../ui/PeriodSelect.tsx';
import { ErrorAlert, Forbidden, Page, QueryView, Section } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { AnalysisTabs } from '../dashboard/AnalysisTabs.tsx';
import { InquiryFiguresView } from './InquiryFigures.tsx';
import { RegionalTrendView } from './RegionalTrend.tsx';
import {
  type CompetenceDemand,
  type OccupationDemand,
  type RegionalAnalysis,
  regionalAnalysisQuery,
  regionalExportUrl,
  setContribution,
} from './regional.api.ts';

const route = getRouteApi('/app/analysis');

/**
 * Analys: the consortium's pooled competence intelligence for its analysts and HEIs — what employers ask
 * for at the front door, and the competences and occupations the HEIs' needs analyses found, summed across
 * the contributing HEIs, beside the courses the consortium offers for them.
 */
export function RegionalPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const membership = activeMembershipOf(me);
  const allowed =
    (membership?.scope === 'organisation' && membership.tenant.kind === 'hei') ||
    (membership?.scope === 'consortium' && membership.roles.includes('analyst'));
  const search = route.useSearch();
  const navigate = useNavigate();
  const query = useQuery({ ...regionalAnalysisQuery(search), enabled: allowed });
  const choose = (next: Partial<typeof search>) =>
    void navigate({ to: '/analysis', search: { ...search, ...next } });
  return (
    <Page title={t('areas.analysis.title')}>
      <AnalysisTabs current="regional" />
      <Text maw={760}>{t('regional.intro')}</Text>
      <Group align="end">
        <PeriodSelect value={search.period} onChange={(period) => choose({ period })} years={recentYears()} />
        <NativeSelect
          label={t('regional.county')}
          value={search.county ?? ''}
          onChange={(event) =>
            choose({ county: (event.currentTarget.value || undefined) as County | undefined })
          }
        >
          <option value="">{t('regional.allCounties')}</option>
          {counties.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('regional.sector')}
          description={t('regional.sectorHint')}
          maw={300}
          value={search.sector ?? ''}
          onChange={(event) =>
            choose({
              sector: (event.currentTarget.value || undefined) as (typeof sectors)[number] | undefined,
            })
          }
        >
          <option value="">{t('regional.allSectors')}</option>
          {sectors.map((s) => (
            <option key={s} value={s}>
              {t(`labels.sector.${s}`)}
            </option>
          ))}
        </NativeSelect>
      </Group>
      <QueryView query={query} allowed={allowed} forbidden={<Forbidden>{t('regional.noAccess')}</Forbidden>}>
        {(analysis) => (
          <Stack gap="lg">
            <Sources analysis={analysis} />
            <KeyFigures analysis={analysis} />
            <Anchor href={regionalExportUrl(search, i18n.language, 'xlsx')} download size="sm">
              {t('regional.exportAll')}
            </Anchor>
            <Section id="regional-competences" title={t('regional.competences.title')}>
              <Competences analysis={analysis} />
              {analysis.competences.length > 0 && (
                <Anchor
                  href={regionalExportUrl(search, i18n.language)}
                  download
                  size="sm"
                  mt="sm"
                  display="block"
                >
                  {t('regional.competences.export')}
                </Anchor>
              )}
            </Section>
            {analysis.competences.length > 0 && (
              <Section id="regional-due-years" title={t('regional.dueYears.title')}>
                <DueYears analysis={analysis} />
              </Section>
            )}
            <Section id="regional-occupations" title={t('regional.occupations.title')}>
              <Occupations analysis={analysis} />
            </Section>
            <Section id="regional-evaluations" title={t('regional.evaluations.title')}>
              <Evaluations analysis={analysis} />
            </Section>
            <Section id="regional-inquiries" title={t('regional.inquiries.title')}>
              <InquiryFiguresView figures={analysis.inquiries} />
            </Section>
            <Section id="regional-trend" title={t('regional.trend.title')}>
              <RegionalTrendView query={{ county: search.county, sector: search.sector }} />
            </Section>
          </Stack>
        )}
      </QueryView>
    </Page>
  );
}

/** Whose analyses the figures are drawn from, and the active HEI's own choice to contribute. */
function Sources({ analysis }: { analysis: RegionalAnalysis }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const contribution = analysis.contribution;
  const change = useMutation({
    mutationFn: setContribution,
    onSuccess: async (result) => {
      notify(t(result.contributes ? 'regional.contribution.started' : 'regional.contribution.stopped'));
      await refetchAfterChange(client, ['regional-analysis']);
    },
  });
  // "A, B and C" as the interface language writes a list
  const list = new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', { type: 'conjunction' });
  const names = (heis: { name: string }[]) => list.format(heis.map((h) => h.name));
  return (
    <Card withBorder padding="md" data-testid="regional-sources">
      <Stack gap="xs">
        <Text>
          {analysis.contributors.length
            ? t('regional.sources.from', {
                heis: names(analysis.contributors),
                consortium: analysis.consortium.name,
              })
            : t('regional.sources.none', { consortium: analysis.consortium.name })}
        </Text>
        {analysis.notContributing.length > 0 && (
          <Text size="sm">
            {t('regional.sources.notContributing', { heis: names(analysis.notContributing) })}
          </Text>
        )}
        <Text size="sm" data-testid="regional-period">
          {analysis.since
            ? t('regional.sources.covers', {
                since: format.date(analysis.since),
                until: format.date(analysis.until),
              })
            : t('regional.sources.coversAll', { until: format.date(analysis.until) })}
        </Text>
        <Text size="sm">{t('regional.sources.anonymity', { min: analysis.minOrganisations })}</Text>
        {contribution && (
          <Group gap="sm" data-testid="regional-contribution">
            <Badge
              variant={contribution.contributes ? 'light' : 'outline'}
              color={contribution.contributes ? 'green' : 'gray.8'}
              tt="none"
              size="lg"
            >
              {contribution.contributes
                ? t('regional.contribution.yes', {
                    hei: contribution.hei.name,
                    date: format.date(contribution.since ?? ''),
                  })
                : t('regional.contribution.no', { hei: contribution.hei.name })}
            </Badge>
            {contribution.mayChange && (
              <Button
                size="xs"
                variant={contribution.contributes ? 'default' : 'filled'}
                loading={change.isPending}
                onClick={() => change.mutate(!contribution.contributes)}
              >
                {t(contribution.contributes ? 'regional.contribution.stop' : 'regional.contribution.start')}
              </Button>
            )}
          </Group>
        )}
        {contribution?.mayChange && !contribution.contributes && (
          <Text size="sm">{t('regional.contribution.explain')}</Text>
        )}
        {change.isError && <ErrorAlert error={change.error} />}
      </Stack>
    </Card>
  );
}

function KeyFigures({ analysis }: { analysis: RegionalAnalysis }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { total, answeredInTime, settled } = analysis.inquiries;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} data-testid="regional-figures">
      <KeyFigure label={t('regional.figures.inquiries')} value={String(total)} />
      <KeyFigure
        label={t('regional.figures.inTime')}
        value={settled ? format.percent(Math.round((answeredInTime / settled) * 10_000)) : '–'}
      />
      <KeyFigure label={t('regional.figures.analyses')} value={String(analysis.analyses)} />
      <KeyFigure label={t('regional.figures.organisations')} value={String(analysis.organisations)} />
    </SimpleGrid>
  );
}

function Hidden({
  count,
  min,
  of = 'demand',
}: {
  count: number;
  min: number;
  of?: 'demand' | 'subjectAreas';
}) {
  const { t } = useTranslation();
  return count > 0 ? (
    <Text size="sm" mt="sm">
      {of === 'demand'
        ? t('regional.hidden', { count, min })
        : t('regional.evaluations.hidden', { count, min })}
    </Text>
  ) : null;
}

function Competences({ analysis }: { analysis: RegionalAnalysis }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = analysis.competences;
  if (!rows.length)
    return (
      <>
        <Text>{t('regional.competences.none', { min: analysis.minOrganisations })}</Text>
        <Hidden count={analysis.hiddenCompetences} min={analysis.minOrganisations} />
        <FreeText count={analysis.freeTextNeeds} />
      </>
    );
  return (
    <Stack gap="xs">
      <Text size="sm">{t('regional.competences.intro')}</Text>
      <DataTable
        minWidth={960}
        striped
        data-testid="regional-competences"
        columns={[
          t('regional.competences.competence'),
          t('regional.competences.organisations'),
          t('regional.competences.people'),
          t('regional.competences.gap'),
          t('regional.horizons.now'),
          t('regional.horizons.1y'),
          t('regional.horizons.3y'),
          t('regional.horizons.5y'),
          t('regional.competences.courses'),
          t('regional.competences.unmet'),
        ]}
      >
        {rows.map((c: CompetenceDemand) => (
          <Table.Tr key={c.concept.id}>
            <Table.Th scope="row" lang={format.pickedLanguage(c.concept.label)}>
              {format.pick(c.concept.label)}
            </Table.Th>
            <Table.Td>{c.organisations}</Table.Td>
            <Table.Td>{c.people}</Table.Td>
            <Table.Td>{format.number(c.meanGap)}</Table.Td>
            <Table.Td>{c.peopleByHorizon.now}</Table.Td>
            <Table.Td>{c.peopleByHorizon['1y']}</Table.Td>
            <Table.Td>{c.peopleByHorizon['3y']}</Table.Td>
            <Table.Td>{c.peopleByHorizon['5y']}</Table.Td>
            <Table.Td>
              {c.courses === 0 ? (
                <Badge color="red.9" variant="outline" tt="none">
                  {t('regional.competences.noCourse')}
                </Badge>
              ) : (
                c.courses
              )}
              {c.suggestedCourses > 0 && (
                <Text size="xs">{t('regional.competences.suggested', { count: c.suggestedCourses })}</Text>
              )}
              <AnchorLink
                to="/courses"
                search={{ q: format.pick(c.concept.label) }}
                size="xs"
                aria-label={t('regional.competences.searchFor', { competence: format.pick(c.concept.label) })}
              >
                {t('regional.competences.search')}
              </AnchorLink>
            </Table.Td>
            <Table.Td>{c.unmetOrganisations}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Hidden count={analysis.hiddenCompetences} min={analysis.minOrganisations} />
      <FreeText count={analysis.freeTextNeeds} />
    </Stack>
  );
}

/** How many needs are not in the sums because they are free text (no concept of the taxonomy to sum them by). */
function FreeText({ count }: { count: number }) {
  const { t } = useTranslation();
  return count > 0 ? <Text size="sm">{t('regional.competences.freeText', { count })}</Text> : null;
}

/**
 * The shown competences' people by the calendar year their need is due by: analyses made in different years
 * name horizons from different starting points, and only as years do they add up for planning courses.
 */
function DueYears({ analysis }: { analysis: RegionalAnalysis }) {
  const { t } = useTranslation();
  const format = useFormat();
  const years = analysis.competences[0]?.peopleByYear.map((y) => y.year) ?? [];
  return (
    <Stack gap="xs">
      <Text size="sm">{t('regional.dueYears.intro')}</Text>
      <DataTable
        minWidth={720}
        striped
        data-testid="regional-due-years"
        columns={[
          t('regional.competences.competence'),
          ...years.map((year, i) => (i === 0 ? t('regional.dueYears.thisYear', { year }) : String(year))),
        ]}
      >
        {analysis.competences.map((c) => (
          <Table.Tr key={c.concept.id}>
            <Table.Th scope="row" lang={format.pickedLanguage(c.concept.label)}>
              {format.pick(c.concept.label)}
            </Table.Th>
            {c.peopleByYear.map((y) => (
              <Table.Td key={y.year}>{y.people}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </DataTable>
    </Stack>
  );
}

function Occupations({ analysis }: { analysis: RegionalAnalysis }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = analysis.occupations;
  if (!rows.length)
    return (
      <>
        <Text>{t('regional.occupations.none', { min: analysis.minOrganisations })}</Text>
        <Hidden count={analysis.hiddenOccupations} min={analysis.minOrganisations} />
      </>
    );
  const change = (o: OccupationDemand) => {
    const diff = o.headcountHorizon - o.headcountNow;
    return `${diff > 0 ? '+' : ''}${diff}`;
  };
  return (
    <Stack gap="xs">
      <DataTable
        minWidth={640}
        striped
        data-testid="regional-occupations"
        columns={[
          t('regional.occupations.occupation'),
          t('regional.competences.organisations'),
          t('regional.occupations.now'),
          t('regional.occupations.horizon'),
          t('regional.occupations.change'),
        ]}
      >
        {rows.map((o) => (
          <Table.Tr key={o.concept.id}>
            <Table.Th scope="row" lang={format.pickedLanguage(o.concept.label)}>
              {format.pick(o.concept.label)}
            </Table.Th>
            <Table.Td>{o.organisations}</Table.Td>
            <Table.Td>{o.headcountNow}</Table.Td>
            <Table.Td>{o.headcountHorizon}</Table.Td>
            <Table.Td>{change(o)}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Hidden count={analysis.hiddenOccupations} min={analysis.minOrganisations} />
    </Stack>
  );
}

/**
 * The contributing HEIs' course evaluations summed: the participants' reaction and self-rated gain (levels 1–2),
 * the customers' follow-ups (levels 3–4), in all and by subject area, each from at least three organisations.
 */
function Evaluations({ analysis }: { analysis: RegionalAnalysis }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { all, bySubjectArea, hiddenSubjectAreas } = analysis.evaluations;
  const share = (value: number) => format.percent(Math.round(value * 10_000));
  if (!all)
    return (
      <>
        <Text>{t('regional.evaluations.none', { min: analysis.minOrganisations })}</Text>
        <Hidden count={hiddenSubjectAreas} min={analysis.minOrganisations} of="subjectAreas" />
      </>
    );
  return (
    <Stack gap="sm">
      <Text size="sm" maw={760}>
        {t('regional.evaluations.intro', {
          evaluations: all.evaluations,
          organisations: all.organisations,
          answers: all.answers,
        })}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} data-testid="regional-evaluation-figures">
        <KeyFigure label={t('regional.evaluations.satisfaction')} value={format.figure(all.satisfaction)} />
        <KeyFigure label={t('regional.evaluations.gain')} value={format.figure(all.gain, { signed: true })} />
        <KeyFigure label={t('regional.evaluations.recommend')} value={share(all.recommendShare)} />
        <KeyFigure
          label={t('regional.evaluations.followUps', { count: all.followUps?.answered ?? 0 })}
          value={
            all.followUps
              ? t('regional.evaluations.followUpValue', {
                  application: format.figure(all.followUps.application),
                  results: format.figure(all.followUps.results),
                })
              : '–'
          }
        />
      </SimpleGrid>
      {bySubjectArea.length > 0 && (
        <DataTable
          minWidth={720}
          striped
          data-testid="regional-evaluations"
          columns={[
            t('regional.evaluations.subjectArea'),
            t('regional.competences.organisations'),
            t('regional.evaluations.evaluations'),
            t('regional.evaluations.answers'),
            t('regional.evaluations.satisfaction'),
            t('regional.evaluations.gain'),
            t('regional.evaluations.recommend'),
          ]}
        >
          {bySubjectArea.map((f) => (
            <Table.Tr key={f.subjectArea ?? 'none'}>
              <Table.Th scope="row">
                {format.subjectArea(f.subjectArea) ?? t('regional.inquiries.noSubjectArea')}
              </Table.Th>
              <Table.Td>{f.organisations}</Table.Td>
              <Table.Td>{f.evaluations}</Table.Td>
              <Table.Td>{f.answers}</Table.Td>
              <Table.Td>{format.figure(f.satisfaction)}</Table.Td>
              <Table.Td>{format.figure(f.gain, { signed: true })}</Table.Td>
              <Table.Td>{share(f.recommendShare)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <Hidden count={hiddenSubjectAreas} min={analysis.minOrganisations} of="subjectAreas" />
    </Stack>
  );
}
