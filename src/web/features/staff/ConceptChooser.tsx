import { Badge, CloseButton, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { type ChosenConcept, ConceptPicker } from '../analyses/ConceptPicker.tsx';

/**
 * Several taxonomy concepts: the chosen ones as badges (each with a labelled remove button) and the
 * analyses' concept picker to add one more (it starts empty again after each pick).
 */
export function ConceptChooser({
  label,
  description,
  pickerLabel,
  pickerDescription,
  empty,
  removeLabel,
  concepts,
  onChange,
  error,
  testId,
}: {
  label: string;
  description?: string;
  pickerLabel: string;
  pickerDescription?: string;
  empty: string;
  removeLabel: (concept: string) => string;
  concepts: (ChosenConcept & { note?: string })[];
  onChange: (concepts: ChosenConcept[]) => void;
  error?: string;
  testId?: string;
}) {
  // a new picker after each pick: its search box starts empty
  const [picker, setPicker] = useState(0);
  return (
    <Stack gap="xs">
      <div>
        <Text size="sm" fw={500} id={`${testId}-label`}>
          {label}
        </Text>
        {description && (
          <Text size="xs" c="dimmed">
            {description}
          </Text>
        )}
      </div>
      {concepts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Group gap="xs" component="ul" aria-labelledby={`${testId}-label`} data-testid={testId} p={0} m={0}>
          {concepts.map((c) => (
            <Badge
              key={c.id}
              component="li"
              size="lg"
              variant="light"
              tt="none"
              style={{ listStyle: 'none' }}
              rightSection={
                <CloseButton
                  size="xs"
                  aria-label={removeLabel(c.label)}
                  onClick={() => onChange(concepts.filter((x) => x.id !== c.id))}
                />
              }
            >
              {c.label}
              {c.note ? ` (${c.note})` : ''}
            </Badge>
          ))}
        </Group>
      )}
      <ConceptPicker
        key={picker}
        label={pickerLabel}
        description={pickerDescription}
        types="skill,skill-group"
        value={null}
        error={error}
        onChange={(concept) => {
          if (!concept) return;
          if (!concepts.some((c) => c.id === concept.id)) onChange([...concepts, concept]);
          setPicker((n) => n + 1);
        }}
      />
    </Stack>
  );
}
