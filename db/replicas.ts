import type { Database } from "./client";

/**
 * Streaming replicas of the primary and how far behind each one is.
 *
 * Every `checkMs` the primary's WAL position is sampled and each replica is asked how far it has
 * replayed. A replica is "fresh as of" the latest primary sample it has replayed past, so its lag
 * is measured in time even when it is idle. A replica that does not answer, or lags by more than
 * `maxLagMs`, serves nothing until it catches up again.
 */

/** A WAL position ("16/B374D848") as a number that compares correctly. */
export function parseLsn(lsn: string | null | undefined): bigint | null {
  if (!lsn) return null;
  const match = /^([0-9A-Fa-f]+)\/([0-9A-Fa-f]+)$/.exec(lsn.trim());
  if (!match) return null;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

export interface Replica {
  name: string;
  db: Database;
  up: boolean;
  /** WAL position replayed, as of the last check. */
  replayed: bigint | null;
  /** Time (ms) of the latest primary position this replica has replayed. */
  freshAsOf: number;
  lastError: string | null;
}

interface ReplicaSource {
  name: string;
  db: Database;
  /** The replayed WAL position (null when the server is not in recovery). */
  replayLsn(): Promise<string | null>;
}

export interface ReplicaSetOptions {
  primaryLsn(): Promise<string>;
  replicas: ReplicaSource[];
  checkMs: number;
  maxLagMs: number;
  now?: () => number;
}

const SAMPLE_WINDOW_MS = 120_000;

export class ReplicaSet {
  readonly replicas: Replica[];
  private readonly sources: ReplicaSource[];
  private samples: { at: number; lsn: bigint }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private next = 0;
  private waiters: { lsn: bigint; resolve: () => void; deadline: number }[] = [];
  private readonly now: () => number;

  constructor(private readonly options: ReplicaSetOptions) {
    this.sources = options.replicas;
    this.now = options.now ?? Date.now;
    this.replicas = options.replicas.map((r) => ({ name: r.name, db: r.db, up: false, replayed: null, freshAsOf: 0, lastError: null }));
  }

  /** Starts the periodic checks (the first one at once). */
  start(): Promise<void> {
    if (!this.timer) {
      this.timer = setInterval(() => void this.check(), this.options.checkMs);
      this.timer.unref();
    }
    return this.check();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  /** One round of checks; concurrent callers share it. */
  check(): Promise<void> {
    this.checking ??= this.runCheck().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async runCheck(): Promise<void> {
    const at = this.now();
    try {
      const lsn = parseLsn(await this.options.primaryLsn());
      if (lsn !== null) this.samples.push({ at, lsn });
    } catch {
      // The primary's own failures surface in the queries that need it.
    }
    this.samples = this.samples.filter((s, i) => i === this.samples.length - 1 || at - s.at <= SAMPLE_WINDOW_MS);
    await Promise.all(
      this.sources.map(async (source, i) => {
        const replica = this.replicas[i];
        try {
          const replayed = parseLsn(await source.replayLsn());
          replica.up = true;
          replica.lastError = null;
          // A server that is not replaying (a promoted replica, or a primary named by mistake) is current.
          replica.replayed = replayed ?? this.samples.at(-1)?.lsn ?? null;
          const caughtUp = this.samples.filter((s) => replica.replayed !== null && s.lsn <= replica.replayed);
          if (caughtUp.length) replica.freshAsOf = Math.max(replica.freshAsOf, caughtUp[caughtUp.length - 1].at);
        } catch (error) {
          replica.up = false;
          replica.lastError = error instanceof Error ? error.message : String(error);
        }
      }),
    );
    this.settleWaiters();
  }

  /** Whether a replica may serve reads now: it answers and lags no more than `maxLagMs`. */
  usable(replica: Replica): boolean {
    return replica.up && this.now() - replica.freshAsOf <= this.options.maxLagMs;
  }

  /**
   * A replica that may serve a read which must see the primary's state at `atLeast` (a user's own
   * last write), taken in turn; null when none qualifies and the primary must answer.
   */
  pick(atLeast: bigint | null = null): Replica | null {
    const candidates = this.replicas.filter((r) => this.usable(r) && (atLeast === null || (r.replayed !== null && r.replayed >= atLeast)));
    if (!candidates.length) return null;
    this.next = (this.next + 1) % candidates.length;
    return candidates[this.next];
  }

  /** Takes a replica out of service until its next successful check. */
  markDown(replica: Replica, error: unknown): void {
    replica.up = false;
    replica.lastError = error instanceof Error ? error.message : String(error);
  }

  /**
   * Resolves once every usable replica has replayed `lsn` (or after `maxLagMs`, when a lagging
   * replica is out of service anyway). Caches that read from replicas are invalidated again then.
   */
  caughtUp(lsn: bigint): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push({ lsn, resolve, deadline: this.now() + this.options.maxLagMs });
      this.settleWaiters();
    });
  }

  private settleWaiters(): void {
    const now = this.now();
    const usable = this.replicas.filter((r) => this.usable(r));
    this.waiters = this.waiters.filter((w) => {
      const done = now >= w.deadline || usable.every((r) => r.replayed !== null && r.replayed >= w.lsn);
      if (done) w.resolve();
      return !done;
    });
  }
}
