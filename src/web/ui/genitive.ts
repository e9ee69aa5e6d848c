/**
 * A name in the genitive, as each language writes it: Swedish adds "s" — nothing after s, x or z, and ":s"
 * after an abbreviation or a figure ("Stålverket i Norrvik AB:s", "Region Mittlands"); English adds "'s",
 * or only "'" after an s ("Siemens'").
 */
export function genitive(name: string, language: string): string {
  const trimmed = name.trim();
  if (language === 'en') return /s$/i.test(trimmed) ? `${trimmed}'` : `${trimmed}'s`;
  if (/[sxz]$/i.test(trimmed)) return trimmed;
  // an abbreviation (AB, HB, IT) or a figure at the end takes a colon
  if (/(^|\s)[A-ZÅÄÖ0-9]{2,}$|[0-9]$/.test(trimmed)) return `${trimmed}:s`;
  return `${trimmed}s`;
}
