import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Typography,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuideItem, GuidePreview } from '../../../features/guide/guide.contract.ts';
import { type GuideLanguage, otherLanguage } from '../../../features/guide/guide.text.ts';
import { isApiError } from '../../api.ts';
import { activeOrganisationOf, hasRole, useMe } from '../../session.ts';
import { ConfirmModal, submitting } from '../../ui/FormModal.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { ErrorAlert, Page, QueryView, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { OrganisationView } from '../admin/OrganisationView.tsx';
import { ownPageIdPattern, useStateLabel } from './GuideAdminPage.tsx';
import {
  type GuideItemRef,
  guideItemQuery,
  guideOverviewQuery,
  kindOfSegment,
  previewGuideItem,
  removeGuideItem,
  saveGuideItem,
} from './guide-admin.api.ts';

const route = getRouteApi('/app/admin/guide/$kind/$itemId/$language');

/**
 * One page or template of the HEI's version of the guide: its text in Markdown (the HEI's adaptation, or
 * the shared text to start from), a preview, saving, and going back to the shared version. A page id no
 * shared page has is a new own page.
 */
export function GuideItemPage() {
  const { t } = useTranslation();
  const params = route.useParams();
  const membership = activeOrganisationOf(useMe());
  const allowed = membership?.tenant.kind === 'hei' && hasRole(membership, 'admin', 'manager');
  const kind = kindOfSegment(params.kind);
  const language = params.language === 'sv' || params.language === 'en' ? params.language : null;
  const ref: GuideItemRef | null = kind && language ? { kind, itemId: params.itemId, language } : null;
  const organisationId = membership?.tenant.id ?? '';
  const query = useQuery({
    ...guideItemQuery(organisationId, ref ?? { kind: 'page', itemId: '', language: 'sv' }),
    enabled: allowed && !!ref,
  });
  const newOwn =
    ref?.kind === 'page' &&
    isApiError(query.error, 404) &&
    ownPageIdPattern.test(ref.itemId) &&
    ref.itemId.length <= 80;
  const item = query.data;
  const title = item
    ? item.state === 'own'
      ? t('guideAdmin.editOwn', { title: item.title })
      : t(item.kind === 'page' ? 'guideAdmin.editPage' : 'guideAdmin.editTemplate', {
          title: item.shared?.title ?? item.title,
        })
    : newOwn
      ? t('guideAdmin.newOwn', { id: ref?.itemId })
      : t('guideAdmin.title');
  const canEdit = hasRole(membership, 'admin');
  const notFound = <Text>{t('guideAdmin.notFound')}</Text>;

  return (
    <Page title={title}>
      <AnchorLink to="/admin/guide">{t('guideAdmin.back')}</AnchorLink>
      {!ref ? (
        notFound
      ) : (
        <OrganisationView membership={membership} allowed={allowed}>
          {() =>
            newOwn ? (
              <Editor key="new" organisationId={organisationId} itemRef={ref} item={null} canEdit={canEdit} />
            ) : (
              <QueryView query={query} notFound={notFound}>
                {(data) => (
                  <Editor
                    // A newer saved version (after a reload) starts the form again from it.
                    key={`${data.override?.revision ?? 0}/${data.override?.updatedAt ?? ''}`}
                    organisationId={organisationId}
                    itemRef={ref}
                    item={data}
                    canEdit={canEdit}
                  />
                )}
              </QueryView>
            )
          }
        </OrganisationView>
      )}
    </Page>
  );
}

type Problems = { title?: string; body?: string[]; other?: string[] };

function Editor({
  organisationId,
  itemRef,
  item: loaded,
  canEdit,
}: {
  organisationId: string;
  itemRef: GuideItemRef;
  /** Null for a new own page. */
  item: GuideItem | null;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const stateLabel = useStateLabel();
  const [item, setItem] = useState(loaded);
  const start = loaded?.override ?? loaded?.shared ?? { title: '', body: '# \n' };
  const [title, setTitle] = useState(start.title);
  const [body, setBody] = useState(start.body);
  const [problems, setProblems] = useState<Problems>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const [preview, setPreview] = useState<GuidePreview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const revision = item?.override?.revision;
  const itemKey = guideItemQuery(organisationId, itemRef).queryKey;
  const overviewKey = guideOverviewQuery(organisationId).queryKey;

  const conflictMessage = useErrorMessage();
  const failed = (error: unknown) => {
    if (isApiError(error, 409) && error.code === 'edit_conflict') {
      setConflict(conflictMessage(error));
      return;
    }
    if (!isApiError(error, 400)) return;
    const next: Problems = {};
    for (const { field, message } of error.errors) {
      if (field === 'body.title') next.title ??= message;
      else if (field === 'body.body') next.body = [...(next.body ?? []), message];
      else next.other = [...(next.other ?? []), `${field.replace(/^(body|params)\./, '')}: ${message}`];
    }
    if (!error.errors.length) next.other = [error.detail ?? ''];
    setProblems(next);
  };

  const save = useMutation({
    mutationFn: () =>
      saveGuideItem(organisationId, itemRef, { title, body, ...(revision ? { revision } : {}) }),
    onMutate: () => {
      setProblems({});
      setConflict(null);
    },
    onSuccess: (saved) => {
      setItem(saved);
      queryClient.setQueryData(itemKey, saved);
      void refetchAfterChange(queryClient, overviewKey);
      notify(t('guideAdmin.saved'));
    },
    onError: failed,
  });

  const check = useMutation({
    mutationFn: () => previewGuideItem(organisationId, itemRef, { title, body }),
    onMutate: () => {
      setProblems({});
      setPreview(null);
    },
    onSuccess: setPreview,
    onError: failed,
  });

  const remove = useMutation({
    mutationFn: () => removeGuideItem(organisationId, itemRef, revision ?? 1),
    onSuccess: () => {
      void refetchAfterChange(queryClient, overviewKey);
      queryClient.removeQueries({ queryKey: itemKey });
      notify(item?.state === 'own' ? t('guideAdmin.removed') : t('guideAdmin.resetDone'));
      void navigate({ to: '/admin/guide' });
    },
  });

  const reload = () => {
    setConflict(null);
    void refetchAfterChange(queryClient, itemKey);
  };

  const own = item ? item.state === 'own' : true;
  const other = otherLanguage(itemRef.language);
  const languageName = (lang: GuideLanguage) => t(`guideAdmin.languages.${lang}`);
  const what = itemRef.kind === 'page' ? t('guideAdmin.whatPage') : t('guideAdmin.whatTemplate');

  return (
    <Stack gap="md">
      <Group gap="sm">
        {item && stateLabel(item)}
        <Text>{t('guideAdmin.inLanguage', { language: languageName(itemRef.language) })}</Text>
        <AnchorLink
          to="/admin/guide/$kind/$itemId/$language"
          params={{
            kind: itemRef.kind === 'page' ? 'pages' : 'templates',
            itemId: itemRef.itemId,
            language: other,
          }}
        >
          {t('guideAdmin.otherLanguage', { what, language: languageName(other) })}
        </AnchorLink>
      </Group>
      {item?.shared && (
        <Text size="sm">
          {t('guideAdmin.sharedUpdated', { date: format.date(item.shared.updated) })}{' '}
          <Anchor href={item.shared.path}>{t('guideAdmin.readShared')}</Anchor>
        </Text>
      )}
      {item?.override && (
        <Text size="sm">
          {t('guideAdmin.lastSaved', {
            date: format.dateTime(item.override.updatedAt),
            name: item.override.updatedBy ?? t('guideAdmin.someone'),
          })}{' '}
          <Anchor href={item.path}>{t('guideAdmin.viewPublic')}</Anchor>
        </Text>
      )}
      {item?.state === 'shared' && (
        <Alert color="gray" variant="light">
          {t('guideAdmin.notAdapted')}
        </Alert>
      )}
      {item?.sharedChangedSince && (
        <Alert
          color="orange"
          variant="light"
          title={t('guideAdmin.changedTitle')}
          data-testid="shared-changed"
        >
          <Stack gap="xs">
            <Text size="sm">
              {item.override?.basedOn
                ? t('guideAdmin.changedSince', { date: format.date(item.override.basedOn) })
                : t('guideAdmin.changedUnknown')}
            </Text>
            <List size="sm">
              {item.changesSince.map((c) => (
                <List.Item key={`${c.date}/${c.note}`}>
                  {format.date(c.date)}: {c.note}
                </List.Item>
              ))}
            </List>
            <Text size="sm">{t('guideAdmin.changedHint')}</Text>
          </Stack>
        </Alert>
      )}
      {!canEdit && (
        <Alert color="gray" variant="light">
          {t('guideAdmin.readOnly')}
        </Alert>
      )}
      <form noValidate onSubmit={submitting(() => save.mutate())}>
        <Stack gap="sm">
          <TextInput
            label={t('guideAdmin.fieldTitle')}
            value={title}
            readOnly={!canEdit}
            required
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={problems.title}
          />
          <Textarea
            label={t('guideAdmin.fieldBody')}
            description={t('guideAdmin.bodyHint', { directive: '{{decision-points}}' })}
            value={body}
            readOnly={!canEdit}
            required
            autosize
            minRows={14}
            maxRows={40}
            spellCheck
            lang={itemRef.language}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={problems.body?.join(' ')}
          />
          {problems.other && (
            <Alert color="red" role="alert" title={t('guideAdmin.invalidTitle')}>
              <List size="sm">
                {problems.other.map((p) => (
                  <List.Item key={p}>{p}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {conflict && (
            <Alert
              color="orange"
              role="alert"
              title={t('guideAdmin.conflictTitle')}
              data-testid="edit-conflict"
            >
              <Stack gap="xs">
                <Text size="sm">{conflict}</Text>
                <Text size="sm">{t('guideAdmin.conflictKept')}</Text>
                <Group>
                  <Button size="compact-sm" variant="outline" onClick={reload}>
                    {t('guideAdmin.reload')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {save.isError && !isApiError(save.error, 400) && !isApiError(save.error, 409) && (
            <ErrorAlert error={save.error} />
          )}
          {check.isError && !isApiError(check.error, 400) && <ErrorAlert error={check.error} />}
          {canEdit && (
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('guideAdmin.save')}
              </Button>
              <Button variant="outline" loading={check.isPending} onClick={() => check.mutate()}>
                {t('guideAdmin.preview')}
              </Button>
              {item?.override && (
                <Button variant="outline" color="red.9" onClick={() => setConfirming(true)}>
                  {own ? t('guideAdmin.remove') : t('guideAdmin.reset')}
                </Button>
              )}
            </Group>
          )}
        </Stack>
      </form>
      {preview && (
        <Card withBorder padding="lg" component="section" aria-labelledby="guide-preview">
          <Title order={2} size="h4" id="guide-preview">
            {t('guideAdmin.previewTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('guideAdmin.previewNote')}
          </Text>
          <Typography lang={itemRef.language} data-testid="guide-preview">
            <Title order={3}>{preview.title}</Title>
            {/* Rendered by the guide's Markdown renderer without raw HTML: everything in it is escaped. */}
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server's escaped guide HTML */}
            <div dangerouslySetInnerHTML={{ __html: preview.html }} />
          </Typography>
        </Card>
      )}
      {confirming && (
        <ConfirmModal
          title={own ? t('guideAdmin.removeTitle') : t('guideAdmin.resetTitle')}
          text={own ? t('guideAdmin.removeText') : t('guideAdmin.resetText')}
          confirmLabel={own ? t('guideAdmin.remove') : t('guideAdmin.reset')}
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate()}
          onClose={() => setConfirming(false)}
        />
      )}
    </Stack>
  );
}
