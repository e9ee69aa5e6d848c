import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

type DataTableProps = TableProps & {
  /** The column headings; `false` leaves out a column the user does not get (e.g. actions). */
  columns: (string | false)[];
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  /** The rows. */
  children: ReactNode;
};

/** A table of records with headings that screen readers announce for each cell (`scope="col"`). */
export function DataTable({ columns, minWidth, children, ...table }: DataTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table {...table}>
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
