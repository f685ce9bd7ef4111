import { Resvg } from "@resvg/resvg-js";
import type { ChartSvg } from "./charts";

/**
 * Rasterises a chart at twice its size for print. resvg ships prebuilt for each platform through
 * npm (no install script, no download) and draws text with the system's fonts.
 */
export function chartPng(chart: ChartSvg, scale = 2): Uint8Array {
  const renderer = new Resvg(chart.svg, {
    fitTo: { mode: "width", value: chart.width * scale },
    font: { loadSystemFonts: true, defaultFontFamily: "Times New Roman" },
  });
  return renderer.render().asPng();
}
