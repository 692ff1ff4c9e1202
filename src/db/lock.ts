// The embedded database may be opened by one process at a time: the server and the CLI take a lock
// file next to it, so `npm run cli -- …` refuses to run while the app is using the same data.
import fs from 'node:fs';
import path from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws a Polish message naming the process that holds it. Returns a release function. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'reintegra.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (holder && alive(holder) && holder !== process.pid) {
        throw new Error(`Wbudowana baza w ${dataDir} jest używana przez inny proces (PID ${holder}). Zatrzymaj aplikację i spróbuj ponownie.`);
      }
      fs.unlinkSync(file); // left by a process that died
    }
  }
  throw new Error(`Nie udało się zablokować katalogu ${dataDir}`);
}
