// The export as one zip, streamed: entries are decrypted and added one by one
// while the response is already flowing to the browser.
import * as archiverModule from "archiver";
import type { Archiver, ArchiverOptions } from "archiver";
import { Readable } from "node:stream";
import { assertRole, type SessionUser } from "../auth/session-user";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { logger } from "../observability/logger";
import { EXPORT_REFUSED, type ExportCounts, exportEntries } from "./collect";

// archiver 7 (installed) is CommonJS exporting a factory; @types/archiver 8 describes
// archiver 8's classes instead, so the factory is typed here.
const archiver = (archiverModule as unknown as { default: (format: "zip", options: ArchiverOptions) => Archiver })
  .default;

export function exportFileName(now = new Date()): string {
  return `miniportal-export-${now.toISOString().slice(0, 10)}.zip`;
}

/** A zip of everything the user owns, as a web stream for a route handler; its README in `locale`. */
export function exportArchive(
  user: SessionUser,
  now = new Date(),
  locale: Locale = DEFAULT_LOCALE,
): ReadableStream<Uint8Array> {
  assertRole(user, "student", EXPORT_REFUSED); // before the stream starts: a refusal, not a broken download
  const zip = archiver("zip", { zlib: { level: 6 } });
  const counts: ExportCounts = { notes: 0, unreadableNotes: 0, reviews: 0, attempts: 0 };
  const fill = async () => {
    for await (const entry of exportEntries(user, counts, now, locale)) {
      zip.append(entry.content, { name: entry.name, date: now });
    }
    await zip.finalize();
    logger().info(
      {
        event: "export.downloaded",
        student_id: user.id,
        notes: counts.notes,
        unreadable_notes: counts.unreadableNotes,
        reviews: counts.reviews,
        attempts: counts.attempts,
      },
      "data export",
    );
  };
  fill().catch((error: unknown) => {
    logger().error(
      { event: "export.failed", student_id: user.id, err: error instanceof Error ? error.name : "error" },
      "data export failed",
    );
    zip.destroy(error instanceof Error ? error : new Error("export failed"));
  });
  return Readable.toWeb(zip) as ReadableStream<Uint8Array>;
}
