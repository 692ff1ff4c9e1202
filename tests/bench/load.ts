// A small closed-loop load generator: `connections` clients each send the next request as soon as the
// previous answer arrives, for `durationMs`. Exact percentiles from every latency (no histogram buckets).
import http from 'node:http';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Status codes that count as success (default 200). */
  ok?: number[];
}

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  firstError?: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)]!;
}

export async function runLoad(baseUrl: string, req: LoadRequest | (() => LoadRequest), connections: number, durationMs: number, maxRequests = Infinity): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + durationMs;

  const once = () =>
    new Promise<void>((resolve) => {
      const r = typeof req === 'function' ? req() : req;
      const started = performance.now();
      const body = r.body === undefined ? undefined : Buffer.from(r.body);
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: r.method,
          path: r.path,
          agent,
          headers: { ...(r.headers ?? {}), ...(body ? { 'content-length': String(body.length) } : {}) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - started);
            if (!(r.ok ?? [200]).includes(res.statusCode ?? 0)) {
              errors += 1;
              firstError ??= `${r.method} ${r.path} → ${res.statusCode}`;
            }
            resolve();
          });
        },
      );
      request.on('error', (e) => {
        errors += 1;
        firstError ??= `${r.method} ${r.path} → ${e.message}`;
        resolve();
      });
      if (body) request.write(body);
      request.end();
    });

  const started = performance.now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline && sent < maxRequests) {
        sent += 1;
        await once();
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    firstError,
  };
}
