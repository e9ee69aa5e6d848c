import { Badge, Checkbox, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Analysis } from '../../../features/needs/needs.contract.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import { useAnalysisAccess } from '../analyses/access.ts';
import { analysesQuery, analysisQuery, hei } from '../analyses/analyses.api.ts';

/** A need of one of the case's needs analyses, as the design editor offers it. */
export type NeedOption = {
  id: string;
  /** The competence (taxonomy concept or free text), in the interface language. */
  label: string;
  role: string | null;
  horizon: Analysis['needs'][number]['horizon'];
  priority: number;
  analysis: { id: string; title: string; version: number };
  /** In the newest version of its analysis (older versions' needs are only shown where still linked). */
  current: boolean;
};

export type CaseNeeds = {
  /** The user may read analyses and the case's are loaded. */
  ready: boolean;
  pending: boolean;
  error: unknown;
  /** The needs of the newest version of each of the case's analyses, highest priority first. */
  needs: NeedOption[];
  /** Every need of every version, by id (to name a link to a need of an earlier version). */
  byId: Map<string, NeedOption>;
  /** More than one analysis is current: a need is named with its analysis. */
  severalAnalyses: boolean;
};

/**
 * The needs of the case's needs analyses: the list the case page shows (`analysesQuery`) and each
 * analysis as its page reads it. A version that a later version of the list replaced offers no needs.
 */
export function useCaseNeeds(caseId: string): CaseNeeds {
  const format = useFormat();
  const { canRead } = useAnalysisAccess();
  const list = useQuery({ ...analysesQuery({ caseId }), enabled: canRead });
  const details = useQueries({
    queries: (list.data ?? []).map((a) => ({ ...analysisQuery(hei(a.id)), enabled: canRead })),
  });
  const analyses = details.flatMap((d) => (d.data ? [d.data] : []));
  const replaced = new Set(analyses.flatMap((a) => (a.previousId ? [a.previousId] : [])));
  const byId = new Map<string, NeedOption>();
  for (const a of analyses)
    for (const n of a.needs)
      byId.set(n.id, {
        id: n.id,
        label: n.concept ? format.pick(n.concept.label) : (n.freeText ?? ''),
        role: a.roles.find((r) => r.id === n.roleId)?.title ?? null,
        horizon: n.horizon,
        priority: n.computed.priority,
        analysis: { id: a.id, title: a.title, version: a.version },
        current: !replaced.has(a.id),
      });
  const needs = [...byId.values()].filter((n) => n.current).sort((x, y) => y.priority - x.priority);
  const pending = canRead && (list.isPending || details.some((d) => d.isPending));
  return {
    ready: canRead && list.isSuccess && details.every((d) => d.isSuccess),
    pending,
    error: list.error ?? details.find((d) => d.error)?.error ?? null,
    needs,
    byId,
    severalAnalyses: new Set(needs.map((n) => n.analysis.id)).size > 1,
  };
}

/** How a need is named in the editor: with its role when another need has the same competence. */
function useNeedName(caseNeeds: CaseNeeds) {
  const { t } = useTranslation();
  return (need: NeedOption) => {
    const twin = caseNeeds.needs.some((n) => n.id !== need.id && n.label === need.label);
    const parts = [need.label];
    if (twin && need.role) parts.push(need.role);
    if (caseNeeds.severalAnalyses || !need.current)
      parts.push(
        t('design.needs.ofAnalysis', { title: need.analysis.title, version: need.analysis.version }),
      );
    return parts.join(' – ');
  };
}

/** The needs a learning outcome answers: one checkbox per need of the case (a multiple choice). */
export function OutcomeNeeds({
  label,
  value,
  onChange,
  caseNeeds,
}: {
  label: string;
  value: string[];
  onChange: (needIds: string[]) => void;
  caseNeeds: CaseNeeds;
}) {
  const { t } = useTranslation();
  const name = useNeedName(caseNeeds);
  if (!caseNeeds.ready) return null;
  // links to needs that are not offered (an earlier version's, or a removed need) stay, so they can be undone
  const others = value.filter((id) => !caseNeeds.needs.some((n) => n.id === id));
  if (caseNeeds.needs.length === 0 && others.length === 0) return null;
  return (
    <Checkbox.Group label={label} value={value} onChange={onChange} size="sm">
      <Group gap="md" mt={4}>
        {caseNeeds.needs.map((n) => (
          <Checkbox key={n.id} value={n.id} label={name(n)} />
        ))}
        {others.map((id) => {
          const need = caseNeeds.byId.get(id);
          return <Checkbox key={id} value={id} label={need ? name(need) : t('design.needs.gone')} />;
        })}
      </Group>
    </Checkbox.Group>
  );
}

export type OutcomeRef = { module: number; outcome: number; text: string; needIds: string[] };

const shorten = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Each need of the case and the learning outcomes that answer it (as the form is now), so the study
 * director sees the needs no outcome answers before approving.
 */
export function NeedCoverage({ caseNeeds, outcomes }: { caseNeeds: CaseNeeds; outcomes: OutcomeRef[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const name = useNeedName(caseNeeds);
  const answering = (needId: string) => outcomes.filter((o) => o.needIds.includes(needId));
  const gaps = caseNeeds.needs.filter((n) => answering(n.id).length === 0).length;

  let body: ReactNode;
  if (caseNeeds.pending) body = <Text size="sm">{t('app.loading')}</Text>;
  else if (caseNeeds.error) body = <Text size="sm">{errorMessage(caseNeeds.error)}</Text>;
  else if (!caseNeeds.ready) return null;
  else if (caseNeeds.needs.length === 0) body = <Text size="sm">{t('design.needs.none')}</Text>;
  else
    body = (
      <>
        <Text size="sm" fw={600} data-testid="need-gaps" aria-live="polite">
          {gaps === 0
            ? t('design.needs.allAnswered')
            : t('design.needs.gaps', { count: gaps, total: caseNeeds.needs.length })}
        </Text>
        <DataTable
          minWidth={640}
          verticalSpacing="xs"
          data-testid="need-coverage"
          columns={[
            t('design.needs.need'),
            t('design.needs.horizon'),
            t('design.needs.priority'),
            t('design.needs.answeredBy'),
          ]}
        >
          {caseNeeds.needs.map((n) => {
            const by = answering(n.id);
            return (
              <Table.Tr key={n.id} data-testid="need-coverage-row">
                <Table.Td>
                  {name(n)}
                  {n.role && (
                    <Text size="xs" c="dimmed">
                      {n.role}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t(`analyses.horizonOption.${n.horizon}`)}</Table.Td>
                <Table.Td>{format.number(n.priority)}</Table.Td>
                <Table.Td>
                  {by.length === 0 ? (
                    <Badge variant="outline" color="red.9" tt="none" data-testid="need-unanswered">
                      {t('design.needs.unanswered')}
                    </Badge>
                  ) : (
                    <List size="sm">
                      {by.map((o) => (
                        <List.Item key={`${o.module}-${o.outcome}`}>
                          {t('design.needs.outcomeRef', { module: o.module, n: o.outcome })}
                          {o.text.trim() && `: ${shorten(o.text.trim())}`}
                        </List.Item>
                      ))}
                    </List>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </DataTable>
      </>
    );

  return (
    <Stack gap="xs" data-testid="design-needs">
      <Title order={4} size="h5">
        {t('design.needs.title')}
      </Title>
      <Text size="sm">{t('design.needs.intro')}</Text>
      {body}
    </Stack>
  );
}
