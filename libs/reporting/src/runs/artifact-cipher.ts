import { Injectable } from '@nestjs/common';
import { KeyRingCipher } from '@journeyline/common/key-ring-cipher';
import { AppConfig } from '@journeyline/config/app-config';

/**
 * Seals the stored chunks of artifacts that carry SSNs, with AES-256-GCM under the PII key ring
 * (PII_KEYS, as for the apprentices' SSNs; KeyRingCipher): the newest key seals, any key opens. The
 * chunk's place (run, kind, sequence) is bound as additional data, so chunks cannot be swapped or
 * reordered unnoticed.
 */
@Injectable()
export class ArtifactCipher {
  private readonly cipher: KeyRingCipher;

  constructor(config: AppConfig) {
    this.cipher = new KeyRingCipher(config.PII_KEYS);
  }

  seal(bytes: Buffer, place: string): { bytes: Buffer; keyId: string } {
    return this.cipher.seal(bytes, place);
  }

  open(sealed: Buffer, keyId: string, place: string): Buffer {
    return this.cipher.open(sealed, keyId, `artifact chunk ${place}`, place);
  }
}

/** Where a chunk sits, as bound into its seal. */
export const chunkPlace = (runId: string, kind: string, seq: number): string => `${runId}/${kind}/${seq}`;
