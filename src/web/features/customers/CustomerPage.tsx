import { Alert, Anchor, Button, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format.ts';
import { KeyFigure } from '../../ui/KeyFigure.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { Page, QueryView, Section } from '../../ui/page.tsx';
import { OrganisationView } from '../admin/OrganisationView.tsx';
import { analysesQuery } from '../analyses/analyses.api.ts';
import { useCaseAccess } from '../cases/CasesPage.tsx';
import { NewCaseModal } from '../cases/NewCaseModal.tsx';
import { FollowUpView } from '../evaluation/EvaluationResults.tsx';
import { CustomerFrameworks } from '../frameworks/Frameworks.tsx';
import { Lesson } from '../review/CaseReview.tsx';
import { useCustomerAccess } from './access.ts';
import { CaseValueTable } from './CaseValueTable.tsx';
import { type CustomerDetail, customerQuery } from './customers.api.ts';

const route = getRouteApi('/app/customers/$customerId');

/**
 * One customer as the HEI knows it — before a meeting, the coordinator reads here what the HEI has done with
 * them: the cases and what came of them, the signed value, the needs analyses and whom to contact.
 */
export function CustomerPage() {
  const { t } = useTranslation();
  const { customerId } = route.useParams();
  const { membership, canRead } = useCustomerAccess();
  const { canOpen } = useCaseAccess();
  const [opening, setOpening] = useState(false);
  const customer = useQuery({ ...customerQuery(customerId), enabled: canRead });
  return (
    <Page title={customer.data?.name ?? t('customers.customer')}>
      <OrganisationView membership={membership} allowed={canRead}>
        {() => (
          <Stack gap="lg">
            <AnchorLink to="/customers" search={{}}>
              {t('customers.back')}
            </AnchorLink>
            <QueryView query={customer} notFound={<Alert color="gray">{t('customers.notFound')}</Alert>}>
              {(c) => (
                <Stack gap="lg">
                  {canOpen && (
                    <Group>
                      <Button onClick={() => setOpening(true)}>{t('cases.new.buttonFor')}</Button>
                    </Group>
                  )}
                  <CustomerView customer={c} />
                  {opening && <NewCaseModal customer={c} onClose={() => setOpening(false)} />}
                </Stack>
              )}
            </QueryView>
          </Stack>
        )}
      </OrganisationView>
    </Page>
  );
}

function CustomerView({ customer: c }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const address = [c.streetAddress, [c.postalCode, c.city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return (
    <Stack gap="lg">
      <Text data-testid="customer-identity">
        {t('customers.orgNumberIs', { orgNumber: c.orgNumber })}
        {c.county && ` · ${t('customers.countyIs', { county: c.county })}`}
        {address && ` · ${address}`}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} data-testid="customer-figures">
        <KeyFigure label={t('customers.cases')} value={String(c.cases)} />
        <KeyFigure label={t('customers.open')} value={String(c.openCases)} />
        <KeyFigure
          label={t('customers.wonLost')}
          value={t('customers.wonLostValue', { won: c.won, lost: c.lost })}
        />
        <KeyFigure label={t('customers.signedValue')} value={format.kronor(c.signedValueOre)} />
      </SimpleGrid>
      <Section id="customer-cases" title={t('customers.caseList')}>
        <CaseValueTable cases={c.caseList} testId="customer-cases" />
      </Section>
      <CustomerFrameworks customer={c} />
      <Section id="customer-follow-ups" title={t('customers.followUps')}>
        {c.followUps.length === 0 ? (
          <Text>{t('customers.noFollowUps')}</Text>
        ) : (
          <Stack gap="sm">
            {c.followUps.map((f) => (
              <FollowUpView key={f.id} followUp={f} title={f.title} />
            ))}
          </Stack>
        )}
      </Section>
      <Section id="customer-lessons" title={t('customers.lessons')}>
        {c.lessons.length === 0 ? (
          <Text>{t('customers.noLessons')}</Text>
        ) : (
          <Stack gap="sm">
            {c.lessons.map((lesson) => (
              <Lesson key={lesson.caseId} lesson={lesson} />
            ))}
          </Stack>
        )}
      </Section>
      <CustomerAnalyses customerId={c.id} />
      <Section id="customer-contacts" title={t('customers.contacts')}>
        {c.contacts.length === 0 ? (
          <Text>{t('customers.noContacts')}</Text>
        ) : (
          <List data-testid="customer-contacts">
            {c.contacts.map((p) => (
              <List.Item key={p.email}>
                {p.name} · <Anchor href={`mailto:${p.email}`}>{p.email}</Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </Section>
    </Stack>
  );
}

/** The HEI's needs analyses for the customer, newest first: what their needs were, as analysed. */
function CustomerAnalyses({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const analyses = useQuery(analysesQuery({ customerId }));
  return (
    <Section id="customer-analyses" title={t('analyses.title')}>
      <QueryView query={analyses}>
        {(items) =>
          items.length === 0 ? (
            <Text>{t('customers.noAnalyses')}</Text>
          ) : (
            <List data-testid="customer-analyses">
              {items.map((a) => (
                <List.Item key={a.id}>
                  <AnchorLink to="/needs/$analysisId" params={{ analysisId: a.id }}>
                    {a.title}
                  </AnchorLink>{' '}
                  ·{' '}
                  {t('customers.analysisLine', {
                    version: a.version,
                    needs: a.needs,
                    date: format.date(a.createdAt),
                  })}
                </List.Item>
              ))}
            </List>
          )
        }
      </QueryView>
    </Section>
  );
}
