// Journey 3, by keyboard only from the login page: socially useful work (PSU) for one month.
// The coordinator records a new agreement with the labour office (its own rate 8,30 zł, refund 60%), the
// social worker registers a person and refers them to it, the coordinator accepts the referral and places
// the person, enters last month's hours in the workplace grid (weeks of 10, 10, 10 and 6 hours), sees an
// 11th hour in a week refused in the grid and on the day form with a Polish message beside the field,
// checks the settlement (36 h → 298,80 zł; refund 179,28 zł; the gmina's share 119,52 zł: the worked example
// in the domain notes), reads the refund claim PDF and closes the month after confirming.
// Everything it counts is its own (new agreement, new person), so the demo data cannot change the sums.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays, endOfMonth, isoWeekday, startOfMonth, startOfWeek, utcDate, warsawDate } from '../../src/lib/dates.ts';
import { isPolishHoliday } from '../../src/lib/holidays.ts';
import { makePesel } from '../../src/lib/pesel.ts';
import { launch, loginWithKeyboard, newContext } from './browser.ts';
import { pdfToText, saveDownload } from './files.ts';
import {
  acceptNextDialog, activate, arrive, chooseOption, chooseRadio, expectErrorSummary, expectSuccess, iso, tabTo, tick, typeDate, typeInto,
} from './keyboard.ts';

/** A whole journey on a loaded 2-core machine can take minutes. */
const JOURNEY_TIMEOUT = 300_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const today = warsawDate();
const month = startOfMonth(addDays(startOfMonth(today), -1));
const monthKey = iso(month).slice(0, 7);
const MONTHS = ['styczeń', 'luty', 'marzec', 'kwiecień', 'maj', 'czerwiec', 'lipiec', 'sierpień', 'wrzesień', 'październik', 'listopad', 'grudzień'];
const monthLabel = `${MONTHS[month.getUTCMonth()]} ${month.getUTCFullYear()}`;
const run = crypto.randomBytes(2).toString('hex');
const agreementNumber = `PUP-BOR/PSU/${month.getUTCFullYear()}/${run}`;
const workplace = 'Biblioteka Publiczna w Borkowie';
const person = { firstName: 'Zdzisław', lastName: 'Kędziora', pesel: makePesel(utcDate(1971, 9, 3), 'MALE', 100 + (parseInt(run, 16) % 800)) };

/**
 * Last month's plan: the first four Monday–Sunday weeks with at least two working days get 10, 10, 10 and
 * 6 hours, split over their first two working days (5 + 5, 3 + 3). Weekends and holidays stay empty.
 */
function monthPlan(): { hours: Map<number, number>; fullWeekDay: number } {
  const weeks = new Map<string, number[]>();
  for (let d = month; d <= endOfMonth(month); d = addDays(d, 1)) {
    if (isoWeekday(d) > 5 || isPolishHoliday(d)) continue;
    const key = iso(startOfWeek(d));
    weeks.set(key, [...(weeks.get(key) ?? []), d.getUTCDate()]);
  }
  const usable = [...weeks.values()].filter((days) => days.length >= 2).slice(0, 4);
  expect(usable.length).toBe(4);
  const hours = new Map<number, number>();
  [5, 5, 5, 3].forEach((h, i) => {
    hours.set(usable[i]![0]!, h);
    hours.set(usable[i]![1]!, h);
  });
  return { hours, fullWeekDay: usable[0]![0]! };
}

const { hours: plan, fullWeekDay } = monthPlan();
/** Text as read, with the non-breaking spaces of Polish number formatting as plain spaces. */
const shown = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
const dayIso = (day: number) => iso(utcDate(month.getUTCFullYear(), month.getUTCMonth() + 1, day));

async function login(page: Page, who: string, label: string) {
  await page.goto('/login');
  await arrive(page, `logowanie (${label})`, 'Logowanie');
  await loginWithKeyboard(page, who);
  await arrive(page, `pulpit (${label})`, 'Pulpit');
}

describe('journey 3: PSU hours for a month, a refused entry, the settlement and closing', () => {
  it('from a new agreement to a closed month, by keyboard only', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();

    // The coordinator records the agreement the labour office signed, with one workplace.
    await login(page, 'koordynator', 'koordynator');
    await activate(page, 'nav.main-nav a[href="/psu"]');
    await arrive(page, 'PSU – porozumienia', 'Prace społecznie użyteczne');
    await activate(page, 'main a.button[href="/psu/porozumienia/nowe"]');
    await arrive(page, 'PSU – nowe porozumienie', 'Nowe porozumienie z PUP');
    await typeInto(page, '#f-number', agreementNumber);
    await typeDate(page, '#f-signedAt', iso(addDays(month, -3)));
    await typeInto(page, '#f-pupName', 'Powiatowy Urząd Pracy w Borkowie');
    await typeDate(page, '#f-periodStart', iso(month));
    await typeDate(page, '#f-periodEnd', iso(endOfMonth(addDays(endOfMonth(today), 60))));
    await typeInto(page, '#f-plannedPeople', '1');
    await typeInto(page, '#f-plannedHoursPerMonth', '40');
    await typeInto(page, '#f-refundBasisPoints', '60,00');
    await typeInto(page, '#f-ownRateGrosze', '8,30');
    await typeInto(page, '#f-workplaces', workplace);
    await activate(page, 'form button[type=submit]:not([name])');
    await page.waitForURL(/\/psu\/porozumienia\/\d+$/);
    const agreementUrl = new URL(page.url()).pathname;
    await expectSuccess(page, `Zapisano porozumienie ${agreementNumber}.`);
    await arrive(page, 'PSU – porozumienie nowe', `Porozumienie ${agreementNumber}`);
    await activate(page, 'form[action="/logout"] button');
    await page.waitForURL(/\/login/);

    // The social worker registers the person and refers them to this agreement.
    await arrive(page, 'logowanie po wylogowaniu', 'Logowanie');
    await loginWithKeyboard(page, 'pracownik');
    await arrive(page, 'pulpit (pracownik)', 'Pulpit');
    await page.goto('/uczestnicy/nowy');
    await arrive(page, 'nowa osoba', 'Nowa osoba');
    await typeInto(page, '#f-firstName', person.firstName);
    await typeInto(page, '#f-lastName', person.lastName);
    await typeInto(page, '#f-pesel', person.pesel);
    await chooseOption(page, '#f-labourStatus', 'bezrobotny zarejestrowany');
    await activate(page, 'form button[type=submit]:not([name])');
    await page.waitForURL(/\/uczestnicy\/\d+$/);
    const personId = page.url().split('/').pop()!;
    await expectSuccess(page, `Dodano do rejestru: ${person.firstName} ${person.lastName}.`);
    await arrive(page, 'karta osoby', `${person.firstName} ${person.lastName}`);
    await activate(page, `main a[href="/skierowania/nowe?uczestnik=${personId}"]`);
    await arrive(page, 'nowe skierowanie do PSU', 'Nowe skierowanie');
    await chooseRadio(page, 'kind', 'PSU');
    await tick(page, 'input[name=eligibilityBases][value=LONG_TERM_UNEMPLOYED]');
    await typeInto(page, '#f-reasons', 'Bez prawa do zasiłku; prace porządkowe w bibliotece pomogą wrócić do rytmu dnia.');
    await chooseOption(page, '#f-psuAgreementId', agreementNumber);
    await tick(page, '#f-consentGiven');
    await typeDate(page, '#f-consentDate', iso(addDays(month, -2)));
    await typeDate(page, '#f-gdprInfoDate', iso(addDays(month, -2)));
    await activate(page, 'button[name=intent][value=submit]');
    const submitted = await expectSuccess(page, /Złożono skierowanie (SK\/\d{4}\/\d+)\./);
    const referralNumber = /SK\/\d{4}\/\d+/.exec(submitted)![0];
    await arrive(page, 'skierowanie do PSU złożone', `Skierowanie ${referralNumber}`);
    await activate(page, 'form[action="/logout"] button');
    await page.waitForURL(/\/login/);

    // The coordinator accepts the referral and places the person in the workplace.
    await loginWithKeyboard(page, 'koordynator');
    await arrive(page, 'pulpit (koordynator, drugi raz)', 'Pulpit');
    await page.goto('/skierowania/kolejka');
    await arrive(page, 'skierowania – kolejka (PSU)', 'Skierowania do decyzji');
    const decision = await page.locator('tbody tr', { hasText: referralNumber }).locator('a.button').getAttribute('href');
    await activate(page, `a[href="${decision}"]`);
    await arrive(page, 'decyzja – PSU', `Decyzja: skierowanie ${referralNumber}`);
    await activate(page, 'form[action$="/przyjmij"] button[type=submit]');
    await expectSuccess(page, 'Przyjęto skierowanie do prac społecznie użytecznych.');
    await arrive(page, 'kolejka po przyjęciu', 'Skierowania do decyzji');
    expect(await page.locator('tbody tr', { hasText: referralNumber }).count()).toBe(0);

    await page.goto(agreementUrl);
    await arrive(page, 'PSU – porozumienie', `Porozumienie ${agreementNumber}`);
    await activate(page, `main a[href="${agreementUrl}/osoby/nowa"]`);
    // First the person: offered among those with a PSU referral, and found by surname too.
    await arrive(page, 'PSU – wybór osoby', 'Skierowanie osoby do prac: wybierz osobę');
    expect(await page.locator('.suggested-people li', { hasText: referralNumber }).textContent()).toContain(person.lastName);
    await typeInto(page, '#f-q', person.lastName);
    await activate(page, 'form[role=search] button[type=submit]');
    const choose = await page.locator('main tbody tr', { hasText: person.pesel }).locator('a.button').getAttribute('href');
    await activate(page, `main tbody a[href="${choose}"]`);
    await arrive(page, 'PSU – skierowanie osoby', 'Skierowanie osoby do prac');
    expect(await page.textContent('main dl')).toContain(`${person.firstName} ${person.lastName}`);
    expect(await page.$eval('#f-referralId', (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '')).toContain(referralNumber);
    await chooseOption(page, '#f-workplaceId', workplace);
    await typeInto(page, '#f-pupReferralNumber', `CAZ.5220.${run}`);
    await typeDate(page, '#f-startDate', iso(month));
    await typeDate(page, '#f-endDate', iso(endOfMonth(addDays(endOfMonth(today), 20))));
    await typeInto(page, '#f-plannedHoursPerMonth', '36');
    await activate(page, 'form button[type=submit]:not([name])');
    await page.waitForURL(/\/psu\/osoby\/\d+/);
    const placementId = new URL(page.url()).pathname.split('/').pop()!;
    await expectSuccess(page, 'Zapisano skierowanie osoby do prac.');
    await arrive(page, 'PSU – osoba', `${person.firstName} ${person.lastName} – prace społecznie użyteczne`);

    // Last month's grid: Tab from day to day, typing the hours of the plan.
    await page.goto(agreementUrl);
    const gridHref = (await page.locator('main a', { hasText: 'Siatka godzin' }).first().getAttribute('href'))!.replace(/\d{4}-\d{2}$/, monthKey);
    await page.goto(gridHref);
    await arrive(page, 'PSU – siatka (pusta)', `Godziny: ${workplace}, ${monthLabel}`);
    const cell = (day: number) => `#f-h-${placementId}-${day}`;
    await tabTo(page, cell(1));
    const lastDay = endOfMonth(month).getUTCDate();
    for (let day = 1; day <= lastDay; day++) {
      if (day > 1) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(cell(day).slice(1));
      const h = plan.get(day);
      if (h) await page.keyboard.type(String(h));
    }
    await activate(page, 'form[action*="/godziny/"] button[type=submit]');
    await expectSuccess(page, `Zapisano godziny: zmienionych dni ${plan.size}, osób 1.`);
    const row = page.locator('table.psu-grid tbody tr', { hasText: person.lastName });
    expect(await row.locator('td.num').textContent()).toContain('36');
    await arrive(page, 'PSU – siatka zapisana', `Godziny: ${workplace}, ${monthLabel}`);

    // An 11th hour in a full week is refused: nothing is saved, the value stays, the message is beside the row.
    await tabTo(page, cell(fullWeekDay), { fromTop: true });
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('6');
    await activate(page, 'form[action*="/godziny/"] button[type=submit]');
    await expectErrorSummary(page);
    expect(await page.title()).toMatch(/^Błąd: Godziny/);
    expect(await page.inputValue(cell(fullWeekDay))).toBe('6');
    expect(await page.getAttribute(cell(fullWeekDay), 'aria-invalid')).toBe('true');
    const describedBy = (await page.getAttribute(cell(fullWeekDay), 'aria-describedby'))!;
    expect(await page.textContent(`#${describedBy}`)).toContain('limit 10 h tygodniowo przekroczony o 1 h');
    expect(await page.textContent(`#row-${placementId}-error`)).toContain('limit 10 h tygodniowo przekroczony o 1 h');
    await arrive(page, 'PSU – siatka z odmową', `Błąd: Godziny: ${workplace}`, 'podroz-psu-siatka-odmowa');

    // The same on the person's day form: the message is printed beside the hours field.
    await page.goto(`/psu/osoby/${placementId}?miesiac=${monthKey}`);
    await arrive(page, 'PSU – osoba, miesiąc', `${person.firstName} ${person.lastName} – prace społecznie użyteczne`);
    await typeDate(page, '#f-date', dayIso(fullWeekDay));
    await chooseRadio(page, 'kind', 'WORK');
    await typeInto(page, '#f-hours', '6');
    await page.keyboard.press('Enter');
    await page.waitForLoadState();
    await expectErrorSummary(page);
    expect(await page.textContent('#f-hours-error')).toContain(`limit 10 h tygodniowo przekroczony o 1 h`);
    expect(await page.getAttribute('#f-hours', 'aria-describedby')).toContain('f-hours-error');
    expect(await page.inputValue('#f-hours')).toBe('6');
    await arrive(page, 'PSU – dzień odmówiony', `Błąd: ${person.firstName} ${person.lastName}`, 'podroz-psu-dzien-odmowa');
    expect(await page.locator('.stat__value').nth(1).textContent()).toContain('36');

    // The settlement: the worked example to the grosz, and the claim to the labour office in print.
    await page.goto(`${agreementUrl}/rozliczenie/${monthKey}`);
    await arrive(page, 'PSU – rozliczenie (otwarte)', `Rozliczenie: ${monthLabel}`);
    expect(shown(await page.textContent('#total-hours'))).toMatch(/^36(,00)? h$/);
    expect(shown(await page.textContent('#total-amount'))).toBe('298,80 zł');
    expect(shown(await page.textContent('#total-refund'))).toBe('179,28 zł');
    expect(shown(await page.textContent('#total-own'))).toBe('119,52 zł');
    const claim = pdfToText(await saveDownload(page, 'a[href$="/wniosek.pdf"]', 'wniosek.pdf'));
    expect(claim).toContain(`${person.lastName} ${person.firstName}`);
    expect(claim).toContain('298,80');
    expect(claim).toContain('179,28');
    expect(claim).toContain(agreementNumber);

    // Closing asks first, then freezes the month.
    await tabTo(page, 'form[action$="/zamknij"] button[type=submit]');
    const asked = acceptNextDialog(page);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await asked).toContain(`Czy na pewno zamknąć miesiąc ${monthLabel}?`);
    await expectSuccess(page, `Zamknięto miesiąc ${monthLabel}: osób 1, godzin i kwot nie można już zmieniać.`);
    expect(await page.locator('main').textContent()).toContain('Kwoty są zamrożone');
    expect(shown(await page.textContent('#total-amount'))).toBe('298,80 zł');
    await arrive(page, 'PSU – rozliczenie (zamknięte)', `Rozliczenie: ${monthLabel}`, 'podroz-psu-rozliczenie');

    // The grid is read-only now.
    await page.goto(gridHref);
    expect(await page.locator('table.psu-grid input').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('jest zamknięty i rozliczony');
    await arrive(page, 'PSU – siatka zamkniętego miesiąca', `Godziny: ${workplace}, ${monthLabel}`);
    await ctx.close();
  }, JOURNEY_TIMEOUT);
});
