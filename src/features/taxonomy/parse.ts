import { parse } from 'csv-parse/sync';

/** One concept as read from a taxonomy file, before it meets the database. */
export type ParsedConcept = {
  externalId: string;
  type: string;
  code: string | null;
  label: string;
  altLabels: string[];
  description: string | null;
};
export type Problem = { file: string; row: number | null; problem: string };
export type Parsed = {
  concepts: ParsedConcept[];
  relations: [broader: string, narrower: string][];
  problems: Problem[];
};

const empty = (): Parsed => ({ concepts: [], relations: [], problems: [] });

/** Decodes UTF-8 strictly: a Latin-1 or UTF-16 file is reported, not imported as mojibake. */
export function decodeUtf8(file: string, bytes: Buffer): { text: string } | { problem: Problem } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, '') };
  } catch {
    return {
      problem: {
        file,
        row: null,
        problem: 'the file is not UTF-8 encoded; save it as UTF-8 (as ESCO and JobTech publish it)',
      },
    };
  }
}

// ------------------------------------------------------------------ ESCO (CSV, v1.2.x layout)

const escoTypes: Record<string, string> = {
  KnowledgeSkillCompetence: 'skill',
  SkillGroup: 'skill-group',
  Occupation: 'occupation',
  ISCOGroup: 'isco-group',
};

const splitLabels = (value: string | undefined) =>
  (value ?? '')
    .split(/\r?\n| \| /)
    .map((s) => s.trim())
    .filter(Boolean);

const isUri = (value: string) => /^https?:\/\/\S+$/.test(value);

/** Parses one ESCO CSV file (concept files, collections, the skills hierarchy, broader relations). */
export function parseEscoCsv(file: string, text: string): Parsed {
  const out = empty();
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, relax_quotes: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    out.problems.push({ file, row: line, problem: `the CSV is broken here: ${(error as Error).message}` });
    return out;
  }
  const [header, ...records] = rows;
  if (!header) {
    out.problems.push({ file, row: null, problem: 'the file is empty' });
    return out;
  }
  const col = (name: string) => header.indexOf(name);
  const rowOf = (i: number) => i + 2; // 1-based, after the header

  if (col('Level 0 URI') >= 0) return parseEscoHierarchy(file, header, records, out);
  if (col('broaderUri') >= 0 && col('conceptUri') >= 0 && col('preferredLabel') < 0) {
    for (const [i, r] of records.entries()) {
      const narrower = r[col('conceptUri')] ?? '';
      const broader = r[col('broaderUri')] ?? '';
      if (!isUri(narrower) || !isUri(broader))
        out.problems.push({ file, row: rowOf(i), problem: 'conceptUri and broaderUri must be URIs' });
      else out.relations.push([broader, narrower]);
    }
    return out;
  }
  const missing = ['conceptType', 'conceptUri', 'preferredLabel'].filter((c) => col(c) < 0);
  if (missing.length) {
    out.problems.push({
      file,
      row: null,
      problem: `not an ESCO v1.2 file: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found ${header.join(', ')})`,
    });
    return out;
  }
  for (const [i, r] of records.entries()) {
    if (r.length !== header.length) {
      out.problems.push({
        file,
        row: rowOf(i),
        problem: `has ${r.length} fields where the header has ${header.length}`,
      });
      continue;
    }
    const uri = r[col('conceptUri')]?.trim() ?? '';
    const label = r[col('preferredLabel')]?.trim() ?? '';
    const type = escoTypes[r[col('conceptType')] ?? ''];
    if (!isUri(uri))
      out.problems.push({ file, row: rowOf(i), problem: 'conceptUri is missing or not a URI' });
    else if (!label) out.problems.push({ file, row: rowOf(i), problem: 'preferredLabel is empty' });
    else if (!type)
      out.problems.push({ file, row: rowOf(i), problem: `unknown conceptType "${r[col('conceptType')]}"` });
    else {
      out.concepts.push({
        externalId: uri,
        type,
        code: col('code') >= 0 ? r[col('code')]?.trim() || null : null,
        label,
        altLabels: splitLabels(r[col('altLabels')]),
        description: col('description') >= 0 ? r[col('description')]?.trim() || null : null,
      });
      if (col('broaderConceptUri') >= 0) {
        for (const broader of splitLabels(r[col('broaderConceptUri')]))
          if (isUri(broader)) out.relations.push([broader, uri]);
      }
    }
  }
  return out;
}

function parseEscoHierarchy(file: string, header: string[], records: string[][], out: Parsed): Parsed {
  const col = (name: string) => header.indexOf(name);
  const seen = new Set<string>();
  for (const [i, r] of records.entries()) {
    let parent: string | null = null;
    for (let level = 0; level <= 3; level++) {
      const uri = r[col(`Level ${level} URI`)]?.trim();
      if (!uri) break;
      if (!isUri(uri)) {
        out.problems.push({ file, row: i + 2, problem: `Level ${level} URI is not a URI` });
        break;
      }
      if (!seen.has(uri)) {
        seen.add(uri);
        out.concepts.push({
          externalId: uri,
          type: 'skill-group',
          code: r[col(`Level ${level} code`)]?.trim() || null,
          label: r[col(`Level ${level} preferred term`)]?.trim() ?? '',
          altLabels: [],
          description: null,
        });
      }
      if (parent) out.relations.push([parent, uri]);
      parent = uri;
    }
  }
  return out;
}

// ------------------------------------------------------------------ JobTech Taxonomy (static JSON)

type JobTechConcept = {
  id?: string;
  preferred_label?: string;
  type?: string;
  definition?: string;
  alternative_labels?: string[];
  narrower?: JobTechConcept[];
  broader?: JobTechConcept[];
  [code: string]: unknown;
};

const codeFields = [
  'ssyk_code_2012',
  'sni_level_code_2007',
  'sun_education_field_code_2020',
  'sun_education_level_code_2020',
  'isco_code_08',
];

/** Parses one JobTech static JSON file, walking narrower/broader links into relations. */
export function parseJobTechJson(file: string, text: string): Parsed {
  const out = empty();
  let document: { data?: { concepts?: JobTechConcept[]; concept_types?: unknown[] } };
  try {
    document = JSON.parse(text);
  } catch (error) {
    out.problems.push({ file, row: null, problem: `not valid JSON: ${(error as Error).message}` });
    return out;
  }
  if (document.data?.concept_types) return out; // the list of concept types carries no concepts
  const concepts = document.data?.concepts;
  if (!Array.isArray(concepts)) {
    out.problems.push({
      file,
      row: null,
      problem: 'not a JobTech taxonomy file: expected {"data": {"concepts": [...]}}',
    });
    return out;
  }
  let counter = 0;
  const visit = (c: JobTechConcept, parent: string | null) => {
    counter += 1;
    if (!c.id || !c.preferred_label || !c.type) {
      out.problems.push({
        file,
        row: counter,
        problem: `concept #${counter} lacks ${['id', 'preferred_label', 'type'].filter((k) => !c[k]).join(', ')}`,
      });
      return;
    }
    const code = codeFields.map((f) => c[f]).find((v) => typeof v === 'string') as string | undefined;
    out.concepts.push({
      externalId: c.id,
      type: c.type,
      code: code ?? null,
      label: c.preferred_label.trim(),
      altLabels: Array.isArray(c.alternative_labels) ? c.alternative_labels : [],
      description: c.definition?.trim() || null,
    });
    if (parent) out.relations.push([parent, c.id]);
    for (const child of c.narrower ?? []) visit(child, c.id);
    for (const broader of c.broader ?? []) {
      if (broader.id) {
        visit(broader, null);
        out.relations.push([broader.id, c.id]);
      }
    }
  };
  for (const c of concepts) visit(c, null);
  return out;
}
