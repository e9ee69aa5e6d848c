const MAX_TITLE = 120;

/**
 * A case opened from an inquiry is titled by the need's first sentence; a sentence longer than a title is cut
 * after its last whole word, with an ellipsis ("… för kommunens hemtjänst och…"), not in the middle of a word.
 */
export function titleFromNeed(needText: string): string {
  const sentence = (needText.split(/[.!?\n]/)[0] ?? '').trim();
  if (sentence.length <= MAX_TITLE) return sentence;
  const cut = sentence.slice(0, MAX_TITLE - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > MAX_TITLE / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}
