// Journeys 1 and 2, one story from the login page to a printed certificate, by keyboard only:
//  1. a social worker (on a 768 px tablet) registers a person, writes their social contract and a referral
//     to the club;
//  2. the coordinator opens a new edition, accepts that referral into its group, generates the timetable,
//     takes attendance at both sessions, closes the edition and prints the certificates, whose PDF is read
//     back with pdftotext.
// The second test uses the referral the first one wrote (tests in a file run in order), so the story does
// not depend on the demo data, and nothing else in the suite touches this person or edition.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays, formatDate, isoWeekday, utcDate, warsawDate } from '../../src/lib/dates.ts';
import { isPolishHoliday } from '../../src/lib/holidays.ts';
import { makePesel } from '../../src/lib/pesel.ts';
import { launch, loginWithKeyboard, newContext, screenshot } from './browser.ts';
import { pdfToText, saveDownload } from './files.ts';
import {
  acceptNextDialog, activate, arrive, chooseOption, chooseRadio, dismissNextDialog, expectErrorSummary, expectNoSidewaysScroll,
  expectSuccess, iso, tabTo, tick, typeDate, typeInto, typeTime,
} from './keyboard.ts';

/** A whole journey on a loaded 2-core machine can take minutes. */
const JOURNEY_TIMEOUT = 300_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const today = warsawDate();
// The edition ran for the last three weeks and has just ended; the contract covers it and goes on. Its two
// sessions fall on the same working weekday a week apart: three weeks back or the nearest such day before it,
// so a run on a weekend or after a holiday plans the same story.
const isWorkday = (d: Date) => isoWeekday(d) <= 5 && !isPolishHoliday(d);
let editionStart = addDays(today, -21);
while (!isWorkday(editionStart) || !isWorkday(addDays(editionStart, 7))) editionStart = addDays(editionStart, -1);
const editionEnd = addDays(today, -1);
const contractStart = addDays(editionStart, -7);
const run = crypto.randomBytes(2).toString('hex');
const person = {
  firstName: 'Jadwiga',
  lastName: 'Świątek-Żurawska',
  pesel: makePesel(utcDate(1979, 4, 17), 'FEMALE', 100 + (parseInt(run, 16) % 800)),
};
const editionName = `KIS – edycja listopadowa ${run}`;
/** Carried from the social worker's test to the coordinator's. */
const story = { personId: '', referralId: '', referralNumber: '', contractNumber: '' };

/** Changes the last digit so the check digit no longer matches. */
const wrongPesel = (p: string) => p.slice(0, 10) + String((Number(p[10]) + 1) % 10);

describe('journey 1: a social worker registers a person, a contract and a referral (tablet, 768 px)', () => {
  it('from the login page to a submitted referral, by keyboard only', async () => {
    const ctx = await newContext(browser, { width: 768, height: 1024 });
    const page = await ctx.newPage();
    await page.goto('/login');
    await arrive(page, 'logowanie', 'Logowanie');
    await loginWithKeyboard(page, 'pracownik');
    await arrive(page, 'pulpit pracownika (768 px)', 'Pulpit');
    await expectNoSidewaysScroll(page, 'pulpit');

    // Register: the main menu, the register, "Dodaj osobę".
    await activate(page, 'nav.main-nav a[href="/uczestnicy"]');
    await arrive(page, 'uczestnicy (768 px)', 'Uczestnicy');
    await activate(page, 'main a[href="/uczestnicy/nowy"]');
    await arrive(page, 'nowa osoba (768 px)', 'Nowa osoba');
    await typeInto(page, '#f-firstName', person.firstName);
    await typeInto(page, '#f-lastName', person.lastName);
    await typeInto(page, '#f-pesel', wrongPesel(person.pesel));
    await chooseOption(page, '#f-education', 'zasadnicze zawodowe');
    await chooseOption(page, '#f-labourStatus', 'bezrobotny zarejestrowany');
    await typeInto(page, '#f-street', 'ul. Łąkowa');
    await typeInto(page, '#f-houseNumber', '7');
    await typeInto(page, '#f-postalCode', '83-110');
    await typeInto(page, '#f-city', 'Borków');
    await activate(page, 'form button[type=submit]:not([name])');

    // Refused: the summary is announced and focused, the message sits beside the field, nothing typed is lost.
    const summary = await expectErrorSummary(page);
    expect(summary).toContain('cyfra kontrolna');
    expect(await page.title()).toMatch(/^Błąd: Nowa osoba/);
    expect(await page.textContent('#f-pesel-error')).toContain('cyfra kontrolna');
    expect(await page.getAttribute('#f-pesel', 'aria-describedby')).toContain('f-pesel-error');
    expect(await page.inputValue('#f-lastName')).toBe(person.lastName);
    expect(await page.inputValue('#f-city')).toBe('Borków');
    await arrive(page, 'nowa osoba – błąd PESEL (768 px)', 'Błąd: Nowa osoba', 'podroz-osoba-blad-768');
    // The summary's link takes the keyboard to the field.
    await tabTo(page, '.error-summary a[href="#f-pesel"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'f-pesel');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(person.pesel);
    await activate(page, 'form button[type=submit]:not([name])');

    await page.waitForURL(/\/uczestnicy\/\d+$/);
    story.personId = page.url().split('/').pop()!;
    await expectSuccess(page, `Dodano do rejestru: ${person.firstName} ${person.lastName}.`);
    expect(await page.textContent('h1')).toBe(`${person.firstName} ${person.lastName}`);
    expect(await page.locator('#data-title').locator('..').textContent()).toContain('17.04.1979');
    await arrive(page, 'karta osoby – nowa (768 px)', `${person.firstName} ${person.lastName} – Uczestnicy`, 'podroz-karta-osoby-768');
    await expectNoSidewaysScroll(page, 'karta osoby');

    // The social contract, from the person's card.
    await activate(page, `main a[href="/kontrakty/nowy?uczestnik=${story.personId}"]`);
    await arrive(page, 'nowy kontrakt (768 px)', 'Nowy kontrakt socjalny');
    await chooseRadio(page, 'kind', 'STANDARD');
    await typeDate(page, '#f-signedAt', iso(contractStart));
    await typeDate(page, '#f-startDate', iso(contractStart));
    await typeDate(page, '#f-endDate', iso(addDays(today, 150)));
    await typeDate(page, '#f-firstReviewDate', iso(addDays(today, 30)));
    await typeInto(page, '#f-assessment', 'Samotna, od trzech lat bez pracy; mieszka z matką. Chce wrócić do pracy w handlu.');
    await typeInto(page, '#f-causes', 'Długotrwałe bezrobocie, brak aktualnych kwalifikacji.');
    await typeInto(page, '#f-goals-0-description', 'Udział w zajęciach Klubu Integracji Społecznej.');
    // "Dodaj cel" is a submit button: the page comes back with a new row, focused, and keeps what was typed.
    await activate(page, 'button[value="goal"]', 'Space');
    await page.waitForFunction(() => /^f-goals-\d+-description$/.test(document.activeElement?.id ?? ''));
    const newGoal = await page.evaluate(() => document.activeElement!.id);
    expect(await page.inputValue('#f-assessment')).toContain('Samotna');
    await page.keyboard.type('Kurs obsługi kasy fiskalnej ukończony do końca kontraktu.');
    await typeInto(page, '#f-actions-0-description', 'Regularny udział w zajęciach KIS (co najmniej 80%).');
    await typeDate(page, '#f-actions-0-deadline', iso(addDays(today, 60)));
    await typeInto(page, '#f-supportOffered', 'Udział w KIS, zasiłek celowy na dojazdy, poradnictwo zawodowe.');
    expect(await page.inputValue(`#${newGoal}`)).toContain('kasy fiskalnej');
    await arrive(page, 'nowy kontrakt – wypełniony (768 px)', 'Nowy kontrakt socjalny', 'podroz-kontrakt-formularz-768');
    await activate(page, 'form button[type=submit]:not([name])');
    await page.waitForURL(/\/kontrakty\/\d+$/);
    const saved = await expectSuccess(page, /Zapisano kontrakt socjalny KS\/\d{4}\/\d+\./);
    story.contractNumber = /KS\/\d{4}\/\d+/.exec(saved)![0];
    expect(await page.textContent('main')).toContain('Kurs obsługi kasy fiskalnej');
    await arrive(page, 'kontrakt (768 px)', `Kontrakt socjalny ${story.contractNumber}`, 'podroz-kontrakt-768');
    await expectNoSidewaysScroll(page, 'kontrakt');

    // The referral to the club, from the card again.
    await activate(page, `main a[href="/uczestnicy/${story.personId}"]`);
    await arrive(page, 'karta osoby z kontraktem (768 px)', `${person.firstName} ${person.lastName}`);
    await activate(page, `main a[href="/skierowania/nowe?uczestnik=${story.personId}"]`);
    await arrive(page, 'nowe skierowanie (768 px)', 'Nowe skierowanie');
    await chooseRadio(page, 'kind', 'KIS');
    await tick(page, 'input[name=eligibilityBases][value=LONG_TERM_UNEMPLOYED]');
    await typeInto(page, '#f-reasons', 'Pani Jadwiga chce odbudować nawyk pracy i zdobyć kwalifikacje; zajęcia grupowe pomogą w kontaktach.');
    await chooseOption(page, '#f-contractId', story.contractNumber);
    await tick(page, '#f-consentGiven');
    await typeDate(page, '#f-consentDate', iso(today));
    await typeDate(page, '#f-gdprInfoDate', iso(today));
    await activate(page, 'button[name=intent][value=submit]');
    await page.waitForURL(/\/skierowania\/\d+$/);
    story.referralId = page.url().split('/').pop()!;
    const submitted = await expectSuccess(page, /Złożono skierowanie SK\/\d{4}\/\d+\. Czeka na decyzję koordynatora\./);
    story.referralNumber = /SK\/\d{4}\/\d+/.exec(submitted)![0];
    await arrive(page, 'skierowanie złożone (768 px)', `Skierowanie ${story.referralNumber}`, 'podroz-skierowanie-768');
    await expectNoSidewaysScroll(page, 'skierowanie');
    await ctx.close();
  }, JOURNEY_TIMEOUT);
});

/** Ticks the checkbox of one weekday in the generator (1 = Monday). */
async function tickWeekday(page: Page, weekday: number) {
  await tick(page, `input[name=weekdays][value="${weekday}"]`);
}

describe('journey 2: the coordinator takes the referral to a certificate', () => {
  it('accepts, plans, takes attendance, closes the edition and prints certificates, by keyboard only', async () => {
    expect(story.referralId, 'journey 1 wrote the referral').not.toBe('');
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto('/login');
    await arrive(page, 'logowanie', 'Logowanie');
    await loginWithKeyboard(page, 'koordynator');
    await arrive(page, 'pulpit koordynatora', 'Pulpit');

    // A new edition with one group and the usual programme.
    await activate(page, 'nav.main-nav a[href="/edycje"]');
    await arrive(page, 'edycje', 'Edycje KIS');
    await activate(page, 'main a[href="/edycje/nowa"]');
    await arrive(page, 'nowa edycja', 'Nowa edycja');
    await typeInto(page, '#f-name', editionName);
    await typeDate(page, '#f-startDate', iso(editionStart));
    await typeDate(page, '#f-endDate', iso(editionEnd));
    await typeInto(page, '#f-plannedParticipants', '8');
    await chooseRadio(page, 'fundingSource', 'OWN_BUDGET');
    await typeInto(page, '#f-completionThresholdPct', '80');
    await typeInto(page, '#f-groupCount', '1');
    await typeInto(page, '#f-groupCapacity', '8');
    await tick(page, '#f-addDefaultProgramme');
    await activate(page, 'form button[type=submit]');
    await page.waitForURL(/\/edycje\/\d+$/);
    const editionId = page.url().split('/').pop()!;
    await expectSuccess(page, `Utworzono edycję „${editionName}”.`);
    await arrive(page, 'edycja – nowa', editionName);

    // The referral queue: the social worker's referral waits there.
    await activate(page, 'nav.main-nav a[href="/skierowania"]');
    await arrive(page, 'skierowania', 'Skierowania');
    await activate(page, 'main a[href="/skierowania/kolejka"]');
    const row = page.locator('tbody tr', { hasText: story.referralNumber });
    expect(await row.textContent()).toContain(`${person.lastName} ${person.firstName}`);
    expect(await row.locator('.tag--green').textContent()).toContain('do ');
    await arrive(page, 'skierowania – kolejka', 'Skierowania do decyzji', 'podroz-kolejka');
    await activate(page, `a[href="/skierowania/${story.referralId}/decyzja"]`);
    await arrive(page, 'decyzja o skierowaniu', `Decyzja: skierowanie ${story.referralNumber}`);
    expect(await page.textContent('main dl')).toContain(story.contractNumber);
    await chooseOption(page, '#f-groupId', `${editionName}, Grupa A`);
    await typeDate(page, '#f-startDate', iso(editionStart));
    await activate(page, 'form[action$="/przyjmij"] button[type=submit]');
    await expectSuccess(page, `Przyjęto do Grupa A (${editionName}) od ${formatDate(editionStart)}.`);
    await arrive(page, 'skierowanie przyjęte', /Skierowanie|Skierowania/);

    // The timetable: two afternoons a week apart, previewed, then saved.
    await page.goto(`/edycje/${editionId}/harmonogram`);
    await arrive(page, 'harmonogram – pusty', `Harmonogram – ${editionName}`);
    await activate(page, `main a[href^="/edycje/${editionId}/harmonogram/generuj"]`);
    await arrive(page, 'generowanie harmonogramu', `Generuj zajęcia grupy – ${editionName}`);
    await chooseOption(page, '#f-groupId', 'Grupa A');
    await chooseOption(page, '#f-moduleId', 'Warsztaty');
    await typeDate(page, '#f-startDate', iso(editionStart));
    await tickWeekday(page, isoWeekday(editionStart));
    await typeTime(page, '#f-startMinute', '15:00');
    await typeTime(page, '#f-endMinute', '18:00');
    await typeInto(page, '#f-count', '2');
    await activate(page, 'button[name=action][value=preview]');
    await page.waitForSelector('.preview');
    expect(await page.locator('.preview tbody tr').allTextContents()).toEqual([
      expect.stringContaining(formatDate(editionStart)),
      expect.stringContaining(formatDate(addDays(editionStart, 7))),
    ]);
    await arrive(page, 'harmonogram – podgląd', 'Generuj zajęcia grupy');
    await activate(page, 'button[name=action][value=save]');
    await expectSuccess(page, `Zapisano 2 zajęcia: Grupa A, ${formatDate(editionStart)}–${formatDate(addDays(editionStart, 7))}, 15:00–18:00.`);
    await arrive(page, 'harmonogram – zapisany', `Harmonogram – ${editionName}`, 'podroz-harmonogram');

    // Attendance at both sessions: present at the first, present at the second.
    for (const [i, date] of [editionStart, addDays(editionStart, 7)].entries()) {
      const sheet = await page.locator('main a[href$="/obecnosc"]', { hasText: `obecność ${formatDate(date)}` }).getAttribute('href');
      await activate(page, `main a[href="${sheet}"]`);
      await arrive(page, `obecność ${i + 1}`, `Obecność: Grupa A, ${formatDate(date)}`);
      expect(await page.locator('fieldset.mark-row').count()).toBe(1);
      expect(await page.textContent('fieldset.mark-row legend')).toContain(person.lastName);
      // Tab lands on the person's first choice (obecność); Space marks it.
      await tabTo(page, 'fieldset.mark-row input[type=radio]');
      await page.keyboard.press('Space');
      expect(await page.inputValue('fieldset.mark-row input:checked')).toBe('PRESENT');
      await typeInto(page, '#f-topic', i === 0 ? 'Poznajmy się: zasady pracy w grupie' : 'Rozmowa kwalifikacyjna – ćwiczenia');
      if (i === 0) await screenshot(page, 'podroz-obecnosc');
      await activate(page, 'form.attendance-form button[type=submit]:not([name])');
      await expectSuccess(page, 'Zapisano obecność: obecnych 1 z 1.');
      await arrive(page, `obecność ${i + 1} – zapisana`, `Obecność: Grupa A, ${formatDate(date)}`);
      await activate(page, `nav.breadcrumbs a[href="/edycje/${editionId}/harmonogram"]`);
    }
    await activate(page, `nav a[href="/edycje/${editionId}/frekwencja"]`);
    await arrive(page, 'frekwencja', `Frekwencja – ${editionName}`);
    expect(await page.locator('tbody tr', { hasText: person.lastName }).first().textContent()).toContain('100,00%');

    // Closing: the outcome for the one person; the confirmation is asked first, and "Anuluj" changes nothing.
    await activate(page, `nav a[href="/edycje/${editionId}/zamkniecie"]`);
    await arrive(page, 'zamknięcie edycji', `Zamknięcie edycji – ${editionName}`);
    const pid = story.personId;
    await chooseRadio(page, `outcome_${pid}`, 'COMPLETED');
    await typeInto(page, `#f-surveyStartScore_${pid}`, '12');
    await typeInto(page, `#f-surveyEndScore_${pid}`, '17');
    await screenshot(page, 'podroz-zamkniecie');
    await tabTo(page, 'form.close-form button[type=submit]');
    const declined = dismissNextDialog(page);
    await page.keyboard.press('Enter');
    expect(await declined).toContain('Czy na pewno zamknąć edycję?');
    expect(page.url()).toMatch(/\/zamkniecie$/);
    expect(await page.isChecked(`input[name=outcome_${pid}][value=COMPLETED]`)).toBe(true);
    const confirmed = acceptNextDialog(page);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await confirmed).toContain('Czy na pewno zamknąć edycję?');
    await expectSuccess(page, 'Zamknięto edycję. Uczestników: 1, z prawem do zaświadczenia: 1.');
    await arrive(page, 'edycja zamknięta', editionName);
    await page.goto(`/edycje/${editionId}/zamkniecie`);
    await arrive(page, 'wyniki edycji', `Wyniki edycji – ${editionName}`, 'podroz-wyniki-edycji');
    expect(await page.locator('tbody tr', { hasText: person.lastName }).textContent()).toMatch(/ukończył\(a\)[\s\S]*100,00%[\s\S]*przysługuje/);

    // Certificates: issued to everyone eligible at once (after a confirmation), then printed together.
    await activate(page, 'nav.main-nav a[href="/zaswiadczenia"]');
    await arrive(page, 'zaświadczenia', 'Zaświadczenia');
    await activate(page, `main a[href="/zaswiadczenia/edycja/${editionId}"]`);
    await arrive(page, 'zaświadczenia edycji', `Zaświadczenia: ${editionName}`);
    const issueButton = '#t-kinds form button[type=submit]';
    const kindRow = page.locator('#t-kinds tbody tr').first();
    const kindLabel = (await kindRow.locator('th').textContent())!.trim();
    await tabTo(page, issueButton);
    const issueAsked = acceptNextDialog(page);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await issueAsked).toContain(`„${kindLabel}”`);
    const issued = await expectSuccess(page, /Wydano 1 zaświadczenie/);
    const certificateNumber = /KIS\/\d{4}\/\d+/.exec(issued)![0];
    expect(await page.locator('#t-people tbody tr', { hasText: person.lastName }).textContent()).toContain(certificateNumber);
    await arrive(page, 'zaświadczenia edycji – wydane', `Zaświadczenia: ${editionName}`, 'podroz-zaswiadczenia');

    const file = await saveDownload(page, '#t-kinds a[href*="/pdf"]', 'zaswiadczenia.pdf');
    const text = await pdfToText(file);
    expect(text).toContain(`${person.firstName} ${person.lastName}`);
    expect(text).toContain(certificateNumber);
    expect(text).toContain(editionName);
    expect(text).toContain(formatDate(editionStart));
    expect(text).toContain(formatDate(editionEnd));
    await ctx.close();
  }, JOURNEY_TIMEOUT);
});
