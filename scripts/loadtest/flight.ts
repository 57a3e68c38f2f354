// The few facts a student flow reads from a page it reached by navigating, as a
// browser does after its first page: the answer is the page's React Flight
// (RSC) payload, not HTML, and the facts are props of the client components
// that render them. Each returns null when absent, like html.ts.

/** Every row of the payload that is JSON (`<hex id>:<json>`), parsed. */
export function flightRows(body: string): unknown[] {
  const rows: unknown[] = [];
  for (const line of body.split("\n")) {
    const m = /^[0-9a-f]+:([[{].*)$/.exec(line);
    if (!m) continue;
    try {
      rows.push(JSON.parse(m[1]!));
    } catch {
      // A text row that happens to start with a bracket: not props.
    }
  }
  return rows;
}

/** The first object anywhere in the payload that has `key`: a component's props. */
export function findProps(body: string, key: string): Record<string, unknown> | null {
  const stack: unknown[] = flightRows(body).reverse();
  while (stack.length) {
    const value = stack.pop();
    if (!value || typeof value !== "object") continue;
    if (!Array.isArray(value) && key in value) return value as Record<string, unknown>;
    const children = Array.isArray(value) ? value : Object.values(value);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return null;
}

/** The version the journal editor starts from (its `initialVersion` prop). */
export function flightNoteVersion(body: string): number | null {
  const version = findProps(body, "initialVersion")?.initialVersion;
  return typeof version === "number" ? version : null;
}

/** The card the review session shows first (`initialCards[0]`), or null when nothing is due. */
export function flightFirstDueCard(body: string): string | null {
  const cards = findProps(body, "initialCards")?.initialCards;
  const first = Array.isArray(cards) ? (cards[0] as { id?: unknown } | undefined) : undefined;
  return typeof first?.id === "string" ? first.id : null;
}

type Question = { id: string; choices: { id: string }[] };

/** The exam form's fields with the first choice of every question picked, as html.ts's examAnswers. */
export function flightExamAnswers(body: string): [string, string][] | null {
  const props = findProps(body, "startToken");
  const questions = props?.questions as Question[] | undefined;
  if (!props || typeof props.startToken !== "string" || !Array.isArray(questions)) return null;
  const picked = questions.flatMap((q): [string, string][] => (q.choices[0] ? [[`q.${q.id}`, q.choices[0].id]] : []));
  return [
    ["phase", String(props.phase)],
    ["startToken", props.startToken],
    ["questionIds", questions.map((q) => q.id).join(",")],
    ...picked,
  ];
}
