import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeliveryKey } from '../../src/store/store.ts';

/** A fresh folder under the system temp dir; the database file inside it does not exist yet. */
export function tempDbPath(name = 'msht.db'): { dir: string; file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'msht-store-'));
  return {
    dir,
    file: path.join(dir, 'nested', 'data', name),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export const at = (iso: string) => new Date(iso);

/** The deliveries the multi-process test's workers compete for: several reminders, days, platforms, channels. */
export function workerKeys(count: number): DeliveryKey[] {
  return Array.from({ length: count }, (_, i) => ({
    reminderId: `reminder-${i % 5}`,
    occurrence: new Date(Date.UTC(2026, 9, 18, 8) + Math.floor(i / 5) * 86_400_000).toISOString(),
    platform: i % 2 === 0 ? 'slack' : 'teams',
    channelId: `C${i % 3}`,
  }));
}

export const keyId = (k: DeliveryKey) => `${k.reminderId}|${k.occurrence}|${k.platform}|${k.channelId}`;
