export async function runImportFile(..._args: unknown[]): Promise<void> {
  throw new Error('import not built yet');
}
