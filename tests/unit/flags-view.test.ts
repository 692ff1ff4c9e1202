// The dashboard's list of people needing attention: a big centre has hundreds, so the first 30 are listed
// and the rest counted per edition, each linked to that edition's attendance page.
import ejs from 'ejs';
import { describe, expect, it } from 'vitest';
import { formatters } from '../../src/http/locals.ts';

const person = (i: number) => ({
  editionId: (i % 3) + 1, editionName: `KIS – edycja ${(i % 3) + 1}`, participantId: i, name: `Żak ${i}`, groupName: 'Grupa A',
  sessionsBp: 5000, thresholdPct: 80, belowThreshold: true, inactiveDays: null, lastPresent: null,
});
const render = (n: number) => ejs.renderFile('views/attendance/_flags.ejs', { flagged: Array.from({ length: n }, (_v, i) => person(i)), mine: false, fmt: formatters });

describe('flagged people on the dashboard', () => {
  it('lists everyone when there are few', async () => {
    const html = await render(4);
    expect(html.match(/<tbody>[\s\S]*<\/tbody>/)![0].match(/<tr>/g)).toHaveLength(4);
    expect(html).not.toContain('Pokazano');
  });

  it('lists the first 30 and counts the rest per edition', async () => {
    const html = await render(46);
    expect(html.match(/<tbody>[\s\S]*<\/tbody>/)![0].match(/<tr>/g)).toHaveLength(30);
    expect(html).toContain('Pokazano 30 z 46 osób.');
    expect(html).toContain('<a href="/edycje/1/frekwencja">KIS – edycja 1</a> – 16 osób');
    expect(html).toContain('<a href="/edycje/2/frekwencja">KIS – edycja 2</a> – 15 osób');
  });
});
