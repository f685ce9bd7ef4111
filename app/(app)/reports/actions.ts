"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { scopedAction } from "@/lib/actions/scoped-action";
import { approveReport, returnReport, submitReport } from "@/lib/dal/reports";
import { updateReportSettings } from "@/lib/dal/settings";
import { deadlineSettingSchema, reportApproveSchema, reportReturnSchema, reportSubmitSchema } from "@/lib/validation/reports";

/** After a review step the page shows the report's new state; the notice travels in the URL. */
const reportPath = (communeCode: string, month: string, done: string) => `/reports/${communeCode}/${month.slice(0, 7)}?done=${done}`;

export const submitReportAction = scopedAction(reportSubmitSchema, async (actor, input) => {
  await submitReport(actor, input);
  revalidatePath("/reports", "layout");
  redirect(reportPath(input.communeCode, input.month, "submit"));
});

export const approveReportAction = scopedAction(reportApproveSchema, async (actor, input) => {
  await approveReport(actor, input);
  revalidatePath("/reports", "layout");
  redirect(reportPath(input.communeCode, input.month, "approve"));
});

export const returnReportAction = scopedAction(reportReturnSchema, async (actor, input) => {
  await returnReport(actor, input);
  revalidatePath("/reports", "layout");
  redirect(reportPath(input.communeCode, input.month, "return"));
});

export const updateDeadlineAction = scopedAction(deadlineSettingSchema, async (actor, input) => {
  await updateReportSettings(actor, input);
  revalidatePath("/reports", "layout");
  return { ok: true, notice: { key: "reports.saved" } };
});
