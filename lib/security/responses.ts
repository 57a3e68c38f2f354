// The bodies of refusals made before a route runs (400 malformed, 403 cross-site,
// 429 too many requests…): plain text for server-action fetches (Next shows that text), JSON for
// API clients, and a small readable page for browsers.
import { NextResponse } from "next/server";
import { type ErrorKind, refusalText } from "../errors";
import { localeOfHeaders } from "../i18n/locales";
import { translatorFor } from "../i18n/translate";

export type Refusal = {
  status: 400 | 403 | 404 | 405 | 413 | 429;
  title: string;
  message: string;
  retryAfterSeconds?: number;
  requestId: string | null;
  allow?: string;
};

type RequestLike = { headers: { get(name: string): string | null }; nextUrl?: { pathname: string } };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const KIND_OF: Record<Refusal["status"], ErrorKind> = {
  400: "invalid",
  403: "forbidden",
  404: "not_found",
  405: "invalid",
  413: "invalid",
  429: "rate_limited",
};

export function refusalKind(request: RequestLike): "action" | "json" | "html" {
  if (request.headers.get("next-action")) return "action";
  const accept = request.headers.get("accept") ?? "";
  if (accept.includes("text/html")) return "html";
  return "json";
}

function page(refusal: Refusal, request: RequestLike): string {
  const locale = localeOfHeaders(request.headers);
  const t = translatorFor(locale);
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(refusal.title)} · Miniportal</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:28rem;background:#fff;border:1px solid #e2e8f0;border-radius:.75rem;padding:1.5rem;box-shadow:0 1px 2px #0001}
h1{font-size:1.25rem;margin:0 0 .5rem}p{color:#475569;line-height:1.5}a{color:#4f46e5}small{color:#64748b}
@media (prefers-color-scheme:dark){body{background:#020617;color:#e2e8f0}main{background:#0f172a;border-color:#1e293b}p{color:#94a3b8}}</style></head>
<body><main><h1>${escapeHtml(refusal.title)}</h1><p>${escapeHtml(refusal.message)}</p><p><a href="/">${escapeHtml(t("common.refusal.back"))}</a></p>
${refusal.requestId ? `<small>${escapeHtml(t("common.error.reference", { digest: refusal.requestId }))}</small>` : ""}</main></body></html>`;
}

export function refusalResponse(request: RequestLike, refusal: Refusal): NextResponse {
  const headers = new Headers({ "cache-control": "no-store" });
  if (refusal.retryAfterSeconds !== undefined) headers.set("retry-after", String(refusal.retryAfterSeconds));
  if (refusal.allow) headers.set("allow", refusal.allow);
  const kind = refusalKind(request);
  if (kind === "action") {
    // Exactly "text/plain": Next's action client then surfaces the text as the error message,
    // which carries the kind so app/error.tsx recognises the refusal by code.
    headers.set("content-type", "text/plain");
    return new NextResponse(refusalText(KIND_OF[refusal.status], refusal.message), { status: refusal.status, headers });
  }
  if (kind === "json") {
    return NextResponse.json(
      {
        error: {
          400: "bad_request",
          403: "forbidden",
          404: "not_found",
          405: "method_not_allowed",
          413: "too_large",
          429: "too_many_requests",
        }[refusal.status],
        message: refusal.message,
        retryAfterSeconds: refusal.retryAfterSeconds,
      },
      { status: refusal.status, headers },
    );
  }
  headers.set("content-type", "text/html; charset=utf-8");
  return new NextResponse(page(refusal, request), { status: refusal.status, headers });
}
