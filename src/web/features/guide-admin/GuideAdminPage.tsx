import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuideItemSummary, GuideOverview } from '../../../features/guide/guide.contract.ts';
import { type GuideLanguage, guideText } from '../../../features/guide/guide.text.ts';
import { activeOrganisationOf, hasRole, useMe } from '../../session.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { FormModal } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { Page, Section } from '../../ui/page.tsx';
import { OrganisationQueryView } from '../admin/OrganisationView.tsx';
import { guideOverviewQuery } from './guide-admin.api.ts';

/** An own page's id: its address, as the API accepts it. */
export const ownPageIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The HEI's version of the process guide: every shared page and template with its state, and own pages. */
export function GuideAdminPage() {
  const { t } = useTranslation();
  const membership = activeOrganisationOf(useMe());
  const allowed = membership?.tenant.kind === 'hei' && hasRole(membership, 'admin', 'manager');
  const query = useQuery({ ...guideOverviewQuery(membership?.tenant.id ?? ''), enabled: allowed });
  return (
    <Page title={t('guideAdmin.title')}>
      <OrganisationQueryView membership={membership} allowed={allowed} query={query}>
        {(overview) => <Overview overview={overview} canEdit={hasRole(membership, 'admin')} />}
      </OrganisationQueryView>
    </Page>
  );
}

/** The state of an item as the list and the editor name it. */
export function useStateLabel() {
  const { t } = useTranslation();
  return (item: GuideItemSummary) => {
    const state = item.state === 'adapted' && item.sharedChangedSince ? 'changed' : item.state;
    const badge = {
      shared: { variant: 'outline', color: 'gray.8' },
      adapted: { variant: 'filled', color: 'blue' },
      changed: { variant: 'light', color: 'orange' },
      own: { variant: 'light', color: 'green' },
    }[state];
    return (
      // Never cut short in a narrow table column.
      <Badge
        {...badge}
        tt="none"
        data-testid="guide-item-state"
        styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } }}
      >
        {t(`guideAdmin.states.${state}`)}
      </Badge>
    );
  };
}

function Overview({ overview, canEdit }: { overview: GuideOverview; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState<GuideLanguage>(i18n.language === 'en' ? 'en' : 'sv');
  const [creating, setCreating] = useState(false);
  const items = overview.items.filter((i) => i.language === language);
  return (
    <Stack gap="lg">
      <Text>{t('guideAdmin.intro', { organisation: overview.organisation.name })}</Text>
      {!canEdit && (
        <Alert color="gray" variant="light">
          {t('guideAdmin.readOnly')}
        </Alert>
      )}
      <Group gap="lg">
        {(['sv', 'en'] as const).map((lang) => (
          <Anchor key={lang} href={overview.home[lang]}>
            {t('guideAdmin.openPublicLanguage', { language: t(`guideAdmin.languages.${lang}`) })}
          </Anchor>
        ))}
      </Group>
      <Group justify="space-between">
        <Group>
          <Text id="guide-language-label" fw={600}>
            {t('guideAdmin.language')}
          </Text>
          <SegmentedControl
            aria-labelledby="guide-language-label"
            value={language}
            onChange={(next) => setLanguage(next === 'en' ? 'en' : 'sv')}
            data={[
              { value: 'sv', label: t('guideAdmin.languageOptions.sv') },
              { value: 'en', label: t('guideAdmin.languageOptions.en') },
            ]}
          />
        </Group>
        {canEdit && <Button onClick={() => setCreating(true)}>{t('guideAdmin.newPage')}</Button>}
      </Group>
      <Section id="guide-pages" title={t('guideAdmin.pages')}>
        <ItemTable items={items.filter((i) => i.kind === 'page')} canEdit={canEdit} withPart />
      </Section>
      <Section id="guide-templates" title={t('guideAdmin.templates')}>
        <ItemTable items={items.filter((i) => i.kind === 'template')} canEdit={canEdit} />
      </Section>
      {creating && (
        <NewPageModal language={language} items={overview.items} onClose={() => setCreating(false)} />
      )}
    </Stack>
  );
}

function ItemTable({
  items,
  canEdit,
  withPart = false,
}: {
  items: GuideItemSummary[];
  canEdit: boolean;
  withPart?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const stateLabel = useStateLabel();
  const parts = guideText[i18n.language === 'en' ? 'en' : 'sv'].parts;
  return (
    <DataTable
      minWidth={640}
      striped
      columns={[
        t('guideAdmin.columnTitle'),
        withPart && t('guideAdmin.columnPart'),
        t('guideAdmin.columnState'),
        t('guideAdmin.columnUpdated'),
        t('guideAdmin.columnAction'),
      ]}
    >
      {items.map((item) => {
        const action = !canEdit
          ? t('guideAdmin.view')
          : item.state === 'shared'
            ? t('guideAdmin.adapt')
            : t('guideAdmin.edit');
        return (
          <Table.Tr key={`${item.kind}/${item.id}`}>
            <Table.Td>
              <Anchor href={item.path}>{item.title}</Anchor>
            </Table.Td>
            {withPart && (
              <Table.Td>
                {item.part === 'own' ? t('guideAdmin.ownPart') : item.part ? parts[item.part] : ''}
              </Table.Td>
            )}
            <Table.Td>{stateLabel(item)}</Table.Td>
            <Table.Td>{item.override ? format.date(item.override.updatedAt) : ''}</Table.Td>
            <Table.Td>
              <AnchorLink
                to="/admin/guide/$kind/$itemId/$language"
                params={{
                  kind: item.kind === 'page' ? 'pages' : 'templates',
                  itemId: item.id,
                  language: item.language,
                }}
                aria-label={t('guideAdmin.itemAction', { action, title: item.title })}
              >
                {action}
              </AnchorLink>
            </Table.Td>
          </Table.Tr>
        );
      })}
    </DataTable>
  );
}

function NewPageModal({
  language: initialLanguage,
  items,
  onClose,
}: {
  language: GuideLanguage;
  items: GuideItemSummary[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [id, setId] = useState('');
  const [language, setLanguage] = useState<GuideLanguage>(initialLanguage);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const wanted = id.trim();
    if (!ownPageIdPattern.test(wanted) || wanted.length > 80) return setError(t('guideAdmin.newPageIdError'));
    // A shared page's address, or an own page already in this language (the other language's is its twin).
    const taken = items.some(
      (i) => i.kind === 'page' && i.id === wanted && (i.state !== 'own' || i.language === language),
    );
    if (taken) return setError(t('guideAdmin.newPageIdTaken'));
    void navigate({
      to: '/admin/guide/$kind/$itemId/$language',
      params: { kind: 'pages', itemId: wanted, language },
    });
  };
  return (
    <FormModal
      title={t('guideAdmin.newPage')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('guideAdmin.newPageCreate')}
      pending={false}
    >
      <TextInput
        label={t('guideAdmin.newPageId')}
        description={t('guideAdmin.newPageIdHint')}
        value={id}
        onChange={(e) => {
          setId(e.currentTarget.value);
          setError(null);
        }}
        error={error}
        required
        data-autofocus
      />
      <Stack gap={4}>
        <Text id="new-page-language" size="sm" fw={500}>
          {t('guideAdmin.language')}
        </Text>
        <SegmentedControl
          aria-labelledby="new-page-language"
          value={language}
          onChange={(next) => setLanguage(next === 'en' ? 'en' : 'sv')}
          data={[
            { value: 'sv', label: t('guideAdmin.languageOptions.sv') },
            { value: 'en', label: t('guideAdmin.languageOptions.en') },
          ]}
        />
      </Stack>
    </FormModal>
  );
}
