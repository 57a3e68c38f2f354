// The filter form of /admin/audit: a plain GET form, so filters live in the URL
// and work without JavaScript.
import { type AuditFilters, viewsShown } from "@/lib/audit/queries";

const input =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-950";

export function AuditFilterForm({ filters, actions }: { filters: AuditFilters; actions: string[] }) {
  return (
    <form
      method="get"
      action="/admin/audit"
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-7"
      aria-label="Filter the audit log"
    >
      <div className="space-y-1 lg:col-span-1">
        <label htmlFor="action" className="block text-sm font-medium">
          Action
        </label>
        <select id="action" name="action" defaultValue={filters.action ?? ""} className={input}>
          <option value="">Any action</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      <TextFilter name="actor" label="Actor" value={filters.actor} placeholder="email, name or system" />
      <TextFilter name="target" label="Target" value={filters.target} placeholder="email or id" />
      <div className="space-y-1">
        <label htmlFor="from" className="block text-sm font-medium">
          From (UTC)
        </label>
        <input id="from" name="from" type="date" defaultValue={filters.from ?? ""} className={input} />
      </div>
      <div className="space-y-1">
        <label htmlFor="to" className="block text-sm font-medium">
          To (UTC)
        </label>
        <input id="to" name="to" type="date" defaultValue={filters.to ?? ""} className={input} />
      </div>
      <div className="space-y-1">
        <label htmlFor="views" className="block text-sm font-medium">
          Page views
        </label>
        <select id="views" name="views" defaultValue={viewsShown(filters) ? "show" : "hide"} className={input}>
          <option value="hide">Hidden</option>
          <option value="show">Shown</option>
        </select>
      </div>
      <div className="flex items-end gap-2">
        <button
          type="submit"
          className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          Filter
        </button>
        <a
          href="/admin/audit"
          className="rounded-lg border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Clear
        </a>
      </div>
    </form>
  );
}

function TextFilter(props: { name: string; label: string; value: string | undefined; placeholder: string }) {
  return (
    <div className="space-y-1 lg:col-span-1">
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
