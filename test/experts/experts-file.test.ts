// knowledge/experts.yaml: the expert teams, checked like every knowledge file, with the place and the
// problem for each mistake an admin can make.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import { formatProblem } from '../../src/knowledge/problems.ts';

const VALID = 'test/fixtures/knowledge/valid';
const NOW = new Date('2026-11-23T12:00:00Z');

/** The valid fixture plus an experts.yaml with this text; the problems as kb check prints them. */
function withExperts(yaml: string, extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'msht-experts-'));
  cpSync(VALID, dir, { recursive: true });
  writeFileSync(join(dir, 'experts.yaml'), yaml);
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  const result = loadKnowledge(dir, { now: NOW });
  const lines = result.problems.map((p) => formatProblem(p).replace(`${dir}/`, ''));
  return { ...result, lines };
}

const TEAM = `experts:
  default: west-yorkshire
  teams:
    - id: west-yorkshire
      name: West Yorkshire network
      partnerships: [west-yorkshire-partnership]
      areas: [Dewsbury]
      topics: [county lines]
      slack: { channel: C0EXPERTS1 }
      teams: { channel: "19:abc123@thread.tacv2" }
`;

describe('experts.yaml', () => {
  it('loads the teams, the default and the answer time (4 working hours unless it says)', () => {
    const { kb, lines } = withExperts(TEAM);
    expect(lines).toEqual([]);
    expect(kb!.experts).toEqual({
      teams: [
        {
          id: 'west-yorkshire',
          name: 'West Yorkshire network',
          partnerships: ['west-yorkshire-partnership'],
          areas: ['Dewsbury'],
          topics: ['county lines'],
          slack: { channel: 'C0EXPERTS1' },
          teams: { channel: '19:abc123@thread.tacv2' },
        },
      ],
      defaultTeam: 'west-yorkshire',
      answerWithinHours: 4,
    });
  });

  it('ships with no teams, so the bot never offers to ask an expert, and checks clean', () => {
    const { kb, problems } = loadKnowledge('knowledge', { now: NOW });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(kb!.experts?.teams).toEqual([]);
  });

  it('refuses a Slack channel name where the id belongs, at its place', () => {
    const { kb, lines } = withExperts(TEAM.replace('C0EXPERTS1', '"#msht-experts"'));
    expect(kb).toBeNull();
    expect(lines).toEqual([
      expect.stringMatching(/^experts\.yaml:9:25: `channel` must be a Slack channel id such as C0123ABCDEF \(channel details → the id at the bottom\), not its name/),
    ]);
  });

  it('refuses a Teams channel that is not a channel conversation id', () => {
    const { kb, lines } = withExperts(TEAM.replace('19:abc123@thread.tacv2', 'MSHT experts'));
    expect(kb).toBeNull();
    expect(lines[0]).toMatch(/^experts\.yaml:10:25: `channel` must be a Teams channel conversation id such as 19:abc123@thread\.tacv2/);
  });

  it('refuses a partnership that does not exist, with the likely one', () => {
    const { lines } = withExperts(TEAM.replace('[west-yorkshire-partnership]', '[west-yorkshire-partnershp]'));
    expect(lines).toEqual([
      'experts.yaml:6:22: `partnerships` names `west-yorkshire-partnershp`, but no entry has that id (did you mean `west-yorkshire-partnership`?)',
    ]);
  });

  it('refuses a partnership that is not a contact with areas', () => {
    const { lines } = withExperts(TEAM.replace('[west-yorkshire-partnership]', '[duty-to-notify]'));
    expect(lines[0]).toMatch(/^experts\.yaml:6:22: `partnerships` names `duty-to-notify`, which is not a contact entry with `areas`/);
  });

  it('refuses a default that names no team, and duplicate team ids', () => {
    const dup = TEAM.replace('default: west-yorkshire', 'default: west-yorks') + TEAM.split('teams:\n')[1]!.replace(/^/, '');
    const { lines } = withExperts(dup);
    expect(lines).toContain('experts.yaml:2:12: `default` names `west-yorks`, but no team has that id (did you mean `west-yorkshire`?)');
    expect(lines.some((l) => /^experts\.yaml:11:11: duplicate team id `west-yorkshire`: also used at .*experts\.yaml:4:\d+$/.test(l))).toBe(true);
  });

  it('warns about a team reached nowhere, which is never offered', () => {
    const { kb, lines } = withExperts(TEAM.replace(/      slack:.*\n      teams:.*\n/, ''));
    expect(kb).not.toBeNull();
    expect(lines).toEqual([
      'experts.yaml:4:11: warning: team `west-yorkshire` has neither `slack` nor `teams`, so no question is ever sent to it: add its channel',
    ]);
  });

  it('keeps every team in one file', () => {
    const { lines } = withExperts(TEAM, { 'more-experts.yaml': 'experts:\n  teams: []\n' });
    expect(lines[0]).toMatch(/^(more-)?experts\.yaml:\d+:\d+: `experts` is also in .*experts\.yaml: keep every expert team in one file/);
  });

  it('names an unknown field with the likely one', () => {
    const { lines } = withExperts(TEAM.replace('topics:', 'topic:'));
    expect(lines[0]).toBe('experts.yaml:8:7: unknown field `topic`: did you mean `topics`?');
  });
});
