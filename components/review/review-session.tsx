"use client";
// The review loop: front, then back (space or click), grade 0-5 by key or button
// (SM-2) or rate 1-4, Again/Hard/Good/Easy with the next interval on each (FSRS),
// undo (u) of the last grade. Cards graded below 4 come back a few cards later in
// this session until they score 4 or more; the server decides whether a grade
// changes the schedule. Status changes are announced through an aria-live region.
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import type { GradeResult, UndoResult } from "@/lib/review/grading";
import { Badge, Button, Card } from "@/components/ui/primitives";
import { LocalTime } from "@/components/ui/local-time";
import { GRADES, gradeTone } from "./grades";
import { formatPhaseNumber } from "@/lib/content/phase-number";

export type ClientCard = {
  id: string;
  front: ReactNode;
  back: ReactNode;
  phaseNumber: number;
  phaseTitle: string;
  /** The phase title's language when it differs from the page's (an untranslated title). */
  phaseTitleLang?: string;
  isNew: boolean;
  redrill: boolean;
  /** FSRS: the interval Again, Hard, Good and Easy would give. */
  intervals?: [number, number, number, number];
};
type Step = { logId: string; card: ClientCard; queueBefore: ClientCard[]; doneBefore: number; totalBefore: number };

/** The wording on each grade's button. */
const GRADE_LABELS = {
  0: "grade.blackout",
  1: "grade.wrong",
  2: "grade.familiar",
  3: "grade.hard",
  4: "grade.good",
  5: "grade.easy",
} as const;

/** A failed card reappears after this many other cards (or at the end). */
const REDRILL_GAP = 3;

function formData(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

const RATINGS = [1, 2, 3, 4] as const;
/** The wording on each FSRS answer's button. */
const RATING_LABELS = { 1: "fsrs.rating.1", 2: "fsrs.rating.2", 3: "fsrs.rating.3", 4: "fsrs.rating.4" } as const;

type Props = {
  /** The student's scheduler: SM-2 grades 0–5, FSRS rates 1–4. */
  scheduler?: "sm2" | "fsrs";
  initialCards: ClientCard[];
  nextDueAt: string | null;
  gradeCard: FormAction<GradeResult>;
  undoGrade: FormAction<UndoResult>;
};

export function ReviewSession({ scheduler = "sm2", initialCards, nextDueAt, gradeCard, undoGrade }: Props) {
  const fsrs = scheduler === "fsrs";
  const t = useTranslations("review");
  const [queue, setQueue] = useState(initialCards);
  const [revealed, setRevealed] = useState(false);
  const [done, setDone] = useState(0);
  const [total, setTotal] = useState(initialCards.length);
  const [history, setHistory] = useState<Step[]>([]);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState("");
  const [earliestDue, setEarliestDue] = useState(nextDueAt);
  const busyRef = useRef(false);
  const current = queue[0];

  const reveal = useCallback(() => {
    if (!current || revealed) return;
    setRevealed(true);
    setAnnouncement(fsrs ? t("fsrs.answerShown") : t("session.answerShown"));
  }, [current, revealed, t, fsrs]);

  const grade = useCallback(
    async (value: number) => {
      if (!current || !revealed || busyRef.current) return;
      busyRef.current = true;
      setBusy(true);
      setError("");
      try {
        const result = await gradeCard(
          idleState,
          formData({ cardId: current.id, grade: String(value), scale: scheduler }),
        );
        const logId = result.data?.logId;
        if (result.status !== "success" || !logId) {
          setError(result.message ?? t("session.gradeFailed"));
          setAnnouncement(result.message ?? t("session.gradeFailed"));
          return;
        }
        const again = result.data?.needsRedrill === true;
        const rest = queue.slice(1);
        const next = again
          ? [
              ...rest.slice(0, REDRILL_GAP),
              { ...current, redrill: true, intervals: undefined },
              ...rest.slice(REDRILL_GAP),
            ]
          : rest;
        setHistory((h) => [...h, { logId, card: current, queueBefore: queue, doneBefore: done, totalBefore: total }]);
        setQueue(next);
        setDone(done + 1);
        if (again) setTotal(total + 1);
        const dueAt = result.data?.dueAt.toISOString();
        if (dueAt && !again) setEarliestDue((e) => (e === null || dueAt < e ? dueAt : e));
        setRevealed(false);
        setAnnouncement(
          [
            result.message ?? t("session.gradedFallback", { grade: value }),
            again ? t("session.comesBack") : "",
            next.length ? "" : t("session.complete"),
          ]
            .filter(Boolean)
            .join(" "),
        );
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [current, revealed, queue, done, total, gradeCard, t, scheduler],
  );

  const undo = useCallback(async () => {
    const last = history.at(-1);
    if (!last || busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError("");
    try {
      const result = await undoGrade(idleState, formData({ logId: last.logId }));
      if (result.status !== "success") {
        setError(result.message ?? t("session.undoFailed"));
        setAnnouncement(result.message ?? t("session.undoFailed"));
        return;
      }
      setHistory((h) => h.slice(0, -1));
      setQueue(last.queueBefore);
      setDone(last.doneBefore);
      setTotal(last.totalBefore);
      setRevealed(false);
      setAnnouncement(t("session.undoDone"));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, [history, undoGrade, t]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      if (event.key === " " || event.key === "Enter") {
        // A focused button handles its own space/enter, and Enter follows a focused link.
        // Space on a link only scrolls: after arriving by the header's Review link (which
        // keeps focus), Space must still show the answer.
        if (target && (target.tagName === "BUTTON" || (target.tagName === "A" && event.key === "Enter"))) return;
        if (!revealed) {
          event.preventDefault();
          reveal();
        }
      } else if (fsrs ? /^[1-4]$/.test(event.key) : /^[0-5]$/.test(event.key)) {
        if (revealed) {
          event.preventDefault();
          void grade(Number(event.key));
        }
      } else if (event.key === "u" || event.key === "U") {
        event.preventDefault();
        void undo();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [revealed, reveal, grade, undo, fsrs]);

  const percent = total ? Math.round((done / total) * 100) : 100;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm soft">
        <span data-testid="review-progress">
          {queue.length
            ? t("session.progressLeft", { done, total, left: queue.length })
            : t("session.progress", { done, total })}
        </span>
        <Button
          variant="secondary"
          onClick={() => void undo()}
          disabled={!history.length || busy}
          aria-keyshortcuts="u"
        >
          {t("session.undo")}
        </Button>
      </div>
      <div
        role="progressbar"
        aria-label={t("session.progressLabel")}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p role="status" aria-live="polite" className="sr-only" data-testid="review-announcement">
        {announcement}
      </p>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}

      {current ? (
        <Card
          className="min-h-72"
          aria-label={t("session.cardLabel")}
          data-testid="review-card"
          data-card-id={current.id}
        >
          <div className="mb-4 flex flex-wrap items-center gap-2 text-xs">
            <Badge tone="brand">
              {t.rich("session.phaseBadge", {
                nn: formatPhaseNumber(current.phaseNumber),
                title: current.phaseTitle,
                course: (chunks) => <span lang={current.phaseTitleLang}>{chunks}</span>,
              })}
            </Badge>
            {current.isNew && !current.redrill ? <Badge tone="green">{t("session.new")}</Badge> : null}
            {current.redrill ? <Badge tone="amber">{t("session.again")}</Badge> : null}
          </div>
          <div className="text-lg font-medium" data-testid="review-front">
            {current.front}
          </div>
          {revealed ? (
            <div className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-800" data-testid="review-back">
              {current.back}
            </div>
          ) : (
            <div className="mt-8">
              <Button onClick={reveal} aria-keyshortcuts="Space">
                {t("session.showAnswer")}{" "}
                <kbd className="keyboard-hint rounded bg-brand-700 px-1.5 text-xs">{t("session.spaceKey")}</kbd>
              </Button>
            </div>
          )}
          {revealed ? (
            <fieldset className="mt-6" disabled={busy}>
              <legend className="mb-2 text-sm font-medium">{t("session.recall")}</legend>
              {fsrs ? (
                <div className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="fsrs-ratings">
                  {RATINGS.map((r) => (
                    <button
                      key={r}
                      type="button"
                      onClick={() => void grade(r)}
                      aria-keyshortcuts={String(r)}
                      data-rating={r}
                      className={`rounded-lg border px-2 py-2 text-sm transition disabled:opacity-50 ${gradeTone([1, 3, 4, 5][r - 1]!)}`}
                    >
                      <span className="block text-base font-semibold">
                        <span className="keyboard-hint mr-1 text-xs muted">{r}</span>
                        {t(RATING_LABELS[r])}
                      </span>
                      <span className="block text-xs soft" data-testid="fsrs-interval">
                        {current.intervals
                          ? t("fsrs.interval", { days: current.intervals[r - 1] ?? 0 })
                          : t("fsrs.noChange")}
                      </span>
                    </button>
                  ))}
                </div>
              ) : (
                <div className="grid grid-cols-2 gap-2 sm:grid-cols-6">
                  {GRADES.map((g) => (
                    <button
                      key={g}
                      type="button"
                      onClick={() => void grade(g)}
                      aria-keyshortcuts={String(g)}
                      className={`rounded-lg border px-2 py-2 text-sm transition disabled:opacity-50 ${gradeTone(g)}`}
                    >
                      <span className="block text-base font-semibold">{g}</span>
                      <span className="block text-xs soft">{t(GRADE_LABELS[g])}</span>
                    </button>
                  ))}
                </div>
              )}
            </fieldset>
          ) : null}
        </Card>
      ) : (
        <Card data-testid="review-empty">
          <h2 className="text-lg font-semibold">{done ? t("session.doneTitle") : t("session.emptyTitle")}</h2>
          <p className="mt-2 soft">
            {done ? `${t("session.reviewed", { count: done })} ` : ""}
            {earliestDue
              ? t.rich("session.nextDue", { time: () => <LocalTime value={earliestDue} /> })
              : t("session.noneScheduled")}
          </p>
        </Card>
      )}
      <p className="keyboard-hint text-xs muted">
        {t.rich(fsrs ? "fsrs.keys" : "session.keys", { kbd: (chunks) => <kbd>{chunks}</kbd> })}
      </p>
    </div>
  );
}
