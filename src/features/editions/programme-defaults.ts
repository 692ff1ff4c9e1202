// The usual KIS programme (see the shared domain notes): offered when an edition is created and on the
// programme page, so the coordinator does not type seven modules by hand. Hours are per group.
import type { ModuleArea } from '../../generated/prisma/enums.ts';

export interface DefaultModule {
  name: string;
  area: ModuleArea;
  plannedHours: number;
}

export const DEFAULT_PROGRAMME: readonly DefaultModule[] = [
  { name: 'Diagnoza osobowości', area: 'SOCIAL', plannedHours: 24 },
  { name: 'Grupy wsparcia i samopomocy', area: 'SOCIAL', plannedHours: 12 },
  { name: 'Praca w oparciu o kontrakt socjalny', area: 'SOCIAL', plannedHours: 48 },
  { name: 'Warsztaty umiejętności psychospołecznych', area: 'SOCIAL', plannedHours: 24 },
  { name: 'IPD i aktywne poszukiwanie pracy', area: 'VOCATIONAL', plannedHours: 36 },
  { name: 'Kurs obsługi komputera i internetu', area: 'VOCATIONAL', plannedHours: 36 },
  { name: 'Poradnictwo prawne', area: 'VOCATIONAL', plannedHours: 6 },
];

/** The default modules an edition does not have yet (compared by name, ignoring case). */
export function missingDefaults(existingNames: readonly string[]): DefaultModule[] {
  const have = new Set(existingNames.map((n) => n.trim().toLocaleLowerCase('pl')));
  return DEFAULT_PROGRAMME.filter((m) => !have.has(m.name.toLocaleLowerCase('pl')));
}

/** Group names "Grupa A", "Grupa B", … for a new edition. */
export function groupNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Grupa ${String.fromCharCode(65 + i)}`);
}
