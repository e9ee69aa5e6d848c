/**
 * The server writes some texts as "<Swedish> / <English>" (missing checklist items, notification titles): the
 * part in `language`, or the whole text when it has no such parts.
 */
export function pickBilingual(message: string, language: string): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  return language === 'en' ? message.slice(at + 3) : message.slice(0, at);
}
