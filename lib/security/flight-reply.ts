// The grammar of a server-action body as this portal's browsers send it, checked
// before React's Flight reply decoder sees it: that decoder also accepts Maps,
// Blobs, server references, promises, streams and path references between
// chunks, and a body using them wrongly makes Next.js answer 500.
//
// What the portal's browsers send (every action takes the submitted form as its
// last argument; useActionState puts the previous state before it):
// * a fetch action: multipart, field "0" the argument list `[state, "$K1"]` or
//   `["$K1"]`, the form's fields as "_1_<name>";
// * an action whose id says it takes no argument: text/plain `[]`;
// * a form posted without JavaScript: multipart with `$ACTION_ID_<id>`, or
//   `$ACTION_REF_<p>` + `$ACTION_<p>:0` = `{"id":…,"bound":"$@1"}` +
//   `$ACTION_<p>:1` = `[state]` (+ `$ACTION_KEY`), and the form's own fields.
// A state is plain JSON whose strings may be "$$…" (a string starting with $),
// "$undefined", "$D<ISO date>" or a non-finite number; nothing else.
// Pure (no Next.js, no I/O) so it is unit-tested on its own.

/** The largest action body; next.config.ts gives Next.js the same limit (serverActions.bodySizeLimit). */
export const MAX_ACTION_BODY = 2 * 1024 * 1024;
/** (previous state, form): no portal action takes more. */
export const MAX_ARGUMENTS = 2;
/** Array and object levels, the argument list being the first (bulk-invite results need 5). */
const MAX_DEPTH = 8;
/** JSON values in one argument list (200 bulk-invite results are ~1 300). */
const MAX_VALUES = 20_000;
/** Multipart fields (an exam's answers are a few hundred at most). */
const MAX_FORM_ENTRIES = 1_000;

export type ReplyEntry = readonly [name: string, value: string | Blob];

/** Strings the decoder turns into something other than a reference (see the file comment). */
const PLAIN_STRING =
  /^\$(?:\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D[+-]?\d{4,6}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$)/;
const FORM_REFERENCE = /^\$K([0-9a-f]{1,8})$/;

/**
 * The most arguments action `id` takes. Next.js encodes it in the id's first byte
 * (six "argument used" bits and a rest-arguments bit); ids of `const x = f(…)`
 * exports say "unknown" (rest bit set), and then the portal's maximum applies.
 */
export function actionArity(id: string): number {
  if (!/^[0-9a-f]{2}/i.test(id)) return MAX_ARGUMENTS;
  const info = parseInt(id.slice(0, 2), 16);
  if (info & 1) return MAX_ARGUMENTS;
  let arity = 0;
  for (let i = 0; i < 6; i++) if ((info >> (6 - i)) & 1) arity = i + 1;
  return Math.min(arity, MAX_ARGUMENTS);
}

/** JSON.parse and the checks below recurse: nesting is counted on the text first (strings skipped). */
function nestingProblem(text: string): string | null {
  let open = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++open > MAX_DEPTH) return "nested too deeply";
    } else if (c === 93 || c === 125) open--;
  }
  return null;
}

function parseJson(text: string): { value: unknown } | { why: string } {
  const nested = nestingProblem(text);
  if (nested) return { why: nested };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { why: "not JSON" };
  }
}

/** A state value: plain JSON, with only the "$" strings of the file comment. */
function valueProblem(value: unknown, counter: { values: number }): string | null {
  if (++counter.values > MAX_VALUES) return "too many values";
  if (typeof value === "string") {
    return value.startsWith("$") && !PLAIN_STRING.test(value) ? `unsupported value "${value.slice(0, 2)}…"` : null;
  }
  if (value === null || typeof value !== "object") return null;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    const problem = valueProblem(child, counter);
    if (problem) return problem;
  }
  return null;
}

type Arguments = { why: string } | { form: string | null };

/** An argument list: states, then the form reference last (when `withForm`). */
function argumentsOf(text: string, arity: number, withForm: boolean): Arguments {
  const parsed = parseJson(text);
  if ("why" in parsed) return parsed;
  const list = parsed.value;
  if (!Array.isArray(list)) return { why: "not an argument list" };
  if (list.length > arity) return { why: `${list.length} arguments, at most ${arity}` };
  const counter = { values: 0 };
  let form: string | null = null;
  for (const [i, argument] of list.entries()) {
    const reference = typeof argument === "string" ? FORM_REFERENCE.exec(argument) : null;
    if (withForm && reference && i === list.length - 1) form = reference[1] ?? null;
    else {
      const problem = valueProblem(argument, counter);
      if (problem) return { why: problem };
    }
  }
  if (withForm && form === null && arity > 0) return { why: "no form" };
  return { form };
}

/** A text/plain fetch-action body: only an action taking no argument is called without a form. */
export function textReplyProblem(text: string, arity: number): string | null {
  const args = argumentsOf(text, arity, false);
  if ("why" in args) return args.why;
  return arity > 0 ? "no form" : null;
}

/** A multipart fetch-action body: field "0" and the fields of the one form it references. */
export function formReplyProblem(entries: readonly ReplyEntry[], arity: number): string | null {
  if (entries.length > MAX_FORM_ENTRIES) return "too many fields";
  const roots = entries.filter(([name]) => name === "0");
  const root = roots[0]?.[1];
  if (roots.length !== 1 || typeof root !== "string") return "no argument list";
  const args = argumentsOf(root, arity, true);
  if ("why" in args) return args.why;
  // React names the form's fields "_1_<name>"; older versions (and hand-made posts) "1_<name>", which
  // the decoder leaves unreferenced: harmless.
  const prefixes = args.form === null ? [] : [`_${args.form}_`, `${args.form}_`];
  for (const [name] of entries) {
    if (name !== "0" && !prefixes.some((p) => name.startsWith(p))) return "unexpected field";
  }
  return null;
}

const ACTION_FIELD = "$ACTION_";
const ACTION_ID = "$ACTION_ID_";
const ACTION_REF = "$ACTION_REF_";
const ACTION_KEY = "$ACTION_KEY";
const SERVER_REFERENCE_ID = /^[0-9a-f]{42}$/;

export type FormPostVerdict = { why: string } | { actionId: string } | null;

/**
 * A multipart post without the next-action header: Next.js decodes it as a form
 * action when it has `$ACTION_` fields. Null when it has none (not an action);
 * else the action it names, or why it is refused.
 */
export function formPostProblem(entries: readonly ReplyEntry[]): FormPostVerdict {
  const actionFields = entries.filter(([name]) => name.startsWith(ACTION_FIELD));
  if (actionFields.length === 0) return null;
  if (entries.length > MAX_FORM_ENTRIES) return { why: "too many fields" };
  const keys = actionFields.filter(([name]) => name.startsWith(ACTION_ID) || name.startsWith(ACTION_REF));
  const key = keys[0]?.[0];
  if (keys.length !== 1 || key === undefined) return { why: "not one action" };
  if (actionFields.filter(([name]) => name === ACTION_KEY).length > 1) return { why: "unexpected field" };
  if (key.startsWith(ACTION_ID)) {
    const actionId = key.slice(ACTION_ID.length);
    if (!SERVER_REFERENCE_ID.test(actionId)) return { why: "no such action" };
    const extra = actionFields.some(([name]) => name !== key && name !== ACTION_KEY);
    return extra ? { why: "unexpected field" } : { actionId };
  }
  // Bound arguments: `$ACTION_<p>:0` describes the action, `$ACTION_<p>:<n>` holds them.
  const prefix = `${ACTION_FIELD}${key.slice(ACTION_REF.length)}:`;
  const single = (name: string) => {
    const found = entries.filter(([n]) => n === name);
    return found.length === 1 && typeof found[0]?.[1] === "string" ? found[0][1] : null;
  };
  const descriptorText = single(`${prefix}0`);
  if (descriptorText === null) return { why: "no action descriptor" };
  const descriptor = parseJson(descriptorText);
  if ("why" in descriptor) return descriptor;
  const { id, bound, ...rest } = (descriptor.value ?? {}) as { id?: unknown; bound?: unknown };
  if (typeof id !== "string" || !SERVER_REFERENCE_ID.test(id) || Object.keys(rest).length > 0)
    return { why: "not an action descriptor" };
  const allowed = new Set([key, ACTION_KEY, `${prefix}0`]);
  if (bound !== null) {
    const chunk = typeof bound === "string" ? /^\$@([0-9a-f]{1,8})$/.exec(bound)?.[1] : undefined;
    if (chunk === undefined) return { why: "not an action descriptor" };
    const name = `${prefix}${parseInt(chunk, 16)}`; // React names the chunk in decimal
    const boundText = single(name);
    if (boundText === null) return { why: "no bound arguments" };
    // The form is appended to the bound arguments when the action runs.
    const args = argumentsOf(boundText, actionArity(id) - 1, false);
    if ("why" in args) return args;
    allowed.add(name);
  }
  if (actionFields.some(([name]) => !allowed.has(name))) return { why: "unexpected field" };
  return { actionId: id };
}
