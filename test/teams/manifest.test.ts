// The Teams app package: the manifest validates offline against the official schema bundled in
// @microsoft/app-manifest, the icons are the sizes Teams requires (outline transparent and white), and
// the packer fills in the app id and writes a zip Teams can read.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { decodePng } from '../../manifest/teams/png.ts';
import { PackError, buildManifest, packTeamsApp } from '../../manifest/teams/pack.ts';
import { TEAMS_SURFACE } from '../../src/channels/teams/bot.ts';
import { helpFor } from '../../src/conversation/help.ts';

const DIR = 'manifest/teams';
const manifest = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8'));
const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

function bundledSchema(version: string): object {
  // Read from the package's own copy: validation must never reach for the network.
  const pkg = createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json');
  const file = path.join(path.dirname(pkg), 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');
  return JSON.parse(readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
}

async function schemaErrors(value: object): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(value as never, bundledSchema(manifest.manifestVersion) as never);
}

describe('manifest.json', () => {
  it('is on a current schema version and its $schema matches manifestVersion', () => {
    expect(Number(manifest.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(24);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/en-us/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it('validates against the official Teams schema, offline', async () => {
    expect(await schemaErrors(manifest)).toEqual([]);
  });

  it('the validator really checks (a manifest without a bot id fails)', async () => {
    const broken = structuredClone(manifest);
    delete broken.bots[0].botId;
    expect((await schemaErrors(broken)).join('\n')).toMatch(/botId/);
  });

  it('declares the bot in personal chat, teams and group chats, with its commands', () => {
    const [bot] = manifest.bots;
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    const titles = bot.commandLists.flatMap((l: { commands: { title: string }[] }) => l.commands.map((c) => c.title));
    expect(titles).toEqual(expect.arrayContaining(['help', 'subscribe', 'unsubscribe', 'subscriptions']));
    // Teams' own limits for the command menu.
    expect(titles.length).toBeLessThanOrEqual(10);
    for (const title of titles) expect(title.length).toBeLessThanOrEqual(32);
    // Every command offered is one the bot explains in its help.
    const help = helpFor({ surface: TEAMS_SURFACE, subscriptions: true, topics: [] });
    for (const command of ['subscribe', 'unsubscribe', 'subscriptions', 'help']) {
      expect(help.lines.some((line) => line.includes(`\`${command}`))).toBe(true);
    }
    expect(manifest.validDomains.length).toBeGreaterThan(0);
  });
});

describe('icons', () => {
  it('colour icon: 192×192 PNG, fully opaque', () => {
    const png = decodePng(readFileSync(path.join(DIR, manifest.icons.color)));
    expect([png.width, png.height]).toEqual([192, 192]);
    let seeThrough = 0;
    for (let i = 3; i < png.pixels.length; i += 4) if (png.pixels[i] !== 255) seeThrough++;
    expect(seeThrough).toBe(0);
  });

  it('outline icon: 32×32 PNG, transparent background, white only', () => {
    const png = decodePng(readFileSync(path.join(DIR, manifest.icons.outline)));
    expect([png.width, png.height]).toEqual([32, 32]);
    expect(png.colourType).toBe(6);
    let transparent = 0;
    let white = 0;
    for (let i = 0; i < png.pixels.length; i += 4) {
      const [r, g, b, a] = png.pixels.subarray(i, i + 4);
      if (a === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255) white++;
    }
    expect(transparent + white).toBe(32 * 32);
    expect(transparent).toBeGreaterThan(0);
    expect(white).toBeGreaterThan(0);
    // The corners are background.
    expect(png.pixels[3]).toBe(0);
  });
});

/** Read back a zip: name → content, checking each entry inflates to its recorded size. */
function unzip(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extra = archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const compressedSize = archive.readUInt32LE(at + 20);
    const dataStart = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = inflateRawSync(archive.subarray(dataStart, dataStart + compressedSize));
    expect(data.length).toBe(size);
    files.set(name, data);
    at += 46 + nameLength + extra;
  }
  return files;
}

describe('npm run package:teams', () => {
  it('zips the manifest with the app id from the environment and both icons, and it still validates', async () => {
    const { zip, warnings } = packTeamsApp({ MicrosoftAppId: APP_ID, BOT_DOMAIN: 'msht-bot.example.org' }, DIR);
    const files = unzip(zip);
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packed = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(packed.id).toBe(APP_ID);
    expect(packed.bots[0].botId).toBe(APP_ID);
    expect(packed.validDomains).toContain('msht-bot.example.org');
    expect(await schemaErrors(packed)).toEqual([]);
    expect(files.get('color.png')!.equals(readFileSync(path.join(DIR, 'color.png')))).toBe(true);
    expect(warnings.join('\n')).toContain('placeholder');
  });

  it('stops with a message naming the variable when the app id is missing or malformed', () => {
    expect(() => buildManifest(manifest, {})).toThrow(PackError);
    expect(() => buildManifest(manifest, {})).toThrow(/MicrosoftAppId is not set/);
    expect(() => buildManifest(manifest, { MicrosoftAppId: 'my-bot' })).toThrow(/MicrosoftAppId must be a GUID/);
    expect(() => buildManifest(manifest, { MicrosoftAppId: APP_ID, BOT_DOMAIN: 'https://x.example.org/api' })).toThrow(/BOT_DOMAIN/);
  });

  it('uses the organisation\'s own pages when given', () => {
    const built = buildManifest(manifest, { MicrosoftAppId: APP_ID, TEAMS_APP_PRIVACY_URL: 'https://council.example.gov.uk/privacy' });
    expect(built.developer.privacyUrl).toBe('https://council.example.gov.uk/privacy');
    expect(manifest.developer.privacyUrl).not.toBe('https://council.example.gov.uk/privacy');
  });
});
