// Admins' editors validate as they type against knowledge/schema.json: it must match the schema the bot uses.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { knowledgeJsonSchema } from '../../src/knowledge/json-schema.ts';
import { runCli } from '../helpers/cli.ts';

describe('knowledge/schema.json', () => {
  it('is up to date with the schema (run `msht-guide kb schema` after changing src/knowledge/schema.ts)', () => {
    expect(readFileSync('knowledge/schema.json', 'utf8')).toBe(knowledgeJsonSchema());
  });

  it('describes every entry field an admin may write, and refuses others', () => {
    const schema = JSON.parse(knowledgeJsonSchema()) as {
      properties: { entries: { items: { properties: Record<string, unknown>; additionalProperties: boolean; required: string[] } } };
    };
    const entry = schema.properties.entries.items;
    expect(entry.additionalProperties).toBe(false);
    expect(entry.required).toEqual(expect.arrayContaining(['id', 'kind', 'title', 'summary', 'questions', 'source', 'reviewed']));
    expect(Object.keys(entry.properties)).toEqual(expect.arrayContaining(['steps', 'contacts', 'links', 'related', 'areas', 'jurisdiction', 'review_by']));
  });

  it('is named at the top of every knowledge file so editors find it', () => {
    for (const name of readdirSync('knowledge').filter((n) => n.endsWith('.yaml'))) {
      expect(readFileSync(`knowledge/${name}`, 'utf8').split('\n')[0], name).toBe('# yaml-language-server: $schema=./schema.json');
    }
  });

  it('`kb schema --check` passes on the shipped knowledge', async () => {
    const run = await runCli(['kb', 'schema', '--check']);
    expect(run.stdout).toContain('knowledge/schema.json is up to date');
    expect(run.code).toBe(0);
  });
});
