// The server-action body grammar (lib/security/flight-reply.ts): every shape that
// made Next.js answer 500 (issue 23, item 6) is refused, and every shape the
// portal's browsers send passes.
import { describe, expect, it } from "vitest";
import {
  MAX_ACTION_BODY,
  type ReplyEntry,
  actionArity,
  formPostProblem,
  formReplyProblem,
  textReplyProblem,
} from "@/lib/security/flight-reply";

const FORM_ACTION = "7f66f2160c98f09c5cfe5c7ef3231cb8b80b2fb4f9"; // `export const x = formAction(…)`: arity unknown
const TWO_ARGS = "60a96c8c707989fd0b38cf6281a19dfdff43cd87cf"; // `async function (previous, formData)`
const NO_ARGS = "00" + "a".repeat(40); // `async function ()`

/** A fetch action as React sends it: the form's fields as "_1_…", the argument list in "0". */
const fetchAction = (root: unknown, fields: Record<string, string | Blob> = { email: "a@b.c" }): ReplyEntry[] => [
  ...Object.entries(fields).map(([k, v]): ReplyEntry => [`_1_${k}`, v]),
  ["0", typeof root === "string" ? root : JSON.stringify(root)],
];

describe("what the portal's browsers send passes", () => {
  it("useActionState and <form action> posts, with any previous state", () => {
    expect(formReplyProblem(fetchAction([{ status: "idle" }, "$K1"]), actionArity(FORM_ACTION))).toBeNull();
    expect(formReplyProblem(fetchAction(["$K1"], {}), actionArity(FORM_ACTION))).toBeNull();
    expect(formReplyProblem(fetchAction(["$undefined", "$K1"]), actionArity(TWO_ARGS))).toBeNull();
    // Fields named as older React versions did ("1_email") are left alone by the decoder.
    expect(
      formReplyProblem(
        [
          ["1_email", "a@b.c"],
          ["0", '["$K1"]'],
        ],
        actionArity(FORM_ACTION),
      ),
    ).toBeNull();
    const previous = {
      status: "success",
      message: "$$5 is a price", // a string starting with "$", escaped by React
      values: { lines: "a@b.c [x] {y}", missing: "$undefined" },
      data: {
        url: "http://localhost/invite/x",
        expiresAt: "$D2026-12-13T02:27:21.934Z",
        results: Array.from({ length: 200 }, (_, i) => ({ line: i, text: "x", outcome: "invited", message: "ok" })),
        ratio: "$NaN",
      },
    };
    expect(formReplyProblem(fetchAction([previous, "$K1"]), actionArity(FORM_ACTION))).toBeNull();
  });

  it("a form with a file, repeated fields and many answers", () => {
    const entries: ReplyEntry[] = [
      ["_1_csv", new Blob(["a@b.c"])],
      ...Array.from({ length: 300 }, (_, i): ReplyEntry => ["_1_answers", String(i)]),
      ["0", '[{"status":"idle"},"$K1"]'],
    ];
    expect(formReplyProblem(entries, actionArity(FORM_ACTION))).toBeNull();
  });

  it("an argument-less call, only to an action that takes no argument", () => {
    expect(textReplyProblem("[]", actionArity(NO_ARGS))).toBeNull();
  });

  it("forms posted without JavaScript", () => {
    expect(formPostProblem([[`$ACTION_ID_${FORM_ACTION}`, ""]])).toEqual({ actionId: FORM_ACTION });
    expect(
      formPostProblem([
        ["$ACTION_REF_3", ""],
        ["$ACTION_3:0", `{"id":"${FORM_ACTION}","bound":"$@1"}`],
        ["$ACTION_3:1", '[{"status":"idle"}]'],
        ["$ACTION_KEY", "k5b2e294225692e7b2c2e272fd6a83195"],
        ["email", "a@b.c"],
        ["password", "x"],
      ]),
    ).toEqual({ actionId: FORM_ACTION });
    expect(formPostProblem([["«r1»_ACTION", "x"]])).toBeNull(); // no $ACTION_ field: not an action
  });
});

describe("every shape that made Next.js answer 500 is refused", () => {
  const arity = actionArity(FORM_ACTION);
  it("an argument list without the form (the action would destructure what it did not get)", () => {
    expect(textReplyProblem("[]", arity)).toBe("no form");
    expect(textReplyProblem('[{"status":"idle"},{"email":"a"}]', arity)).toBe("no form");
    expect(textReplyProblem('["$K1"]', arity)).toMatch(/unsupported/); // a form only comes as multipart
    expect(formReplyProblem(fetchAction([{ status: "idle" }, "x"]), arity)).toBe("no form");
    expect(formReplyProblem(fetchAction(["$K1", { status: "idle" }]), arity)).toMatch(/unsupported/);
  });

  it.each([
    ["a Map", '["$undefined","$Q1"]'],
    ["a Set", '["$undefined","$W1"]'],
    ["a server reference", '["$undefined","$h1"]'],
    ["a legacy server reference", '["$undefined","$F1"]'],
    ["a Blob", '["$undefined","$B1"]'],
    ["a path reference", '["$undefined","$1:__proto__:then"]'],
    ["a path reference into the root", '[{"a":"$0:0"},"$K1"]'],
    ["a chunk reference", '["$undefined","$1"]'],
    ["a promise", '["$@1","$K1"]'],
    ["a temporary reference", '["$T","$K1"]'],
    ["a stream", '["$R1","$K1"]'],
    ["an iterator", '["$i1","$K1"]'],
    ["a typed array", '["$o1","$K1"]'],
    ["a BigInt", '["$n123","$K1"]'],
    ["a nested reference", '[{"a":[{"b":"$Q1"}]},"$K1"]'],
    ["a short undefined", '["$u","$K1"]'],
    ["a form inside the state", '[{"form":"$K1"},"$K1"]'],
  ])("%s", (_label, root) => {
    expect(formReplyProblem(fetchAction(root), arity)).toMatch(/unsupported value/);
  });

  it("a missing, non-JSON or 5000-deep chunk 1, and fields no form references", () => {
    expect(formReplyProblem([["0", '["$undefined","$1"]']], arity)).toMatch(/unsupported/);
    expect(
      formReplyProblem(
        [
          ["0", '["$undefined","$K1"]'],
          ["1", "{not json"],
        ],
        arity,
      ),
    ).toBe("unexpected field");
    expect(
      formReplyProblem(
        [
          ["0", '["$undefined","$K1"]'],
          ["1", "[".repeat(5000) + "]".repeat(5000)],
        ],
        arity,
      ),
    ).toBe("unexpected field");
    expect(
      formReplyProblem(
        [
          ["0", '["$K1"]'],
          ["_2_x", "y"],
        ],
        arity,
      ),
    ).toBe("unexpected field");
    expect(
      formReplyProblem(
        [
          ["0", '["$K1"]'],
          ["S1", "y"],
        ],
        arity,
      ),
    ).toBe("unexpected field");
  });

  it("argument lists that are not one, too deep or too long", () => {
    expect(formReplyProblem([["_1_x", "y"]], arity)).toBe("no argument list");
    expect(
      formReplyProblem(
        [
          ["0", "[]"],
          ["0", '["$K1"]'],
        ],
        arity,
      ),
    ).toBe("no argument list");
    expect(formReplyProblem([["0", new Blob(["[]"])]], arity)).toBe("no argument list");
    expect(formReplyProblem([["0", "{not json"]], arity)).toBe("not JSON");
    expect(formReplyProblem([["0", '{"a":1}']], arity)).toBe("not an argument list");
    expect(textReplyProblem("[".repeat(5000) + "]".repeat(5000), arity)).toBe("nested too deeply");
    expect(textReplyProblem('{"a":'.repeat(5000) + "1" + "}".repeat(5000), arity)).toBe("nested too deeply");
    expect(textReplyProblem(JSON.stringify(Array(100_000).fill(0)), arity)).toBe("100000 arguments, at most 2");
    expect(formReplyProblem(fetchAction([null, null, "$K1"]), arity)).toBe("3 arguments, at most 2");
    expect(formReplyProblem(fetchAction([{ a: Array(30_000).fill(1) }, "$K1"]), arity)).toBe("too many values");
    const fields = Array.from({ length: 1_001 }, (_, i): ReplyEntry => [`_1_f${i}`, "x"]);
    expect(formReplyProblem([...fields, ["0", '["$K1"]']], arity)).toBe("too many fields");
  });

  it("brackets inside strings do not count as nesting", () => {
    expect(formReplyProblem(fetchAction([{ values: { lines: "[".repeat(100) + '\\"{' } }, "$K1"]), arity)).toBeNull();
  });

  it("the arity the action id gives", () => {
    expect(actionArity(FORM_ACTION)).toBe(2);
    expect(actionArity(TWO_ARGS)).toBe(2);
    expect(actionArity(NO_ARGS)).toBe(0);
    expect(actionArity("40" + "a".repeat(40))).toBe(1); // only the first argument used
    expect(actionArity("zz")).toBe(2);
    expect(textReplyProblem('["$undefined"]', actionArity(NO_ARGS))).toBe("1 arguments, at most 0");
    expect(formReplyProblem(fetchAction(["$undefined", "$K1"]), actionArity("40" + "a".repeat(40)))).toBe(
      "2 arguments, at most 1",
    );
  });
});

describe("forms posted without JavaScript are held to React's own shape", () => {
  const ref = (descriptor: string, bound: string | null, extra: ReplyEntry[] = []): ReplyEntry[] => [
    ["$ACTION_REF_1", ""],
    ["$ACTION_1:0", descriptor],
    ...(bound === null ? [] : [["$ACTION_1:1", bound] as ReplyEntry]),
    ...extra,
  ];
  const descriptor = `{"id":"${FORM_ACTION}","bound":"$@1"}`;
  it.each<[string, ReplyEntry[], RegExp]>([
    ["a non-JSON descriptor", ref("{bad", "[]"), /not JSON/],
    ["a descriptor that is not one", ref(`{"id":"${FORM_ACTION}","bound":"$Q1"}`, "[]"), /not an action descriptor/],
    ["a descriptor with more keys", ref(`{"id":"${FORM_ACTION}","bound":null,"x":1}`, null), /descriptor/],
    ["a garbage id", ref('{"id":"../x","bound":null}', null), /descriptor/],
    ["no descriptor", [["$ACTION_REF_1", ""]], /no action descriptor/],
    ["two descriptors", ref(descriptor, "[]", [["$ACTION_1:0", descriptor]]), /no action descriptor/],
    ["missing bound arguments", ref(descriptor, null), /no bound arguments/],
    ["non-JSON bound arguments", ref(descriptor, "[{bad"), /not JSON/],
    ["a Map in the bound arguments", ref(descriptor, '["$Q2"]'), /unsupported/],
    ["a deep bound chunk", ref(descriptor, "[".repeat(5000) + "]".repeat(5000)), /nested too deeply/],
    ["too many bound arguments", ref(descriptor, "[1,2]"), /arguments, at most 1/],
    ["an extra chunk", ref(descriptor, "[{}]", [["$ACTION_1:2", "[]"]]), /unexpected field/],
    ["two actions", ref(descriptor, "[{}]", [[`$ACTION_ID_${FORM_ACTION}`, ""]]), /not one action/],
    ["an id field with a bad id", [["$ACTION_ID_x", ""]], /no such action/],
    [
      "an id field with bound data",
      [
        [`$ACTION_ID_${FORM_ACTION}`, ""],
        ["$ACTION_1:0", "{}"],
      ],
      /unexpected/,
    ],
  ])("%s", (_label, entries, why) => {
    const verdict = formPostProblem(entries);
    expect(verdict && "why" in verdict ? verdict.why : verdict).toMatch(why);
  });
});

it("the body limit is 2 MiB (next.config.ts gives Next.js the same)", () => {
  expect(MAX_ACTION_BODY).toBe(2 * 1024 * 1024);
});
