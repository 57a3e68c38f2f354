// An invite link with the person it belongs to said beside it, on screen and as the
// field's name: an admin copying links quickly sends each to the right person.
import { useTranslations } from "next-intl";
import { CopyLink } from "@/components/ui/copy-link";

export type InvitedPerson = { name: string; email: string };

/** Isolated from the sentence around it, so a right-to-left name cannot reorder it. */
const isolate = (text: string) => `\u2068${text}\u2069`;

export function InviteLink({ url, person, testId }: { url: string; person: InvitedPerson; testId: string }) {
  const t = useTranslations("admin");
  const label = t("inviteForm.linkFor", { name: isolate(person.name), email: isolate(person.email) });
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium" data-testid={`${testId}-person`}>
        {label}
      </p>
      <CopyLink url={url} label={label} testId={testId} />
    </div>
  );
}
