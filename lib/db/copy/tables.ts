// The portal's tables in an order that satisfies every foreign key (parents
// first), with their Prisma delegates. A unit test checks that every model is
// either here or in NOT_COPIED, so a new model cannot be left out of a copy.
import type { Db } from "../client";

export type CopyTable = { model: string; delegate: keyof Db & string; table: string };

export const COPY_ORDER: readonly CopyTable[] = [
  { model: "User", delegate: "user", table: "User" },
  { model: "AuthSession", delegate: "authSession", table: "AuthSession" },
  { model: "Invite", delegate: "invite", table: "Invite" },
  { model: "PasswordReset", delegate: "passwordReset", table: "PasswordReset" },
  { model: "Phase", delegate: "phase", table: "Phase" },
  { model: "Card", delegate: "card", table: "Card" },
  { model: "ReviewState", delegate: "reviewState", table: "ReviewState" },
  { model: "ReviewLog", delegate: "reviewLog", table: "ReviewLog" },
  { model: "OfflineGrade", delegate: "offlineGrade", table: "OfflineGrade" },
  { model: "ExamQuestion", delegate: "examQuestion", table: "ExamQuestion" },
  { model: "ExamAttempt", delegate: "examAttempt", table: "ExamAttempt" },
  { model: "ExamStart", delegate: "examStart", table: "ExamStart" },
  { model: "ExamSettingsOverride", delegate: "examSettingsOverride", table: "ExamSettingsOverride" },
  { model: "ExamAccommodation", delegate: "examAccommodation", table: "ExamAccommodation" },
  { model: "Note", delegate: "note", table: "Note" },
  { model: "VaultKey", delegate: "vaultKey", table: "VaultKey" },
  { model: "VaultConfig", delegate: "vaultConfig", table: "VaultConfig" },
  { model: "OutboxMessage", delegate: "outboxMessage", table: "OutboxMessage" },
  { model: "Announcement", delegate: "announcement", table: "Announcement" },
  { model: "AnnouncementDismissal", delegate: "announcementDismissal", table: "AnnouncementDismissal" },
  { model: "FsrsParameters", delegate: "fsrsParameters", table: "FsrsParameters" },
  { model: "FsrsOptimizeRun", delegate: "fsrsOptimizeRun", table: "FsrsOptimizeRun" },
  { model: "SecondFactor", delegate: "secondFactor", table: "SecondFactor" },
  { model: "RecoveryCode", delegate: "recoveryCode", table: "RecoveryCode" },
  { model: "WebAuthnChallenge", delegate: "webAuthnChallenge", table: "WebAuthnChallenge" },
  { model: "SessionFactor", delegate: "sessionFactor", table: "SessionFactor" },
  { model: "EventLog", delegate: "eventLog", table: "event_log" },
];

/**
 * Models the copy leaves to the target itself: version tokens that the target's
 * own triggers write while the rows they follow go in (each token is random).
 */
export const NOT_COPIED: readonly string[] = ["ContentVersion", "StudentDataVersion"];

export type Row = Record<string, unknown> & { id: string | number };

/** The generic slice of a model delegate a copy needs (every model has an `id`). */
export type CopyDelegate = {
  count(): Promise<number>;
  findMany(args: {
    orderBy: { id: "asc" };
    take: number;
    skip?: number;
    cursor?: { id: string | number };
  }): Promise<Row[]>;
  createMany(args: { data: Row[] }): Promise<{ count: number }>;
};

export function delegateOf(client: unknown, table: CopyTable): CopyDelegate {
  return (client as Record<string, CopyDelegate>)[table.delegate]!;
}

/** Every row of a table in id order, a page at a time. */
export async function* pagesOf(client: unknown, table: CopyTable, pageSize: number): AsyncGenerator<Row[]> {
  const delegate = delegateOf(client, table);
  let cursor: string | number | undefined;
  for (;;) {
    const rows = await delegate.findMany({
      orderBy: { id: "asc" },
      take: pageSize,
      ...(cursor === undefined ? {} : { skip: 1, cursor: { id: cursor } }),
    });
    if (rows.length === 0) return;
    yield rows;
    cursor = rows.at(-1)!.id;
    if (rows.length < pageSize) return;
  }
}
