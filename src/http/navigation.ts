// Main navigation: each item shows only to users whose roles hold its permission.
import type { Role } from '../generated/prisma/enums.ts';
import { hasPermission, type Permission } from './permissions.ts';

export interface NavItem {
  href: string;
  text: string;
  permission: Permission;
}

export const NAV_ITEMS: NavItem[] = [
  { href: '/', text: 'Pulpit', permission: 'dashboard.view' },
  { href: '/uczestnicy', text: 'Uczestnicy', permission: 'participants.read' },
  { href: '/kontrakty', text: 'Kontrakty', permission: 'contracts.read' },
  { href: '/skierowania', text: 'Skierowania', permission: 'referrals.read' },
  { href: '/edycje', text: 'Edycje KIS', permission: 'editions.read' },
  { href: '/kadra', text: 'Kadra', permission: 'editions.read' },
  { href: '/psu', text: 'Prace społecznie użyteczne (PSU)', permission: 'psu.read' },
  { href: '/zaswiadczenia', text: 'Zaświadczenia', permission: 'certificates.read' },
  { href: '/raporty', text: 'Raporty', permission: 'reports.read' },
  { href: '/admin/uzytkownicy', text: 'Użytkownicy', permission: 'users.manage' },
  { href: '/admin/ustawienia', text: 'Ustawienia', permission: 'settings.manage' },
  { href: '/admin/stawki-psu', text: 'Stawki PSU', permission: 'settings.manage' },
  { href: '/admin/edycje', text: 'Zamknięte edycje KIS', permission: 'editions.reopen' },
  { href: '/admin/dziennik', text: 'Dziennik zdarzeń', permission: 'audit.read' },
  { href: '/admin/rodo', text: 'Dane osobowe (RODO)', permission: 'rodo.manage' },
  { href: '/admin/import', text: 'Import danych', permission: 'import.run' },
];

export function navFor(roles: readonly Role[], currentPath: string) {
  return NAV_ITEMS.filter((i) => hasPermission(roles, i.permission)).map((i) => ({
    ...i,
    current: i.href === '/' ? currentPath === '/' : currentPath === i.href || currentPath.startsWith(`${i.href}/`),
  }));
}
