// An expert's answer as a draft knowledge entry, for the admins to finish: shaped by the schema (an `info`
// entry with the question among its `questions`), with `source` and `reviewed` left for the admin to fill
// in, since only they can say where the facts come from and when they checked them. Nothing here changes
// the knowledge: the YAML is sent to the admins, who paste it into a file and run `kb check`.
import { stringify } from 'yaml';

export interface DraftInput {
  question: string;
  answer: string;
  teamName: string;
}

/** A lower-case, hyphenated id from the question's first words. */
function draftId(question: string): string {
  const words = question.toLowerCase().replace(/\[[a-z]+\]/g, ' ').match(/[a-z0-9]+/g) ?? [];
  return ['draft', ...words.slice(0, 6)].join('-');
}

export function draftEntryYaml(input: DraftInput): string {
  const title = input.question.length > 80 ? `${input.question.slice(0, 79)}…` : input.question;
  const entry = {
    id: draftId(input.question),
    kind: 'info',
    title,
    summary: input.answer,
    questions: [input.question],
    keywords: [],
    source: 'TO FILL IN: the public document this answer comes from (publisher, title, web address)',
    reviewed: 'TO FILL IN: YYYY-MM-DD, the day you checked it against that source',
  };
  return [
    `# Draft from an answer by ${input.teamName}. Check every fact against a public source, fill in \`source\``,
    '# and `reviewed`, add more `questions` and any phone numbers to sources.yaml, then run `msht-guide kb check`.',
    stringify({ entries: [entry] }, { lineWidth: 0 }).trimEnd(),
  ].join('\n');
}
