// The header every document carries: the centre from the settings, then document-specific lines
// (club name, funder and project number for EU-funded editions…).
import type { DbClient } from '../db/client.ts';
import { getCentreSettings, DEFAULT_SETTINGS } from '../features/settings/settings.service.ts';
import type { PdfHeader } from './document.ts';

export async function centreHeader(db: DbClient, lines: string[] = []): Promise<PdfHeader> {
  const s = (await getCentreSettings(db)) ?? DEFAULT_SETTINGS;
  const address = [s.street, [s.postalCode, s.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return { centreName: s.name, centreAddress: address || undefined, lines };
}
