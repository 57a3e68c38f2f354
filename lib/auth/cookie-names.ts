// The session cookie's names: `__Host-` on https (bound to this exact origin), plain on http.
export const SECURE_SESSION_COOKIE = "__Host-miniportal.session";
export const PLAIN_SESSION_COOKIE = "miniportal.session";
export const SESSION_COOKIE_NAMES = [SECURE_SESSION_COOKIE, PLAIN_SESSION_COOKIE] as const;
