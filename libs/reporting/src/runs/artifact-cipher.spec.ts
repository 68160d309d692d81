import { AppConfig } from '@journeyline/config/app-config';
import { ArtifactCipher, chunkPlace } from './artifact-cipher';

const KEY_A = 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=';
const KEY_B = 'ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=';
const cipherWith = (keys: string) => new ArtifactCipher({ PII_KEYS: keys } as AppConfig);
const RUN = '1a2b3c4d-0000-4000-8000-000000000000';

describe('ArtifactCipher', () => {
  const plain = Buffer.from('Social Security Number\r\n533229041\r\n');

  it('seals with the newest key and opens with any key still in the ring', () => {
    const sealed = cipherWith(`old:${KEY_A}`).seal(plain, chunkPlace(RUN, 'csv', 0));
    expect(sealed.keyId).toBe('old');
    expect(sealed.bytes.includes(Buffer.from('533229041'))).toBe(false);
    const rotated = cipherWith(`new:${KEY_B},old:${KEY_A}`);
    expect(rotated.open(sealed.bytes, sealed.keyId, chunkPlace(RUN, 'csv', 0))).toEqual(plain);
    expect(rotated.seal(plain, 'x').keyId).toBe('new');
  });

  it('refuses a chunk moved to another place, altered, or sealed with a key that left the ring', () => {
    const cipher = cipherWith(`a:${KEY_A}`);
    const sealed = cipher.seal(plain, chunkPlace(RUN, 'csv', 0));
    expect(() => cipher.open(sealed.bytes, 'a', chunkPlace(RUN, 'csv', 1))).toThrow('failed authentication');
    expect(() => cipher.open(sealed.bytes, 'a', chunkPlace(RUN, 'json', 0))).toThrow('failed authentication');
    const altered = Buffer.from(sealed.bytes);
    altered[altered.length - 1] ^= 1;
    expect(() => cipher.open(altered, 'a', chunkPlace(RUN, 'csv', 0))).toThrow('failed authentication');
    expect(() => cipherWith(`b:${KEY_B}`).open(sealed.bytes, 'a', chunkPlace(RUN, 'csv', 0))).toThrow('PII key "a" is not in the key ring');
  });
});
