import "server-only";
import { addMonths, lastDayOfMonth, monthStart, monthsBetween, vnToday, type Period } from "@/lib/domain/period";
import type { Actor } from "./actor";
import { historyFigures, type HistoryFigures } from "./history";
import { unitIndicators, type UnitIndicators } from "./indicators";
import { getUnit, type Unit } from "./units";

export interface ReportPeriods {
  current: Period;
  /** The period of the same length just before. */
  previous: Period;
  /** The same months one year earlier. */
  lastYear: Period;
}

export interface PeriodicReportData {
  unit: Unit;
  /** The province of a commune, for the place line and the recipients. */
  parent: Unit | null;
  periods: ReportPeriods;
  /** Today in Vietnam time: the report's date line. */
  issuedOn: string;
  current: UnitIndicators;
  previous: UnitIndicators;
  lastYear: UnitIndicators;
  /** Imported aggregates for the parts of the periods before the cut-over (never added to the recorded figures). */
  history: { current: HistoryFigures; previous: HistoryFigures; lastYear: HistoryFigures };
}

const shift = (p: Period, months: number): Period => ({ from: addMonths(p.from, months), to: lastDayOfMonth(addMonths(monthStart(p.to), months)) });

export function reportPeriods(period: Period): ReportPeriods {
  const length = monthsBetween(monthStart(period.from), monthStart(period.to)).length;
  return { current: period, previous: shift(period, -length), lastYear: shift(period, -12) };
}

/**
 * Everything the periodic report of a unit states, for one period and the two it is compared
 * with: the dashboards' indicators (same module, same scope rules) and the imported history.
 */
export async function periodicReportData(actor: Actor, code: string, period: Period): Promise<PeriodicReportData> {
  const unit = await getUnit(actor, code);
  const periods = reportPeriods(period);
  const [current, previous, lastYear, hCurrent, hPrevious, hLastYear, parent] = await Promise.all([
    unitIndicators(actor, code, periods.current),
    unitIndicators(actor, code, periods.previous),
    unitIndicators(actor, code, periods.lastYear),
    historyFigures(actor, code, periods.current),
    historyFigures(actor, code, periods.previous),
    historyFigures(actor, code, periods.lastYear),
    unit.level === "commune" ? getUnit(actor, unit.provinceCode!).catch(() => null) : Promise.resolve(null),
  ]);
  return {
    unit,
    parent: parent ?? (unit.level === "commune" ? { ...unit, code: unit.provinceCode!, name: unit.provinceName!, level: "province" } : null),
    periods,
    issuedOn: vnToday(),
    current,
    previous,
    lastYear,
    history: { current: hCurrent, previous: hPrevious, lastYear: hLastYear },
  };
}
