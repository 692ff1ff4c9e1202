// The pages the benchmark drives. Ids come from the scale seed's fixed numbering (src/db/seed-scale.ts):
// edition 1 is the newest (running), its groups are 1 and 2, person 1 is in group 1, session 1 is the
// group's first (held) session.
import type { LoadRequest } from './load.ts';

export interface PageContext {
  base: string;
  login(loginName: string): Promise<string>;
  /** SQL against the benchmark database (PostgreSQL only; null on the embedded database). */
  q: ((sql: string) => Promise<Record<string, unknown>[]>) | null;
}

export interface BenchPage {
  name: string;
  request: LoadRequest | (() => LoadRequest);
  /** List pages are held to at least 25% of the baseline's throughput. */
  list?: boolean;
  durationMs?: number;
}

export async function benchPages(ctx: PageContext): Promise<BenchPage[]> {
  const coordinator = await ctx.login('koordynator');
  const director = await ctx.login('dyrektor');
  const get = (path: string, cookie: string): LoadRequest => ({ method: 'GET', path, headers: { cookie } });
  return [
    { name: 'pulpit koordynatora', request: get('/', coordinator) },
    { name: 'pulpit dyrektora', request: get('/', director) },
  ];
}
