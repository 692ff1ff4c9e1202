// Planned vs scheduled vs held hours per programme module, for each group and for individual sessions.
// Pure: takes rows already read from the database. Hours are kept in minutes until shown.

export interface HoursModule {
  id: number;
  name: string;
  plannedHours: number;
}

export interface HoursSession {
  moduleId: number | null;
  groupId: number | null;
  participantId: number | null;
  startMinute: number;
  endMinute: number;
  status: 'PLANNED' | 'HELD' | 'CANCELLED';
}

export interface HoursCell {
  /** Minutes in the timetable (planned or held, not cancelled). */
  scheduled: number;
  held: number;
}

export interface ModuleHoursRow {
  moduleId: number | null;
  name: string;
  plannedMinutes: number;
  groups: Record<number, HoursCell>;
  individual: HoursCell;
}

const empty = (): HoursCell => ({ scheduled: 0, held: 0 });

export function moduleHours(modules: readonly HoursModule[], groupIds: readonly number[], sessions: readonly HoursSession[]): ModuleHoursRow[] {
  const row = (moduleId: number | null, name: string, plannedMinutes: number): ModuleHoursRow => ({
    moduleId, name, plannedMinutes, groups: Object.fromEntries(groupIds.map((g) => [g, empty()])), individual: empty(),
  });
  const rows = new Map<number | null, ModuleHoursRow>(modules.map((m) => [m.id, row(m.id, m.name, m.plannedHours * 60)]));
  for (const s of sessions) {
    if (s.status === 'CANCELLED') continue;
    let r = rows.get(s.moduleId);
    if (!r) {
      r = row(null, 'Bez przypisanego modułu', 0);
      rows.set(null, r);
    }
    const cell = s.groupId !== null ? (r.groups[s.groupId] ??= empty()) : r.individual;
    const minutes = s.endMinute - s.startMinute;
    cell.scheduled += minutes;
    if (s.status === 'HELD') cell.held += minutes;
  }
  return [...rows.values()];
}

/** How a group's scheduled hours compare with the plan: 'short', 'over' or 'ok'. */
export function planGap(plannedMinutes: number, cell: HoursCell): 'short' | 'over' | 'ok' {
  if (plannedMinutes === 0) return 'ok';
  if (cell.scheduled < plannedMinutes) return 'short';
  if (cell.scheduled > plannedMinutes) return 'over';
  return 'ok';
}
