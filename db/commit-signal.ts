import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Tells every cache in every server process that data changed, after the change committed.
 *
 * Writes record themselves with `recordWrite` (the audit trail does, for every change); the
 * transaction that carries them reports once it has committed. Within a process the signal is a
 * generation counter; across processes it travels as a PostgreSQL notification, so a server that
 * did not make the write hears of it within milliseconds of the commit.
 *
 * The state lives on `globalThis` by name: Next.js compiles a module once for route handlers and
 * again for pages and server actions, and a module-level counter would be two counters.
 */

export const COMMIT_CHANNEL = "cnscd_commit";

/** A committed change: the users who made it and the primary's WAL position right after it, if known. */
export interface Commit {
  userIds: number[];
  lsn: string | null;
  /** Whether this process made the change (otherwise a notification brought it). */
  local: boolean;
}

interface WriteContext {
  wrote: boolean;
  userIds: Set<number>;
}

interface CommitState {
  generation: number;
  listeners: Set<(commit: Commit) => void | Promise<void>>;
  writes: AsyncLocalStorage<WriteContext>;
}

const globalForSignal = globalThis as unknown as { __cnscdCommitSignal?: CommitState };
const state: CommitState = (globalForSignal.__cnscdCommitSignal ??= {
  generation: 0,
  listeners: new Set(),
  writes: new AsyncLocalStorage<WriteContext>(),
});

/** Changes whenever a commit is signalled: a value cached under an older generation is stale. */
export function commitGeneration(): number {
  return state.generation;
}

/** Marks every cached value stale at once (for a commit this process did not see as a transaction). */
export function bumpGeneration(): void {
  state.generation++;
}

/** Calls `listener` after each signalled commit; returns the function that stops it. */
export function onCommit(listener: (commit: Commit) => void | Promise<void>): () => void {
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

/**
 * Notes a write by `userId` in the ambient transaction. Returns false outside a tracked
 * transaction: the statement committed by itself and the caller signals it with `signalCommit`.
 */
export function recordWrite(userId: number | null | undefined): boolean {
  const context = state.writes.getStore();
  if (!context) return false;
  context.wrote = true;
  if (userId) context.userIds.add(userId);
  return true;
}

/**
 * Runs a transaction and, once it has committed, hands its writers to `afterCommit` (which
 * publishes the commit). A rolled-back transaction signals nothing.
 */
export async function trackTransaction<T>(run: () => Promise<T>, afterCommit: (userIds: number[]) => Promise<void>): Promise<T> {
  const outer = state.writes.getStore();
  if (outer) return run();
  const context: WriteContext = { wrote: false, userIds: new Set() };
  const result = await state.writes.run(context, run);
  if (context.wrote) await afterCommit([...context.userIds]);
  return result;
}

/** Bumps the generation and tells every listener; listener failures never fail the write. */
export async function publishCommit(commit: Commit): Promise<void> {
  state.generation++;
  await Promise.all(
    [...state.listeners].map(async (listener) => {
      try {
        await listener(commit);
      } catch (error) {
        console.error("commit listener failed", error);
      }
    }),
  );
}
