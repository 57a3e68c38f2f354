// Shared by the editor (client) and the save path (server).
export const NOTE_MAX_BYTES = 256 * 1024;

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function tooLargeMessage(bytes: number): string {
  const kib = (n: number) => `${Math.ceil(n / 1024)} KiB`;
  return (
    `This note is ${kib(bytes)}; the limit is ${kib(NOTE_MAX_BYTES)}. ` +
    "Shorten it (or split it across phases) and save again. Your text is still in the editor."
  );
}
