// Reading the audit trail for /admin/audit: filters (action, actor, target, UTC
// date range) and pages, newest first. Admins only; each read is itself recorded.
// Page views (`*.viewed`: every audit page load, every student page) would drown
// the events an admin looks for, so a plain listing hides them and counts them
// by kind; a target filter (one person's record, reads included) or asking for
// a view action shows them, and the `views` filter decides explicitly.
import "server-only";
import { z } from "zod";
import type { Prisma } from "../db/generated/client";
import { db } from "../db/client";
import { containsIgnoringCase } from "../db/dialect";
import { assertRole, type SessionUser } from "../auth/session-user";
import { recordEvent } from "./events";
import { plusDays, startOfLocalDate } from "../time/zones";
import { humanMessage } from "../validation/messages";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { localizeText, translatorFor } from "../i18n/translate";

export const AUDIT_PAGE_SIZE = 50;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "audit.dateFormat")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "audit.noSuchDate");
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    schema.optional(),
  );

export const auditFilterSchema = z.object({
  action: optional(
    z
      .string()
      .max(64)
      .regex(/^[a-z_.]+$/, "audit.pickAction"),
  ),
  actor: optional(z.string().max(254)),
  target: optional(z.string().max(254)),
  from: optional(day),
  to: optional(day),
  views: optional(z.enum(["show", "hide"])),
  page: z
    .preprocess((v) => (v === undefined || v === "" ? 1 : v), z.coerce.number().int().min(1).max(100_000))
    .catch(1),
});

export type AuditFilters = z.infer<typeof auditFilterSchema>;

const isViewAction = (action: string) => action.endsWith(".viewed");

/** Whether page-view events are listed for these filters (see the top of this file). */
export function viewsShown(filters: AuditFilters): boolean {
  if (filters.action && isViewAction(filters.action)) return true;
  if (filters.views) return filters.views === "show";
  return Boolean(filters.target);
}

const FIELD = {
  action: "audit.field.action",
  actor: "audit.field.actor",
  target: "audit.field.target",
  from: "audit.field.from",
  to: "audit.field.to",
  views: "audit.field.views",
  page: "audit.field.page",
} as const;

/**
 * Reads URL search params leniently: an invalid filter is dropped and reported
 * (problems), never a crash. A reversed date range is swapped and explained (notes).
 * Problems and notes are worded in `locale`.
 */
export function parseAuditFilters(
  params: Record<string, string | string[] | undefined>,
  locale: Locale = DEFAULT_LOCALE,
): {
  filters: AuditFilters;
  problems: string[];
  notes: string[];
} {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const t = translatorFor(locale);
  const problems: string[] = [];
  const filters: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(auditFilterSchema.shape)) {
    const parsed = (schema as z.ZodType).safeParse(flat[key], { error: (issue) => humanMessage(issue, locale) });
    if (parsed.success) filters[key] = parsed.data;
    else {
      const message = parsed.error.issues[0]?.message;
      problems.push(
        t("audit.problem", {
          field: t(FIELD[key as keyof typeof FIELD]),
          message: message ? localizeText(message, locale) : t("audit.invalid"),
        }),
      );
    }
  }
  const parsed = auditFilterSchema.parse(filters);
  const notes: string[] = [];
  if (parsed.from && parsed.to && parsed.from > parsed.to) {
    notes.push(t("audit.swapped", { from: parsed.from, to: parsed.to }));
    [parsed.from, parsed.to] = [parsed.to, parsed.from];
  }
  return { filters: parsed, problems, notes };
}

export type AuditRow = {
  id: number;
  at: Date;
  action: string;
  actor: { id: string; label: string } | null;
  /** `phaseNumber`: for a phase (exam settings), shown as "Phase 06". */
  target: { type: string | null; id: string; label: string | null; phaseNumber: number | null } | null;
  requestId: string | null;
  detail: Record<string, unknown> | null;
};

export type AuditPage = {
  rows: AuditRow[];
  total: number;
  page: number;
  pages: number;
  actions: string[];
  /** Page-view events left out of this listing, per action (empty when they are shown). */
  hiddenViews: { action: string; count: number }[];
};

/**
 * Users whose id is the text, or whose email or name contains it literally.
 * Prisma's `contains` is a LIKE that does not escape % and _, so "%" would match
 * everyone: LIKE narrows the candidates (a superset) and the exact substring
 * test below decides.
 */
async function matchingUserIds(text: string): Promise<string[]> {
  const needle = text.toLowerCase();
  const users = await db().user.findMany({
    where: { OR: [{ id: text }, { email: containsIgnoringCase(needle) }, { name: containsIgnoringCase(text) }] },
    select: { id: true, email: true, name: true },
    take: 2000,
  });
  return users
    .filter((u) => u.id === text || u.email.toLowerCase().includes(needle) || u.name.toLowerCase().includes(needle))
    .map((u) => u.id);
}

/** `zone`: the viewer's, so "from 3 Dec" starts at their midnight of 3 Dec. */
async function whereOf(filters: AuditFilters, zone: string): Promise<Prisma.EventLogWhereInput> {
  const and: Prisma.EventLogWhereInput[] = [];
  if (filters.action) and.push({ action: filters.action });
  if (filters.actor) {
    const ids = await matchingUserIds(filters.actor);
    and.push(filters.actor.toLowerCase() === "system" ? { actorId: null } : { actorId: { in: ids } });
  }
  if (filters.target) {
    // A person's events include those aimed at their invites (issue, redemption).
    const ids = await matchingUserIds(filters.target);
    const invites = await db().invite.findMany({ where: { userId: { in: ids } }, select: { id: true } });
    and.push({ targetId: { in: [...ids, ...invites.map((i) => i.id), filters.target] } });
  }
  if (filters.from) and.push({ at: { gte: startOfLocalDate(zone, filters.from) } });
  if (filters.to) and.push({ at: { lt: startOfLocalDate(zone, plusDays(filters.to, 1)) } });
  return and.length ? { AND: and } : {};
}

function parseDetail(detail: string | null): Record<string, unknown> | null {
  if (!detail) return null;
  try {
    const value: unknown = JSON.parse(detail);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function listAuditEvents(
  viewer: SessionUser,
  filters: AuditFilters,
  requestId: string | null = null,
): Promise<AuditPage> {
  assertRole(viewer, "admin");
  const matching = await whereOf(filters, viewer.timeZone);
  const actionGroups = await db().eventLog.groupBy({ by: ["action"], orderBy: { action: "asc" } });
  const viewActions = actionGroups.map((g) => g.action).filter(isViewAction);
  const hide = !viewsShown(filters) && viewActions.length > 0;
  const where: Prisma.EventLogWhereInput = hide ? { AND: [matching, { action: { notIn: viewActions } }] } : matching;
  const [total, hiddenGroups] = await Promise.all([
    db().eventLog.count({ where }),
    hide
      ? db().eventLog.groupBy({
          by: ["action"],
          where: { AND: [matching, { action: { in: viewActions } }] },
          _count: { _all: true },
          orderBy: { action: "asc" },
        })
      : Promise.resolve([]),
  ]);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(filters.page, pages);
  const events = await db().eventLog.findMany({
    where,
    orderBy: { id: "desc" },
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });
  const userIds = [...new Set(events.flatMap((e) => [e.actorId, e.targetId]).filter((v): v is string => Boolean(v)))];
  const phaseIds = events.filter((e) => e.targetType === "phase" && e.targetId).map((e) => e.targetId!);
  const phases = new Map(
    phaseIds.length
      ? (await db().phase.findMany({ where: { id: { in: phaseIds } }, select: { id: true, number: true } })).map(
          (p) => [p.id, p.number],
        )
      : [],
  );
  const users = new Map(
    (await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } })).map((u) => [
      u.id,
      u.email,
    ]),
  );
  await db().$transaction((tx) =>
    recordEvent(tx, {
      actorId: viewer.id,
      action: "audit.viewed",
      requestId,
      detail: {
        page,
        action: filters.action ?? null,
        actor: filters.actor ?? null,
        target: filters.target ?? null,
        from: filters.from ?? null,
        to: filters.to ?? null,
        views: hide ? "hidden" : "shown",
      },
    }),
  );
  return {
    total,
    page,
    pages,
    actions: actionGroups.map((g) => g.action),
    hiddenViews: hiddenGroups.map((g) => ({ action: g.action, count: g._count._all })),
    rows: events.map((e) => ({
      id: e.id,
      at: e.at,
      action: e.action,
      actor: e.actorId ? { id: e.actorId, label: users.get(e.actorId) ?? e.actorId } : null,
      target: e.targetId
        ? {
            type: e.targetType,
            id: e.targetId,
            label: users.get(e.targetId) ?? null,
            phaseNumber: phases.get(e.targetId) ?? null,
          }
        : null,
      requestId: e.requestId,
      detail: parseDetail(e.detail),
    })),
  };
}
