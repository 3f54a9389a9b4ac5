// `npm run package:teams`: writes the Teams app package (manifest.json + the two icons, zipped) with the
// bot's Microsoft App ID from the environment, ready to upload in Teams or the Developer Portal.
//
//   MicrosoftAppId=<guid> npm run package:teams [-- --out path/to/app.zip]
//
// Optional: BOT_DOMAIN (the public host name of /api/messages, added to validDomains), and
// TEAMS_APP_WEBSITE_URL / TEAMS_APP_PRIVACY_URL / TEAMS_APP_TERMS_URL for your organisation's pages.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zip } from './zip.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
export const DEFAULT_OUT = 'manifest/teams/build/msht-guide-teams.zip';

export class PackError extends Error {}

type Env = Record<string, string | undefined>;
type Manifest = Record<string, unknown> & {
  id: string;
  bots: { botId: string }[];
  validDomains?: string[];
  developer: Record<string, string>;
};

/** The template with this deployment's values filled in. Throws PackError naming the variable at fault. */
export function buildManifest(template: Manifest, env: Env): Manifest {
  const appId = env.MicrosoftAppId?.trim();
  if (!appId) throw new PackError('MicrosoftAppId is not set: set it to the bot\'s Microsoft App ID (a GUID) to build the Teams package.');
  if (!GUID.test(appId)) throw new PackError(`MicrosoftAppId must be a GUID like 00000000-0000-0000-0000-000000000000; got "${appId}".`);
  const manifest = structuredClone(template);
  // The Teams app id and the bot id are the same registration: one GUID to manage.
  manifest.id = appId;
  for (const bot of manifest.bots) bot.botId = appId;

  const domain = env.BOT_DOMAIN?.trim();
  if (domain) {
    if (!HOST.test(domain)) throw new PackError(`BOT_DOMAIN must be a host name like bot.example.org (no https://, no path); got "${domain}".`);
    manifest.validDomains = [...new Set([...(manifest.validDomains ?? []), domain])];
  }
  for (const [variable, field] of [
    ['TEAMS_APP_WEBSITE_URL', 'websiteUrl'],
    ['TEAMS_APP_PRIVACY_URL', 'privacyUrl'],
    ['TEAMS_APP_TERMS_URL', 'termsOfUseUrl'],
  ] as const) {
    const value = env[variable]?.trim();
    if (!value) continue;
    if (!/^https:\/\/[^\s/]+\.[^\s]+$/.test(value)) throw new PackError(`${variable} must be an https:// address; got "${value}".`);
    manifest.developer[field] = value;
  }
  return manifest;
}

export function packTeamsApp(env: Env, dir = HERE): { zip: Buffer; manifest: Manifest; warnings: string[] } {
  const template = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const manifest = buildManifest(template, env);
  const warnings = Object.entries(manifest.developer)
    .filter(([, value]) => value.includes('example.org'))
    .map(([field]) => `developer.${field} is still a placeholder; set it for your organisation before publishing.`);
  const files = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'color.png', data: readFileSync(path.join(dir, 'color.png')) },
    { name: 'outline.png', data: readFileSync(path.join(dir, 'outline.png')) },
  ];
  return { zip: zip(files), manifest, warnings };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1]! : DEFAULT_OUT;
  try {
    const { zip: archive, warnings } = packTeamsApp(process.env);
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileSync(out, archive);
    for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
    process.stdout.write(`wrote ${out}: upload it in Teams (Apps → Manage your apps → Upload an app) or the Developer Portal\n`);
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
