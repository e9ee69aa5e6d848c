import { ActionIcon, Box, TextInput } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { submitting } from '../ui/FormModal.tsx';

const icon = (
  <svg
    aria-hidden="true"
    width="18"
    height="18"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="2"
    strokeLinecap="round"
    strokeLinejoin="round"
  >
    <circle cx="11" cy="11" r="7" />
    <path d="m21 21-4.3-4.3" />
  </svg>
);

/**
 * Lupp's search from the header: a box on wider screens (Enter searches), a button to the search page on a
 * phone, where the header has no room for a box.
 */
export function HeaderSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const search = () => {
    const q = text.trim();
    void navigate({ to: '/search', search: { q: q || undefined } });
    setText('');
  };
  return (
    <>
      <Box component="form" visibleFrom="md" aria-label={t('search.label')} onSubmit={submitting(search)}>
        <TextInput
          type="search"
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          leftSection={icon}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={220}
        />
      </Box>
      <ActionIcon
        hiddenFrom="md"
        variant="subtle"
        color="gray.8"
        size="lg"
        aria-label={t('search.label')}
        onClick={() => void navigate({ to: '/search', search: {} })}
      >
        {icon}
      </ActionIcon>
    </>
  );
}
