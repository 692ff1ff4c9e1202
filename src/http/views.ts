// EJS views with one layout: a page template renders its body, then views/layouts/main.ejs wraps it.
// A view rendered with { layout: false } (PDF-free fragments, tests) comes back bare.
import path from 'node:path';
import ejs from 'ejs';
import type { Express } from 'express';

export const VIEWS_DIR = path.resolve(import.meta.dirname, '../../views');
const LAYOUT = path.join(VIEWS_DIR, 'layouts', 'main.ejs');

export function setupViews(app: Express, cache: boolean): void {
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  app.set('view cache', cache);
  app.engine('ejs', (file, options, done) => {
    const opts = options as Record<string, unknown> & { layout?: string | false };
    const ejsOpts = { cache, filename: file, root: VIEWS_DIR, views: [VIEWS_DIR] };
    ejs.renderFile(file, opts, ejsOpts, (err, body) => {
      if (err) return done(err);
      if (opts.layout === false) return done(null, body);
      const layout = typeof opts.layout === 'string' ? path.join(VIEWS_DIR, 'layouts', `${opts.layout}.ejs`) : LAYOUT;
      ejs.renderFile(layout, { ...opts, body }, { ...ejsOpts, filename: layout }, done);
    });
  });
}
