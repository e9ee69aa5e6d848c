import { Button, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { DataTable } from './DataTable.tsx';
import { useFormat } from './format.ts';

type Version = { id: string; version: number; effectiveFrom: string };

/**
 * The versions of a dated, approved configuration (cost configuration, incentive model): a row each, the
 * version's name a button that selects it (pressed while selected), then the date it applies from and the
 * feature's own columns.
 */
export function VersionTable<V extends Version>({
  versions,
  selectedId,
  onSelect,
  columns,
  title,
  cells,
  rowTestId,
  minWidth,
}: {
  versions: V[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  /** Headings: the version's, the date's, then one for each of `cells`. */
  columns: string[];
  title: (version: V) => string;
  cells: (version: V) => ReactNode[];
  rowTestId: string;
  minWidth: number;
}) {
  const format = useFormat();
  return (
    <DataTable minWidth={minWidth} columns={columns}>
      {versions.map((v) => {
        const current = v.id === selectedId;
        return (
          <Table.Tr
            key={v.id}
            data-testid={rowTestId}
            bg={current ? 'var(--mantine-color-blue-0)' : undefined}
          >
            <Table.Td>
              <Button
                variant={current ? 'light' : 'subtle'}
                size="compact-sm"
                aria-pressed={current}
                onClick={() => onSelect(v.id)}
              >
                {title(v)}
              </Button>
            </Table.Td>
            <Table.Td>{format.date(v.effectiveFrom)}</Table.Td>
            {cells(v).map((cell, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed, their place is their identity
              <Table.Td key={i}>{cell}</Table.Td>
            ))}
          </Table.Tr>
        );
      })}
    </DataTable>
  );
}
