/**
 * The server writes some texts as "<Swedish> / <English>" (missing checklist items, notification titles): the
 * part in `language`, or the whole text when it has no such parts.
 *
 * The two halves name the same things (a course, a customer), and a name may hold " / " itself ("Svetsning /
 * Welding"): of several, the one nearest the middle divides the text, as the halves are about as long.
 */
export function pickBilingual(message: string, language: string): string {
  const at = dividerOf(message);
  if (at < 0) return message;
  return language === 'en' ? message.slice(at + SEPARATOR.length) : message.slice(0, at);
}

const SEPARATOR = ' / ';

function dividerOf(message: string) {
  const middle = (message.length - SEPARATOR.length) / 2;
  let best = -1;
  for (let at = message.indexOf(SEPARATOR); at >= 0; at = message.indexOf(SEPARATOR, at + 1))
    if (best < 0 || Math.abs(at - middle) < Math.abs(best - middle)) best = at;
  return best;
}
