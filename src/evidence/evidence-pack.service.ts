import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditCheckpointService } from '../audit/audit-checkpoint.service';
import { AuditQueryService } from '../audit/audit-query.service';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../common/principal';
import { badRequest } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DocumentResponse, RevisionResponse } from '../documents/dto/document.dto';
import { DocumentsService } from '../documents/documents.service';
import { RevisionsService } from '../documents/revisions.service';
import { DiffService } from '../markdown/diff.service';
import { MarkdownService } from '../markdown/markdown.service';
import { ProposalsService } from '../proposals/proposals.service';
import { AcknowledgementsService } from '../training/acknowledgements.service';
import { SigningService } from '../signing/signing.service';
import { ControlledCopiesService } from './controlled-copies.service';
import { EvidencePackQuery } from './dto/evidence.dto';
import { EvidenceAction } from './evidence-actions';
import { addManifest, CHAIN_HEAD, EVENTS } from './pack/manifest';
import {
  ackCsvHeader,
  ackCsvLines,
  inWindow,
  jsonlChunks,
  revisionBaseName,
  revisionInWindow,
  Window,
} from './pack/pack-contents';
import { PackWriter } from './pack/pack-writer';
import { verifyInstructions } from './pack/verify-md';
import { RevisionPdfSource } from './revision-pdf-source';

const PAGE = 200;

export interface EvidencePack {
  packId: string;
  fileName: string;
  stream: NodeJS.ReadableStream;
}

/**
 * The evidence pack of a document: everything about it in a window, in one zip that
 * anyone can check offline (pack/verify-md.ts says how; src/evidence/verify does it).
 * The export is recorded (evidence_packs, `evidence_pack.exported`) in one transaction
 * first; then the zip is streamed, each file produced only when the zip reaches it.
 */
@Injectable()
export class EvidencePackService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly documents: DocumentsService,
    private readonly revisions: RevisionsService,
    private readonly acknowledgements: AcknowledgementsService,
    private readonly proposals: ProposalsService,
    private readonly copies: ControlledCopiesService,
    private readonly markdown: MarkdownService,
    private readonly diffs: DiffService,
    private readonly audit: AuditService,
    private readonly auditQuery: AuditQueryService,
    private readonly checkpoints: AuditCheckpointService,
    private readonly signing: SigningService,
  ) {}

  async export(p: Principal, documentId: string, q: EvidencePackQuery): Promise<EvidencePack> {
    const window = parseWindow(q);
    const document = await this.documents.load(this.ds.manager, documentId);
    const packId = randomUUID();
    const exportedAt = await this.ds.transaction(async (em) => {
      const [row] = await em.query<{ exported_at: Date }[]>(
        `INSERT INTO evidence_packs (id, document_id, exported_by, window_from, window_to, key_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING exported_at`,
        [packId, document.id, p.userId, window.from, window.to, this.signing.keyId],
      );
      await this.audit.append(em, {
        actor: p.actor,
        action: EvidenceAction.PackExported,
        entityType: 'evidence_pack',
        entityId: packId,
        data: {
          documentId: document.id,
          from: window.from,
          to: window.to,
          keyId: this.signing.keyId,
        },
      });
      return row.exported_at;
    });
    const revisions = (await this.history(p, document.id)).filter((r) =>
      revisionInWindow(r, window),
    );
    const writer = new PackWriter(exportedAt);
    this.addFiles(writer, p, document, revisions, window, packId);
    addManifest(
      writer,
      {
        packId,
        exportedAt: exportedAt.toISOString(),
        exportedBy: { id: p.userId, name: p.name },
        document: { id: document.id, number: document.number, title: document.title },
        window,
        signature: { algorithm: 'Ed25519', keyId: this.signing.keyId },
      },
      (message) => this.signing.sign(message),
    );
    writer.end();
    const day = exportedAt.toISOString().slice(0, 10);
    return { packId, stream: writer.output, fileName: `evidence-${document.number}-${day}.zip` };
  }

  private addFiles(
    writer: PackWriter,
    p: Principal,
    document: DocumentResponse,
    revisions: RevisionResponse[],
    window: Window,
    packId: string,
  ): void {
    const pdfs = new RevisionPdfSource(this.markdown, this.config.publicUrl);
    const entityIds = new Set<string>([document.id]);
    writer.add('VERIFY.md', () =>
      verifyInstructions({
        number: document.number,
        keyId: this.signing.keyId,
        publicUrl: this.config.publicUrl,
      }),
    );
    writer.add('document.json', () => json(document));
    revisions.forEach((r, i) => {
      entityIds.add(r.id);
      r.signatures.forEach((s) => entityIds.add(s.id));
      const base = `revisions/${revisionBaseName(r, i)}`;
      writer.add(`${base}.md`, async () => (await this.revisions.get(p, r.id)).revision.body);
      writer.add(`${base}.pdf`, () =>
        lazyStream(async () => {
          const { revision } = await this.revisions.get(p, r.id);
          return pdfs.render(document, revision, {
            copyLine:
              `Evidence pack ${packId} for ${p.name}; not a controlled copy —\n` +
              `the current revision is at ${pdfs.documentUrl(document.id)}`,
          });
        }),
      );
    });
    writer.add('signatures.json', () =>
      json(revisions.map((r) => ({ revisionId: r.id, label: r.label, signatures: r.signatures }))),
    );
    writer.add('acknowledgements.csv', () => this.ackCsv(revisions, window, entityIds));
    writer.add('proposals.json', async () =>
      json(await this.proposalsOf(p, document.id, window, entityIds)),
    );
    for (let i = 1; i < revisions.length; i++) {
      const [a, b] = [revisions[i - 1], revisions[i]];
      writer.add(
        `diffs/${revisionBaseName(a, i - 1)}..${revisionBaseName(b, i)}.patch`,
        async () => {
          const [from, to] = await Promise.all([
            this.revisions.get(p, a.id),
            this.revisions.get(p, b.id),
          ]);
          return this.diffs.unified(
            { label: a.label ?? 'draft', body: from.revision.body },
            { label: b.label ?? 'draft', body: to.revision.body },
            document.number,
          );
        },
      );
    }
    writer.add(EVENTS, () =>
      lazyIterable(async () => {
        for (const id of await this.copies.idsFor(revisions.map((r) => r.id))) entityIds.add(id);
        for (const id of await this.packIds(document.id)) entityIds.add(id);
        return jsonlChunks(
          this.auditQuery.scanEntities([...entityIds], {
            from: window.from ?? undefined,
            to: window.to ?? undefined,
          }),
        );
      }),
    );
    writer.add(CHAIN_HEAD, async () => {
      const head = await this.auditQuery.head();
      const checkpoint = await this.checkpoints.latest();
      return json({ ...head, readAt: new Date().toISOString(), checkpoint });
    });
  }

  /** Every revision, oldest first (the caller holds a read-all role: the route says so). */
  private async history(p: Principal, documentId: string): Promise<RevisionResponse[]> {
    const all: RevisionResponse[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.revisions.history(p, documentId, { limit: PAGE, cursor });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all.reverse();
  }

  private async *ackCsv(
    revisions: RevisionResponse[],
    window: Window,
    ids: Set<string>,
  ): AsyncGenerator<string> {
    yield ackCsvHeader();
    for (const r of revisions) {
      let cursor: string | undefined;
      do {
        const page = await this.acknowledgements.list(r.id, { limit: PAGE, cursor });
        const rows = page.items.filter((a) => inWindow(a.acknowledgedAt, window));
        rows.forEach((a) => ids.add(a.id));
        if (rows.length) yield ackCsvLines(rows, r.label);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
  }

  private async proposalsOf(p: Principal, documentId: string, window: Window, ids: Set<string>) {
    const out = [];
    let cursor: string | undefined;
    do {
      const page = await this.proposals.list(p, { documentId, limit: PAGE, cursor });
      for (const item of page.items) {
        if (window.to !== null && item.createdAt >= window.to) continue;
        ids.add(item.id);
        out.push(await this.proposals.detail(this.ds.manager, item.id));
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  private async packIds(documentId: string): Promise<string[]> {
    const rows = await this.ds.query<{ id: string }[]>(
      'SELECT id FROM evidence_packs WHERE document_id = $1',
      [documentId],
    );
    return rows.map((r) => r.id);
  }
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

function parseWindow(q: EvidencePackQuery): Window {
  const from = q.from ? new Date(q.from).toISOString() : null;
  const to = q.to ? new Date(q.to).toISOString() : null;
  if (from !== null && to !== null && from >= to) {
    throw badRequest('invalid-window', '`from` must be before `to`', [
      { field: 'to', message: 'must be after from' },
    ]);
  }
  return { from, to };
}

/** An async iterable whose source is made (asynchronously) when first read. */
async function* lazyIterable<T>(make: () => Promise<AsyncIterable<T>>): AsyncGenerator<T> {
  yield* await make();
}

/** A readable made (asynchronously) when first read. */
async function* lazyStream(make: () => Promise<NodeJS.ReadableStream>): AsyncGenerator<Buffer> {
  for await (const chunk of await make()) yield chunk as Buffer;
}
