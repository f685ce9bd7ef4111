import { formatNumber } from "@/lib/format";

/** A chart as SVG text: drawn inline on the print page and rasterised for the .docx. */
export interface ChartSvg {
  svg: string;
  width: number;
  height: number;
  /** The figures drawn, for a text alternative. */
  description: string;
}

export interface BarSeries {
  name: string;
  color: string;
  values: number[];
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The axis maximum: four equal whole steps of 1, 2 or 5 times a power of ten. */
function niceMax(max: number): number {
  const raw = Math.max(1, max / 4);
  const p = 10 ** Math.floor(Math.log10(raw));
  return 4 * [1, 2, 2.5, 5, 10].map((k) => k * p).find((v) => v >= raw && Number.isInteger(v))!;
}

/** Wraps a label into lines of at most `width` characters. */
function wrap(label: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(" ")) {
    if (line && (line + " " + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.slice(0, 3);
}

/** Grouped vertical bars with a value axis, category labels and a legend; Times New Roman like the document. */
export function barChartSvg({ title, categories, series }: { title: string; categories: string[]; series: BarSeries[] }): ChartSvg {
  const width = 640;
  const height = 320;
  const left = 64;
  const right = 12;
  const top = 36;
  const labelLines = categories.length > 8 ? 1 : 3;
  const bottom = 26 + labelLines * 13;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const band = plotW / Math.max(categories.length, 1);
  const barW = Math.max(2, (band * 0.75) / series.length);
  const font = `font-family="Times New Roman, Liberation Serif, DejaVu Serif, serif"`;
  const parts: string[] = [
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="16" ${font} font-size="14" font-weight="bold" fill="#111827">${escape(title)}</text>`,
  ];
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    const y = top + plotH - (plotH * k) / 4;
    parts.push(`<line x1="${left}" y1="${y}" x2="${width - right}" y2="${y}" stroke="#d1d5db" stroke-width="1"/>`);
    parts.push(`<text x="${left - 6}" y="${y + 4}" ${font} font-size="11" text-anchor="end" fill="#374151">${formatNumber("vi", v)}</text>`);
  }
  categories.forEach((c, i) => {
    const x0 = left + band * i + (band - barW * series.length) / 2;
    series.forEach((s, j) => {
      const h = (plotH * s.values[i]) / max;
      parts.push(`<rect x="${(x0 + j * barW).toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}"/>`);
    });
    // Month labels are about 40 px wide: label every n-th band so that they never overlap.
    const every = Math.ceil(categories.length / Math.floor(plotW / 46));
    if (i % every === 0) {
      wrap(c, Math.max(8, Math.floor(band / 6))).slice(0, labelLines).forEach((line, l) => {
        parts.push(`<text x="${(left + band * i + band / 2).toFixed(1)}" y="${top + plotH + 14 + l * 13}" ${font} font-size="11" text-anchor="middle" fill="#374151">${escape(line)}</text>`);
      });
    }
  });
  let lx = left;
  for (const s of series) {
    parts.push(`<rect x="${lx}" y="${height - 12}" width="10" height="10" fill="${s.color}"/>`);
    parts.push(`<text x="${lx + 14}" y="${height - 3}" ${font} font-size="11" fill="#111827">${escape(s.name)}</text>`);
    lx += 30 + s.name.length * 7;
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(title)}">${parts.join("")}</svg>`;
  const description = `${title}: ${categories.map((c, i) => `${c}: ${series.map((s) => `${s.name} ${formatNumber("vi", s.values[i])}`).join(", ")}`).join("; ")}`;
  return { svg, width, height, description };
}
