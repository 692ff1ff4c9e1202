// The public verification page: anyone holding a certificate's code can confirm it is genuine. It shows
// what the certificate is (number, kind, date, edition, centre, valid or revoked), never whose it is.
import type { RequestHandler } from 'express';
import type { Database } from '../../db/client.ts';
import { formatDate, parseIsoDate } from '../../lib/dates.ts';
import type { CertificateContent } from './certificate-content.ts';
import { formatVerificationCode, KIND_LABELS, normaliseVerificationCode } from './certificate-rules.ts';
import { findByVerificationCode } from './certificates.service.ts';

export function verificationController(db: Database) {
  const form: RequestHandler = (req, res) => {
    const typed = typeof req.query.kod === 'string' ? req.query.kod : '';
    if (typed) {
      const code = normaliseVerificationCode(typed);
      if (code) return res.redirect(303, `/weryfikacja/${code}`);
      return res.status(400).render('certificates/verify', {
        title: 'Weryfikacja zaświadczenia', values: { kod: typed }, errors: { kod: 'Kod ma 16 znaków (litery i cyfry), np. ABCD-EFGH-JKMN-PQRS. Sprawdź, czy przepisano go w całości.' },
      });
    }
    res.render('certificates/verify', { title: 'Weryfikacja zaświadczenia', values: {} });
  };

  const check: RequestHandler = async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Robots-Tag', 'noindex');
    const code = normaliseVerificationCode(String(req.params.code ?? ''));
    const found = code ? await findByVerificationCode(db.prisma, code) : null;
    if (!found) {
      return res.status(404).render('certificates/verify', {
        title: 'Weryfikacja zaświadczenia', values: { kod: String(req.params.code ?? '').slice(0, 40) }, notFound: true,
      });
    }
    const content = found.content as unknown as CertificateContent;
    res.render('certificates/verify', {
      title: 'Weryfikacja zaświadczenia',
      values: {},
      result: {
        number: found.number,
        kind: KIND_LABELS[found.kind],
        issuedOn: formatDate(found.issuedOn),
        edition: content.edition.name,
        period: `${formatDate(parseIsoDate(content.edition.startDate))} – ${formatDate(parseIsoDate(content.edition.endDate))}`,
        issuer: content.centre.name,
        club: content.centre.clubName,
        revokedOn: found.revokedAt ? formatDate(found.revokedAt) : null,
        code: formatVerificationCode(code!),
      },
    });
  };

  return { form, check };
}
