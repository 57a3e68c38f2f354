// Shared by the editor (client) and the save path (server).
export const NOTE_MAX_BYTES = 256 * 1024;

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** A size in whole KiB, rounded up, as the too-large message (journal.save.tooLarge) states it. */
export function kibibytes(bytes: number): number {
  return Math.ceil(bytes / 1024);
}
