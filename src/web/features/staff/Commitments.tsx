import { List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { Section } from '../../ui/page.tsx';
import type { StaffProfile } from './staff.api.ts';

/**
 * What a person has taken on, in a line: hours in approved courses still to give, sessions scheduled in the year
 * ahead, and — when they said how many hours a year they can give — whether that is more.
 */
export function CommitmentsLine({ profile }: { profile: StaffProfile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { plannedHours, scheduledHours, courses } = profile.commitments;
  const over = profile.hoursPerYear !== null && plannedHours > profile.hoursPerYear;
  return (
    <>
      <Text size="xs">
        {courses.length === 0 && scheduledHours === 0
          ? t('staff.commitments.none')
          : t('staff.commitments.line', {
              count: courses.length,
              hours: format.number(plannedHours),
              scheduled: format.number(scheduledHours),
            })}
      </Text>
      {over && (
        <Text size="xs" fw={700} c="red.9">
          {t('staff.commitments.over', { hours: profile.hoursPerYear })}
        </Text>
      )}
    </>
  );
}

/** On a person's profile: the courses their commitments are made of, each linked to its case. */
export function CommitmentsSection({ profile }: { profile: StaffProfile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { courses } = profile.commitments;
  return (
    <Section id="staff-commitments" title={t('staff.commitments.title')}>
      <Stack gap="xs">
        <Text size="sm" maw={760}>
          {t('staff.commitments.intro')}
        </Text>
        <CommitmentsLine profile={profile} />
        {courses.length > 0 && (
          <List size="sm" data-testid="staff-commitments">
            {courses.map((c) => (
              <List.Item key={c.designId}>
                <AnchorLink to="/cases/$caseId" params={{ caseId: c.caseId }}>
                  {c.reference} {c.title}
                </AnchorLink>
                {': '}
                {t('staff.commitments.course', {
                  teaching: format.number(c.teachingHours),
                  development: format.number(c.developmentHours),
                })}
                {c.endDate && ` ${t('staff.commitments.until', { date: format.date(c.endDate) })}`}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Section>
  );
}
