"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatAxisNumber, formatNumber, formatPercent, niceTicks } from "@/lib/format";
import { chartMax } from "./chart-data";

export const SKILL_COLORS = ["#1d4ed8", "#0891b2", "#059669", "#d97706", "#7c3aed"];
const GUIDED = "#2563eb";
const COMPLETED = "#16a34a";

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

const axisTick = { fontSize: 12, fill: "#334155" };
/** Series colours mark the swatches only: text stays dark enough to read on white (WCAG AA). */
const TEXT = "#1e293b";
const tooltipStyle = { itemStyle: { color: TEXT }, labelStyle: { color: TEXT, fontWeight: 600 } };
const legendText = (value: unknown) => <span style={{ color: TEXT }}>{String(value)}</span>;

/** Category names are wrapped in a column this wide; each line needs this much height. */
const CATEGORY_WIDTH = 150;
const LINE_HEIGHT = 16;
/** Lines a category name takes at 12 px, estimated from its length (about 6.5 px a character). */
const lines = (label: string) => Math.max(1, Math.ceil((label.length * 6.5) / CATEGORY_WIDTH));
/** A bar chart tall enough that the longest category name fits beside its bar without touching the next. */
const barsHeight = (labels: string[], minimum: number, perBar: number) =>
  Math.max(minimum, labels.length * Math.max(perBar, Math.max(1, ...labels.map(lines)) * LINE_HEIGHT + 12) + 40);

/** Every dashboard chart, chosen by kind, so that the chart code loads as one lazy chunk. */
export default function Chart(props: ChartProps) {
  const num = (v: unknown) => formatNumber(props.locale, Number(v ?? 0));
  const tick = (v: unknown) => formatAxisNumber(props.locale, Number(v ?? 0));
  const ticks = niceTicks(chartMax(props));
  const valueAxis = { ticks, domain: [0, ticks[ticks.length - 1]] as [number, number], tickFormatter: tick, tick: axisTick, allowDecimals: false, interval: "preserveStartEnd" as const, minTickGap: 8 };
  switch (props.kind) {
    case "trend":
      return (
        <ResponsiveContainer width="100%" height={300}>
          <BarChart data={props.rows} margin={{ top: 16, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tick={axisTick} tickFormatter={(m: string) => `${m.slice(5, 7)}/${m.slice(2, 4)}`} interval="preserveStartEnd" minTickGap={12} />
            <YAxis {...valueAxis} width={Math.max(...ticks.map((v) => tick(v).length)) * 7 + 16} />
            <Tooltip {...tooltipStyle} formatter={num} labelFormatter={(m) => `${String(m).slice(5, 7)}/${String(m).slice(0, 4)}`} />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
            {props.series.map((s, i) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="skills" fill={SKILL_COLORS[i % SKILL_COLORS.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      );
    case "roster": {
      // One axis from zero: members and teams stay comparable, and a flat month reads as flat.
      const dots = props.rows.length < 3;
      return (
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={props.rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tick={axisTick} tickFormatter={(m: string) => `${m.slice(5, 7)}/${m.slice(2, 4)}`} />
            <YAxis {...valueAxis} width={Math.max(...ticks.map((v) => tick(v).length)) * 7 + 16} />
            <Tooltip {...tooltipStyle} formatter={num} labelFormatter={(m) => `${String(m).slice(5, 7)}/${String(m).slice(0, 4)}`} />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
            <Line dataKey="members" name={props.membersLabel} stroke={SKILL_COLORS[2]} strokeWidth={2} dot={dots} isAnimationActive={false} />
            <Line dataKey="teams" name={props.teamsLabel} stroke={SKILL_COLORS[0]} strokeWidth={2} dot={dots} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      );
    }
    case "breakdown":
      return (
        <ResponsiveContainer width="100%" height={barsHeight(props.rows.map((r) => r.label), 220, 44)}>
          <BarChart data={props.rows} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" {...valueAxis} />
            <YAxis type="category" dataKey="label" tick={axisTick} width={CATEGORY_WIDTH} interval={0} />
            <Tooltip {...tooltipStyle} formatter={num} />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
            <Bar dataKey="guided" name={props.guidedLabel} fill={GUIDED} isAnimationActive={false} />
            <Bar dataKey="completed" name={props.completedLabel} fill={COMPLETED} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      );
    case "count":
      return (
        <ResponsiveContainer width="100%" height={barsHeight(props.rows.map((r) => r.label), 200, 30)}>
          <BarChart data={props.rows} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" {...valueAxis} />
            <YAxis type="category" dataKey="label" tick={axisTick} width={CATEGORY_WIDTH} interval={0} />
            <Tooltip {...tooltipStyle} formatter={num} />
            <Bar dataKey="value" name={props.valueLabel} fill={GUIDED} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      );
    case "share": {
      const total = props.rows.reduce((s, r) => s + r.value, 0);
      return (
        <ResponsiveContainer width="100%" height={240}>
          <PieChart>
            <Pie
              data={props.rows.map((r) => ({ ...r, label: `${r.label} · ${formatPercent(props.locale, r.value, total)}` }))}
              dataKey="value"
              nameKey="label"
              innerRadius="50%"
              outerRadius="80%"
              isAnimationActive={false}
            >
              {props.rows.map((r, i) => (
                <Cell key={r.label} fill={["#db2777", "#2563eb", "#94a3b8"][i % 3]} />
              ))}
            </Pie>
            <Tooltip {...tooltipStyle} formatter={num} />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
          </PieChart>
        </ResponsiveContainer>
      );
    }
  }
}
