// A caller's X-Request-Id is kept only when well-formed; otherwise a fresh one is minted.
const VALID = /^[A-Za-z0-9._:-]{8,128}$/;

export function acceptOrMintRequestId(incoming: string | null): string {
  return incoming && VALID.test(incoming) ? incoming : crypto.randomUUID();
}
