// Figures kept from PSU data (the dashboards' hours this month and finished months still open) register
// here to be forgotten at once when hours, a month's state or an agreement change.
const forgetters: (() => void)[] = [];

export function onPsuDataChange(forget: () => void): void {
  forgetters.push(forget);
}

/** Call after PSU hours, a month's state or an agreement changed. */
export function psuDataChanged(): void {
  for (const forget of forgetters) forget();
}
