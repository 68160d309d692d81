import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Parses PII_KEYS ("keyId:base64[,keyId:base64…]", newest first) into an ordered key ring. */
export function parseKeyRing(spec: string): Array<[keyId: string, key: Buffer]> {
  const ring = spec.split(',').map((entry): [string, Buffer] => {
    const separator = entry.indexOf(':');
    const keyId = entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (separator < 1 || key.length !== KEY_BYTES) throw new Error(`PII key "${keyId}" must be ${KEY_BYTES} bytes`);
    return [keyId, key];
  });
  if (new Set(ring.map(([keyId]) => keyId)).size !== ring.length) throw new Error('PII key ids must be unique');
  return ring;
}

/**
 * AES-256-GCM under a key ring: the newest key seals, any key still in the ring opens, so rotating
 * means putting a new key first and re-sealing at leisure. Sealed bytes are iv ‖ GCM tag ‖
 * ciphertext. The key id, and the caller's context when given (where the bytes belong), are bound
 * as additional data, so ciphertext relabelled with another key id or moved elsewhere fails to open.
 */
export class KeyRingCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly currentKeyId: string;

  constructor(keyRingSpec: string) {
    const ring = parseKeyRing(keyRingSpec);
    this.keys = new Map(ring);
    this.currentKeyId = ring[0][0];
  }

  seal(plain: Buffer, context?: string): { bytes: Buffer; keyId: string } {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(additionalData(this.currentKeyId, context));
    const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { bytes: Buffer.concat([iv, cipher.getAuthTag(), encrypted]), keyId: this.currentKeyId };
  }

  /** `what` names the data in errors, which never carry its value. */
  open(sealed: Buffer, keyId: string, what: string, context?: string): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`PII key "${keyId}" is not in the key ring`);
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error(`${what} is truncated`);
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(additionalData(keyId, context));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new Error(`${what} failed authentication`);
    }
  }
}

const additionalData = (keyId: string, context: string | undefined): Buffer =>
  Buffer.from(context === undefined ? keyId : `${keyId}/${context}`, 'utf8');
