import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CourseFormat } from '../../../features/catalog/catalog.fields.ts';
import {
  type acceptanceSchema,
  heiPreferences,
  type Match,
  type suggestionSchema,
} from '../../../features/matching/matching.contract.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { CourseKindSelects } from '../catalog/CourseKindSelects.tsx';
import { decide, type Filters, recordUnmet, withdrawUnmet } from './matching.api.ts';

type Suggestion = z.infer<typeof suggestionSchema>;
type Acceptance = z.infer<typeof acceptanceSchema>;
export type Subject = { kind: 'need' | 'inquiry'; id: string };

/** Whose courses and which kind: the filters of every match. */
export function MatchFiltersPanel({
  filters,
  onChange,
}: {
  filters: Filters;
  onChange: (f: Filters) => void;
}) {
  const { t } = useTranslation();
  const set = (changes: Filters) => onChange({ ...filters, ...changes });
  const credits = (value: string | number) => (value === '' ? undefined : Number(value));
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} role="group" aria-label={t('matchingPage.filters')}>
      <NativeSelect
        label={t('matchingPage.hei')}
        value={filters.hei ?? 'all'}
        onChange={(e) => set({ hei: e.currentTarget.value as Filters['hei'] })}
      >
        {heiPreferences.map((p) => (
          <option key={p} value={p}>
            {t(`matchingPage.heiPreference.${p}`)}
          </option>
        ))}
      </NativeSelect>
      <CourseKindSelects value={filters} onChange={set} />
      <NumberInput
        label={t('matchingPage.creditsMin')}
        min={0}
        max={400}
        step={1.5}
        decimalSeparator=","
        value={filters.creditsMin ?? ''}
        onChange={(v) => set({ creditsMin: credits(v) })}
      />
      <NumberInput
        label={t('matchingPage.creditsMax')}
        min={0}
        max={400}
        step={1.5}
        decimalSeparator=","
        value={filters.creditsMax ?? ''}
        onChange={(v) => set({ creditsMax: credits(v) })}
      />
    </SimpleGrid>
  );
}

// Filled badges with white text at 4.5:1 or more (Mantine's green-9 is 4.4:1).
const bandColour = { high: '#1b5e2b', medium: 'blue.9', low: 'gray.8' } as const;

/**
 * The ranked courses of one match: "no good match" first when it is so (a finding, not an error), then the
 * courses with score, confidence band and why; with a subject, accept/reject buttons.
 */
export function MatchResult({
  match,
  subject,
  canDecide,
  headingId,
  filters,
  onFiltersChange,
}: {
  match: Match;
  subject?: Subject;
  canDecide?: boolean;
  headingId: string;
  /** The match's filters and how to change them: a format the need's text asks for is offered as one. */
  filters?: Filters;
  onFiltersChange?: (filters: Filters) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {filters && onFiltersChange && (
        <FormatsAskedFor
          asked={match.formatsAskedFor}
          current={filters.format}
          choose={(format) => onFiltersChange({ ...filters, format })}
        />
      )}
      {match.noGoodMatch && (
        <Alert
          color="orange"
          variant="light"
          title={t('matchingPage.noGoodMatchTitle')}
          data-testid="no-good-match"
        >
          {t('matchingPage.noGoodMatch')}
          {match.suggestions.length > 0 && ` ${t('matchingPage.noGoodMatchNearest')}`}
        </Alert>
      )}
      <Text size="sm" role="status">
        {t('matchingPage.searched', { count: match.coursesSearched })}
      </Text>
      {match.suggestions.length === 0 ? (
        !match.noGoodMatch && <Text>{t('matchingPage.empty')}</Text>
      ) : (
        <DataTable
          minWidth={820}
          aria-labelledby={headingId}
          data-testid="match-table"
          columns={[
            t('matchingPage.rank'),
            t('matchingPage.course'),
            t('matchingPage.confidence'),
            t('matchingPage.why'),
            !!subject && t('matchingPage.decision'),
          ]}
        >
          {match.suggestions.map((s) => (
            <SuggestionRow
              key={s.course.id}
              suggestion={s}
              subject={subject}
              canDecide={!!canDecide}
              needLanguage={match.needLanguage}
            />
          ))}
        </DataTable>
      )}
      {subject && <UnmetDemandControl match={match} subject={subject} canDecide={!!canDecide} />}
    </Stack>
  );
}

/**
 * "The need says 'gärna på distans'" with a button for the distance filter: the phrase may as well be the
 * subject of a course (leading people who work remotely), so the coordinator chooses.
 */
function FormatsAskedFor({
  asked,
  current,
  choose,
}: {
  asked: Match['formatsAskedFor'];
  current?: CourseFormat;
  choose: (format: CourseFormat) => void;
}) {
  const { t } = useTranslation();
  const offered = asked.filter((a) => a.format !== current);
  if (offered.length === 0) return null;
  return (
    <Stack gap={4} data-testid="formats-asked-for">
      {offered.map((a) => (
        <Group key={a.format} gap="xs">
          <Text size="sm">{t('matchingPage.formatAsked', { phrase: a.phrase })}</Text>
          <Button size="compact-sm" variant="light" onClick={() => choose(a.format)}>
            {t(`matchingPage.formatOnly.${a.format}`)}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

function SuggestionRow({
  suggestion: s,
  subject,
  canDecide,
  needLanguage,
}: {
  suggestion: Suggestion;
  subject?: Subject;
  canDecide: boolean;
  needLanguage: 'sv' | 'en';
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const title = format.pick(s.course.title);
  const c = s.course;
  return (
    <Table.Tr data-testid="match-row">
      <Table.Td>{s.rank}</Table.Td>
      <Table.Th scope="row" fw="normal">
        <AnchorLink
          to="/courses/$courseId"
          params={{ courseId: c.id }}
          fw={600}
          lang={format.pickedLanguage(c.title)}
        >
          {title}
        </AnchorLink>
        <Text size="xs">
          {[
            c.code,
            c.hei.name,
            c.credits !== null ? t('catalog.creditsValue', { credits: format.number(c.credits) }) : null,
            c.level ? t(`catalog.levels.${c.level}`) : null,
            c.format ? t(`catalog.formats.${c.format}`) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </Table.Th>
      <Table.Td>
        <Badge color={bandColour[s.confidence]} variant="filled" tt="none">
          {t(`matchingPage.band.${s.confidence}`)}
        </Badge>
        <Text size="xs">{t('matchingPage.score', { score: format.number(s.score) })}</Text>
      </Table.Td>
      <Table.Td>
        <Why suggestion={s} needLanguage={needLanguage} />
      </Table.Td>
      {subject && (
        <Table.Td>
          <Decision suggestion={s} subject={subject} canDecide={canDecide} title={title} />
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/**
 * Unmet demand: the coordinator records that no course of the consortium meets the need (a finding for
 * course development), or takes the record back.
 */
function UnmetDemandControl({
  match,
  subject,
  canDecide,
}: {
  match: Match;
  subject: Subject;
  canDecide: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const mutation = useMutation({
    mutationFn: (record: boolean) => (record ? recordUnmet(subject) : withdrawUnmet(subject)),
    onSuccess: async (_, record) => {
      notify(t(record ? 'matchingPage.unmetRecordedNotice' : 'matchingPage.unmetWithdrawnNotice'));
      await refetchAfterChange(queryClient, ['matches']);
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });
  if (match.unmet)
    return (
      <Group gap="sm" data-testid="unmet">
        <Text size="sm" fw={600}>
          {t('matchingPage.unmetBadge')}
        </Text>
        <Text size="sm">
          {t('matchingPage.unmetRecorded', {
            by: match.unmet.recordedBy ?? t('matchingPage.someone'),
            date: format.date(match.unmet.recordedAt),
          })}
        </Text>
        {canDecide && (
          <Button
            size="compact-sm"
            variant="subtle"
            loading={mutation.isPending}
            onClick={() => mutation.mutate(false)}
          >
            {t('matchingPage.unmetWithdraw')}
          </Button>
        )}
      </Group>
    );
  if (!canDecide) return null;
  return (
    <Group>
      <Button
        size="compact-sm"
        variant="default"
        loading={mutation.isPending}
        onClick={() => mutation.mutate(true)}
      >
        {t('matchingPage.unmetRecord')}
      </Button>
    </Group>
  );
}

/** Words matched by their beginning only, grouped by it: "produ… (produktion, production)". */
function byBeginning(partly: { word: string; beginning: string }[]) {
  const groups = new Map<string, string[]>();
  for (const p of partly) groups.set(p.beginning, [...(groups.get(p.beginning) ?? []), p.word]);
  return [...groups].map(([beginning, words]) => `${beginning}… (${words.join(', ')})`);
}

function Why({ suggestion: s, needLanguage }: { suggestion: Suggestion; needLanguage: 'sv' | 'en' }) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = (l: 'sv' | 'en') => t(`matchingPage.languageInSentence.${l}`);
  return (
    <Stack gap={2}>
      {s.why.matchedWords.length > 0 && (
        <Text size="sm">
          {t('matchingPage.matchedWords', { words: s.why.matchedWords.slice(0, 8).join(', ') })}
        </Text>
      )}
      {s.why.partlyMatchedWords.length > 0 && (
        <Text size="sm">
          {t('matchingPage.partlyMatchedWords', {
            words: byBeginning(s.why.partlyMatchedWords).slice(0, 4).join(', '),
          })}
        </Text>
      )}
      {s.why.matchedConcepts.length > 0 && (
        <Text size="sm">
          {t('matchingPage.matchedConcepts', {
            concepts: s.why.matchedConcepts.map((c) => format.pick(c.label)).join(', '),
          })}
        </Text>
      )}
      {s.why.similarTo && (
        <Text size="sm">
          {t('matchingPage.similarTo', {
            code: s.why.similarTo.code,
            title: format.pick(s.why.similarTo.title),
          })}
        </Text>
      )}
      {s.why.courseLanguage !== needLanguage && (
        <Text size="sm">
          {t('matchingPage.otherLanguage', {
            course: language(s.why.courseLanguage),
            need: language(needLanguage),
          })}
        </Text>
      )}
    </Stack>
  );
}

function Decision({
  suggestion: s,
  subject,
  canDecide,
  title,
}: {
  suggestion: Suggestion;
  subject: Subject;
  canDecide: boolean;
  title: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const mutation = useMutation({
    mutationFn: (decision: 'accepted' | 'rejected') =>
      decide({
        subject,
        courseId: s.course.id,
        decision,
        rank: s.rank,
        score: s.score,
        confidence: s.confidence,
      }),
    onSuccess: async (result) => {
      notify(
        t(result.decision === 'accepted' ? 'matchingPage.acceptedNotice' : 'matchingPage.rejectedNotice', {
          title,
        }),
      );
      await refetchAfterChange(queryClient, ['matches']);
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });
  const current = s.decision?.decision;
  return (
    <Stack gap={4}>
      {current && (
        <Badge
          color={current === 'accepted' ? 'green' : 'red.9'}
          variant="light"
          tt="none"
          data-testid="decision"
        >
          {t(`matchingPage.decided.${current}`)}
        </Badge>
      )}
      {canDecide && (
        <Group gap={4} wrap="nowrap">
          {current !== 'accepted' && (
            <Button
              size="compact-sm"
              variant="light"
              color="green"
              aria-label={t('matchingPage.acceptCourse', { title })}
              loading={mutation.isPending && mutation.variables === 'accepted'}
              onClick={() => mutation.mutate('accepted')}
            >
              {t('matchingPage.accept')}
            </Button>
          )}
          {current !== 'rejected' && (
            <Button
              size="compact-sm"
              variant="subtle"
              color="red.9"
              c="red.9"
              aria-label={t('matchingPage.rejectCourse', { title })}
              loading={mutation.isPending && mutation.variables === 'rejected'}
              onClick={() => mutation.mutate('rejected')}
            >
              {t('matchingPage.reject')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}

/** How often the HEI's coordinators accepted a suggestion: the quality of matching, visible in production. */
export function AcceptanceSummary({ acceptance }: { acceptance: Acceptance }) {
  const { t } = useTranslation();
  const decided = acceptance.accepted + acceptance.rejected;
  return (
    <Stack gap={4} data-testid="acceptance">
      <Text fw={600}>
        {acceptance.rate === null
          ? t('matchingPage.acceptanceNone')
          : t('matchingPage.acceptanceValue', {
              rate: Math.round(acceptance.rate * 100),
              accepted: acceptance.accepted,
              decided,
            })}
      </Text>
      {decided > 0 && (
        <Text size="sm">
          {acceptance.byConfidence
            .filter((b) => b.accepted + b.rejected > 0)
            .map((b) =>
              t('matchingPage.acceptanceBand', {
                band: t(`matchingPage.band.${b.confidence}`),
                accepted: b.accepted,
                decided: b.accepted + b.rejected,
              }),
            )
            .join(' · ')}
        </Text>
      )}
      {acceptance.acceptedRanked > 0 && (
        <Text size="sm">
          {t('matchingPage.acceptanceTopFive', {
            inTop: acceptance.acceptedInTopFive,
            ranked: acceptance.acceptedRanked,
          })}
        </Text>
      )}
    </Stack>
  );
}
