import { ArtifactKind } from '../formats/report-format';
import { ArtifactCipher, chunkPlace } from './artifact-cipher';

/** A query function: TypeORM's `dataSource.query` or a pg client's, returning rows. */
export type RowQuery = (sql: string, params: unknown[]) => Promise<Array<Record<string, any>>>;

export interface StoredArtifact {
  runId: string;
  kind: ArtifactKind;
  /** Bytes of the plain artifact. */
  size: number;
  /** SHA-256 of the plain artifact, lower-case hex. */
  sha256: string;
  contentType: string;
  fileName: string;
}

export async function findArtifact(query: RowQuery, runId: string, kind: ArtifactKind): Promise<StoredArtifact | null> {
  const [row] = await query(
    `SELECT run_id, kind, size::text AS size, sha256, content_type, file_name FROM report_artifacts WHERE run_id = $1 AND kind = $2`,
    [runId, kind],
  );
  if (!row) return null;
  return { runId: row.run_id, kind: row.kind, size: Number(row.size), sha256: row.sha256, contentType: row.content_type, fileName: row.file_name };
}

/** The artifact's plain bytes in order, one stored chunk at a time (memory stays at one chunk). */
export async function* artifactChunks(
  query: RowQuery,
  cipher: Pick<ArtifactCipher, 'open'>,
  runId: string,
  kind: ArtifactKind,
): AsyncGenerator<Buffer> {
  let seq = -1;
  for (;;) {
    const [chunk] = await query(
      `SELECT seq, bytes, key_id FROM report_artifact_chunks WHERE run_id = $1 AND kind = $2 AND seq > $3 ORDER BY seq LIMIT 1`,
      [runId, kind, seq],
    );
    if (!chunk) return;
    seq = chunk.seq;
    yield chunk.key_id ? cipher.open(chunk.bytes, chunk.key_id, chunkPlace(runId, kind, seq)) : chunk.bytes;
  }
}
