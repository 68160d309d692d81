import { Injectable } from '@nestjs/common';
import { AppConfig } from '@journeyline/config/app-config';
import { DomainError } from '@journeyline/common/domain-error';
import { KeyRingCipher } from '@journeyline/common/key-ring-cipher';

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

/** Seals SSNs with AES-256-GCM under the PII key ring (KeyRingCipher: rotation, key id bound). */
@Injectable()
export class PiiCipher {
  private readonly cipher: KeyRingCipher;

  constructor(config: AppConfig) {
    this.cipher = new KeyRingCipher(config.PII_KEYS);
  }

  /** Validates and encrypts an SSN; an invalid one is a field error on `field`. */
  seal(ssn: string, field = 'ssn'): SealedSsn {
    const digits = parseSsn(ssn, field);
    const { bytes, keyId } = this.cipher.seal(Buffer.from(digits, 'utf8'));
    return { ciphertext: bytes, keyId, last4: digits.slice(5) };
  }

  /** The nine digits. Throws when the key is not in the ring or the data was altered. */
  open(ciphertext: Buffer, keyId: string): string {
    return this.cipher.open(ciphertext, keyId, 'SSN ciphertext').toString('utf8');
  }
}
