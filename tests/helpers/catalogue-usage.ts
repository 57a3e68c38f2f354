// Reads the catalogues from disk and the source tree's use of them, for the
// catalogue check (tests/unit/i18n-catalogues.test.ts).
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { TYPE, parse, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE_DIRS = ["app", "components", "lib"];

export type Flat = Map<string, string>;

/** Every leaf of a catalogue as "namespace.path.to.key" → message. */
export function flatCatalogue(locale: string): Flat {
  const dir = path.join(ROOT, "messages", locale);
  const out: Flat = new Map();
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === "string") out.set(prefix, node);
    else if (node && typeof node === "object")
      for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
    else out.set(prefix, String(node)); // a non-string leaf: reported by the test
  };
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    walk(JSON.parse(readFileSync(path.join(dir, file), "utf8")), file.replace(/\.json$/, ""));
  }
  return out;
}

/** The ICU arguments of a message ({count}, {count, plural, …}, <tags>), sorted. */
export function messageArguments(message: string): string[] {
  const names = new Set<string>();
  const visit = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time)
        names.add(el.value);
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        names.add(el.value);
        for (const option of Object.values(el.options)) visit(option.value);
      }
      if (el.type === TYPE.tag) {
        names.add(`<${el.value}>`);
        visit(el.children);
      }
    }
  };
  visit(parse(message));
  return [...names].sort();
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === "generated" || name.startsWith("generated-") || name === "node_modules") continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(name)) out.push(full);
  }
  return out;
}

/** `imports`: the project's own modules it imports or re-exports, as paths from the root. */
export type SourceFile = {
  file: string;
  literals: Set<string>;
  namespaces: Set<string>;
  client: boolean;
  imports: string[];
};

/** A module specifier of the project ("@/…" or relative) as a source file's path from the root, else null. */
function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [
    base,
    `${base}.tsx`,
    `${base}.ts`,
    path.join(base, "index.tsx"),
    path.join(base, "index.ts"),
  ])
    if (/\.(ts|tsx)$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile())
      return path.relative(ROOT, candidate);
  return null;
}

const BINDERS = new Set(["useTranslations", "getTranslations"]);

/** Each source file's string literals and the namespaces it binds a translator to (parsed, not grepped). */
export function readSources(): SourceFile[] {
  return SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d))).map((file) => {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const literals = new Set<string>();
    const namespaces = new Set<string>();
    const imports: string[] = [];
    const visit = (node: ts.Node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
        const resolved = ts.isStringLiteral(node.moduleSpecifier)
          ? resolveImport(file, node.moduleSpecifier.text)
          : null;
        if (resolved) imports.push(resolved);
      }
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.add(node.text);
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && BINDERS.has(node.expression.text)) {
        const [arg] = node.arguments;
        if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) namespaces.add(arg.text);
        if (arg && ts.isObjectLiteralExpression(arg))
          for (const prop of arg.properties)
            if (
              ts.isPropertyAssignment(prop) &&
              prop.name.getText(source) === "namespace" &&
              ts.isStringLiteral(prop.initializer)
            )
              namespaces.add(prop.initializer.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    const first = source.statements[0];
    const client =
      !!first &&
      ts.isExpressionStatement(first) &&
      ts.isStringLiteral(first.expression) &&
      first.expression.text === "use client";
    return { file: path.relative(ROOT, file), literals, namespaces, client, imports };
  });
}

/**
 * Whether the source uses a key: its full path appears as a literal (translatorFor,
 * schema messages), or a file bound to an enclosing namespace names the rest of it.
 * Keys of `errors` are DomainError keys, named without their namespace anywhere.
 */
export function isUsed(key: string, sources: SourceFile[]): boolean {
  const [namespace = ""] = key.split(".");
  return sources.some((s) => {
    if (s.literals.has(key)) return true;
    if (namespace === "errors" && s.literals.has(key.slice("errors.".length))) return true;
    for (const ns of s.namespaces) {
      if (key.startsWith(`${ns}.`) && s.literals.has(key.slice(ns.length + 1))) return true;
    }
    return false;
  });
}
