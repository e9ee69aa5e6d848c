import { type CSSVariablesResolver, createTheme } from '@mantine/core';

/**
 * Colours are chosen for WCAG 2.1 AA contrast: filled buttons and links use shade 8 of the
 * primary colour, and "dimmed" text is darker than Mantine's default.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  focusRing: 'auto',
  // Whoever asks their system for less motion gets none: modals, menus and notifications appear at once.
  respectReducedMotion: true,
  components: {
    // Mantine's modal header is a <header> in a portal outside every landmark, which makes it a second
    // "banner" for screen readers while a dialog is open; the dialog is named by its title already.
    ModalHeader: { defaultProps: { component: 'div' } },
    // A menu opened from the keyboard puts the focus on its first item, visibly, and Tab moves between the
    // items (Mantine's default focused an invisible placeholder, from which Tab went nowhere); Escape closes it.
    Menu: { defaultProps: { withInitialFocusPlaceholder: false, menuItemTabIndex: 0 } },
    // A searchable select opens its list when clicked or typed in, not when the focus arrives (by Tab, or on the
    // first field a refused form points to): a list popping up over the form as one moves through it is in the way.
    Select: { defaultProps: { openOnFocus: false } },
    // Mantine makes every Alert role="alert", so a screen reader broke in with a page's standing notices ("the
    // design is approved") each time they were drawn. A notice is a polite status; an error that an action
    // causes says role="alert" itself (ErrorAlert and the forms' errors do).
    Alert: { defaultProps: { role: 'status' } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // Mantine's hover tint for light (active menu item) variants is too dark for blue-9 text.
    '--mantine-color-blue-light': 'var(--mantine-color-blue-0)',
    '--mantine-color-blue-light-hover': 'var(--mantine-color-blue-1)',
    // Even orange-9 is below 4.5:1 on white: warnings (light variant) get a darker brown-orange.
    '--mantine-color-orange-light': 'var(--mantine-color-orange-0)',
    '--mantine-color-orange-light-color': '#9a3a07',
    '--mantine-color-red-light-color': 'var(--mantine-color-red-9)',
    // Confirmations (green light variant): even green-9 is below 4.5:1 on green-0; a darker green is not.
    '--mantine-color-green-light': 'var(--mantine-color-green-0)',
    '--mantine-color-green-light-color': '#1b5e2b',
  },
  dark: {},
});
