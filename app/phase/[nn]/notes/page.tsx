import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { courseTag, UntranslatedNote } from "@/components/content/course-text";
import { NoteEditor } from "@/components/journal/note-editor";
import { Notice, PageHeader } from "@/components/ui/primitives";
import { requireStudent } from "@/lib/auth/guards";
import { foreignLang, hasForeignText } from "@/lib/content/localize";
import { getPhase, parsePhaseNumber, phasePageTitle } from "@/lib/content/phases";
import { draftKey } from "@/lib/journal/draft";
import { readNote } from "@/lib/journal/notes";
import { formatPhaseNumber } from "@/lib/content/phase-number";
import { saveNoteAction } from "./actions";

type Props = { params: Promise<{ nn: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [journal, locale] = await Promise.all([getTranslations("journal"), getLocale()]);
  return { title: await phasePageTitle((await params).nn, journal("meta.section"), locale) };
}

export default async function NotesPage({ params }: Props) {
  const user = await requireStudent();
  const number = parsePhaseNumber((await params).nn);
  const locale = await getLocale();
  const phase = number === null ? null : await getPhase(number, locale);
  if (!phase) notFound();
  const note = await readNote(user, phase.number);
  if (!note) notFound();
  const nn = formatPhaseNumber(phase.number);
  const t = await getTranslations("journal");
  return (
    <>
      <PageHeader
        title={t.rich("title", {
          title: phase.title,
          course: courseTag(foreignLang(phase.lang, locale)),
        })}
        description={t("description")}
        actions={
          <div className="flex flex-wrap gap-2 text-sm">
            <Link
              className="rounded-lg border border-slate-300 px-3 py-1.5 dark:border-slate-700"
              href={`/phase/${nn}`}
            >
              {t("backToPhase", { nn })}
            </Link>
            {/* A download, not a page: plain <a> so the router does not try to render it. */}
            <a
              className="rounded-lg border border-slate-300 px-3 py-1.5 dark:border-slate-700"
              href="/me/export"
              download
            >
              {t("download")}
            </a>
          </div>
        }
      />
      <UntranslatedNote show={hasForeignText([phase], locale)} />
      {note.state === "unreadable" ? (
        <div className="mb-4">
          <Notice tone="error">
            <p className="font-semibold">{t("unreadable.title")}</p>
            <p className="mt-1">{t("unreadable.body")}</p>
          </Notice>
        </div>
      ) : null}
      <NoteEditor
        phase={phase.number}
        initialText={note.state === "ok" ? note.text : ""}
        initialVersion={note.version}
        initialSavedAt={note.state === "empty" ? null : note.savedAt}
        draftKey={draftKey(user.id, phase.number)}
        saveNote={saveNoteAction}
      />
    </>
  );
}
