import { Alert, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format.ts';
import { KeyFigure } from '../../ui/KeyFigure.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { Page, QueryView, Section } from '../../ui/page.tsx';
import { OrganisationView } from '../admin/OrganisationView.tsx';
import { useCaseAccess } from '../cases/CasesPage.tsx';
import { NewCaseModal } from '../cases/NewCaseModal.tsx';
import { useCustomerAccess } from '../customers/access.ts';
import { CaseValueTable } from '../customers/CaseValueTable.tsx';
import { FrameworkModal, FrameworkStatus } from './Frameworks.tsx';
import { type FrameworkDetail, frameworkQuery } from './frameworks.api.ts';

const route = getRouteApi('/app/framework-agreements/$frameworkId');

/**
 * One framework agreement: its period and where it stands, how much of the ceiling the call-offs have used,
 * and the call-offs themselves — what a coordinator reads before the customer's next call-off or the
 * agreement's renewal.
 */
export function FrameworkPage() {
  const { t } = useTranslation();
  const { frameworkId } = route.useParams();
  const { membership, canRead } = useCustomerAccess();
  const framework = useQuery({ ...frameworkQuery(frameworkId), enabled: canRead });
  return (
    <Page title={framework.data?.title ?? t('frameworks.section')}>
      <OrganisationView membership={membership} allowed={canRead}>
        {() => (
          <QueryView query={framework} notFound={<Alert color="gray">{t('frameworks.notFound')}</Alert>}>
            {(f) => <FrameworkView framework={f} />}
          </QueryView>
        )}
      </OrganisationView>
    </Page>
  );
}

function FrameworkView({ framework: f }: { framework: FrameworkDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const [callingOff, setCallingOff] = useState(false);
  const { canOpen } = useCaseAccess();
  return (
    <Stack gap="lg">
      <AnchorLink to="/customers/$customerId" params={{ customerId: f.customer.id }}>
        {t('frameworks.back')} {f.customer.name}
      </AnchorLink>
      <Stack gap={4} data-testid="framework-identity">
        <Text>{t('frameworks.customerIs', { customer: f.customer.name })}</Text>
        {f.reference && <Text>{t('frameworks.referenceIs', { reference: f.reference })}</Text>}
        <Text>
          {format.date(f.validFrom)} – {format.date(f.validTo)} · <FrameworkStatus framework={f} />
        </Text>
      </Stack>
      {(f.canEdit || canOpen) && (
        <Group>
          {canOpen && f.status !== 'ended' && (
            <Button onClick={() => setCallingOff(true)}>{t('frameworks.newCallOff')}</Button>
          )}
          {f.canEdit && (
            <Button variant="light" onClick={() => setEditing(true)}>
              {t('frameworks.edit')}
            </Button>
          )}
        </Group>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} data-testid="framework-figures">
        <KeyFigure label={t('frameworks.calledOff')} value={format.kronor(f.calledOffOre)} />
        <KeyFigure
          label={t('frameworks.ceilingLabel')}
          value={f.ceilingOre ? format.kronor(f.ceilingOre) : t('frameworks.noCeiling')}
        />
        {f.ceilingOre !== null && (
          <KeyFigure
            label={t('frameworks.ceilingLeft')}
            value={format.kronor(f.ceilingOre - f.calledOffOre)}
          />
        )}
        <KeyFigure label={t('frameworks.callOffs')} value={String(f.callOffs)} />
        <KeyFigure label={t('frameworks.invoiced')} value={format.kronor(f.invoicedOre)} />
      </SimpleGrid>
      <Section id="framework-call-offs" title={t('frameworks.callOffList')}>
        {f.callOffList.length === 0 ? (
          <Text>{t('frameworks.noCallOffs')}</Text>
        ) : (
          <Stack gap="xs">
            <CaseValueTable cases={f.callOffList} testId="framework-call-offs" />
            <Text size="sm">{t('frameworks.callOffNote')}</Text>
          </Stack>
        )}
      </Section>
      {editing && <FrameworkModal customer={f.customer} framework={f} onClose={() => setEditing(false)} />}
      {callingOff && (
        <NewCaseModal customer={f.customer} callOffUnder={f} onClose={() => setCallingOff(false)} />
      )}
    </Stack>
  );
}
