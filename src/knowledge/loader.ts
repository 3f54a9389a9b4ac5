// The knowledge folder → one validated, typed KnowledgeBase, or every problem that stops it.
//
// Each file is read and validated on its own (so one broken file reports all its problems), then the
// files are checked together: ids unique across files, every reference resolves, every phone number,
// email and web address is in the sourced list, and entries past their review date are flagged.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import type { Entry, Experts, Reminder, SourcedValue } from './schema.ts';
import { DEFAULT_ANSWER_WITHIN_HOURS, type ExpertDirectory, type KnowledgeBase, type Origin } from './knowledge-base.ts';
import { hasErrors, sortProblems, type Problem } from './problems.ts';
import { didYouMean } from '../text/near-miss.ts';
import { readKnowledgeFile, position, type ParsedFile } from './read-file.ts';
import { at, textNodes, validateFile } from './validate-file.ts';
import { detailKey, findDetails } from './contact-details.ts';
import { foldedFieldProblems } from './folded-fields.ts';
import { internalTagProblems } from './internal-tags.ts';
import { isOverdue } from './review.ts';
import { reminderProblems } from '../reminders/schedule.ts';

export interface LoadOptions {
  /** Today, for review dates. */
  now?: Date;
}

export interface LoadResult {
  /** Null when any problem is an error: the caller keeps what it had. */
  kb: KnowledgeBase | null;
  problems: Problem[];
}

const YAML_FILE = /\.ya?ml$/i;
/** Files that belong in the knowledge folder but are not knowledge. */
const EXPECTED_OTHER = new Set(['readme.md', 'schema.json']);

interface LoadedFile {
  parsed: ParsedFile;
  entries: { entry: Entry; index: number }[];
  reminders: { reminder: Reminder; index: number }[];
  sources: SourcedValue[];
  synonyms: string[][];
  outOfScope: string[];
  experts?: Experts;
  dangerNow: string[];
  calm: string[];
}

export function loadKnowledge(dir: string, options: LoadOptions = {}): LoadResult {
  const now = options.now ?? new Date();
  const problems: Problem[] = [];
  const shown = displayPath(dir);

  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) {
      return fail(shown, `${shown} is not a folder: give the knowledge folder (default knowledge/)`);
    }
    names = readdirSync(dir).sort();
  } catch {
    return fail(shown, `knowledge folder not found: ${shown} (set KNOWLEDGE_DIR or pass the folder)`);
  }

  const files: LoadedFile[] = [];
  const unvalidatedIds = new Set<string>();
  const contents: string[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(shown, name);
    let isFile: boolean;
    try {
      isFile = statSync(join(dir, name)).isFile();
    } catch {
      continue;
    }
    if (!isFile) {
      problems.push({ file: path, line: 1, col: 1, severity: 'notice', message: 'folder ignored: knowledge files go directly in the knowledge folder' });
      continue;
    }
    if (!YAML_FILE.test(name)) {
      if (!EXPECTED_OTHER.has(name.toLowerCase())) {
        problems.push({ file: path, line: 1, col: 1, severity: 'notice', message: 'not a YAML file (.yaml or .yml): ignored' });
      }
      continue;
    }
    const parsed = readKnowledgeFile(path, problems);
    if (!parsed) continue;
    if (parsed.data === undefined) {
      // The YAML did not parse, but its ids are still known for references from other files, so the one
      // real mistake is not buried under "no entry has that id" from files nobody touched.
      for (const match of parsed.text.matchAll(/^[ \t-]*id:[ \t]*["']?([a-z0-9][a-z0-9-]*)/gm)) unvalidatedIds.add(match[1]!);
      continue;
    }
    contents.push(`${name}\n${parsed.text}`);
    problems.push(...foldedFieldProblems(parsed), ...internalTagProblems(parsed));
    const data = validateFile(parsed, problems);
    if (!data) {
      // Ids in a file that failed validation still count for references, so one mistake is reported
      // once, not again at every entry that points into the broken file.
      for (const id of rawIds(parsed.data)) unvalidatedIds.add(id);
      continue;
    }
    files.push({
      parsed,
      entries: (data.entries ?? []).map((entry, index) => ({ entry, index })),
      reminders: (data.reminders ?? []).map((reminder, index) => ({ reminder, index })),
      sources: data.sources ?? [],
      synonyms: data.synonyms ?? [],
      outOfScope: data.out_of_scope ?? [],
      ...(data.experts ? { experts: data.experts } : {}),
      dangerNow: data.danger_now_examples ?? [],
      calm: data.calm_examples ?? [],
    });
  }

  const entries: Entry[] = [];
  const byId = new Map<string, Entry>();
  const origins = new Map<string, Origin>();
  for (const file of files) {
    for (const { entry, index } of file.entries) {
      const place = at(file.parsed, ['entries', index, 'id']);
      const first = origins.get(entry.id);
      if (first) {
        problems.push({ ...place, severity: 'error', message: `duplicate id \`${entry.id}\`: also used at ${first.file}:${first.line}:${first.col}` });
        problems.push({ file: first.file, line: first.line, col: first.col, severity: 'error', message: `duplicate id \`${entry.id}\`: also used at ${place.file}:${place.line}:${place.col}` });
        continue;
      }
      origins.set(entry.id, place);
      byId.set(entry.id, entry);
      entries.push(entry);
    }
  }

  const knownIds = new Set([...byId.keys(), ...unvalidatedIds]);
  checkReferences(files, byId, knownIds, problems);
  checkReminders(files, knownIds, problems);
  checkContactDetails(files, problems);
  checkReviewDates(files, now, problems);
  checkUrgentEntries(files, problems);
  checkOutOfScope(files, problems);
  checkReminderTopics(files, problems);
  const experts = checkExperts(files, byId, knownIds, problems);

  if (files.length > 0 && entries.length === 0 && !hasErrors(problems)) {
    problems.push({ file: shown, line: 1, col: 1, severity: 'error', message: 'no entries found: add a file with `entries:`' });
  }
  if (names.length === 0 || (files.length === 0 && !hasErrors(problems))) {
    problems.push({ file: shown, line: 1, col: 1, severity: 'error', message: 'no knowledge files found (*.yaml)' });
  }

  sortProblems(problems);
  if (hasErrors(problems)) return { kb: null, problems };

  const kb: KnowledgeBase = {
    version: createHash('sha256').update(contents.join('\0')).digest('hex').slice(0, 12),
    loadedAt: now,
    dir,
    files: files.map((f) => f.parsed.file),
    entries,
    byId,
    origins,
    synonyms: files.flatMap((f) => f.synonyms),
    outOfScope: files.flatMap((f) => f.outOfScope),
    dangerNow: files.flatMap((f) => f.dangerNow),
    calm: files.flatMap((f) => f.calm),
    reminders: files.flatMap((f) => f.reminders.map((r) => r.reminder)),
    sources: files.flatMap((f) => f.sources),
    ...(experts ? { experts } : {}),
  };
  return { kb, problems };
}

function fail(file: string, message: string): LoadResult {
  return { kb: null, problems: [{ file, line: 1, col: 1, severity: 'error', message }] };
}

/** Paths inside the working folder are shown relative to it, so editors and terminals can open them. */
function displayPath(dir: string): string {
  if (!isAbsolute(dir)) return dir;
  const rel = relative(process.cwd(), dir);
  return rel && !rel.startsWith('..') ? rel : dir;
}

function rawIds(data: unknown): string[] {
  const entries = (data as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) return [];
  return entries.map((e) => (e as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string');
}

function checkReferences(files: LoadedFile[], byId: Map<string, Entry>, knownIds: ReadonlySet<string>, problems: Problem[]): void {
  for (const file of files) {
    for (const { entry, index } of file.entries) {
      for (const field of ['related', 'contacts'] as const) {
        entry[field]?.forEach((target, i) => {
          const place = at(file.parsed, ['entries', index, field, i]);
          const found = byId.get(target);
          if (!found && knownIds.has(target)) return;
          if (!found) {
            const suggestion = didYouMean(target, byId.keys());
            const hint = suggestion ? ` (did you mean \`${suggestion}\`?)` : '';
            problems.push({ ...place, severity: 'error', message: `\`${field}\` names \`${target}\`, but no entry has that id${hint}` });
          } else if (field === 'contacts' && found.kind !== 'contact') {
            problems.push({ ...place, severity: 'error', message: `\`contacts\` names \`${target}\`, which is a ${found.kind} entry, not a contact: move it to \`related\`` });
          } else if (target === entry.id) {
            problems.push({ ...place, severity: 'warning', message: `\`${entry.id}\` names itself in \`${field}\`` });
          }
        });
      }
    }
  }
}

function checkReminders(files: LoadedFile[], entryIds: ReadonlySet<string>, problems: Problem[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    for (const { reminder, index } of file.reminders) {
      const idPlace = at(file.parsed, ['reminders', index, 'id']);
      const first = seen.get(reminder.id);
      if (first) {
        problems.push({ ...idPlace, severity: 'error', message: `duplicate reminder id \`${reminder.id}\`: also used at ${first}` });
      } else {
        seen.set(reminder.id, `${idPlace.file}:${idPlace.line}:${idPlace.col}`);
      }
      for (const problem of reminderProblems(reminder, entryIds)) {
        problems.push({ ...at(file.parsed, ['reminders', index, ...problem.path]), severity: 'error', message: problem.message });
      }
    }
  }
}

/** Every phone number, email and web address in entries and reminders must be in a `sources:` list. */
function checkContactDetails(files: LoadedFile[], problems: Problem[]): void {
  const sourced = new Set(files.flatMap((f) => f.sources.map((s) => `${s.kind}:${detailKey(s.kind, s.value)}`)));
  for (const file of files) {
    for (const root of ['entries', 'reminders']) {
      for (const node of textNodes(file.parsed, [root])) {
        const raw = file.parsed.text.slice(node.start, node.end);
        for (const detail of findDetails(node.value)) {
          if (sourced.has(`${detail.kind}:${detail.key}`)) continue;
          const offsetInRaw = raw.indexOf(detail.text);
          const { line, col } = position(file.parsed.lines, node.start + Math.max(0, offsetInRaw));
          const what = detail.kind === 'phone' ? 'phone number' : detail.kind === 'email' ? 'email address' : 'web address';
          problems.push({
            file: file.parsed.file,
            line,
            col,
            severity: 'error',
            message: `${what} ${detail.text} has no source: add it to a \`sources:\` list (e.g. sources.yaml) with where it was checked, or remove it`,
          });
        }
      }
    }
  }
}

/** Facts that change are checked at least this often: a `review_by` further ahead is probably a typo. */
const MAX_REVIEW_INTERVAL_DAYS = 92;

function checkReviewDates(files: LoadedFile[], now: Date, problems: Problem[]): void {
  for (const file of files) {
    for (const { entry, index } of file.entries) {
      if (entry.review_by && entry.review_by < entry.reviewed) {
        problems.push({
          ...at(file.parsed, ['entries', index, 'review_by']),
          severity: 'error',
          message: `\`review_by\` (${entry.review_by}) is before \`reviewed\` (${entry.reviewed})`,
        });
        continue;
      }
      const days = entry.review_by ? (Date.parse(entry.review_by) - Date.parse(entry.reviewed)) / 86_400_000 : 0;
      if (days > MAX_REVIEW_INTERVAL_DAYS) {
        problems.push({
          ...at(file.parsed, ['entries', index, 'review_by']),
          severity: 'warning',
          message: `\`review_by\` is ${Math.round(days)} days after \`reviewed\`: facts that change are checked at least every three months`,
        });
      }
      if (isOverdue(entry, now)) {
        problems.push({
          ...at(file.parsed, ['entries', index, 'review_by']),
          severity: 'warning',
          message: `\`${entry.id}\` was due for review on ${entry.review_by}: check its facts against the source, then update \`reviewed\` and \`review_by\``,
        });
      }
    }
  }
}

/** The danger-now guidance is shown with every urgent question, so it must say 999 before anything else. */
function checkUrgentEntries(files: LoadedFile[], problems: Problem[]): void {
  for (const file of files) {
    for (const { entry, index } of file.entries) {
      if (!entry.urgent) continue;
      if (!/\b999\b/.test(`${entry.summary} ${entry.steps?.[0] ?? ''}`)) {
        problems.push({
          ...at(file.parsed, ['entries', index, 'summary']),
          severity: 'error',
          message: `\`${entry.id}\` is \`urgent: true\`, so it must lead with 999: say "call 999" in its summary or first step`,
        });
      }
    }
  }
}

/**
 * An out-of-scope example that is also one of an entry's questions contradicts it: the search would learn
 * the same question is both in and out of the field.
 */
function checkOutOfScope(files: LoadedFile[], problems: Problem[]): void {
  const simple = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const askedFor = new Map<string, string>();
  for (const file of files) for (const { entry } of file.entries) for (const q of entry.questions) askedFor.set(simple(q), entry.id);
  for (const file of files) {
    file.outOfScope.forEach((example, index) => {
      const id = askedFor.get(simple(example));
      if (id) {
        problems.push({
          ...at(file.parsed, ['out_of_scope', index]),
          severity: 'error',
          message: `"${example}" is also a question of \`${id}\`: keep it in one place (out of scope, or that entry's questions)`,
        });
      }
    });
  }
}

/** A topic only one reminder uses, spelt nearly like another, is a typo that no channel will ever receive. */
function checkReminderTopics(files: LoadedFile[], problems: Problem[]): void {
  const uses = new Map<string, number>();
  for (const file of files) for (const { reminder } of file.reminders) uses.set(reminder.topic, (uses.get(reminder.topic) ?? 0) + 1);
  for (const file of files) {
    for (const { reminder, index } of file.reminders) {
      if (uses.get(reminder.topic) !== 1) continue;
      // Only a near-twin that other reminders share is taken to be the intended spelling.
      const others = [...uses.keys()].filter((t) => t !== reminder.topic && (uses.get(t) ?? 0) > 1);
      const meant = didYouMean(reminder.topic, others);
      if (meant) {
        problems.push({
          ...at(file.parsed, ['reminders', index, 'topic']),
          severity: 'warning',
          message: `topic \`${reminder.topic}\` is used by no other reminder: did you mean \`${meant}\`? Channels subscribe by topic`,
        });
      }
    }
  }
}

/**
 * The expert teams: one file holds them; team ids are unique; `partnerships` name partnership contact
 * entries (whose `areas` the team covers); `default` names a team. A team reached nowhere is never offered.
 */
function checkExperts(files: LoadedFile[], byId: Map<string, Entry>, knownIds: ReadonlySet<string>, problems: Problem[]): ExpertDirectory | undefined {
  const holders = files.filter((f) => f.experts !== undefined);
  if (holders.length === 0) return undefined;
  const [file, ...others] = holders as [LoadedFile & { experts: Experts }, ...LoadedFile[]];
  for (const other of others) {
    problems.push({
      ...at(other.parsed, ['experts']),
      severity: 'error',
      message: `\`experts\` is also in ${file.parsed.file}: keep every expert team in one file (experts.yaml)`,
    });
  }
  const experts = file.experts;
  const seen = new Map<string, string>();
  experts.teams.forEach((team, index) => {
    const place = at(file.parsed, ['experts', 'teams', index, 'id']);
    const first = seen.get(team.id);
    if (first) problems.push({ ...place, severity: 'error', message: `duplicate team id \`${team.id}\`: also used at ${first}` });
    else seen.set(team.id, `${place.file}:${place.line}:${place.col}`);
    team.partnerships?.forEach((target, i) => {
      const where = at(file.parsed, ['experts', 'teams', index, 'partnerships', i]);
      const found = byId.get(target);
      if (!found && knownIds.has(target)) return;
      if (!found) {
        const suggestion = didYouMean(target, [...byId.values()].filter((e) => e.kind === 'contact').map((e) => e.id));
        const hint = suggestion ? ` (did you mean \`${suggestion}\`?)` : '';
        problems.push({ ...where, severity: 'error', message: `\`partnerships\` names \`${target}\`, but no entry has that id${hint}` });
      } else if (found.kind !== 'contact' || !found.areas || found.areas.length === 0) {
        problems.push({ ...where, severity: 'error', message: `\`partnerships\` names \`${target}\`, which is not a contact entry with \`areas\`: name a partnership, or list the places in \`areas\`` });
      }
    });
    if (!team.slack && !team.teams) {
      problems.push({
        ...at(file.parsed, ['experts', 'teams', index, 'id']),
        severity: 'warning',
        message: `team \`${team.id}\` has neither \`slack\` nor \`teams\`, so no question is ever sent to it: add its channel`,
      });
    }
  });
  if (experts.default !== undefined && !seen.has(experts.default)) {
    const suggestion = didYouMean(experts.default, seen.keys());
    problems.push({
      ...at(file.parsed, ['experts', 'default']),
      severity: 'error',
      message: `\`default\` names \`${experts.default}\`, but no team has that id${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
    });
  }
  return {
    teams: experts.teams,
    ...(experts.default !== undefined ? { defaultTeam: experts.default } : {}),
    answerWithinHours: experts.answer_within_hours ?? DEFAULT_ANSWER_WITHIN_HOURS,
  };
}
