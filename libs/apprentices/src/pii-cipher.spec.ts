import { randomBytes } from 'node:crypto';
import { ErrorCode } from '@journeyline/common/domain-error';
import { AppConfig } from '@journeyline/config/app-config';
import { parseKeyRing } from '@journeyline/common/key-ring-cipher';
import { maskSsn, parseSsn, PiiCipher } from './pii-cipher';

const key = () => randomBytes(32).toString('base64');
const cipherWith = (keys: string) => new PiiCipher({ PII_KEYS: keys } as AppConfig);

describe('PiiCipher', () => {
  const oldKey = `old:${key()}`;
  const newKey = `new:${key()}`;

  it('round-trips an SSN in either accepted spelling and keeps only the last four in clear', () => {
    const cipher = cipherWith(oldKey);
    for (const input of ['123-45-6789', '123456789', ' 123-45-6789 ']) {
      const sealed = cipher.seal(input);
      expect(sealed.keyId).toBe('old');
      expect(sealed.last4).toBe('6789');
      expect(sealed.ciphertext.toString('latin1')).not.toContain('123456789');
      expect(cipher.open(sealed.ciphertext, sealed.keyId)).toBe('123456789');
    }
  });

  it('uses a fresh IV for every seal, so equal SSNs do not give equal ciphertexts', () => {
    const cipher = cipherWith(oldKey);
    const first = cipher.seal('123-45-6789');
    const second = cipher.seal('123-45-6789');
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
  });

  it.each([
    ['the IV', 0],
    ['the tag', 12],
    ['the ciphertext', 28],
  ])('detects a flipped byte in %s', (_part, index) => {
    const cipher = cipherWith(oldKey);
    const sealed = cipher.seal('123-45-6789');
    const tampered = Buffer.from(sealed.ciphertext);
    tampered[index] ^= 0x01;
    expect(() => cipher.open(tampered, sealed.keyId)).toThrow('failed authentication');
  });

  it('refuses a ciphertext relabelled with another key id (the key id is authenticated)', () => {
    const material = key();
    const ring = cipherWith(`a:${material},b:${material}`);
    const underA = ring.seal('123-45-6789');
    expect(() => ring.open(underA.ciphertext, 'b')).toThrow('failed authentication');
  });

  it('keeps old rows readable after rotation and seals new values with the new key', () => {
    const sealedOld = cipherWith(oldKey).seal('219-09-9999');
    const rotated = cipherWith(`${newKey},${oldKey}`);
    expect(rotated.open(sealedOld.ciphertext, 'old')).toBe('219099999');
    const sealedNew = rotated.seal('219-09-9999');
    expect(sealedNew.keyId).toBe('new');
    expect(rotated.open(sealedNew.ciphertext, 'new')).toBe('219099999');
    expect(() => cipherWith(oldKey).open(sealedNew.ciphertext, 'new')).toThrow('not in the key ring');
  });

  it('rejects a truncated ciphertext', () => {
    expect(() => cipherWith(oldKey).open(Buffer.alloc(20), 'old')).toThrow('truncated');
  });

  it.each(['000-12-3456', '666-12-3456', '900-12-3456', '999-12-3456', '123-00-4567', '123-45-0000', '12-345-6789', '1234567890', 'abc-de-fghi', ''])(
    'rejects %p with a field error on the given field',
    (ssn) => {
      expect(() => cipherWith(oldKey).seal(ssn, 'person.ssn')).toThrow(
        expect.objectContaining({ code: ErrorCode.ValidationFailed, problems: [expect.objectContaining({ field: 'person.ssn' })] }),
      );
    },
  );

  it('never puts the SSN in an error message', () => {
    try {
      parseSsn('666-45-6789');
      throw new Error('expected a rejection');
    } catch (error) {
      expect(JSON.stringify({ message: (error as Error).message, problems: (error as { problems: unknown }).problems })).not.toContain('6789');
    }
  });
});

describe('parseKeyRing', () => {
  it('keeps the order (newest first) and rejects short keys and duplicate ids', () => {
    expect(parseKeyRing(`b:${key()},a:${key()}`).map(([keyId]) => keyId)).toEqual(['b', 'a']);
    expect(() => parseKeyRing(`a:${randomBytes(16).toString('base64')}`)).toThrow('32 bytes');
    expect(() => parseKeyRing(`a:${key()},a:${key()}`)).toThrow('unique');
  });
});

describe('maskSsn', () => {
  it('shows only the last four digits, or null when there is no SSN', () => {
    expect(maskSsn('6789')).toBe('***-**-6789');
    expect(maskSsn(null)).toBeNull();
  });
});
