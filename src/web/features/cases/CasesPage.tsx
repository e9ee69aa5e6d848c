import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  List,
  Menu,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../features/cases/cases.contract.ts';
import { type OpenStage, openStages, stages } from '../../../features/cases/stages.ts';
import { sectors } from '../../../features/inquiries/inquiries.contract.ts';
import { isApiError } from '../../api.ts';
import type { CaseSearch } from '../../router.tsx';
import { activeOrganisationOf, useMe, useSwitchMembership } from '../../session.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { pickBilingual, useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notify } from '../../ui/notify.ts';
import { Pager } from '../../ui/Pager.tsx';
import { ErrorAlert, Forbidden, Loading, Page, QueryView, useErrorMessage } from '../../ui/page.tsx';
import { refetchAfterChange } from '../../ui/refetch.ts';
import { SearchForm } from '../../ui/SearchForm.tsx';
import { HandOverAllButton, TenderDue } from './CaseDetails.tsx';
import { boardQuery, casesQuery, moveCase } from './cases.api.ts';
import { NewCaseModal } from './NewCaseModal.tsx';

const route = getRouteApi('/app/cases');
const PAGE_SIZE = 20;
const READ_ROLES: readonly string[] = ['admin', 'coordinator', 'teacher', 'economist', 'manager'];

export function useCaseAccess() {
  const membership = activeOrganisationOf(useMe());
  const roles = membership?.tenant.kind === 'hei' ? membership.roles : [];
  const has = (...r: string[]) => roles.some((role) => r.includes(role));
  return {
    membership,
    canRead: has(...READ_ROLES),
    canWork: has('coordinator', 'teacher', 'economist'),
    canMove: has('coordinator', 'manager'),
    canOpen: has('coordinator'),
    isManager: has('manager'),
  };
}

export function CasesPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate();
  const { canRead, canOpen, canMove } = useCaseAccess();
  const [opening, setOpening] = useState(false);
  const view = search.view ?? 'list';

  return (
    <Page title={t('cases.title')}>
      {!canRead ? (
        <Forbidden>{t('cases.noAccess')}</Forbidden>
      ) : (
        <>
          <Group>
            <Text id="case-view-label" fw={600}>
              {t('cases.viewLabel')}
            </Text>
            <SegmentedControl
              aria-labelledby="case-view-label"
              value={view}
              onChange={(next) =>
                void navigate({
                  to: '/cases',
                  search: { ...search, view: next === 'board' ? 'board' : undefined },
                })
              }
              data={[
                { value: 'list', label: t('cases.list') },
                { value: 'board', label: t('cases.board') },
              ]}
            />
            {canOpen && <Button onClick={() => setOpening(true)}>{t('cases.new.button')}</Button>}
            {canMove && <HandOverAllButton />}
          </Group>
          {opening && <NewCaseModal onClose={() => setOpening(false)} />}
          {view === 'board' ? <Board /> : <CaseList search={search} />}
        </>
      )}
    </Page>
  );
}

function CaseList({ search }: { search: CaseSearch }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const page = search.page ?? 1;
  const list = useQuery({
    ...casesQuery({
      hei: search.hei,
      q: search.q,
      stage: search.stage,
      owner: search.owner,
      sector: search.sector,
      overdue: search.overdue,
      sort: search.sort,
      order: search.order,
      page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: (previous) => previous,
  });
  const set = (changes: Partial<CaseSearch>) =>
    void navigate({ to: '/cases', search: { ...search, page: undefined, ...changes } });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const { membership } = useCaseAccess();
  const heis = useCaseHeis();

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Stack gap="sm">
          <SearchForm
            label={t('cases.search')}
            hint={t('cases.searchHint')}
            button={t('cases.searchButton')}
            searched={search.q}
            onSearch={(q) => set({ q })}
          />
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            {heis.length > 1 && (
              <NativeSelect
                label={t('cases.hei')}
                value={search.hei ?? ''}
                onChange={(e) => set({ hei: (e.currentTarget.value || undefined) as CaseSearch['hei'] })}
              >
                <option value="">{t('cases.activeHei', { name: membership?.tenant.name ?? '' })}</option>
                <option value="all">{t('cases.allMyHeis')}</option>
                {heis.map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.tenant.name}
                  </option>
                ))}
              </NativeSelect>
            )}
            <NativeSelect
              label={t('cases.stage')}
              value={search.stage ?? ''}
              onChange={(e) => set({ stage: (e.currentTarget.value || undefined) as CaseSearch['stage'] })}
            >
              <option value="">{t('cases.anyStage')}</option>
              {stages.map((s) => (
                <option key={s} value={s}>
                  {t(`labels.stage.${s}`)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('cases.sector')}
              value={search.sector ?? ''}
              onChange={(e) => set({ sector: (e.currentTarget.value || undefined) as CaseSearch['sector'] })}
            >
              <option value="">{t('cases.anySector')}</option>
              {sectors.map((s) => (
                <option key={s} value={s}>
                  {t(`labels.sector.${s}`)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('cases.sort')}
              value={search.sort ?? 'updated'}
              onChange={(e) => set({ sort: e.currentTarget.value as CaseSearch['sort'] })}
            >
              {(['updated', 'created', 'customer', 'stage'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`cases.sortBy.${s}`)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('cases.order')}
              value={search.order ?? 'desc'}
              onChange={(e) => set({ order: e.currentTarget.value as CaseSearch['order'] })}
            >
              <option value="asc">{t('cases.asc')}</option>
              <option value="desc">{t('cases.desc')}</option>
            </NativeSelect>
          </SimpleGrid>
          <Group gap="lg">
            <Checkbox
              label={t('cases.mine')}
              checked={search.owner === 'me'}
              onChange={(e) => set({ owner: e.currentTarget.checked ? 'me' : undefined })}
            />
            <Checkbox
              label={t('cases.overdueOnly')}
              checked={search.overdue === true}
              onChange={(e) => set({ overdue: e.currentTarget.checked ? true : undefined })}
            />
          </Group>
        </Stack>
      </Paper>

      <QueryView query={list}>
        {({ total, items }) => (
          <>
            <Text fw={600} role="status" data-testid="case-total">
              {t('cases.total', { count: total })}
            </Text>
            {items.length === 0 ? (
              <Text>{t('cases.empty')}</Text>
            ) : (
              <DataTable
                minWidth={760}
                verticalSpacing="sm"
                striped
                data-testid="cases-table"
                columns={[
                  t('cases.caseTitle'),
                  t('cases.customer'),
                  !!search.hei && t('cases.hei'),
                  t('cases.stage'),
                  t('cases.owner'),
                  t('cases.updated'),
                ]}
              >
                {items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Th scope="row">
                      <CaseLink summary={c} />
                      <Text size="xs">{c.reference}</Text>
                      <TenderDue summary={c} />
                      {c.overdueTasks > 0 && (
                        <Badge color="red.9" variant="filled" tt="none" mt={4}>
                          {t('cases.overdueTasks', { count: c.overdueTasks })}
                        </Badge>
                      )}
                    </Table.Th>
                    <Table.Td>{c.customer.name}</Table.Td>
                    {search.hei && <Table.Td>{c.hei.name}</Table.Td>}
                    <Table.Td>
                      {t(`labels.stage.${c.stage}`)}
                      {c.outcome && ` (${t(`labels.outcome.${c.outcome}`)})`}
                    </Table.Td>
                    <Table.Td>{c.owner?.name ?? t('cases.noOwner')}</Table.Td>
                    <Table.Td>{format.date(c.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            )}
            <Pager page={page} pages={pages} onPage={(p) => set({ page: p > 1 ? p : undefined })} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}

/** The HEIs where the signed-in person may read cases (the list can span them). */
function useCaseHeis() {
  const me = useMe();
  return (me?.memberships ?? []).filter(
    (m) =>
      m.scope === 'organisation' && m.tenant.kind === 'hei' && m.roles.some((r) => READ_ROLES.includes(r)),
  );
}

/**
 * A case opens in the organisation that owns it: a case of another of the person's HEIs switches the
 * active organisation first, so everything on the case page is that HEI's.
 */
function CaseLink({ summary }: { summary: CaseSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { membership } = useCaseAccess();
  const heis = useCaseHeis();
  const switchMembership = useSwitchMembership();
  const owner = heis.find((m) => m.tenant.id === summary.hei.id);
  const elsewhere = owner && owner.tenant.id !== membership?.tenant.id;
  return (
    <AnchorLink
      to="/cases/$caseId"
      params={{ caseId: summary.id }}
      fw={600}
      aria-label={elsewhere ? t('cases.openAt', { title: summary.title, hei: summary.hei.name }) : undefined}
      onClick={(event) => {
        if (!elsewhere) return;
        event.preventDefault();
        switchMembership.mutate(owner.id, {
          onSuccess: () => void navigate({ to: '/cases/$caseId', params: { caseId: summary.id } }),
          onError: () => notify(t('shell.switchFailed'), 'error'),
        });
      }}
    >
      {summary.title}
    </AnchorLink>
  );
}

type Refusal = { reference: string; stage: OpenStage; missing: string[] };

/** A board column's width with the gap after it (250 px and the `sm` gap). */
const COLUMN_SPAN = 262;

function Board() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const { canMove } = useCaseAccess();
  const board = useQuery(boardQuery);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [dropTarget, setDropTarget] = useState<OpenStage | null>(null);
  // the board is wider than most windows: say so, since a sideways scrollbar is easy to miss
  const { ref: boardRef, width: boardWidth } = useElementSize();

  const move = useMutation({
    mutationFn: ({ summary, to }: { summary: CaseSummary; to: OpenStage }) => moveCase(summary.id, to),
    onMutate: () => setRefusal(null),
    onSuccess: async (updated, { summary, to }) => {
      notify(t('cases.moved', { reference: summary.reference, stage: t(`labels.stage.${to}`) }));
      queryClient.setQueryData(['case', updated.id], updated);
      await refetchAfterChange(queryClient, ['cases']);
    },
    onError: (error, { summary, to }) => {
      if (isApiError(error, 409) && error.errors.length > 0)
        setRefusal({
          reference: summary.reference,
          stage: to,
          missing: error.errors.map((e) => pickBilingual(e.message, i18n.language)),
        });
      else notify(errorMessage(error), 'error');
    },
  });

  if (board.isPending) return <Loading />;
  if (board.isError) return <ErrorAlert error={board.error} />;
  const all = board.data.flatMap((column) => column.cases);

  const onDrop = (stage: OpenStage) => (event: DragEvent) => {
    event.preventDefault();
    setDropTarget(null);
    const summary = all.find((c) => c.id === event.dataTransfer.getData('text/plain'));
    if (summary && summary.stage !== stage) move.mutate({ summary, to: stage });
  };

  return (
    <Stack gap="sm">
      {canMove && <Text size="sm">{t('cases.dragHint')}</Text>}
      {refusal && (
        <Alert
          color="red"
          role="alert"
          title={t('cases.refusedTitle')}
          withCloseButton
          onClose={() => setRefusal(null)}
          closeButtonLabel={t('common.close')}
        >
          <Text>
            {t('cases.moveRefused', {
              reference: refusal.reference,
              stage: t(`labels.stage.${refusal.stage}`),
            })}
          </Text>
          <List mt="xs">
            {refusal.missing.map((m) => (
              <List.Item key={m}>{m}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {boardWidth > 0 && boardWidth < board.data.length * COLUMN_SPAN && (
        <Text size="sm" data-testid="board-scroll-hint">
          {t('cases.boardScrollHint', {
            count: board.data.length,
            first: t(`labels.stage.${board.data[0]?.stage ?? 'inquiry'}`),
            last: t(`labels.stage.${board.data.at(-1)?.stage ?? 'evaluation'}`),
          })}
        </Text>
      )}
      <Box
        ref={boardRef}
        role="region"
        aria-label={t('cases.boardLabel')}
        tabIndex={0}
        style={{ overflowX: 'auto' }}
        pb="sm"
      >
        <Group align="flex-start" wrap="nowrap" gap="sm">
          {board.data.map((column) => (
            <Paper
              key={column.stage}
              component="section"
              aria-labelledby={`column-${column.stage}`}
              data-testid={`column-${column.stage}`}
              withBorder
              p="sm"
              bg={dropTarget === column.stage ? 'blue.0' : 'gray.0'}
              w={250}
              miw={250}
              onDragOver={(event: DragEvent) => {
                if (!canMove) return;
                event.preventDefault();
                setDropTarget(column.stage);
              }}
              onDragLeave={() => setDropTarget(null)}
              onDrop={onDrop(column.stage)}
            >
              <Title order={2} size="h5" id={`column-${column.stage}`} mb="xs">
                {t('cases.columnTotal', { stage: t(`labels.stage.${column.stage}`), count: column.total })}
              </Title>
              <Stack gap="xs" mih={60}>
                {column.cases.map((c) => (
                  <BoardCard
                    key={c.id}
                    summary={c}
                    canMove={canMove}
                    onMove={(to) => move.mutate({ summary: c, to })}
                  />
                ))}
                {column.total > column.cases.length && (
                  <Text size="xs">
                    {t('cases.showingOf', { shown: column.cases.length, count: column.total })}
                  </Text>
                )}
              </Stack>
            </Paper>
          ))}
        </Group>
      </Box>
    </Stack>
  );
}

function BoardCard({
  summary,
  canMove,
  onMove,
}: {
  summary: CaseSummary;
  canMove: boolean;
  onMove: (to: OpenStage) => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="xs"
      bg="white"
      draggable={canMove}
      onDragStart={(event: DragEvent) => {
        event.dataTransfer.setData('text/plain', summary.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
      data-testid={`card-${summary.reference}`}
      style={canMove ? { cursor: 'grab' } : undefined}
    >
      <Stack gap={4}>
        <AnchorLink to="/cases/$caseId" params={{ caseId: summary.id }} fw={600} size="sm">
          {summary.title}
        </AnchorLink>
        <Text size="xs">
          {summary.customer.name} · {summary.reference}
        </Text>
        <Text size="xs">
          {t('cases.owner')}: {summary.owner?.name ?? t('cases.noOwner')}
        </Text>
        <TenderDue summary={summary} />
        {summary.overdueTasks > 0 && (
          <Badge color="red.9" variant="filled" tt="none" size="sm">
            {t('cases.overdueTasks', { count: summary.overdueTasks })}
          </Badge>
        )}
        {canMove && (
          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <Button size="compact-xs" variant="default" w="fit-content">
                {t('cases.moveTo')}
                <VisuallyHidden> {summary.reference}</VisuallyHidden>
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t('cases.moveCase', { reference: summary.reference })}</Menu.Label>
              {openStages
                .filter((s) => s !== summary.stage)
                .map((s) => (
                  <Menu.Item key={s} onClick={() => onMove(s)}>
                    {t(`labels.stage.${s}`)}
                  </Menu.Item>
                ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Stack>
    </Paper>
  );
}
