import { once } from 'node:events';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccessScope } from '@journeyline/auth/access-scope';
import { CurrentScope, RequirePermission } from '@journeyline/auth/auth.decorators';
import { Permission } from '@journeyline/auth/roles';
import { ReportRunsService } from '@journeyline/reporting/runs/report-runs.service';

/**
 * Downloads of report artifacts. Same bearer token and the same rule as reading the run: its
 * scope must be in the caller's reach (else 404). The file streams from the stored chunks, one at
 * a time, with its SHA-256 in `Digest` (RFC 3230, base64) and `X-Checksum-SHA256` (hex).
 */
@Controller('reports')
export class ReportDownloadsController {
  constructor(private readonly runs: ReportRunsService) {}

  @Get(':runId/artifacts/:kind')
  @RequirePermission(Permission.RunReports)
  async download(
    @CurrentScope() scope: AccessScope,
    @Param('runId') runId: string,
    @Param('kind') kind: string,
    @Res() response: Response,
  ): Promise<void> {
    const { artifact, chunks } = await this.runs.openArtifact(scope, runId, kind);
    response.status(200);
    response.setHeader('Content-Type', artifact.contentType);
    response.setHeader('Content-Length', String(artifact.size));
    response.setHeader('Content-Disposition', `attachment; filename="${artifact.fileName}"`);
    response.setHeader('Digest', `sha-256=${Buffer.from(artifact.sha256, 'hex').toString('base64')}`);
    response.setHeader('X-Checksum-SHA256', artifact.sha256);
    // Artifacts may carry SSNs: no shared cache may keep them.
    response.setHeader('Cache-Control', 'no-store');
    try {
      for await (const chunk of chunks) {
        if (response.destroyed) return;
        if (!response.write(chunk)) await Promise.race([once(response, 'drain'), once(response, 'close')]);
      }
      response.end();
    } catch (error) {
      // The status line is gone already; cutting the connection short tells the client the file is incomplete.
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
