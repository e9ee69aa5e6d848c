import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Fetches a query anew after a change the user made, cancelling a fetch under way first.
 *
 * `invalidateQueries` alone cancels a refetch of data already shown, but joins a first fetch still under
 * way — whose answer may have been read before the change. A calculation made while the list of
 * calculations was still loading (a slow connection, a busy server) then did not show until a reload.
 */
export async function refetchAfterChange(
  queryClient: QueryClient,
  queryKey: QueryKey,
  { exact = false }: { exact?: boolean } = {},
) {
  await queryClient.cancelQueries({ queryKey, exact });
  await queryClient.invalidateQueries({ queryKey, exact });
}
