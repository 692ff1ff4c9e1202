// Command line: npm run cli -- <command>
//   migrate                       apply pending migrations
//   seed --demo                   load the demo centre into an empty database
//   seed --scale N                a large centre for the benchmark (N = 1: ~2,000 people)
//   users add <login> --name "…" --role ADMIN[,COORDINATOR]   (password from stdin or a prompt)
//   users list
//   users password <login>        set a new password (stdin or prompt)
//   backup <file>                 pg_dump (PostgreSQL) or a data-directory dump (embedded)
//   restore <file> --yes          replace the database with a backup
//   anonymise [--yes]             list (or, with --yes, anonymise) people past the retention period
import readline from 'node:readline';
import { loadConfig } from './config.ts';
import type { Database } from './db/client.ts';
import { openConfiguredDatabase } from './db/open.ts';
import { DEMO_ACCOUNTS, isDatabaseEmpty, seedDemo } from './db/seed-demo.ts';
import { migrate } from './db/migrate.ts';
import { backupDatabase, restorePglite, restorePostgres } from './db/backup.ts';
import { anonymiseDue, findDueForAnonymisation } from './features/rodo/anonymise.service.ts';
import { formatDate, warsawDate } from './lib/dates.ts';
import { seedScale } from './db/seed-scale.ts';
import { lockDataDir } from './db/lock.ts';
import { pgliteDir } from './db/open.ts';
import fs from 'node:fs';
import path from 'node:path';
import type { Role } from './generated/prisma/enums.ts';
import { PASSWORD_MIN_LENGTH } from './lib/password.ts';
import { createUser, listUsers, setPassword } from './features/users/users.service.ts';
import { ROLE_VALUES } from './features/users/users.schemas.ts';

type Command = (db: Database, args: string[]) => Promise<void>;
type Config = ReturnType<typeof loadConfig>;
/** Commands that must not open the database first. */
type OfflineCommand = (config: Config, args: string[]) => Promise<void>;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Reads a password from piped stdin, or asks for it twice on a terminal without echoing it. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      const out = rl as unknown as { _writeToOutput: (s: string) => void };
      let prompted = false;
      out._writeToOutput = (s: string) => {
        if (!prompted) {
          process.stdout.write(s);
          prompted = true;
        }
      };
      rl.question(q, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('Hasło: ');
  const second = await ask('Powtórz hasło: ');
  if (first !== second) throw new Error('Hasła nie są takie same.');
  return first;
}

function checkPassword(password: string) {
  if (password.length < PASSWORD_MIN_LENGTH) throw new Error(`Hasło musi mieć co najmniej ${PASSWORD_MIN_LENGTH} znaków.`);
}

const commands: Record<string, Command> = {
  migrate: async (db) => {
    const ran = await migrate(db.raw);
    console.log(ran.length ? `Zastosowano migracje: ${ran.join(', ')}` : 'Baza jest aktualna.');
  },
  seed: async (db, args) => {
    const scale = option(args, 'scale');
    if (scale !== undefined) {
      const n = Number(scale);
      if (!Number.isInteger(n) || n < 1 || n > 200) throw new Error('Skala musi być liczbą całkowitą od 1 do 200.');
      const summary = await seedScale(db, n, warsawDate());
      console.log(`Wczytano dane w skali ${n} w ${(summary.ms / 1000).toFixed(1)} s:`, JSON.stringify(summary));
      return;
    }
    if (!args.includes('--demo')) throw new Error('Użycie: seed --demo | seed --scale N');
    if (!(await isDatabaseEmpty(db.prisma))) throw new Error('Baza nie jest pusta: dane demonstracyjne wczytuje się tylko do pustej bazy.');
    await seedDemo(db.prisma);
    console.log('Wczytano dane demonstracyjne. Konta:');
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.login} / ${a.password} (${a.roleLabel})`);
  },
  'users add': async (db, args) => {
    const login = args[0];
    const name = option(args, 'name');
    const roles = (option(args, 'role') ?? '').split(',').filter(Boolean) as Role[];
    if (!login || !name || roles.length === 0) {
      throw new Error('Użycie: users add <login> --name "Imię Nazwisko" --role ADMIN[,SOCIAL_WORKER,COORDINATOR,DIRECTOR]');
    }
    const bad = roles.filter((r) => !(ROLE_VALUES as readonly string[]).includes(r));
    if (bad.length) throw new Error(`Nieznana rola: ${bad.join(', ')}. Dostępne: ${ROLE_VALUES.join(', ')}`);
    const password = await readPassword();
    checkPassword(password);
    const user = await createUser(db.prisma, null, { login, fullName: name, roles, email: option(args, 'email') ?? null, password });
    console.log(`Utworzono konto ${user.login} (${roles.join(', ')}).`);
  },
  'users list': async (db) => {
    for (const u of await listUsers(db.prisma)) {
      console.log(`${u.login.padEnd(20)} ${u.fullName.padEnd(30)} ${u.roles.join(',').padEnd(30)} ${u.active ? 'aktywne' : 'wyłączone'}`);
    }
  },
  'users password': async (db, args) => {
    const login = args[0];
    if (!login) throw new Error('Użycie: users password <login>');
    const user = await db.prisma.user.findUnique({ where: { login } });
    if (!user) throw new Error(`Nie ma konta ${login}.`);
    const password = await readPassword();
    checkPassword(password);
    await setPassword(db.prisma, null, user.id, password);
    console.log(`Zmieniono hasło konta ${login}.`);
  },
  backup: async (db, args) => {
    const file = args[0];
    if (!file) throw new Error('Użycie: backup <plik>');
    await backupDatabase(db, file);
    console.log(`Kopia zapisana w ${file} (${(fs.statSync(file).size / 1024).toFixed(0)} KiB).`);
  },
};

Object.assign(commands, {
  anonymise: async (db: Database, args: string[]) => {
    const due = await findDueForAnonymisation(db.prisma);
    console.log(`Okres przechowywania: ${due.years} lat; sprawy zamknięte do ${formatDate(due.cutoff)} włącznie.`);
    if (due.people.length === 0) return console.log('Nikogo nie trzeba anonimizować.');
    for (const p of due.people) console.log(`  #${p.id} ${p.lastName} ${p.firstName}, sprawa zamknięta ${formatDate(p.caseClosedAt)}`);
    if (!args.includes('--yes')) return console.log(`\n${due.people.length} osób do anonimizacji. Uruchom z --yes, aby je zanonimizować.`);
    const n = await anonymiseDue(db.prisma, null);
    console.log(`Zanonimizowano ${n} osób.`);
  },
} satisfies Record<string, Command>);

const offlineCommands: Record<string, OfflineCommand> = {
  restore: async (config, args) => {
    const file = args[0];
    if (!file || !args.includes('--yes')) {
      throw new Error('Użycie: restore <plik> --yes   (zastępuje całą obecną bazę danych kopią z pliku)');
    }
    if (config.DATABASE_URL) {
      await restorePostgres(config.DATABASE_URL, file);
      console.log('Przywrócono bazę PostgreSQL z kopii.');
      return;
    }
    const release = lockDataDir(path.resolve(config.DATA_DIR));
    try {
      const dir = pgliteDir(config);
      const aside = fs.existsSync(dir) ? `${dir}.przed-przywroceniem-${Date.now()}` : null;
      if (aside) fs.renameSync(dir, aside);
      try {
        await restorePglite(dir, file);
      } catch (err) {
        fs.rmSync(dir, { recursive: true, force: true });
        if (aside) fs.renameSync(aside, dir);
        throw err;
      }
      console.log(`Przywrócono wbudowaną bazę z kopii.${aside ? ` Poprzednia baza została przeniesiona do ${aside}.` : ''}`);
    } finally {
      release();
    }
  },
};

export async function runCli(argv: string[]): Promise<number> {
  const two = argv.slice(0, 2).join(' ');
  const [name, rest] = commands[two] ? [two, argv.slice(2)] : [argv[0] ?? '', argv.slice(1)];
  const command = commands[name];
  const offline = offlineCommands[name];
  if (!command && !offline) {
    console.error(`Polecenia: ${[...Object.keys(commands), ...Object.keys(offlineCommands)].join(' | ')}`);
    return 2;
  }
  try {
    const config = loadConfig();
    if (offline) {
      await offline(config, rest);
      return 0;
    }
    const db = await openConfiguredDatabase(config, { migrate: name !== 'migrate' });
    try {
      await command!(db, rest);
    } finally {
      await db.close();
    }
    return 0;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
