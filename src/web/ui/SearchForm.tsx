import { Button, Group, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { submitting } from './FormModal.tsx';

/**
 * A labelled search box with its button: the form is named by the label (a landmark screen readers list),
 * and the text is searched for, trimmed (undefined when empty), only when submitted.
 */
export function SearchForm({
  label,
  hint,
  button,
  onSearch,
  searched,
  maw,
}: {
  label: string;
  hint: string;
  button: string;
  onSearch: (text: string | undefined) => void;
  /** The text searched for now (a link or the back button may change it): shown in the box. */
  searched?: string;
  maw?: number;
}) {
  const [text, setText] = useState(searched ?? '');
  useEffect(() => setText(searched ?? ''), [searched]);
  return (
    <form aria-label={label} onSubmit={submitting(() => onSearch(text.trim() || undefined))}>
      <Group align="flex-end" gap="sm" wrap="nowrap" maw={maw}>
        <TextInput
          label={label}
          description={hint}
          type="search"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Button type="submit">{button}</Button>
      </Group>
    </form>
  );
}
