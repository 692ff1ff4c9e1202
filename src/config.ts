// The environment, read and checked once. In production the app refuses to start without what it needs.
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** postgresql://… to use a PostgreSQL server; unset to use the embedded PGlite database. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgresql://').optional(),
  /** Where the embedded database and other local state live. */
  DATA_DIR: z.string().default('./data'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must have at least 32 characters').optional(),
  /** Minutes of inactivity after which a login session ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Send cookies only over HTTPS (set when the app is served behind TLS). */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Number of proxies in front of the app (for the client's IP in the audit log and rate limits). */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  /** Seed demo data and print demo accounts when the database is empty (embedded default: on). */
  DEMO: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  LOG_LEVEL: z.enum(['silent', 'error', 'info']).default('info'),
  /** Seconds after start-up before last and this month's reports are first computed in the background. */
  REPORT_WARMUP_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
});

export type Config = z.infer<typeof schema> & { embedded: boolean; demo: boolean };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production') {
    const missing = [
      !c.SESSION_SECRET && 'SESSION_SECRET',
      !c.DATABASE_URL && 'DATABASE_URL',
    ].filter(Boolean);
    if (missing.length) throw new Error(`Production needs: ${missing.join(', ')}`);
  }
  const embedded = !c.DATABASE_URL;
  return { ...c, embedded, demo: c.DEMO ?? embedded };
}
