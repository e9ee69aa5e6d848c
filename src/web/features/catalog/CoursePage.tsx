import { Anchor, Badge, List, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Course } from '../../../features/catalog/catalog.contract.ts';
import { BackToList } from '../../ui/BackToList.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { useFormat } from '../../ui/format.ts';
import { notify } from '../../ui/notify.ts';
import { Forbidden, Page, QueryView, Section, useErrorMessage } from '../../ui/page.tsx';
import { useCatalogAccess } from './access.ts';
import { courseQuery, decideTag } from './catalog.api.ts';
import { TagDecision } from './TagDecision.tsx';

const route = getRouteApi('/app/courses/$courseId');

/** One course of the consortium: what it offers, when, and the taxonomy concepts it is tagged with. */
export function CoursePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { courseId } = route.useParams();
  const { canBrowse: canRead } = useCatalogAccess();
  const course = useQuery({ ...courseQuery(courseId), enabled: canRead });
  return (
    <Page
      title={course.data ? format.pick(course.data.title) : t('catalog.title')}
      titleLang={course.data ? format.pickedLanguage(course.data.title) : undefined}
    >
      <BackToList to="/courses">{t('catalog.back')}</BackToList>
      {!canRead ? (
        <Forbidden>{t('catalog.noAccess')}</Forbidden>
      ) : (
        <QueryView query={course} notFound={<Text>{t('catalog.notFound')}</Text>}>
          {(c) => <CourseView course={c} />}
        </QueryView>
      )}
    </Page>
  );
}

function CourseView({ course }: { course: Course }) {
  const { t } = useTranslation();
  const format = useFormat();
  const credits =
    course.credits !== null
      ? t('catalog.creditsValue', { credits: format.number(course.credits) })
      : course.creditEquivalent !== null
        ? t('catalog.creditEquivalent', { credits: format.number(course.creditEquivalent) })
        : '–';
  // the language the course's texts are written in, when it is one (marked on them: WCAG 3.1.2)
  const [only] = course.languages;
  const contentLang = course.languages.length === 1 && (only === 'sv' || only === 'en') ? only : undefined;
  const facts: [string, string][] = [
    [t('catalog.hei'), course.hei.name],
    [t('catalog.code'), course.code],
    [t('catalog.credits'), credits],
    [t('catalog.level'), course.level ? t(`catalog.levels.${course.level}`) : '–'],
    [
      t('catalog.language'),
      course.languages.map((l) => (l === 'sv' || l === 'en' ? t(`catalog.lang.${l}`) : l)).join(', '),
    ],
    [t('catalog.format'), course.format ? t(`catalog.formats.${course.format}`) : '–'],
    [
      t('catalog.price'),
      course.priceSek !== null ? t('catalog.priceValue', { price: format.number(course.priceSek) }) : '–',
    ],
  ];
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="xs" m={0}>
        {facts.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" fw={600} size="sm">
              {label}
            </Text>
            <Text component="dd" m={0}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Section id="course-description" title={t('catalog.description')}>
        <Stack gap="sm">
          <Text style={{ whiteSpace: 'pre-wrap' }} lang={contentLang}>
            {course.description ?? '–'}
          </Text>
          {course.learningOutcomes.length > 0 && (
            <>
              <Text fw={600}>{t('catalog.outcomes')}</Text>
              <List lang={contentLang}>
                {course.learningOutcomes.map((o) => (
                  <List.Item key={o}>{o}</List.Item>
                ))}
              </List>
            </>
          )}
          {course.subjects.length > 0 && (
            <Text>
              <b>{t('catalog.subjects')}:</b> <span lang={contentLang}>{course.subjects.join(', ')}</span>
            </Text>
          )}
          {course.teachers.length > 0 && (
            <Text>
              <b>{t('catalog.teachers')}:</b> {course.teachers.join(', ')}
            </Text>
          )}
          {course.prerequisites && (
            <Text>
              <b>{t('catalog.prerequisites')}:</b> {course.prerequisites}
            </Text>
          )}
          {course.syllabusUrl && (
            <Anchor href={course.syllabusUrl} target="_blank" rel="noreferrer">
              {t('catalog.syllabus')}
            </Anchor>
          )}
        </Stack>
      </Section>
      <Section id="course-occasions" title={t('catalog.occasions')}>
        {course.occasions.length === 0 ? (
          <Text>{t('catalog.noOccasions')}</Text>
        ) : (
          <List>
            {course.occasions.map((o) => (
              <List.Item key={`${o.startDate}-${o.place ?? ''}`}>
                {format.date(o.startDate)}
                {o.endDate ? ` – ${format.date(o.endDate)}` : ''}
                {o.place ? `, ${o.place}` : ''}
                {o.format ? ` (${t(`catalog.formats.${o.format}`)})` : ''}
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      <Tags course={course} />
    </Stack>
  );
}

/** The course's concepts: the owning HEI's admins and coordinators confirm or reject suggestions. */
function Tags({ course }: { course: Course }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const { canWrite, heiId } = useCatalogAccess();
  const mine = canWrite && heiId === course.hei.id;
  const decide = useMutation({
    mutationFn: ({ conceptId, status }: { conceptId: string; status: 'confirmed' | 'rejected' }) =>
      decideTag(course.hei.id, course.id, conceptId, status),
    onSuccess: (updated) => queryClient.setQueryData(['course', course.id], updated),
    onError: (e) => notify(errorMessage(e), 'error'),
  });
  return (
    <Section id="course-tags" title={t('catalog.tags')}>
      <Stack gap="sm">
        <Text size="sm">{t('catalog.tagsIntro')}</Text>
        {course.tags.length === 0 ? (
          <Text>{t('catalog.noTags')}</Text>
        ) : (
          <DataTable
            minWidth={480}
            columns={[t('catalog.tags'), t('catalog.tagStatusColumn'), mine && t('analyses.edit')]}
            data-testid="course-tags"
          >
            {course.tags.map((tag) => {
              const label = format.pick(tag.concept.label);
              return (
                <Table.Tr key={tag.concept.id}>
                  <Table.Th scope="row">{label}</Table.Th>
                  <Table.Td>
                    <Badge variant="outline" color="dark" tt="none">
                      {t(`catalog.tagStatus.${tag.status}`)}
                    </Badge>
                    {tag.matchedWords.length > 0 && (
                      <Text size="xs">{t('analyses.matched', { words: tag.matchedWords.join(', ') })}</Text>
                    )}
                  </Table.Td>
                  {mine && (
                    <Table.Td>
                      <TagDecision
                        status={tag.status}
                        names={{
                          confirm: t('catalog.confirm', { label }),
                          reject: t('catalog.reject', { label }),
                        }}
                        onDecide={(status) => decide.mutate({ conceptId: tag.concept.id, status })}
                      />
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </DataTable>
        )}
      </Stack>
    </Section>
  );
}
