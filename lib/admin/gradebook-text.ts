// The at-risk reasons in words: the message (under admin.gradebook.risk) and its
// values, one function for the page and the CSV download.
import { INACTIVE_DAYS, OVERDUE_BACKLOG, type RiskFlag } from "./gradebook-risk";

export type RiskMessage = {
  key: "inactive" | "inactiveNever" | "backlog" | "failedExam";
  values: Record<string, number>;
};

export function riskReason(flag: RiskFlag): RiskMessage {
  switch (flag.kind) {
    case "inactive":
      return flag.days === null
        ? { key: "inactiveNever", values: { days: INACTIVE_DAYS } }
        : { key: "inactive", values: { days: flag.days } };
    case "backlog":
      return { key: "backlog", values: { overdue: flag.overdue, threshold: OVERDUE_BACKLOG } };
    case "failedExam":
      return { key: "failedExam", values: { phase: flag.phaseNumber, failures: flag.failures } };
  }
}
