/** "còn 2 ngày" / "hôm nay là hạn cuối" / "quá hạn 3 ngày", from the home namespace's translator. */
export function dueDays(t: (key: "daysLeft" | "daysLate", values: { days: number }) => string, daysLeft: number): string {
  return daysLeft >= 0 ? t("daysLeft", { days: daysLeft }) : t("daysLate", { days: -daysLeft });
}
