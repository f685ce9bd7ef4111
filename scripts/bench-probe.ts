import { healthStatus } from "../lib/dal/health";
import { percentile } from "./bench-stats";

/**
 * Calls the health check every 50 ms until stopped, recording each answer's latency from the
 * moment the call was due: the embedded database runs on this thread, so while the measured work
 * holds it even the timer that starts the next call waits, as a request arriving then would. A
 * call still waiting, or a timer that could not fire, when the work ends counts with the time it
 * has waited so far.
 */
export function healthProbe(): () => Promise<{ n: number; p50: number; p95: number; max: number }> {
  const latencies: number[] = [];
  let running = true;
  let pending: number | null = null;
  let due = performance.now();
  const loop = (async () => {
    while (running) {
      pending = due;
      await healthStatus();
      pending = null;
      latencies.push(performance.now() - due);
      due = performance.now() + 50;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return async () => {
    running = false;
    latencies.push(Math.max(0, performance.now() - (pending ?? due)));
    await loop;
    const sorted = [...latencies].sort((a, b) => a - b);
    return { n: latencies.length, p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)), max: Math.round(sorted[sorted.length - 1]) };
  };
}
