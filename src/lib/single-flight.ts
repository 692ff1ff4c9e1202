// One computation per key at a time: callers asking for a key that is being computed get the same promise
// instead of starting the same heavy work again (dashboards opened together, a report or a PDF downloaded
// by several people at once).
export class SingleFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  run(key: string, compute: () => Promise<T>): Promise<T> {
    const pending = this.running.get(key);
    if (pending) return pending;
    const promise = compute().finally(() => this.running.delete(key));
    this.running.set(key, promise);
    return promise;
  }
}
