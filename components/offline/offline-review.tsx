"use client";
// /review with offline support (docs/offline-review.md). Online ("online" mode) it
// keeps the student's deck in IndexedDB, registers the service worker, sends grades
// queued earlier and grades through the server actions; when the connection drops
// mid-session the same session goes on with grades queued on the device. The
// offline shell ("shell" mode, /review/offline, served by the worker for /review
// without a network) builds its session from the kept deck. Either way the queue is
// sent, in order, as soon as the browser is online again.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { type ClientCard, ReviewSession } from "@/components/review/review-session";
import { Notice } from "@/components/ui/primitives";
import type { FormAction } from "@/lib/actions/form-state";
import { offlineSession } from "@/lib/offline/offline-queue";
import { registerWorker } from "@/lib/offline/register";
import {
  type DeckCard,
  dismissRefused,
  getCard,
  readAll,
  type RefusedGrade,
  saveDeck,
  updateCard,
} from "@/lib/offline/store";
import { flushQueue } from "@/lib/offline/sync-client";
import type { GradeResult, UndoResult } from "@/lib/review/grading";
import type { Scheduler } from "@/lib/review/rating";
import { localActions } from "./local-actions";
import { OfflineStatus, type SyncNote } from "./offline-status";
import { useOnline } from "./use-online";

type Online = {
  mode: "online";
  ownerId: string;
  scheduler: Scheduler;
  /** Null on a one-phase page: the kept deck is the whole review's. */
  deck: DeckCard[] | null;
  initialCards: ClientCard[];
  nextDueAt: string | null;
  gradeCard: FormAction<GradeResult>;
  undoGrade: FormAction<UndoResult>;
};
type Props = Online | { mode: "shell" };

const RATING_KEYS = { 1: "fsrs.rating.1", 2: "fsrs.rating.2", 3: "fsrs.rating.3", 4: "fsrs.rating.4" } as const;

function Html({ html }: { html: string }) {
  // Sanitised on the server (lib/offline/card-html.ts) before it was kept.
  return <div className="prose-portal" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function toClientCard(c: DeckCard): ClientCard {
  return {
    id: c.id,
    front: <Html html={c.frontHtml} />,
    back: <Html html={c.backHtml} />,
    phaseNumber: c.phaseNumber,
    phaseTitle: c.phaseTitle,
    isNew: c.dueAt === null,
    redrill: c.redrill === true,
    ...(c.intervals && !c.redrill ? { intervals: c.intervals } : {}),
  };
}

export function OfflineCapableReview(props: Props) {
  const t = useTranslations("review");
  const online = useOnline();
  const [waiting, setWaiting] = useState(0);
  const [refused, setRefused] = useState<RefusedGrade[]>([]);
  const [note, setNote] = useState<SyncNote | null>(null);
  const [update, setUpdate] = useState<(() => void) | null>(null);
  const [shell, setShell] = useState<{ scheduler: Scheduler; cards: ClientCard[]; kept: boolean } | null>(null);
  const scheduler = props.mode === "online" ? props.scheduler : (shell?.scheduler ?? "sm2");
  const onlineBefore = useRef(new Map<string, DeckCard>());

  const local = useMemo(
    () =>
      localActions(scheduler, {
        queued: (grade) => t("offline.queued", { grade }),
        queuedRating: (r) => t("offline.queuedRating", { label: t(RATING_KEYS[r as 1 | 2 | 3 | 4]) }),
        undoSent: t("offline.undoSent"),
        undone: t("undone"),
        failed: t("session.gradeFailed"),
      }),
    [scheduler, t],
  );

  const refresh = useCallback(async () => {
    const s = await readAll();
    setWaiting(s.queue.length);
    setRefused(s.refused);
    return s;
  }, []);

  const sync = useCallback(async () => {
    const { queue } = await refresh();
    if (!queue.length) return;
    setNote({ kind: "sending" });
    const r = await flushQueue();
    if (r.stopped && r.stopped !== "offline") setNote({ kind: "stopped", message: r.message ?? "" });
    else setNote(r.sent + r.refused > 0 ? { kind: "sent", count: r.sent } : null);
    await refresh();
  }, [refresh]);

  const mode = props.mode;
  const deck = props.mode === "online" ? props.deck : null;
  const ownerId = props.mode === "online" ? props.ownerId : null;
  useEffect(() => {
    void (async () => {
      if (mode === "online") {
        if (deck && ownerId) await saveDeck({ userId: ownerId, scheduler, savedAt: new Date().toISOString() }, deck);
      } else {
        const s = await refresh();
        const kept = s.owner?.scheduler ?? "sm2";
        setShell({
          scheduler: kept,
          cards: offlineSession(s.deck, new Date()).map(toClientCard),
          kept: s.owner !== null,
        });
      }
      if (navigator.onLine) await sync();
      else await refresh();
    })();
    void registerWorker((apply) => setUpdate(() => apply));
    // Once per page: the deck is what the server rendered with this page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode]);

  // Back online: the queue goes at once.
  useEffect(() => {
    const send = () => void sync();
    window.addEventListener("online", send);
    return () => window.removeEventListener("online", send);
  }, [sync]);

  const grade = useCallback<FormAction<GradeResult>>(
    async (prev, fd) => {
      if (props.mode === "online" && navigator.onLine) {
        try {
          const r = await props.gradeCard(prev, fd);
          const card = r.status === "success" && r.data ? await getCard(r.data.cardId) : undefined;
          if (card && r.data) {
            onlineBefore.current.set(r.data.logId, card);
            const dueAt = new Date(r.data.dueAt).toISOString();
            await updateCard({ ...card, gradedAt: new Date().toISOString(), redrill: r.data.needsRedrill, dueAt });
          }
          return r;
        } catch {
          // The connection went while sending: the grade is kept here instead.
        }
      }
      const r = await local.grade(prev, fd);
      await refresh();
      return r;
    },
    [props, local, refresh],
  );

  const undo = useCallback<FormAction<UndoResult>>(
    async (prev, fd) => {
      const logId = String(fd.get("logId") ?? "");
      if (local.owns(logId)) {
        const r = await local.undo(prev, fd);
        await refresh();
        return r;
      }
      if (props.mode !== "online" || !navigator.onLine) return { status: "error", message: t("offline.undoOffline") };
      const r = await props.undoGrade(prev, fd);
      const card = onlineBefore.current.get(logId);
      if (r.status === "success" && card) await updateCard(card);
      return r;
    },
    [props, local, refresh, t],
  );

  const status = (
    <OfflineStatus
      online={online}
      waiting={waiting}
      note={note}
      refused={refused}
      onDismiss={() => void dismissRefused().then(refresh)}
      update={update}
      linkOnline={props.mode === "shell"}
    />
  );
  if (props.mode === "online")
    return (
      <>
        {status}
        <ReviewSession
          scheduler={props.scheduler}
          initialCards={props.initialCards}
          nextDueAt={props.nextDueAt}
          gradeCard={grade}
          undoGrade={undo}
        />
      </>
    );
  return (
    <>
      {status}
      {shell === null ? null : !shell.kept ? (
        <Notice>{t("offline.noDeck")}</Notice>
      ) : (
        <ReviewSession
          scheduler={shell.scheduler}
          initialCards={shell.cards}
          nextDueAt={null}
          gradeCard={grade}
          undoGrade={undo}
        />
      )}
    </>
  );
}
