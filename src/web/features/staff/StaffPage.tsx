import { Alert, Badge, Button, Checkbox, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { profileLanguages } from '../../../features/staff/staff.contract.ts';
import { activeOrganisationOf, useMe } from '../../session.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { Page, QueryView, Section } from '../../ui/page.tsx';
import { useTabState } from '../../ui/tab-state.ts';
import { OrganisationView } from '../admin/OrganisationView.tsx';
import type { ChosenConcept } from '../analyses/ConceptPicker.tsx';
import { AddTeacherModal } from './AddTeacherModal.tsx';
import { CommitmentsLine } from './Commitments.tsx';
import { ConceptChooser } from './ConceptChooser.tsx';
import { useLanguageName } from './ProfileForm.tsx';
import {
  type SearchResult,
  type StaffProfile,
  staffAccess,
  staffListQuery,
  staffSearchQuery,
} from './staff.api.ts';

const route = getRouteApi('/app/staff');

/**
 * "Hitta lärare": a coordinator picks competences (or comes from a design, whose needs' concepts are
 * searched) and gets the HEI's staff ranked by matching expertise, availability and interest; from a design,
 * a person is added to it as a teacher. Below, every staff member's profile (admins edit them there).
 */
export function StaffPage() {
  const { t } = useTranslation();
  const membership = activeOrganisationOf(useMe());
  const access = staffAccess(membership);
  const { designId } = route.useSearch();
  return (
    <Page title={t('staff.find.title')}>
      <OrganisationView membership={membership} allowed={access.canFind}>
        {({ tenant }) => (
          <Stack gap="lg">
            <FindTeachers key={designId ?? ''} heiId={tenant.id} designId={designId} />
            <StaffList heiId={tenant.id} />
          </Stack>
        )}
      </OrganisationView>
    </Page>
  );
}

function FindTeachers({ heiId, designId }: { heiId: string; designId: string | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const languageName = useLanguageName();
  const access = staffAccess(activeOrganisationOf(useMe()));
  // the criteria stay with the tab: back from a teacher's profile finds the same search
  const [criteria, setCriteria] = useTabState<{
    concepts: ChosenConcept[];
    related: boolean;
    language: string;
  }>(`staff.find.${designId ?? ''}`, { concepts: [], related: true, language: '' });
  const { concepts, related, language } = criteria;
  const setConcepts = (next: ChosenConcept[]) => setCriteria({ ...criteria, concepts: next });
  const setRelated = (next: boolean) => setCriteria({ ...criteria, related: next });
  const setLanguage = (next: string) => setCriteria({ ...criteria, language: next });
  const [adding, setAdding] = useState<StaffProfile | null>(null);
  const body = {
    conceptIds: concepts.map((c) => c.id),
    related,
    ...(designId ? { designId } : {}),
    ...(language ? { language } : {}),
  };
  const search = useQuery({
    ...staffSearchQuery(heiId, body),
    enabled: concepts.length > 0 || !!designId,
    placeholderData: keepPreviousData,
  });
  const design = search.data?.design ?? null;
  // the design's need concepts are searched too; they are shown with the chosen ones
  const fromNeeds = (search.data?.concepts ?? []).filter(
    (c) => c.fromNeeds && !concepts.some((x) => x.id === c.id),
  );

  return (
    <Stack gap="lg">
      <Text maw={760}>{t('staff.find.intro')}</Text>
      {design && (
        <Alert color="blue" variant="light" title={t('staff.find.forDesign', { title: design.title })}>
          <Stack gap="xs">
            <Text size="sm">{t('staff.find.designIntro')}</Text>
            {fromNeeds.length === 0 && search.data?.concepts.every((c) => !c.fromNeeds) && (
              <Text size="sm">{t('staff.find.noNeedConcepts')}</Text>
            )}
            {fromNeeds.length > 0 && (
              <Group gap={6} aria-label={t('staff.find.needConcepts')} role="group">
                {fromNeeds.map((c) => (
                  <Badge key={c.id} variant="outline" tt="none">
                    {format.pick(c.label)} ({t('staff.find.fromNeeds')})
                  </Badge>
                ))}
              </Group>
            )}
            <Group>
              <ButtonLink
                variant="subtle"
                size="compact-sm"
                to="/cases/$caseId"
                params={{ caseId: design.caseId }}
              >
                {t('staff.find.toDesign')}
              </ButtonLink>
            </Group>
          </Stack>
        </Alert>
      )}
      <Section id="find-criteria" title={t('staff.find.criteria')}>
        <Stack gap="md">
          <ConceptChooser
            testId="search-concepts"
            label={t('staff.find.concepts')}
            pickerLabel={t('staff.find.addConcept')}
            pickerDescription={t('staff.profile.addExpertiseHint')}
            empty={designId ? t('staff.find.noChosenConcepts') : t('staff.find.noConcepts')}
            removeLabel={(concept) => t('staff.find.removeConcept', { concept })}
            concepts={concepts}
            onChange={setConcepts}
          />
          <Group align="flex-end" gap="lg">
            <Checkbox
              label={t('staff.find.related')}
              checked={related}
              onChange={(e) => setRelated(e.currentTarget.checked)}
            />
            <NativeSelect
              label={t('staff.find.language')}
              value={language}
              onChange={(e) => setLanguage(e.currentTarget.value)}
              maw={220}
            >
              <option value="">{t('staff.find.anyLanguage')}</option>
              {profileLanguages.map((code) => (
                <option key={code} value={code}>
                  {languageName(code)}
                </option>
              ))}
            </NativeSelect>
          </Group>
        </Stack>
      </Section>
      {(concepts.length > 0 || designId) && (
        <Section id="find-results" title={t('staff.find.results')}>
          <QueryView query={search}>
            {(data) =>
              data.results.length === 0 ? (
                <Text>{t('staff.find.none')}</Text>
              ) : (
                <Stack gap="sm">
                  <Text size="sm" role="status">
                    {t('staff.find.count', { count: data.results.length })}
                  </Text>
                  <Results
                    results={data.results}
                    canAdd={!!design && access.canChangeDesigns}
                    onAdd={setAdding}
                  />
                </Stack>
              )
            }
          </QueryView>
        </Section>
      )}
      {adding && design && (
        <AddTeacherModal
          heiId={heiId}
          design={design}
          person={adding}
          onClose={() => setAdding(null)}
          onAdded={() => setAdding(null)}
        />
      )}
    </Stack>
  );
}

function Results({
  results,
  canAdd,
  onAdd,
}: {
  results: SearchResult[];
  canAdd: boolean;
  onAdd: (person: StaffProfile) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const languageName = useLanguageName();
  return (
    <DataTable
      minWidth={860}
      data-testid="teacher-results"
      columns={[
        t('staff.find.columns.person'),
        t('staff.find.columns.matches'),
        t('staff.find.columns.availability'),
        t('staff.find.columns.interest'),
        t('staff.find.columns.languages'),
        canAdd && t('staff.find.columns.actions'),
      ]}
    >
      {results.map((r) => (
        <Table.Tr key={r.profile.userId} data-testid="teacher-result">
          <Table.Td>
            <AnchorLink
              to="/staff/$userId"
              params={{ userId: r.profile.userId }}
              fw={600}
              aria-label={t('staff.find.openProfileLabel', { name: r.profile.name })}
            >
              {r.profile.name}
            </AnchorLink>
            {r.profile.department && (
              <Text size="xs" c="dimmed">
                {r.profile.department}
              </Text>
            )}
            <Text size="xs">{t('staff.find.score', { score: format.number(r.score) })}</Text>
          </Table.Td>
          <Table.Td>
            <Group gap={4}>
              {r.matches.map((m) => (
                <Badge key={m.concept.id} variant={m.via === 'exact' ? 'light' : 'outline'} tt="none">
                  {t(`staff.find.via.${m.via}`, {
                    concept: format.pick(m.concept.label),
                    expertise: format.pick(m.expertise.label),
                  })}
                </Badge>
              ))}
            </Group>
          </Table.Td>
          <Table.Td>
            {t(`staff.availability.${r.profile.availability}`)}
            {r.profile.hoursPerYear !== null && (
              <Text size="xs" c="dimmed">
                {t('staff.find.hoursPerYear', { hours: r.profile.hoursPerYear })}
              </Text>
            )}
            <CommitmentsLine profile={r.profile} />
          </Table.Td>
          <Table.Td>{t(`staff.interest.${r.profile.interest}`)}</Table.Td>
          <Table.Td>{r.profile.languages.map(languageName).join(', ') || '–'}</Table.Td>
          {canAdd && (
            <Table.Td>
              {r.alreadyTeacher ? (
                <Badge color="green" variant="light" tt="none">
                  {t('staff.find.alreadyTeacher')}
                </Badge>
              ) : (
                <Button
                  size="compact-sm"
                  variant="light"
                  aria-label={t('staff.find.addToDesignLabel', { name: r.profile.name })}
                  onClick={() => onAdd(r.profile)}
                >
                  {t('staff.find.addToDesign')}
                </Button>
              )}
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/** Every member of the HEI and how far their profile is filled in; a name opens the profile. */
function StaffList({ heiId }: { heiId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useQuery(staffListQuery(heiId));
  return (
    <Section id="staff-list" title={t('staff.list.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('staff.list.intro')}</Text>
        <QueryView query={list}>
          {({ staff }) => (
            <DataTable
              minWidth={720}
              data-testid="staff-list"
              columns={[
                t('staff.list.columns.name'),
                t('staff.list.columns.roles'),
                t('staff.list.columns.department'),
                t('staff.list.columns.availability'),
                t('staff.list.columns.expertise'),
              ]}
            >
              {staff.map((p) => (
                <Table.Tr key={p.userId}>
                  <Table.Td>
                    <AnchorLink to="/staff/$userId" params={{ userId: p.userId }}>
                      {p.name}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{p.roles.map((r) => t(`roles.${r}`)).join(', ')}</Table.Td>
                  <Table.Td>{p.department ?? '–'}</Table.Td>
                  <Table.Td>
                    {p.exists ? t(`staff.availability.${p.availability}`) : t('staff.list.notFilled')}
                    <CommitmentsLine profile={p} />
                  </Table.Td>
                  <Table.Td>{p.expertise.map((c) => format.pick(c.label)).join(', ') || '–'}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
        </QueryView>
      </Stack>
    </Section>
  );
}
