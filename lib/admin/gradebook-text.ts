// The at-risk reasons in words: the message's catalogue path and its
// values, one function for the page and the CSV download.
import { INACTIVE_DAYS, OVERDUE_BACKLOG, type RiskFlag } from "./gradebook-risk";

export type RiskMessage = {
  key:
    | "admin.gradebook.risk.inactive"
    | "admin.gradebook.risk.inactiveNever"
    | "admin.gradebook.risk.backlog"
    | "admin.gradebook.risk.failedExam";
  values: Record<string, number>;
};

export function riskReason(flag: RiskFlag): RiskMessage {
  switch (flag.kind) {
    case "inactive":
      return flag.days === null
        ? { key: "admin.gradebook.risk.inactiveNever", values: { days: INACTIVE_DAYS } }
        : { key: "admin.gradebook.risk.inactive", values: { days: flag.days } };
    case "backlog":
      return { key: "admin.gradebook.risk.backlog", values: { overdue: flag.overdue, threshold: OVERDUE_BACKLOG } };
    case "failedExam":
      return { key: "admin.gradebook.risk.failedExam", values: { phase: flag.phaseNumber, failures: flag.failures } };
  }
}
