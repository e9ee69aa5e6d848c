import { useEffect, useRef, useState } from 'react';

/**
 * Gives the keyboard focus back to what had it when a dialog opened, once the dialog is gone. Mantine's Modal
 * does so when its `opened` turns false, but most of Lupp's dialogs are drawn only while open (they start afresh
 * each time), and an unmounted Modal returns nothing: the focus fell to the page, and a keyboard or screen-reader
 * user had to find their way back from the top (WCAG 2.4.3).
 */
export function useReturnFocusWhenGone() {
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  useEffect(
    () => () => {
      // after the dialog's own nodes are gone, and only if nothing else took the focus meanwhile
      requestAnimationFrame(() => {
        if (opener?.isConnected && focusIsLost()) opener.focus();
      });
    },
    [opener],
  );
}

/**
 * After a form's submit was refused, moves the focus to its first field marked invalid, so the error said beside it
 * is read out and the field is ready to correct (WCAG 3.3.1). Call `tried()` on submit; the fields may be marked
 * at once (checked in the page) or when the server answers.
 */
export function useFocusFirstInvalid<T extends HTMLElement>() {
  const container = useRef<T>(null);
  const submitted = useRef(false);
  useEffect(() => {
    if (!submitted.current) return;
    const invalid = container.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!invalid) return;
    submitted.current = false;
    invalid.focus();
  });
  return { container, tried: () => (submitted.current = true) };
}

const focusIsLost = () => !document.activeElement || document.activeElement === document.body;

/**
 * A control that Lupp disables while it saves (a checklist item being ticked, a button showing that it works)
 * loses the keyboard focus to the page, and the user their place. Whatever had the focus when it was disabled gets
 * it back when it is enabled again, unless the user has moved on meanwhile. Installed once, for the whole app.
 */
export function keepFocusThroughBusyControls(root: HTMLElement) {
  let focused: Element | null = null;
  let waiting: HTMLElement | null = null;
  document.addEventListener('focusin', (event) => {
    focused = event.target instanceof Element ? event.target : null;
    waiting = null;
  });
  new MutationObserver((records) => {
    for (const { target } of records) {
      if (!(target instanceof HTMLElement)) continue;
      const disabled = target.hasAttribute('disabled');
      // the browser moves the focus off a disabled control at its next rendering, not at once
      if (disabled && target === focused && (document.activeElement === target || focusIsLost()))
        waiting = target;
      else if (!disabled && target === waiting) {
        waiting = null;
        if (target.isConnected && focusIsLost()) target.focus();
      }
    }
  }).observe(root, { subtree: true, attributes: true, attributeFilter: ['disabled'] });
}
