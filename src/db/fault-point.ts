// Fault injection for the crash tests: with REINTEGRA_FAULT_POINT=<name> set, the process stops at
// faultPoint('<name>') (inside a transaction, between writes), tells its parent and waits to be killed.
// Without that variable (always in production) it does nothing.
export async function faultPoint(name: string): Promise<void> {
  if (process.env.REINTEGRA_FAULT_POINT !== name) return;
  process.stdout.write(`FAULT-POINT-REACHED ${name}\n`);
  await new Promise(() => undefined); // never resolves: the test kills the process here
}
