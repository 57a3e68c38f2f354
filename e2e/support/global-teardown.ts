// Stops every slot's portal (the whole process group: start script and server workers)
// and waits until it has exited, so the next run finds its ports free.
import { existsSync, readFileSync } from "node:fs";
import { SLOT_COUNT_FILE, type Slot, slot } from "./server-config";

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function stopSlotPortal(s: Slot): Promise<void> {
  if (!existsSync(s.pidFile)) return;
  const pid = Number(readFileSync(s.pidFile, "utf8"));
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + 20_000;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) {
    console.warn(`e2e: the portal of slot ${s.index} (pid ${pid}) did not stop within 20 s of SIGTERM; killing it`);
    process.kill(-pid, "SIGKILL");
  }
}

export default async function globalTeardown(): Promise<void> {
  const count = existsSync(SLOT_COUNT_FILE) ? (JSON.parse(readFileSync(SLOT_COUNT_FILE, "utf8")) as number) : 1;
  await Promise.all(Array.from({ length: count }, (_, i) => stopSlotPortal(slot(i))));
}
