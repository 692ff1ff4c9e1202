// The centre's settings (one row). Read on every page for the header, so kept in a short cache
// that this process clears when it saves.
import type { DbClient } from '../../db/client.ts';
import type { CentreSettings } from '../../generated/prisma/client.ts';
import { ConflictError } from '../../http/errors.ts';
import { diffFields, recordAudit, type Actor } from '../audit/audit.service.ts';

export const DEFAULT_SETTINGS = {
  name: 'Ośrodek Pomocy Społecznej',
  shortName: 'OPS',
  street: '',
  postalCode: '',
  city: '',
  clubName: 'Klub Integracji Społecznej',
};

export type CentreView = Pick<CentreSettings, 'name' | 'shortName' | 'clubName'> & Partial<CentreSettings>;

const TTL_MS = 10_000;
let cached: { at: number; value: CentreView } | null = null;

export async function getCentreSettings(db: DbClient): Promise<CentreSettings | null> {
  return db.centreSettings.findUnique({ where: { id: 1 } });
}

export async function getCentreSettingsCached(db: DbClient): Promise<CentreView> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
  const value = (await getCentreSettings(db)) ?? DEFAULT_SETTINGS;
  cached = { at: Date.now(), value };
  return value;
}

export function clearSettingsCache(): void {
  cached = null;
}

export interface SettingsInput {
  name: string;
  shortName: string;
  street: string;
  postalCode: string;
  city: string;
  phone: string | null;
  email: string | null;
  nip: string | null;
  regon: string | null;
  directorName: string | null;
  clubName: string;
  certificatePrefix: string;
  retentionYears: number;
  inactivityFlagDays: number;
  accessibilityContact: string | null;
  dpoContact: string | null;
  version: number;
}

export async function saveCentreSettings(db: DbClient, actor: Actor, input: SettingsInput): Promise<void> {
  const { version, ...data } = input;
  const before = await getCentreSettings(db);
  if (!before) {
    await db.centreSettings.create({ data: { id: 1, ...data } });
  } else {
    const { count } = await db.centreSettings.updateMany({
      where: { id: 1, version },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError('Ktoś inny zmienił ustawienia w międzyczasie. Twoje wartości są poniżej: porównaj je i zapisz ponownie.');
  }
  await recordAudit(db, actor, {
    action: 'settings.update',
    entityType: 'centre_settings',
    entityId: 1,
    details: diffFields(before, data),
  });
  clearSettingsCache();
}
