import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { refetchAfterChange } from './refetch.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A shown query (one observer) whose first fetch reads the server's state at once and answers 50 ms later. */
function shownQuery(server: { version: number }) {
  const client = new QueryClient();
  const observer = new QueryObserver(client, {
    queryKey: ['calculations'],
    queryFn: async () => {
      const read = server.version;
      await pause(50);
      return read;
    },
  });
  const stop = observer.subscribe(() => undefined);
  return { client, stop };
}

describe('refetchAfterChange', () => {
  it('shows a change made while the first fetch was under way', async () => {
    const server = { version: 0 };
    const { client, stop } = shownQuery(server);
    await pause(10);
    server.version = 1;
    await refetchAfterChange(client, ['calculations']);
    expect(client.getQueryData(['calculations'])).toBe(1);
    stop();
  });

  it('is needed: invalidating alone keeps the first answer, read before the change', async () => {
    const server = { version: 0 };
    const { client, stop } = shownQuery(server);
    await pause(10);
    server.version = 1;
    await client.invalidateQueries({ queryKey: ['calculations'] });
    expect(client.getQueryData(['calculations'])).toBe(0);
    stop();
  });

  it('fetches anew when the data is already shown', async () => {
    const server = { version: 0 };
    const { client, stop } = shownQuery(server);
    await pause(80);
    server.version = 2;
    await refetchAfterChange(client, ['calculations']);
    expect(client.getQueryData(['calculations'])).toBe(2);
    stop();
  });
});
