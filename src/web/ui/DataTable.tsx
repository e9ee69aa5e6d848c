import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

type DataTableProps = TableProps & {
  /** The column headings; `false` leaves out a column the user does not get (e.g. actions). */
  columns: (string | false)[];
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  /** The rows. */
  children: ReactNode;
  /** What the table holds, for screen readers and as its accessible name. */
  caption?: string;
};

/** A table of records with headings that screen readers announce for each cell (`scope="col"`). */
export function DataTable({ columns, minWidth, children, caption, ...table }: DataTableProps) {
  return (
    // the scrolling part takes keyboard focus, so a keyboard user can scroll a table wider than a phone
    <Table.ScrollContainer minWidth={minWidth} scrollAreaProps={{ viewportProps: { tabIndex: 0 } }}>
      <Table {...table}>
        {caption && <Table.Caption>{caption}</Table.Caption>}
        <Table.Thead>
          <Table.Tr>
            {columns.map(
              (column) =>
                column !== false && (
                  <Table.Th key={column} scope="col">
                    {column}
                  </Table.Th>
                ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
