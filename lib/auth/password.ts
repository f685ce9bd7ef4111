import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/argon2";

/**
 * Password hashing is the costliest thing a request can ask for (19 MiB and tens of
 * milliseconds each), so at most one hash per CPU runs at a time in a process, a bounded number
 * wait, and beyond that a check is refused at once as busy rather than queued without end.
 */
const MAX_RUNNING = Math.max(1, availableParallelism());
export const MAX_WAITING = 32;

export class HashingBusyError extends Error {
  constructor() {
    super("password hashing is busy");
    this.name = "HashingBusyError";
  }
}

type Gate = { running: number; waiting: (() => void)[] };
const gate: Gate = ((globalThis as { __cnscdHashGate?: Gate }).__cnscdHashGate ??= { running: 0, waiting: [] });

async function bounded<T>(work: () => Promise<T>): Promise<T> {
  if (gate.running >= MAX_RUNNING) {
    if (gate.waiting.length >= MAX_WAITING) throw new HashingBusyError();
    await new Promise<void>((resolve) => gate.waiting.push(resolve));
  } else {
    gate.running++;
  }
  try {
    return await work();
  } finally {
    const next = gate.waiting.shift();
    if (next) next();
    else gate.running--;
  }
}

/** argon2id with the library defaults (19 MiB, 2 passes), as OWASP recommends. */
export function hashPassword(password: string): Promise<string> {
  return bounded(() => hash(password));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return bounded(async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so unknown usernames cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hash("cnscd-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}
