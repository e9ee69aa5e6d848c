import { Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type PortalToDo, sectionOf } from '../../../features/portal/portal.contract.ts';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { QueryView } from '../../ui/page.tsx';
import { WorkItem, WorkList } from '../overview/MyWork.tsx';
import { portalQuery } from './portal.api.ts';

// What waits for the customer ("Att göra"), on their home page and above their cases: proposals to answer,
// agreements and addenda to sign, the invoice reference, participants to designate. Each links to the part
// of the case's page where it is done.

export function CustomerToDo() {
  const { t } = useTranslation();
  const query = useQuery(portalQuery);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="customer-to-do">
      <Stack gap="xs">
        <Title order={2} size="h3" id="customer-to-do">
          {t('portal.toDo.title')}
        </Title>
        <QueryView query={query}>
          {({ toDo }) =>
            toDo.length ? (
              <WorkList>
                {toDo.map((item) => (
                  <ToDoItem key={`${item.kind}-${item.recordId}-${item.addendum}`} item={item} />
                ))}
              </WorkList>
            ) : (
              <Text>{t('portal.toDo.none')}</Text>
            )
          }
        </QueryView>
      </Stack>
    </Card>
  );
}

function ToDoItem({ item }: { item: PortalToDo }) {
  const { t } = useTranslation();
  const format = useFormat();
  const when =
    item.kind === 'answer_proposal' && item.dueOn
      ? t('portal.toDo.validUntil', { date: format.date(item.dueOn) })
      : item.kind === 'designate_participants' && item.dueOn
        ? t('portal.toDo.deadline', { date: format.date(item.dueOn), count: item.designated ?? 0 })
        : item.kind === 'follow_up_evaluation' && item.dueOn
          ? t('portal.toDo.answerBy', { date: format.date(item.dueOn) })
          : null;
  return (
    <WorkItem
      link={
        <AnchorLink to="/portal/cases/$caseId" params={{ caseId: item.caseId }} hash={sectionOf[item.kind]}>
          {t(`portal.toDo.${item.kind}`, { title: item.title, number: item.addendum })}
        </AnchorLink>
      }
      overdue={false}
      note={[`${item.caseReference} · ${item.hei}`, when].filter(Boolean).join(' · ')}
    />
  );
}
