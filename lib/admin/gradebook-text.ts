// The at-risk reasons in words, one function for the page and the CSV download.
import { INACTIVE_DAYS, OVERDUE_BACKLOG, type RiskFlag } from "./gradebook-risk";

type Translate = (key: string, values: Record<string, string | number>) => string;

export function riskReason(flag: RiskFlag, t: Translate): string {
  switch (flag.kind) {
    case "inactive":
      return flag.days === null
        ? t("admin.gradebook.risk.inactiveNever", { days: INACTIVE_DAYS })
        : t("admin.gradebook.risk.inactive", { days: flag.days });
    case "backlog":
      return t("admin.gradebook.risk.backlog", { overdue: flag.overdue, threshold: OVERDUE_BACKLOG });
    case "failedExam":
      return t("admin.gradebook.risk.failedExam", { phase: flag.phaseNumber, failures: flag.failures });
  }
}
