"use server";
// A server action that fails unexpectedly after receiving a note and a password,
// for the e2e proof that Sentry gets the error but none of the input. Only with
// MINIPORTAL_TEST_ROUTES=1.
import { notFound } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { env } from "@/lib/env";

const schema = z.object({ note: z.string().max(10_000), password: z.string().max(1_000) });

export const failingAction = formAction({ schema, access: "user" }, async () => {
  if (!env().MINIPORTAL_TEST_ROUTES) notFound();
  // Careless code quoting a secret in a message: the scrubber must catch it.
  throw new Error(`deliberate action failure (master pass ${env().PORTAL_MASTER_PASS})`);
});
