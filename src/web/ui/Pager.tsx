import { Button, Group, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Previous and next page of a long list, and which page this is (nothing when it all fits on one). */
export function Pager({
  page,
  pages,
  onPage,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <Group component="nav" aria-label={t('common.pagination')} gap="sm">
      <Button variant="default" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.previousPage')}
      </Button>
      <Text>{t('common.page', { page, pages })}</Text>
      <Button variant="default" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('common.nextPage')}
      </Button>
    </Group>
  );
}

/**
 * The pages of a paged list whose last page can empty while it is open (inquiries claimed, suggestions
 * decided, unmet demand withdrawn). Once the list asked for `page` has come back past its end, this moves
 * to the last page there is; `pastTheEnd` is true until then, so the caller shows nothing rather than an
 * empty page. (A previous page's data kept on screen while the next loads is not judged.)
 */
export function usePagesInRange(
  list: { data?: { total: number }; isPlaceholderData: boolean },
  page: number,
  pageSize: number,
  onPage: (page: number) => void,
): { pages: number; pastTheEnd: boolean } {
  const total = list.data?.total;
  const pages = Math.max(1, Math.ceil((total ?? 0) / pageSize));
  const pastTheEnd = total !== undefined && !list.isPlaceholderData && page > pages;
  useEffect(() => {
    if (pastTheEnd) onPage(pages);
  });
  return { pages, pastTheEnd };
}
