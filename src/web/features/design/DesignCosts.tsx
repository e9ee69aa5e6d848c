import { NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { share } from '../../../features/costing/calculation.ts';
import { EditableRows } from '../../ui/EditableRows.tsx';
import { useFormat } from '../../ui/format.ts';
import { useErrorMessage } from '../../ui/page.tsx';
import { hundredthsToInput, parseKronor, parsePercent } from '../costs/money.ts';
import { myConsortiumQuery } from '../inquiries/inquiries.api.ts';
import type { Design } from './design.api.ts';

/** An other direct cost as typed: a description and an amount in kronor. */
export type OtherCostForm = { label: string; amount: string };
/** A part delivered by another HEI as typed: the HEI, its direct costs (kronor) and its OH rate (%). */
export type DeliveryForm = { hei: string; direct: string; indirect: string };

type Costs = Design['costs'];
type Errors = Record<string, string>;

export const otherCostsToForm = (costs: Costs, mark: ',' | '.'): OtherCostForm[] =>
  costs.otherDirect.map((o) => ({ label: o.label, amount: hundredthsToInput(o.amountOre, mark) }));

export const deliveriesToForm = (costs: Costs, mark: ',' | '.'): DeliveryForm[] =>
  costs.deliveredByOthers.map((d) => ({
    hei: d.hei,
    direct: hundredthsToInput(d.directOre, mark),
    indirect: hundredthsToInput(d.indirectCostBp, mark, true),
  }));

/** The rows as the API takes them; a problem is written into `problems` under the row's field. */
export function otherCostsFromForm(
  rows: OtherCostForm[],
  problems: Errors,
  messages: { label: string; kronor: string },
): Costs['otherDirect'] {
  return rows.map((row, i) => {
    const amountOre = parseKronor(row.amount);
    if (!row.label.trim()) problems[`otherDirect.${i}.label`] = messages.label;
    if (amountOre === null) problems[`otherDirect.${i}.amount`] = messages.kronor;
    return { label: row.label.trim(), amountOre: amountOre ?? 0 };
  });
}

export function deliveriesFromForm(
  rows: DeliveryForm[],
  problems: Errors,
  messages: { hei: string; kronor: string; percent: string },
): Costs['deliveredByOthers'] {
  return rows.map((row, i) => {
    const directOre = parseKronor(row.direct);
    const indirectCostBp = parsePercent(row.indirect);
    if (!row.hei) problems[`deliveredByOthers.${i}.hei`] = messages.hei;
    if (directOre === null) problems[`deliveredByOthers.${i}.direct`] = messages.kronor;
    if (indirectCostBp === null || indirectCostBp > 100_000)
      problems[`deliveredByOthers.${i}.indirect`] = messages.percent;
    return { hei: row.hei, directOre: directOre ?? 0, indirectCostBp: indirectCostBp ?? 0 };
  });
}

/** Other direct costs of the design (licences, external lecturers, venue hire): add, change, remove. */
export function OtherDirectCosts({
  rows,
  onChange,
  errors,
  readOnly,
}: {
  rows: OtherCostForm[];
  onChange: (rows: OtherCostForm[]) => void;
  errors: Errors;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="design-other-direct">
      <Title order={5} size="h6">
        {t('design.otherDirect.title')}
      </Title>
      <Text size="sm">{t('design.otherDirect.hint')}</Text>
      <EditableRows
        rows={rows}
        onChange={onChange}
        readOnly={readOnly}
        minWidth={560}
        columns={[t('design.otherDirect.label'), t('design.otherDirect.amount')]}
        empty={t('design.otherDirect.none')}
        removeLabel={(n) => t('design.otherDirect.remove', { n })}
        add={{ label: t('design.otherDirect.add'), row: () => ({ label: '', amount: '' }) }}
        cells={(row, i, change) => (
          <>
            <Table.Td>
              <TextInput
                aria-label={t('design.otherDirect.labelN', { n: i + 1 })}
                value={row.label}
                onChange={(e) => change({ label: e.currentTarget.value })}
                error={errors[`otherDirect.${i}.label`]}
              />
            </Table.Td>
            <Table.Td>
              <TextInput
                aria-label={t('design.otherDirect.amountN', { n: i + 1 })}
                inputMode="decimal"
                value={row.amount}
                onChange={(e) => change({ amount: e.currentTarget.value })}
                error={errors[`otherDirect.${i}.amount`]}
              />
            </Table.Td>
          </>
        )}
      />
    </Stack>
  );
}

/**
 * Parts of the education another HEI of the consortium delivers, costed at that HEI's direct costs plus
 * its own indirect costs (OH): add, change, remove.
 */
export function DeliveriesByOthers({
  heiId,
  rows,
  onChange,
  errors,
  readOnly,
}: {
  /** The design's own HEI (not another one). */
  heiId: string;
  rows: DeliveryForm[];
  onChange: (rows: DeliveryForm[]) => void;
  errors: Errors;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const consortium = useQuery({ ...myConsortiumQuery, retry: false });
  const others = (consortium.data?.heis ?? []).filter((h) => h.id !== heiId).map((h) => h.name);
  // an HEI a row already names stays choosable (renamed, left the consortium, or the list did not load)
  const options = [...others, ...rows.map((r) => r.hei).filter((name) => name && !others.includes(name))];
  const cost = (row: DeliveryForm) => {
    const direct = parseKronor(row.direct);
    const rate = parsePercent(row.indirect);
    return direct === null || rate === null ? '–' : format.kronor(direct + share(direct, rate));
  };

  return (
    <Stack gap="xs" data-testid="design-deliveries">
      <Title order={5} size="h6">
        {t('design.deliveries.title')}
      </Title>
      <Text size="sm">{t('design.deliveries.hint')}</Text>
      <EditableRows
        rows={rows}
        onChange={onChange}
        readOnly={readOnly}
        minWidth={760}
        rowTestId="design-delivery"
        columns={[
          t('design.deliveries.hei'),
          t('design.deliveries.direct'),
          t('design.deliveries.indirect'),
          t('design.deliveries.cost'),
        ]}
        empty={t('design.deliveries.none')}
        removeLabel={(n) => t('design.deliveries.remove', { n })}
        add={{
          label: t('design.deliveries.add'),
          row: () => ({ hei: '', direct: '', indirect: '' }),
          disabled: options.length === 0,
        }}
        notes={
          <>
            {consortium.isError && <Text size="sm">{errorMessage(consortium.error)}</Text>}
            {consortium.isSuccess && others.length === 0 && (
              <Text size="sm">{t('design.deliveries.noOtherHeis')}</Text>
            )}
          </>
        }
        cells={(row, i, change) => (
          <>
            <Table.Td>
              <NativeSelect
                aria-label={t('design.deliveries.heiN', { n: i + 1 })}
                value={row.hei}
                onChange={(e) => change({ hei: e.currentTarget.value })}
                error={errors[`deliveredByOthers.${i}.hei`]}
              >
                {!row.hei && <option value="">{t('design.deliveries.chooseHei')}</option>}
                {options.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </NativeSelect>
            </Table.Td>
            <Table.Td>
              <TextInput
                aria-label={t('design.deliveries.directN', { n: i + 1 })}
                inputMode="decimal"
                value={row.direct}
                onChange={(e) => change({ direct: e.currentTarget.value })}
                error={errors[`deliveredByOthers.${i}.direct`]}
              />
            </Table.Td>
            <Table.Td>
              <TextInput
                aria-label={t('design.deliveries.indirectN', { n: i + 1 })}
                inputMode="decimal"
                value={row.indirect}
                onChange={(e) => change({ indirect: e.currentTarget.value })}
                error={errors[`deliveredByOthers.${i}.indirect`]}
              />
            </Table.Td>
            <Table.Td ta="right" data-testid="delivery-cost">
              {cost(row)}
            </Table.Td>
          </>
        )}
      />
    </Stack>
  );
}
