// The JSON Schema of a knowledge file, generated from the zod schema so the two can never disagree.
import { z } from 'zod';
import { KnowledgeFile } from './schema.ts';

export function knowledgeJsonSchema(): string {
  const schema = z.toJSONSchema(KnowledgeFile, { io: 'input', unrepresentable: 'any' });
  const titled = {
    ...schema,
    title: 'msht-guide knowledge file',
    description:
      'A knowledge file of msht-guide: entries (referral, contact, toolkit, info), synonyms, reminders and sources. Run `msht-guide kb check` for the full checks.',
  };
  return `${JSON.stringify(titled, null, 2)}\n`;
}
