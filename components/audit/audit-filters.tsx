// The filter form of /admin/audit: a plain GET form, so filters live in the URL
// and work without JavaScript.
import { getTimeZone, getTranslations } from "next-intl/server";
import { type AuditFilters, viewsShown } from "@/lib/audit/queries";
import { getActionDescriber } from "./action-labels";

const input =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-950";

export async function AuditFilterForm({ filters, actions }: { filters: AuditFilters; actions: string[] }) {
  const [t, describe, zone] = await Promise.all([getTranslations("audit"), getActionDescriber(), getTimeZone()]);
  return (
    <form
      method="get"
      action="/admin/audit"
      // As many columns as fit at 12rem each: a date field needs 11rem to show its whole format.
      className="grid grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] gap-3"
      aria-label={t("filters.formLabel")}
    >
      <div className="space-y-1">
        <label htmlFor="action" className="block text-sm font-medium">
          {t("filters.action")}
        </label>
        <select id="action" name="action" defaultValue={filters.action ?? ""} className={input}>
          <option value="">{t("filters.anyAction")}</option>
          {actions.map((a) => (
            <option key={a} value={a} title={describe(a)}>
              {a}
            </option>
          ))}
        </select>
      </div>
      <TextFilter
        name="actor"
        label={t("filters.actor")}
        value={filters.actor}
        placeholder={t("filters.actorPlaceholder")}
      />
      <TextFilter
        name="target"
        label={t("filters.target")}
        value={filters.target}
        placeholder={t("filters.targetPlaceholder")}
      />
      <div className="space-y-1">
        <label htmlFor="from" className="block text-sm font-medium">
          {t("filters.from", { zone })}
        </label>
        <input id="from" name="from" type="date" defaultValue={filters.from ?? ""} className={input} />
      </div>
      <div className="space-y-1">
        <label htmlFor="to" className="block text-sm font-medium">
          {t("filters.to", { zone })}
        </label>
        <input id="to" name="to" type="date" defaultValue={filters.to ?? ""} className={input} />
      </div>
      <div className="space-y-1">
        <label htmlFor="views" className="block text-sm font-medium">
          {t("filters.views")}
        </label>
        <select id="views" name="views" defaultValue={viewsShown(filters) ? "show" : "hide"} className={input}>
          <option value="hide">{t("filters.hidden")}</option>
          <option value="show">{t("filters.shown")}</option>
        </select>
      </div>
      <div className="flex items-end gap-2">
        <button
          type="submit"
          className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("filters.submit")}
        </button>
        <a
          href="/admin/audit"
          className="rounded-lg border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {t("filters.clear")}
        </a>
      </div>
    </form>
  );
}

function TextFilter(props: { name: string; label: string; value: string | undefined; placeholder: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={props.name} className="block text-sm font-medium">
        {props.label}
      </label>
      <input
        id={props.name}
        name={props.name}
        defaultValue={props.value ?? ""}
        placeholder={props.placeholder}
        className={input}
      />
    </div>
  );
}
