import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useFormat } from '../../ui/format.ts';
import { type ConceptResult, heiTaxonomy, type TaxonomyAccess } from './analyses.api.ts';

export type ChosenConcept = { id: string; label: string };

/**
 * Searches the imported taxonomies as the person types (Swedish or English, prefixes and compounds)
 * and lets them pick one concept. `types` narrows it, e.g. to occupations.
 */
export function ConceptPicker({
  label,
  description,
  value,
  onChange,
  types,
  taxonomy = heiTaxonomy,
  error,
}: {
  label: string;
  description?: string;
  value: ChosenConcept | null;
  onChange: (concept: ChosenConcept | null) => void;
  types: string;
  taxonomy?: TaxonomyAccess;
  error?: string;
}) {
  const format = useFormat();
  const [search, setSearch] = useState(value?.label ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const results = useQuery({
    queryKey: ['concept-search', taxonomy, types, debounced],
    queryFn: ({ signal }) => taxonomy.search(debounced, types, signal),
    enabled: debounced.length >= 2 && debounced !== value?.label,
    placeholderData: (previous) => previous,
  });
  const name = (c: ConceptResult) =>
    `${format.pick(c.label) || (c.code ?? '')}${c.code && c.type === 'occupation' ? ` (${c.code})` : ''}`;
  const options = (results.data ?? []).map((c) => ({ value: c.id, label: name(c) }));
  if (value && !options.some((o) => o.value === value.id))
    options.unshift({ value: value.id, label: value.label });

  return (
    <Select
      label={label}
      description={description}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      data={options}
      filter={({ options: all }) => all}
      value={value?.id ?? null}
      onChange={(id, option) => onChange(id && option ? { id, label: option.label } : null)}
      error={error}
      comboboxProps={{ withinPortal: true }}
      clearButtonProps={{ 'aria-label': `${label}: ×` }}
    />
  );
}
