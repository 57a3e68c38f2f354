"use client";
// The review session's grade and undo, for when there is no connection: a grade is
// queued in IndexedDB with a client id, the card, the answer, the time and the state
// it was given against (lib/offline/store.ts); undo takes back a grade not yet sent.
// Same shapes as the server actions, so the session UI is the same online and offline.
import type { FormAction, FormState } from "@/lib/actions/form-state";
import { gradedLocally } from "@/lib/offline/offline-queue";
import { enqueueGrade, getCard, readAll, removeQueued, updateCard } from "@/lib/offline/store";
import type { GradeResult, UndoResult } from "@/lib/review/grading";
import { bothScales, type Scheduler } from "@/lib/review/rating";

type Text = {
  queued: (grade: number) => string;
  queuedRating: (rating: number) => string;
  undoSent: string;
  undone: string;
  failed: string;
};

const field = (fd: FormData, name: string) => {
  const v = fd.get(name);
  return typeof v === "string" ? v : "";
};

export function localActions(scheduler: Scheduler, text: Text) {
  const before = new Map<string, Awaited<ReturnType<typeof getCard>>>();

  const grade: FormAction<GradeResult> = async (_prev, fd): Promise<FormState<GradeResult>> => {
    const cardId = field(fd, "cardId");
    const answer = Number(field(fd, "grade"));
    const card = await getCard(cardId);
    if (!card) return { status: "error", message: text.failed };
    const now = new Date();
    const id = crypto.randomUUID();
    const after = gradedLocally(card, scheduler, answer, now);
    await enqueueGrade(
      {
        id,
        cardId,
        answer,
        scale: scheduler,
        givenAt: now.toISOString(),
        basis: { dueAt: card.dueAt, repetitions: card.repetitions },
      },
      after.card,
    );
    before.set(id, card);
    const { grade: g, rating } = bothScales(scheduler, answer);
    return {
      status: "success",
      message: scheduler === "fsrs" ? text.queuedRating(rating) : text.queued(g),
      data: {
        logId: id,
        cardId,
        grade: g,
        rating,
        scheduler,
        redrill: card.redrill === true,
        needsRedrill: after.needsRedrill,
        dueAt: after.estimatedDueAt,
        intervalDays: after.intervalDays,
      },
    };
  };

  const undo: FormAction<UndoResult> = async (_prev, fd): Promise<FormState<UndoResult>> => {
    const id = field(fd, "logId");
    const card = before.get(id);
    const { queue } = await readAll();
    const queued = queue.find((g) => g.id === id);
    if (!card || !queued) return { status: "error", message: text.undoSent };
    await removeQueued(id);
    await updateCard(card);
    before.delete(id);
    return { status: "success", message: text.undone, data: { cardId: card.id, grade: queued.answer, redrill: false } };
  };

  return { grade, undo, owns: (id: string) => before.has(id) };
}
