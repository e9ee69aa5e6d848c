import { Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Analysis, analysisSchema } from '../../../features/needs/needs.contract.ts';
import { api, isApiError } from '../../api.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { Section, useErrorMessage } from '../../ui/page.tsx';
import { useAnalysisUpdate, useNeedLabel, useRemoval } from './AnalysisEditor.tsx';
import type { AnalysisBase } from './analyses.api.ts';
import { RowActions } from './RowActions.tsx';

type Person = Analysis['persons'][number];

/**
 * Person level, optional and pseudonymous: a person's current level in each need, under a pseudonym
 * the HEI chooses. The API refuses anything that looks like a personnummer or an e-mail address.
 */
export function PersonsSection({
  base,
  analysis,
  canEdit,
}: {
  base: AnalysisBase;
  analysis: Analysis;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const labelOf = useNeedLabel();
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const saved = useAnalysisUpdate(base);
  const remove = useRemoval(base, (personId) => api.delete(`${base.path}/persons/${personId}`));
  const role = (roleId: string | null) =>
    analysis.roles.find((r) => r.id === roleId)?.title ?? t('analyses.wholeOrganisation');
  return (
    <Section id="analysis-persons" title={t('analyses.persons')}>
      <Stack gap="sm">
        <Text size="sm">{t('analyses.personsIntro')}</Text>
        {analysis.persons.length > 0 && (
          <Table.ScrollContainer minWidth={520}>
            <Table striped data-testid="persons-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('analyses.pseudonym')}</Table.Th>
                  <Table.Th scope="col">{t('analyses.role')}</Table.Th>
                  {analysis.needs.map((n) => (
                    <Table.Th scope="col" key={n.id}>
                      {labelOf(n)}
                    </Table.Th>
                  ))}
                  {canEdit && <Table.Th scope="col">{t('analyses.edit')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {analysis.persons.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Th scope="row">{p.pseudonym}</Table.Th>
                    <Table.Td>{role(p.roleId)}</Table.Td>
                    {analysis.needs.map((n) => (
                      <Table.Td key={n.id}>
                        {p.levels.find((l) => l.needId === n.id)?.currentLevel ?? '–'}
                      </Table.Td>
                    ))}
                    {canEdit && (
                      <Table.Td>
                        <RowActions
                          editLabel={`${t('analyses.edit')}: ${p.pseudonym}`}
                          removeLabel={`${t('analyses.remove')}: ${p.pseudonym}`}
                          onEdit={() => setEditing(p)}
                          onRemove={() => remove.mutate(p.id)}
                        />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canEdit && (
          <Group>
            <Button variant="light" onClick={() => setEditing('new')}>
              {t('analyses.addPerson')}
            </Button>
          </Group>
        )}
      </Stack>
      {editing && (
        <PersonForm
          base={base}
          analysis={analysis}
          person={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={async (updated) => {
            await saved(updated);
            setEditing(null);
          }}
        />
      )}
    </Section>
  );
}

function PersonForm({
  base,
  analysis,
  person,
  onClose,
  onSaved,
}: {
  base: AnalysisBase;
  analysis: Analysis;
  person: Person | null;
  onClose: () => void;
  onSaved: (analysis: Analysis) => void;
}) {
  const { t } = useTranslation();
  const labelOf = useNeedLabel();
  const errorMessage = useErrorMessage();
  const [pseudonym, setPseudonym] = useState(person?.pseudonym ?? '');
  const [roleId, setRoleId] = useState(person?.roleId ?? '');
  const [levels, setLevels] = useState<Record<string, number>>(
    Object.fromEntries((person?.levels ?? []).map((l) => [l.needId, l.currentLevel])),
  );
  const [errors, setErrors] = useState<{ pseudonym?: string; other?: string }>({});
  const save = useMutation({
    mutationFn: () => {
      const body = {
        pseudonym,
        roleId: roleId || null,
        levels: Object.entries(levels).map(([needId, currentLevel]) => ({ needId, currentLevel })),
      };
      return person
        ? api.put(`${base.path}/persons/${person.id}`, body, analysisSchema)
        : api.post(`${base.path}/persons`, body, analysisSchema);
    },
    onSuccess: onSaved,
    onError: (e) => {
      if (isApiError(e, 400) && e.fieldErrors().pseudonym)
        setErrors({ pseudonym: t('analyses.pseudonymError') });
      else setErrors({ other: errorMessage(e) });
    },
  });
  return (
    <FormModal
      size="lg"
      title={person ? `${t('analyses.edit')}: ${person.pseudonym}` : t('analyses.addPerson')}
      onClose={onClose}
      onSubmit={() => {
        if (!pseudonym.trim()) setErrors({ pseudonym: t('analyses.pseudonymError') });
        else save.mutate();
      }}
      submitLabel={t('analyses.savePerson')}
      pending={save.isPending}
      error={errors.other}
    >
      <TextInput
        label={t('analyses.pseudonym')}
        description={t('analyses.pseudonymHint')}
        required
        value={pseudonym}
        onChange={(e) => setPseudonym(e.currentTarget.value)}
        error={errors.pseudonym}
      />
      <NativeSelect
        label={t('analyses.role')}
        value={roleId}
        onChange={(e) => setRoleId(e.currentTarget.value)}
      >
        <option value="">{t('analyses.wholeOrganisation')}</option>
        {analysis.roles.map((r) => (
          <option key={r.id} value={r.id}>
            {r.title}
          </option>
        ))}
      </NativeSelect>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {analysis.needs.map((n) => (
          <NativeSelect
            key={n.id}
            label={`${labelOf(n)}: ${t('analyses.currentLevel').toLowerCase()}`}
            value={levels[n.id] === undefined ? '' : String(levels[n.id])}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setLevels(({ [n.id]: _old, ...rest }) =>
                value === '' ? rest : { ...rest, [n.id]: Number(value) },
              );
            }}
          >
            <option value="">{t('analyses.notAssessed')}</option>
            {[0, 1, 2, 3, 4, 5].map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </NativeSelect>
        ))}
      </SimpleGrid>
    </FormModal>
  );
}
