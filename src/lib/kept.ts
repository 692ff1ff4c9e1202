// A value kept for a short while: dashboards opened by many people read it once a minute instead of once per
// page, callers arriving while it is computed share that computation, and a change that makes it wrong
// (an attendance save, PSU hours entered) forgets it at once in this process.
import { SingleFlight } from './single-flight.ts';

export class KeptFor<T> {
  private readonly values = new Map<string, { at: number; value: T }>();
  private readonly running = new SingleFlight<T>();
  private generation = 0;

  constructor(private readonly ttlMs: number, private readonly maxKeys = 1000) {}

  async get(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.values.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const generation = this.generation;
    return this.running.run(`${generation}|${key}`, async () => {
      const value = await compute();
      // A computation that began before a forget() may have read the old data: give it back, don't keep it.
      if (generation === this.generation) {
        if (this.values.size >= this.maxKeys) this.values.clear();
        this.values.set(key, { at: Date.now(), value });
      }
      return value;
    });
  }

  forget(): void {
    this.generation += 1;
    this.values.clear();
  }
}
