import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@journeyline/config/app-config';
import { DomainError } from '@journeyline/common/domain-error';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export interface SealedSsn {
  /** iv ‖ GCM tag ‖ ciphertext, stored as bytea. */
  ciphertext: Buffer;
  keyId: string;
  last4: string;
}

/**
 * Parses an SSN written as "123-45-6789" or "123456789" and returns its nine digits. Numbers the
 * SSA never issues (area 000, 666 or 9xx, group 00, serial 0000) are rejected on `field`.
 */
export function parseSsn(value: string, field = 'ssn'): string {
  const match = /^(\d{3})-?(\d{2})-?(\d{4})$/.exec(value.trim());
  if (!match) throw DomainError.invalidField(field, 'must be an SSN written as 123-45-6789 or 123456789');
  const [, area, group, serial] = match;
  if (area === '000' || area === '666' || area.startsWith('9')) {
    throw DomainError.invalidField(field, 'is not an issued SSN (area 000, 666 and 900–999 are never assigned)');
  }
  if (group === '00') throw DomainError.invalidField(field, 'is not an issued SSN (group 00 is never assigned)');
  if (serial === '0000') throw DomainError.invalidField(field, 'is not an issued SSN (serial 0000 is never assigned)');
  return `${area}${group}${serial}`;
}

/** The only form of an SSN the API ever shows. */
export function maskSsn(last4: string | null): string | null {
  return last4 ? `***-**-${last4}` : null;
}

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
 * Seals SSNs with AES-256-GCM. New values use the newest key; any key still in the ring opens old
 * values, so rotating means putting a new key first and re-sealing at leisure. The key id is bound
 * as additional authenticated data, so a ciphertext relabelled with another key id fails to open.
 */
@Injectable()
export class PiiCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly currentKeyId: string;

  constructor(config: AppConfig) {
    const ring = parseKeyRing(config.PII_KEYS);
    this.keys = new Map(ring);
    this.currentKeyId = ring[0][0];
  }

  /** Validates and encrypts an SSN; an invalid one is a field error on `field`. */
  seal(ssn: string, field = 'ssn'): SealedSsn {
    const digits = parseSsn(ssn, field);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(this.currentKeyId, 'utf8'));
    const encrypted = Buffer.concat([cipher.update(digits, 'utf8'), cipher.final()]);
    return {
      ciphertext: Buffer.concat([iv, cipher.getAuthTag(), encrypted]),
      keyId: this.currentKeyId,
      last4: digits.slice(5),
    };
  }

  /** The nine digits. Throws when the key is not in the ring or the data was altered. */
  open(ciphertext: Buffer, keyId: string): string {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`PII key "${keyId}" is not in the key ring`);
    if (ciphertext.length <= IV_BYTES + TAG_BYTES) throw new Error('SSN ciphertext is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, ciphertext.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(keyId, 'utf8'));
    decipher.setAuthTag(ciphertext.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(ciphertext.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('SSN ciphertext failed authentication');
    }
  }
}
