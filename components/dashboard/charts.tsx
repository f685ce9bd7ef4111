import { formatAxisNumber, formatMonth, formatNumber, formatPercent } from "@/lib/format";
import { chartMax } from "./chart-data";
import { donutSlices, fittedScale, labelStep, stack, textWidth, valueScale, wrapLabel } from "./chart-geometry";

/** Series colours: each at least 3:1 against white, as graphics need (WCAG 1.4.11); text stays dark. */
export const SKILL_COLORS = ["#1d4ed8", "#0891b2", "#059669", "#d97706", "#7c3aed"];
const GUIDED = "#2563eb";
const COMPLETED = "#16a34a";
const SHARE_COLORS = ["#db2777", "#2563eb", "#64748b"];

export type TrendChartProps = {
  kind: "trend";
  locale: string;
  rows: ({ month: string } & Record<string, number | string>)[];
  series: { key: string; label: string }[];
};
export type BreakdownChartProps = {
  kind: "breakdown";
  locale: string;
  rows: { label: string; guided: number; completed: number }[];
  guidedLabel: string;
  completedLabel: string;
};
export type CountChartProps = { kind: "count"; locale: string; rows: { label: string; value: number }[]; valueLabel: string };
export type ShareChartProps = { kind: "share"; locale: string; rows: { label: string; value: number }[] };
/** Active teams and members as at the end of each month. */
export type RosterChartProps = {
  kind: "roster";
  locale: string;
  rows: { month: string; teams: number; members: number }[];
  teamsLabel: string;
  membersLabel: string;
};
export type ChartProps = TrendChartProps | BreakdownChartProps | CountChartProps | ShareChartProps | RosterChartProps;

/** The widths a chart is drawn at; its box shows the one nearest its own width (see `LazyChart`). */
export const NARROW = 340;
export const WIDE = 640;
export const FULL = 1040;

const FONT = 12;
const TEXT = "#1e293b";
const AXIS_TEXT = "#334155";
const GRID = "#e2e8f0";
const LINE_HEIGHT = 15;

/** 2026-05-01 → 05/26: short enough to sit under a month's bar. */
/** Coordinates to a tenth of a unit: finer than a screen pixel, and a quarter of the markup of full floats. */
const r1 = (n: number) => Math.round(n * 10) / 10;

const shortMonth = (m: string) => `${m.slice(5, 7)}/${m.slice(2, 4)}`;

type Series = { key: string; label: string; color: string };

/** The named series of a chart, in legend order, with their colours. */
export function chartSeries(props: ChartProps): Series[] {
  switch (props.kind) {
    case "trend":
      return props.series.map((s, i) => ({ ...s, color: SKILL_COLORS[i % SKILL_COLORS.length] }));
    case "roster":
      return [
        { key: "members", label: props.membersLabel, color: SKILL_COLORS[2] },
        { key: "teams", label: props.teamsLabel, color: SKILL_COLORS[0] },
      ];
    case "breakdown":
      return [
        { key: "guided", label: props.guidedLabel, color: GUIDED },
        { key: "completed", label: props.completedLabel, color: COMPLETED },
      ];
    case "count":
      return [{ key: "value", label: props.valueLabel, color: GUIDED }];
    case "share": {
      const total = props.rows.reduce((s, r) => s + r.value, 0);
      return props.rows.map((r, i) => ({ key: r.label, label: `${r.label} · ${formatPercent(props.locale, r.value, total)}`, color: SHARE_COLORS[i % SHARE_COLORS.length] }));
    }
  }
}

function Svg({ width, height, children }: { width: number; height: number; children: React.ReactNode }) {
  // The figure around it carries the name and a table of the same figures: the drawing itself is
  // not read out; its marks' titles show the exact figures on hover.
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" className="block h-auto overflow-visible" aria-hidden="true" focusable="false" fontSize={FONT} fontFamily="inherit">
      {children}
    </svg>
  );
}

/** Horizontal grid lines and value labels on the left of a vertical chart. */
function ValueAxisLeft({ scale, left, right, bottom, tick }: { scale: ReturnType<typeof valueScale>; left: number; right: number; bottom: number; tick: (v: number) => string }) {
  return (
    <g stroke={GRID} fill={AXIS_TEXT} textAnchor="end">
      {scale.ticks.map((v) => {
        const y = r1(bottom - scale.at(v));
        return (
          <g key={v}>
            <line x1={left} x2={right} y1={y} y2={y} strokeDasharray={v === 0 ? undefined : "3 3"} />
            <text x={left - 6} y={y} dy="0.32em" stroke="none">
              {tick(v)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** Month labels under a vertical chart, thinned so that none touches the next. */
function MonthAxis({ months, left, band, y }: { months: string[]; left: number; band: number; y: number }) {
  const step = labelStep(months.length, band, textWidth("00/00"));
  return (
    <g fill={AXIS_TEXT} textAnchor="middle">
      {months.map((m, i) =>
        i % step === 0 ? (
          <text key={m} x={r1(left + band * (i + 0.5))} y={y}>
            {shortMonth(m)}
          </text>
        ) : null,
      )}
    </g>
  );
}

/** A chart of months left to right (stacked bars or lines) `width` units wide. */
function MonthChart({ props, width }: { props: TrendChartProps | RosterChartProps; width: number }) {
  const tick = (v: number) => formatAxisNumber(props.locale, v);
  const num = (v: number) => formatNumber(props.locale, v);
  const height = 240;
  const top = 10;
  const bottom = height - 22;
  const probe = valueScale(chartMax(props), 1);
  const left = Math.max(...probe.ticks.map((v) => textWidth(tick(v)))) + 10;
  const right = width - 8;
  const scale = valueScale(chartMax(props), bottom - top);
  const months = props.rows.map((r) => r.month);
  const band = (right - left) / Math.max(1, months.length);
  const series = chartSeries(props);
  return (
    <Svg width={width} height={height}>
      <ValueAxisLeft scale={scale} left={left} right={right} bottom={bottom} tick={tick} />
      <MonthAxis months={months} left={left} band={band} y={height - 6} />
      {props.kind === "trend"
        ? stack(props.rows, series.map((s) => s.key)).map((segments, i) => {
            const barWidth = Math.max(1, band * 0.7);
            const x = left + band * i + (band - barWidth) / 2;
            return (
              <g key={months[i]}>
                {segments.map((s, j) =>
                  s.value > 0 ? (
                    <rect key={s.key} data-mark="" x={r1(x)} width={r1(barWidth)} y={r1(bottom - scale.at(s.to))} height={r1(scale.at(s.to) - scale.at(s.from))} fill={series[j].color}>
                      <title>{`${formatMonth(months[i])} · ${series[j].label}: ${num(s.value)}`}</title>
                    </rect>
                  ) : null,
                )}
              </g>
            );
          })
        : series.map((s) => {
            const points = props.rows.map((r, i) => [r1(left + band * (i + 0.5)), r1(bottom - scale.at(Number(r[s.key as "teams" | "members"])))] as const);
            return (
              <g key={s.key}>
                <polyline data-mark="" points={points.map((p) => p.join(",")).join(" ")} fill="none" stroke={s.color} strokeWidth={2} strokeLinejoin="round" />
                {points.map(([x, y], i) => (
                  // Each month's point carries its figure; drawn visibly only when there are too few months for a line.
                  <circle key={months[i]} cx={x} cy={y} r={props.rows.length < 3 ? 4 : 3} fill={props.rows.length < 3 ? s.color : "transparent"}>
                    <title>{`${formatMonth(months[i])} · ${s.label}: ${num(Number(props.rows[i][s.key as "teams" | "members"]))}`}</title>
                  </circle>
                ))}
              </g>
            );
          })}
    </Svg>
  );
}

/** Horizontal bars, one group per category, with the category's name wrapped beside it. */
function CategoryBars({ props, width }: { props: BreakdownChartProps | CountChartProps; width: number }) {
  const tick = (v: number) => formatAxisNumber(props.locale, v);
  const num = (v: number) => formatNumber(props.locale, v);
  const series = chartSeries(props);
  const labelWidth = width < WIDE ? 118 : 190;
  const chars = Math.floor(labelWidth / (FONT * 0.6));
  const barHeight = series.length > 1 ? 11 : 16;
  const barsHeight = barHeight * series.length + 2 * (series.length - 1);
  const rows = props.rows.map((r) => {
    const lines = wrapLabel(r.label, chars);
    return { row: r, lines, height: Math.max(lines.length * LINE_HEIGHT, barsHeight) + 12 };
  });
  const left = labelWidth + 8;
  // Room on the right for half of the last tick's label, which is centred on the axis' end.
  const right = width - Math.ceil(textWidth(tick(valueScale(chartMax(props), 1).top)) / 2) - 2;
  const scale = fittedScale(chartMax(props), right - left, (v) => textWidth(tick(v)));
  const plotHeight = rows.reduce((s, r) => s + r.height, 0);
  const top = 4;
  const height = top + plotHeight + 22;
  const rowTops = rows.map((_, i) => rows.slice(0, i).reduce((sum, r) => sum + r.height, top));
  return (
    <Svg width={width} height={height}>
      <g stroke={GRID} fill={AXIS_TEXT} textAnchor="middle">
        {scale.ticks.map((v) => {
          const x = r1(left + scale.at(v));
          return (
            <g key={v}>
              <line x1={x} x2={x} y1={top} y2={top + plotHeight} strokeDasharray={v === 0 ? undefined : "3 3"} />
              <text x={x} y={height - 6} stroke="none">
                {tick(v)}
              </text>
            </g>
          );
        })}
      </g>
      {rows.map(({ row, lines, height: rowHeight }, index) => {
        const middle = rowTops[index] + rowHeight / 2;
        const barsTop = middle - barsHeight / 2;
        return (
          <g key={row.label}>
            <text x={labelWidth} y={r1(middle - ((lines.length - 1) * LINE_HEIGHT) / 2)} textAnchor="end" fill={TEXT}>
              {lines.map((line, i) => (
                <tspan key={i} x={labelWidth} dy={i === 0 ? "0.32em" : LINE_HEIGHT}>
                  {line}
                </tspan>
              ))}
            </text>
            {series.map((s, i) => {
              const value = Number((row as Record<string, unknown>)[s.key] ?? 0);
              return (
                <rect key={s.key} data-mark="" x={left} y={r1(barsTop + i * (barHeight + 2))} width={r1(scale.at(value))} height={barHeight} fill={s.color}>
                  <title>{`${row.label} · ${s.label}: ${num(value)}`}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
    </Svg>
  );
}

/** A donut of shares of a whole; its legend carries the names and percentages. */
function Donut({ props }: { props: ShareChartProps }) {
  const series = chartSeries(props);
  const size = 180;
  const slices = donutSlices(
    props.rows.map((r) => r.value),
    size / 2,
    size / 2,
    size / 2 - 2,
    size / 4,
  );
  return (
    <div className="mx-auto w-full max-w-[180px]">
      <Svg width={size} height={size}>
        {slices.map((d, i) =>
          d ? (
            <path key={series[i].key} data-mark="" d={d} fill={series[i].color} stroke="#fff" strokeWidth={1}>
              <title>{`${series[i].label}: ${formatNumber(props.locale, props.rows[i].value)}`}</title>
            </path>
          ) : null,
        )}
      </Svg>
    </div>
  );
}

/** One chart drawn `width` units wide (the donut keeps its own size). */
export function ChartSvg({ props, width }: { props: ChartProps; width: number }) {
  switch (props.kind) {
    case "trend":
    case "roster":
      return <MonthChart props={props} width={width} />;
    case "breakdown":
    case "count":
      return <CategoryBars props={props} width={width} />;
    case "share":
      return <Donut props={props} />;
  }
}

/** The series' names beside their colours, wrapping as the box narrows. */
export function ChartLegend({ props }: { props: ChartProps }) {
  const series = chartSeries(props);
  if (props.kind === "count") return null;
  return (
    <ul className="mt-2 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-slate-800">
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-3 shrink-0 rounded-sm" style={{ background: s.color }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** The chart's exact figures as a table: column headings, then one row per month or category. */
export function chartTable(props: ChartProps, words: { month: string; category: string; count: string; total: string; share: string }): { head: string[]; body: string[][] } {
  const num = (v: number) => formatNumber(props.locale, v);
  switch (props.kind) {
    case "trend":
      return {
        head: [words.month, ...props.series.map((s) => s.label), words.total],
        body: props.rows.map((r) => {
          const values = props.series.map((s) => Number(r[s.key] ?? 0));
          return [formatMonth(r.month), ...values.map(num), num(values.reduce((a, b) => a + b, 0))];
        }),
      };
    case "roster":
      return { head: [words.month, props.membersLabel, props.teamsLabel], body: props.rows.map((r) => [formatMonth(r.month), num(r.members), num(r.teams)]) };
    case "breakdown":
      return { head: [words.category, props.guidedLabel, props.completedLabel], body: props.rows.map((r) => [r.label, num(r.guided), num(r.completed)]) };
    case "count":
      return { head: [words.category, props.valueLabel], body: props.rows.map((r) => [r.label, num(r.value)]) };
    case "share": {
      const total = props.rows.reduce((s, r) => s + r.value, 0);
      return { head: [words.category, words.count, words.share], body: props.rows.map((r) => [r.label, num(r.value), formatPercent(props.locale, r.value, total)]) };
    }
  }
}
