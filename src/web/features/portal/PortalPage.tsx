import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PortalOverview } from '../../../features/portal/portal.contract.ts';
import { useFormat } from '../../ui/format.ts';
import { genitive } from '../../ui/genitive.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { Forbidden, Page, QueryView } from '../../ui/page.tsx';
import { CustomerToDo } from './CustomerToDo.tsx';
import { portalQuery } from './portal.api.ts';
import { useStageText } from './stage-text.ts';

/** The customer's overview: their inquiries and cases at the HEIs, with status in words. */
export function PortalPage() {
  const { t, i18n } = useTranslation();
  const portal = useQuery(portalQuery);
  return (
    <Page title={t('portal.title')}>
      <QueryView query={portal} forbidden={<Forbidden>{t('portal.noAccess')}</Forbidden>}>
        {(overview) => (
          <>
            <Text>
              {t('portal.intro', {
                organisationGenitive: genitive(overview.organisation.name, i18n.language),
              })}
            </Text>
            <CustomerToDo />
            <PortalCases cases={overview.cases} />
            <PortalInquiries inquiries={overview.inquiries} />
            <NewNeed frontDoors={overview.frontDoors} />
          </>
        )}
      </QueryView>
    </Page>
  );
}

/**
 * "A new need?": the front door of each consortium the customer knows, opened from the portal so the form starts
 * from the organisation and the contact person's account.
 */
function NewNeed({ frontDoors }: { frontDoors: PortalOverview['frontDoors'] }) {
  const { t } = useTranslation();
  if (!frontDoors.length) return null;
  return (
    <section aria-labelledby="portal-new-need">
      <Title order={2} size="h3" id="portal-new-need" mb="sm">
        {t('portal.newNeed')}
      </Title>
      <Text mb="xs">{t('portal.newNeedIntro')}</Text>
      <Stack gap={4}>
        {frontDoors.map((door) => (
          <AnchorLink
            key={door.slug}
            to="/c/$slug/inquiry"
            params={{ slug: door.slug }}
            search={{ from: 'portal' }}
          >
            {t('portal.newNeedAt', { consortium: door.name })}
          </AnchorLink>
        ))}
      </Stack>
    </section>
  );
}

function PortalCases({ cases }: { cases: PortalOverview['cases'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stageText = useStageText();
  return (
    <section aria-labelledby="portal-cases">
      <Title order={2} size="h3" id="portal-cases" mb="sm">
        {t('portal.cases')}
      </Title>
      {cases.length === 0 ? (
        <Text>{t('portal.noCases')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} data-testid="portal-cases">
          {cases.map((c) => (
            <Card key={c.id} withBorder padding="md" component="article">
              <Stack gap={4}>
                <AnchorLink to="/portal/cases/$caseId" params={{ caseId: c.id }} fw={700}>
                  {c.title}
                </AnchorLink>
                <Group gap="xs">
                  <Badge variant="light" tt="none">
                    {c.reference}
                  </Badge>
                  <Badge variant="outline" tt="none">
                    {t(`labels.stage.${c.stage}`)}
                  </Badge>
                </Group>
                <Text size="sm">{stageText(c.stage, c.outcome)}</Text>
                <Text size="sm">
                  {c.hei} · {t('portal.updated', { date: format.date(c.updatedAt) })}
                </Text>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </section>
  );
}

function PortalInquiries({ inquiries }: { inquiries: PortalOverview['inquiries'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="portal-inquiries">
      <Title order={2} size="h3" id="portal-inquiries" mb="sm">
        {t('portal.inquiries')}
      </Title>
      {inquiries.length === 0 ? (
        <Text>{t('portal.noInquiries')}</Text>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {inquiries.map((inquiry) => (
            <Card key={inquiry.reference} withBorder padding="md" component="li">
              <Group gap="xs">
                <Text fw={700}>{inquiry.reference}</Text>
                <Badge variant="light" tt="none">
                  {t(`labels.inquiryStatus.${inquiry.status}`)}
                </Badge>
              </Group>
              <Text size="sm">
                {t('portal.submitted', { date: format.date(inquiry.submittedAt) })}
                {inquiry.handledBy ? ` · ${t('portal.handledBy', { hei: inquiry.handledBy })}` : ''}
              </Text>
              <Text size="sm">{t(`follow.statusText.${inquiry.status}`)}</Text>
              <Text size="sm" lineClamp={3} mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                {inquiry.needText}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
    </section>
  );
}
