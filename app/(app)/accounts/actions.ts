"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { redirect } from "next/navigation";
import { signIn } from "@/auth";
import { scopedAction } from "@/lib/actions/scoped-action";
import { accountCreateProblems, changeOwnPassword, createAccount, passwordChangeProblems, resetAccountPassword, setAccountDisabled, updateAccount } from "@/lib/dal/accounts";
import { updateLeadPhone } from "@/lib/dal/account-bulk";
import { leadPhoneSchema } from "@/lib/validation/account-bulk";
import { accountCreateSchema, accountPlace, accountUpdateSchema, passwordChangeFields, passwordChangeSchema } from "@/lib/validation/accounts";
import { choiceField, idField } from "@/lib/validation/primitives";

export const createAccountAction = scopedAction(
  accountCreateSchema,
  async (actor, input) => {
    const id = await createAccount(actor, input);
    redirect(`/accounts/${id}?created=1`);
  },
  // A refused form also says, in the same round, whether the username is taken and the unit usable.
  { alsoCheck: (actor, values) => accountCreateProblems(actor, accountPlace(values)) },
);

export const updateAccountAction = scopedAction(accountUpdateSchema, async (actor, input) => {
  await updateAccount(actor, input);
  revalidatePath(`/accounts/${input.id}`);
  return { ok: true, notice: { key: "accounts.saved" } };
});

export const updateLeadPhoneAction = scopedAction(leadPhoneSchema, async (actor, input) => {
  await updateLeadPhone(actor, input);
  revalidatePath(`/accounts/${input.id}`);
  return { ok: true, notice: { key: "accounts.phoneSaved" } };
});

const idSchema = z.object({ id: idField() });

export const disableAccountAction = scopedAction(idSchema.extend({ disabled: choiceField(["1", "0"]) }), async (actor, input) => {
  await setAccountDisabled(actor, input.id, input.disabled === "1");
  revalidatePath(`/accounts/${input.id}`);
  return { ok: true, notice: { key: input.disabled === "1" ? "accounts.disabledDone" : "accounts.enabledDone" } };
});

export const resetPasswordAction = scopedAction(idSchema, async (actor, input) => {
  const password = await resetAccountPassword(actor, input.id);
  return { ok: true, notice: { key: "accounts.resetDone", values: { password } } };
});

/** Changing one's password ends every session; this browser signs in again with the new one. */
export const changePasswordAction = scopedAction(
  passwordChangeSchema,
  async (actor, input) => {
    await changeOwnPassword(actor, input);
    await signIn("credentials", { username: actor.username, password: input.newPassword, redirectTo: "/" });
    return { ok: true, notice: { key: "password.saved" } };
  },
  // A refused form also says, in the same round, whether the current password is right and the new one allowed.
  { allowTemporaryPassword: true, alsoCheck: (actor, values) => passwordChangeProblems(actor, passwordChangeFields(values)) },
);
