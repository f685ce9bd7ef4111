/**
 * The indicators a map or ranking can show, derived from a unit's indicator values. Pure, so the
 * same definitions serve the server-rendered map, the ranking table and the exports.
 */
export const METRICS = ["coverage", "teams", "members", "guided", "completion", "trained", "reports"] as const;
export type Metric = (typeof METRICS)[number];

export interface MetricInputs {
  communes_total: number;
  communes_with_team: number;
  teams_active: number;
  members_active: number;
  members_trained_12m: number;
  people_guided: number;
  people_completed: number;
  reports_expected: number;
  reports_submitted: number;
}

/** Whether the metric is a share (0–1) rather than a count. */
export function isShare(metric: Metric): boolean {
  return metric === "coverage" || metric === "completion" || metric === "trained" || metric === "reports";
}

export function parseMetric(value: string | undefined | null, fallback: Metric = "coverage"): Metric {
  return (METRICS as readonly string[]).includes(value ?? "") ? (value as Metric) : fallback;
}

/**
 * The metric a comparison opens on. Coverage tells provinces apart, but a commune either has a
 * team or not, so a province's communes would all tie on it: they compare on people guided.
 */
export function defaultMetric(level: "national" | "province" | "commune"): Metric {
  return level === "national" ? "coverage" : "guided";
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The metric's value for one unit; null when it has no denominator (shown as "no data"). */
export function metricValue(metric: Metric, v: MetricInputs): number | null {
  switch (metric) {
    case "coverage":
      return share(v.communes_with_team, v.communes_total);
    case "teams":
      return v.teams_active;
    case "members":
      return v.members_active;
    case "guided":
      return v.people_guided;
    case "completion":
      return share(v.people_completed, v.people_guided);
    case "trained":
      return share(v.members_trained_12m, v.members_active);
    case "reports":
      return share(v.reports_submitted, v.reports_expected);
  }
}

/** Rank 1 = highest value; units without data get no rank. Ties share a rank. */
export function ranks(values: (number | null)[]): (number | null)[] {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => b - a);
  return values.map((v) => (v === null ? null : sorted.indexOf(v) + 1));
}

export interface LegendClass {
  /** Inclusive lower bound. */
  min: number;
  /** Exclusive upper bound, except for the last class. */
  max: number;
  color: string;
}

/** Five-step sequential blues, readable on white and distinguishable in greyscale. */
export const CLASS_COLORS = ["#dbeafe", "#93c5fd", "#3b82f6", "#1d4ed8", "#1e3a8a"] as const;
export const NO_DATA_COLOR = "#e5e7eb";

const SHARE_BREAKS = [0, 0.5, 0.75, 0.9, 1, 1];

/**
 * Classes of the legend: fixed breaks for shares (below 50 %, 50–75 %, 75–90 %, 90–<100 %,
 * 100 %), rounded quantile breaks for counts.
 */
export function legendClasses(metric: Metric, values: (number | null)[]): LegendClass[] {
  if (isShare(metric)) {
    return CLASS_COLORS.map((color, i) => ({ min: SHARE_BREAKS[i], max: SHARE_BREAKS[i + 1], color }));
  }
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const top = sorted.at(-1) ?? 0;
  const breaks = [0];
  for (let i = 1; i < CLASS_COLORS.length; i++) {
    const q = sorted.length ? sorted[Math.floor((i / CLASS_COLORS.length) * (sorted.length - 1))] : 0;
    breaks.push(Math.max(breaks[i - 1] + 1, roundNice(q)));
  }
  breaks.push(Math.max(breaks.at(-1)! + 1, top));
  return CLASS_COLORS.map((color, i) => ({ min: breaks[i], max: breaks[i + 1], color }));
}

function roundNice(value: number): number {
  if (value < 10) return Math.round(value);
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = magnitude / 2;
  return Math.round(value / step) * step;
}

export function colorFor(value: number | null, classes: LegendClass[]): string {
  if (value === null) return NO_DATA_COLOR;
  const last = classes.length - 1;
  if (classes[last].min === classes[last].max && value >= classes[last].min) return classes[last].color;
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i];
    if (value >= c.min && (value < c.max || i === last)) return c.color;
  }
  return classes[0].color;
}

/**
 * What a legend class covers, as the legend says it: "50% – <75%" and "100%" for shares,
 * "1.000 – 4.999" and "≥ 5.000" for counts, and a single figure for a count class that holds
 * only one value (its bounds are n and n + 1).
 */
export function legendLabel(metric: Metric, c: LegendClass, last: boolean, show: { count: (v: number) => string; share: (v: number) => string }): string {
  if (isShare(metric)) return c.min === c.max ? show.share(c.min) : `${show.share(c.min)} – <${show.share(c.max)}`;
  if (last) return `≥ ${show.count(c.min)}`;
  return c.max - 1 <= c.min ? show.count(c.min) : `${show.count(c.min)} – ${show.count(c.max - 1)}`;
}
