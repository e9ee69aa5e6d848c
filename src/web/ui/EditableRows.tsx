import { Button, Group, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from './DataTable.tsx';

type EditableRowsProps<Row> = {
  rows: Row[];
  onChange: (rows: Row[]) => void;
  /** Headings of the row's own cells; an actions column follows unless the form is read-only. */
  columns: string[];
  /** Below this width the table scrolls sideways. */
  minWidth: number;
  /** Said instead of the table while there are no rows. */
  empty: string;
  /** A row's cells (`Table.Td`s); `change` updates some of its fields. */
  cells: (row: Row, index: number, change: (fields: Partial<Row>) => void) => ReactNode;
  /** The remove button's accessible name for row n (from 1), e.g. "Ta bort lärare 2". */
  removeLabel: (n: number) => string;
  /** The add button: its text, the row it adds, and whether there is anything to add. */
  add: { label: string; row: () => Row; disabled?: boolean };
  readOnly: boolean;
  /** Between the table and the add button (e.g. why nothing can be added). */
  notes?: ReactNode;
  /** Beside the add button. */
  actions?: ReactNode;
  tableTestId?: string;
  rowTestId?: string;
};

/**
 * Rows a person adds, changes and removes inside a form (a design's teachers, its other costs, the parts
 * other HEIs deliver): the table, each row's remove button and the add button, in one place. Rows have
 * no identity but their place, so they are keyed by it.
 */
export function EditableRows<Row>({
  rows,
  onChange,
  columns,
  minWidth,
  empty,
  cells,
  removeLabel,
  add,
  readOnly,
  notes,
  actions,
  tableTestId,
  rowTestId,
}: EditableRowsProps<Row>) {
  const { t } = useTranslation();
  const change = (i: number) => (fields: Partial<Row>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...fields } : r)));
  return (
    <>
      {rows.length === 0 ? (
        <Text size="sm">{empty}</Text>
      ) : (
        <DataTable
          minWidth={minWidth}
          verticalSpacing="xs"
          data-testid={tableTestId}
          columns={[...columns, readOnly ? false : t('common.actions')]}
        >
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            <Table.Tr key={i} data-testid={rowTestId}>
              {cells(row, i, change(i))}
              {!readOnly && (
                <Table.Td>
                  <Button
                    variant="subtle"
                    color="red.9"
                    c="red.9"
                    aria-label={removeLabel(i + 1)}
                    onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  >
                    {t('common.remove')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {notes}
      <Group>
        <Button variant="light" disabled={add.disabled} onClick={() => onChange([...rows, add.row()])}>
          {add.label}
        </Button>
        {actions}
      </Group>
    </>
  );
}
