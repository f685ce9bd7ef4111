import { niceTicks } from "@/lib/format";

/** Width of a string of `size`-pixel system sans-serif text, estimated on the safe side (0.6 em a character). */
export const textWidth = (text: string, size = 12) => Math.ceil(text.length * size * 0.6);

/** A value axis from zero to the first round tick at or above `max`, mapped onto `length` pixels. */
export function valueScale(max: number, length: number, count = 5) {
  const ticks = niceTicks(max, count);
  const top = ticks[ticks.length - 1];
  return { ticks, top, at: (value: number) => (Math.min(Math.max(0, value), top) / top) * length };
}

/**
 * A value axis laid along `length` pixels with as many round ticks (at most five) as fit side by
 * side: each label, `width` pixels for its text, is kept `gap` pixels clear of the next.
 */
export function fittedScale(max: number, length: number, width: (tick: number) => number, gap = 12) {
  for (let count = 5; count > 2; count--) {
    const scale = valueScale(max, length, count);
    const spacing = length / (scale.ticks.length - 1);
    if (scale.ticks.every((v, i) => i === 0 || spacing >= (width(v) + width(scale.ticks[i - 1])) / 2 + gap)) return scale;
  }
  return valueScale(max, length, 2);
}

export type Segment = { key: string; value: number; from: number; to: number };

/** Each row's series piled up from zero in the order given: a segment runs from the sum before it to the sum with it. */
export function stack(rows: Record<string, number | string>[], keys: string[]): Segment[][] {
  return rows.map((row) => {
    let sum = 0;
    return keys.map((key) => {
      const value = Math.max(0, Number(row[key] ?? 0) || 0);
      const segment = { key, value, from: sum, to: sum + value };
      sum += value;
      return segment;
    });
  });
}

/**
 * A label broken at spaces into lines of at most `chars` characters, at most `maxLines` of them;
 * a word longer than a line is cut, and a label that does not fit ends with "…" (the whole label
 * stays in the mark's title and the figures table).
 */
export function wrapLabel(label: string, chars: number, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= chars) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (rest.length > chars) {
      lines.push(rest.slice(0, chars));
      rest = rest.slice(chars);
    }
    line = rest;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1];
  kept[maxLines - 1] = `${last.length >= chars ? last.slice(0, chars - 1) : last}…`;
  return kept;
}

/**
 * Every how many category labels one is printed along an axis so that none touches the next:
 * `count` slots of `slot` pixels, each label `labelWidth` pixels wide plus a gap.
 */
export function labelStep(count: number, slot: number, labelWidth: number, gap = 8): number {
  if (count <= 1 || slot <= 0) return 1;
  return Math.max(1, Math.ceil((labelWidth + gap) / slot));
}

const point = (cx: number, cy: number, r: number, angle: number) => [cx + r * Math.sin(angle), cy - r * Math.cos(angle)].map((n) => Math.round(n * 100) / 100);

/**
 * Donut slices clockwise from twelve o'clock, one SVG path per value (null for a zero value). A
 * slice of the whole circle is drawn as two half arcs, since one arc cannot start and end at the
 * same point.
 */
export function donutSlices(values: number[], cx: number, cy: number, outer: number, inner: number): (string | null)[] {
  const total = values.reduce((s, v) => s + Math.max(0, v), 0);
  if (!(total > 0)) return values.map(() => null);
  let start = 0;
  return values.map((v) => {
    const value = Math.max(0, v);
    if (value === 0) return null;
    const sweep = (value / total) * 2 * Math.PI;
    const end = start + sweep;
    const arc = (from: number, to: number) => {
      const large = to - from > Math.PI ? 1 : 0;
      const [ox1, oy1] = point(cx, cy, outer, from);
      const [ox2, oy2] = point(cx, cy, outer, to);
      const [ix2, iy2] = point(cx, cy, inner, to);
      const [ix1, iy1] = point(cx, cy, inner, from);
      return `M${ox1} ${oy1}A${outer} ${outer} 0 ${large} 1 ${ox2} ${oy2}L${ix2} ${iy2}A${inner} ${inner} 0 ${large} 0 ${ix1} ${iy1}Z`;
    };
    const d = value === total ? arc(0, Math.PI) + arc(Math.PI, 2 * Math.PI) : arc(start, end);
    start = end;
    return d;
  });
}
