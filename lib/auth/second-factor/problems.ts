// What a refused second factor tells the user, by reason (the audit row keeps the reason code).
import "server-only";
import { requestLocale } from "../../i18n/request-locale";
import { localizeText } from "../../i18n/translate";
import type { FactorProblem } from "./second-step";

const PROBLEM_KEYS = {
  wrong_code: "auth.twoFactor.problems.wrong_code",
  replayed_code: "auth.twoFactor.problems.replayed_code",
  no_such_factor: "auth.twoFactor.problems.no_such_factor",
  expired_challenge: "auth.twoFactor.problems.expired_challenge",
  unknown_challenge: "auth.twoFactor.problems.unknown_challenge",
  wrong_origin: "auth.twoFactor.problems.wrong_origin",
  unknown_passkey: "auth.twoFactor.problems.unknown_passkey",
  counter_went_backwards: "auth.twoFactor.problems.counter_went_backwards",
  passkey_refused: "auth.twoFactor.problems.passkey_refused",
  account_inactive: "auth.twoFactor.problems.account_inactive",
} as const satisfies Record<FactorProblem | "account_inactive", string>;

export async function problemMessage(reason: keyof typeof PROBLEM_KEYS): Promise<string> {
  return localizeText(PROBLEM_KEYS[reason], await requestLocale());
}
