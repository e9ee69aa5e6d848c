import { Alert, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isNoSuchRecord } from '../../api.ts';
import { PublicFrame } from '../../shell/PublicFrame.tsx';
import { ErrorAlert, Loading, useDocumentTitle } from '../../ui/page.tsx';
import { AnalysisEditor } from './AnalysisEditor.tsx';
import { analysisQuery, linkTaxonomy, retryUnlessGone, selfService } from './analyses.api.ts';
import { SurveysSection } from './Surveys.tsx';

const route = getRouteApi('/s/$token');

/** The customer's own way into the analysis: a link from the HEI, no account needed. */
export function SelfServicePage() {
  const { t } = useTranslation();
  const { token } = route.useParams();
  const base = selfService(token);
  const analysis = useQuery({ ...analysisQuery(base), retry: retryUnlessGone });
  const title = analysis.data
    ? t('analyses.selfServiceTitle', { title: analysis.data.title })
    : t('analyses.title');
  useDocumentTitle(title);
  return (
    <PublicFrame size={1100}>
      <Stack gap="lg">
        <Title order={1}>{title}</Title>
        {analysis.isPending ? (
          <Loading />
        ) : analysis.isError ? (
          isNoSuchRecord(analysis.error) ? (
            <Alert color="orange">{t('analyses.linkNotFound')}</Alert>
          ) : (
            <ErrorAlert error={analysis.error} />
          )
        ) : (
          <>
            <Text maw={760}>{t('analyses.selfServiceIntro', { customer: analysis.data.customer.name })}</Text>
            <AnalysisEditor
              analysis={analysis.data}
              endpoints={{ base, taxonomy: linkTaxonomy(token) }}
              canEdit
            />
            <SurveysSection base={base} analysis={analysis.data} canEdit />
          </>
        )}
      </Stack>
    </PublicFrame>
  );
}
