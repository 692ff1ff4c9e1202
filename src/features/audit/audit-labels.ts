// Polish names of audit actions for the log viewer. Codes not listed are shown as they are.
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'login.success': 'Logowanie',
  'login.failure': 'Nieudane logowanie',
  logout: 'Wylogowanie',
  'user.create': 'Utworzenie konta',
  'user.update': 'Zmiana konta',
  'user.password': 'Zmiana hasła',
  'settings.update': 'Zmiana ustawień ośrodka',
  'participant.read': 'Odczyt danych osoby',
  'participant.create': 'Rejestracja osoby',
  'participant.update': 'Zmiana danych osoby',
  'participant.sensitive.read': 'Odczyt danych szczególnych kategorii',
  'participant.sensitive.update': 'Zmiana danych szczególnych kategorii',
  'participant.export': 'Wydanie danych osobie (art. 15 RODO)',
  'participant.anonymise': 'Anonimizacja danych osoby',
  'audit.export': 'Eksport dziennika zdarzeń',
  'import.participants': 'Import osób z arkusza',
  'psu.month.close': 'Zamknięcie miesiąca PSU',
  'psu.month.reopen': 'Ponowne otwarcie miesiąca PSU',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
