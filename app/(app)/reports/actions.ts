"use server";

import { revalidatePath } from "next/cache";
import { scopedAction } from "@/lib/actions/scoped-action";
import { approveReport, returnReport, submitReport } from "@/lib/dal/reports";
import { updateReportSettings } from "@/lib/dal/settings";
import { deadlineSettingSchema, reportApproveSchema, reportReturnSchema, reportSubmitSchema } from "@/lib/validation/reports";

export const submitReportAction = scopedAction(reportSubmitSchema, async (actor, input) => {
  await submitReport(actor, input);
  revalidatePath("/reports", "layout");
  return { ok: true, notice: { key: "reports.submittedDone" } };
});

export const approveReportAction = scopedAction(reportApproveSchema, async (actor, input) => {
  await approveReport(actor, input);
  revalidatePath("/reports", "layout");
  return { ok: true, notice: { key: "reports.approvedDone" } };
});

export const returnReportAction = scopedAction(reportReturnSchema, async (actor, input) => {
  await returnReport(actor, input);
  revalidatePath("/reports", "layout");
  return { ok: true, notice: { key: "reports.returnedDone" } };
});

export const updateDeadlineAction = scopedAction(deadlineSettingSchema, async (actor, input) => {
  await updateReportSettings(actor, input);
  revalidatePath("/reports", "layout");
  return { ok: true, notice: { key: "reports.saved" } };
});
