// Whose clock a page and a review day follow: the account's own time zone when
// it chose one on /account (and it is still a zone this Node knows), else the
// cohort's (MINIPORTAL_TIMEZONE, validated at startup).
import { env } from "../env";
import { isTimeZone } from "./zones";

export function zoneOf(user: { timeZone: string | null }): string {
  return user.timeZone && isTimeZone(user.timeZone) ? user.timeZone : env().MINIPORTAL_TIMEZONE;
}
