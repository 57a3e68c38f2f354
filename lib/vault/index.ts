// The vault API: seal and unseal private text (notes, exam answers) with
// AES-256-GCM under the active data key. Each ciphertext records its key id and
// format, and its AAD binds owner, table, row and format, so a ciphertext moved
// to another student's row (or another row of the same student) fails to open.
import "server-only";
import { env } from "../env";
import { metrics } from "../observability/metrics";
import { SPAN } from "../observability/span-names";
import { withSpan } from "../observability/tracing";
import { FORMAT_V1, aadFor, decrypt, encrypt } from "./crypto";
import { activeKey, keyringFor, refreshKeys } from "./keyring";

export type VaultBinding = {
  ownerId: string;
  table: "Note" | "ExamAttempt" | "OutboxMessage" | "SecondFactor";
  rowId: string;
};
export type Sealed = { ciphertext: Buffer; iv: Buffer; keyId: string; format: number };

/** Any failure to open a sealed value. The message never contains key material or plaintext. */
export class VaultDecryptError extends Error {
  constructor(message = "This entry cannot be decrypted: it is damaged or does not belong here.") {
    super(message);
    this.name = "VaultDecryptError";
  }
}

export async function seal(binding: VaultBinding, plaintext: string): Promise<Sealed> {
  const ring = await keyringFor(env().PORTAL_MASTER_PASS);
  const { keyId, key } = await activeKey(ring);
  const format = FORMAT_V1;
  const { ciphertext, iv } = encrypt(key, Buffer.from(plaintext, "utf8"), aadFor({ ...binding, keyId, format }));
  return { ciphertext, iv, keyId, format };
}

export async function unseal(binding: VaultBinding, sealed: Sealed): Promise<string> {
  return withSpan(SPAN.vaultDecrypt, { "vault.table": binding.table, "vault.format": sealed.format }, async () => {
    const stop = metrics().vaultDecrypt.startTimer();
    try {
      return await openSealed(binding, sealed);
    } finally {
      stop();
    }
  });
}

async function openSealed(binding: VaultBinding, sealed: Sealed): Promise<string> {
  if (sealed.format !== FORMAT_V1) throw new VaultDecryptError(`Unsupported vault format ${sealed.format}.`);
  const ring = await keyringFor(env().PORTAL_MASTER_PASS);
  let key = ring.keys.get(sealed.keyId);
  if (!key) {
    // Written with a key added (by a rotation) after this process loaded its keys.
    await refreshKeys(ring);
    key = ring.keys.get(sealed.keyId);
    if (!key) throw new VaultDecryptError();
  }
  try {
    const aad = aadFor({ ...binding, keyId: sealed.keyId, format: sealed.format });
    return decrypt(key, Buffer.from(sealed.ciphertext), Buffer.from(sealed.iv), aad).toString("utf8");
  } catch {
    throw new VaultDecryptError();
  }
}
