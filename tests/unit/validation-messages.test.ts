import { describe, expect, it } from "vitest";
import { z } from "zod";
import { humanMessage } from "@/lib/validation/messages";

const message = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected a refusal");
  return result.error.issues[0]!.message;
};

describe("validation messages", () => {
  it("say in plain words what a too long or too short value needs", () => {
    expect(message(z.string().max(512), "x".repeat(513))).toBe("Use at most 512 characters.");
    expect(message(z.string().max(1), "xx")).toBe("Use at most 1 character.");
    expect(message(z.string().min(1), "")).toBe("This field cannot be empty.");
    expect(message(z.string().min(3), "x")).toBe("Use at least 3 characters.");
    expect(message(z.number().int().min(0), -1)).toBe("Use 0 or more.");
    expect(message(z.number().max(500), 501)).toBe("Use 500 or less.");
    expect(message(z.array(z.string()).min(1), [])).toBe("Choose at least one.");
    expect(message(z.array(z.string()).max(2), ["a", "b", "c"])).toBe("Choose at most 2 items.");
  });

  it("cover missing values, wrong types and formats", () => {
    expect(message(z.object({ a: z.string() }), {})).toBe("This field is required.");
    expect(message(z.coerce.number(), "abc")).toBe("Enter a number.");
    expect(message(z.email(), "not-an-email")).toBe("Enter a valid email address, like name@example.org.");
    expect(message(z.string().regex(/^\d+$/), "x")).toBe("This value is not in the expected form.");
    expect(message(z.enum(["a", "b"]), "c")).toBe("Choose one of the offered values.");
  });

  it("never show zod's default wording", () => {
    for (const [schema, value] of [
      [z.string().max(512), "y".repeat(600)],
      [z.string().regex(/^[a-z]$/), "Z"],
      [z.boolean(), "yes"],
    ] as const)
      expect(message(schema, value)).not.toMatch(/Too big|Too small|expected (string|number|boolean)|Invalid/);
  });

  it("leave a message written on a schema as it is", () => {
    expect(message(z.string().max(3, "Three at most, please."), "four")).toBe("Three at most, please.");
  });
});

describe("validation messages in Spanish", () => {
  const spanish = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value, { error: (issue) => humanMessage(issue, "es") });
    if (result.success) throw new Error("expected a refusal");
    return result.error.issues[0]!.message;
  };

  it("say the same things in Spanish, with Spanish plurals", () => {
    expect(spanish(z.string().max(512), "x".repeat(513))).toBe("Usa como máximo 512 caracteres.");
    expect(spanish(z.string().max(1), "xx")).toBe("Usa como máximo 1 carácter.");
    expect(spanish(z.string().min(1), "")).toBe("Este campo no puede quedar vacío.");
    expect(spanish(z.object({ a: z.string() }), {})).toBe("Este campo es obligatorio.");
    expect(spanish(z.email(), "nope")).toBe("Escribe un correo electrónico válido, como nombre@example.org.");
  });

  it("leave a schema's own message to the schema", () => {
    expect(spanish(z.string().min(1, "auth.custom"), "")).toBe("auth.custom");
  });
});
