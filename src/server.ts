// Starts Reintegra: reads the configuration, opens and migrates the database, seeds the demo on an
// empty embedded database, and listens. Closes the database on SIGTERM/SIGINT.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { openConfiguredDatabase } from './db/open.ts';
import { DEMO_ACCOUNTS, isDatabaseEmpty, seedDemo } from './db/seed-demo.ts';
import { pruneFormSubmissions } from './http/once.ts';
import { startReportWarmer } from './features/reports/reports.service.ts';

/** The configured secret, or one kept in the data directory so sessions survive a restart. */
function sessionSecret(config: Config): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  const file = path.resolve(config.DATA_DIR, 'session-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

async function main() {
  const started = Date.now();
  const config = loadConfig();
  const db = await openConfiguredDatabase(config);
  let seeded = false;
  if (config.demo && (await isDatabaseEmpty(db.prisma))) {
    console.log('Pusta baza: wczytuję dane demonstracyjne…');
    await seedDemo(db.prisma);
    seeded = true;
  }
  const app = createApp({ db, config, sessionSecret: sessionSecret(config) });
  const prune = () => pruneFormSubmissions(db).catch(() => undefined);
  void prune();
  setInterval(prune, 86_400_000).unref();
  // Last month's and this month's reports are computed in the background, so the director never waits.
  const stopWarmer = startReportWarmer(db.prisma, { firstAfterMs: config.REPORT_WARMUP_SECONDS * 1000 });
  const server = app.listen(config.PORT, config.HOST, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
    const where = db.kind === 'pglite' ? `wbudowana baza PGlite w ${path.resolve(config.DATA_DIR, 'pglite')}` : 'PostgreSQL';
    console.log(`\nReintegra działa (${where}, start w ${Date.now() - started} ms).`);
    console.log(`Zaloguj się: http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}/login`);
    if (config.demo) {
      console.log(seeded ? '\nKonta demonstracyjne:' : '\nKonta demonstracyjne (jeśli nie zmieniono haseł):');
      for (const a of DEMO_ACCOUNTS) console.log(`  ${a.roleLabel.padEnd(20)} login: ${a.login.padEnd(14)} hasło: ${a.password}`);
    }
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: zamykam…`);
    stopWarmer();
    server.close(() => undefined);
    server.closeAllConnections();
    db.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
