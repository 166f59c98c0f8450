import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ReauthService } from '../auth/reauth.service';
import { Principal } from '../common/principal';
import { badRequest, conflict, forbidden, notFound, ProblemException } from '../common/problem';
import { NotificationsService } from '../notifications/notifications.service';
import { TemplatesService } from '../templates/templates.service';
import { UsersDirectory } from '../users/users-directory.service';
import { DocumentAction } from './document-actions';
import { SignatureRow, toRevisionResponse, toSignatureResponse } from './document.mapper';
import {
  RevisionResponse,
  SignatureResponse,
  SignRevisionDto,
  SubmitRevisionDto,
} from './dto/document.dto';
import { assertRevisionTransition, SIGNER_ROLES } from './lifecycle';
import { canSeeRevision, loadRevision } from './revision-access';
import { RevisionActivationService } from './revision-activation.service';

/**
 * An effective date as an instant in UTC (the OpenAPI document): a date alone is midnight UTC and a
 * time without an offset is UTC, whatever the database session's time zone.
 */
export function utcInstant(value: string): string {
  const [date, time] = value.split(/[T ]/, 2);
  if (time === undefined) return `${date}T00:00:00Z`;
  return /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(time) ? value : `${value}Z`;
}

/** Review and e-signature: submit a draft, sign it (reviewed, approved, rejected). */
@Injectable()
export class RevisionReviewService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly reauth: ReauthService,
    private readonly templates: TemplatesService,
    private readonly activation: RevisionActivationService,
    private readonly notifications: NotificationsService,
    private readonly users: UsersDirectory,
  ) {}

  async submit(p: Principal, id: string, dto: SubmitRevisionDto): Promise<RevisionResponse> {
    return this.ds.transaction(async (em) => {
      const rev = await loadRevision(em, id, { lock: true, body: true });
      assertRevisionTransition(rev.status, 'in_review', 'submit');
      const [doc] = await em.query<{ template_key: string | null }[]>(
        'SELECT template_key FROM documents WHERE id = $1',
        [rev.document_id],
      );
      if (!rev.body!.trim()) {
        throw new ProblemException(422, 'empty-body', 'The revision has no content', {
          errors: [{ field: 'body', message: 'is empty' }],
        });
      }
      const template = doc.template_key ? this.templates.find(doc.template_key) : undefined;
      const missing = template
        ? this.templates.missingSections(rev.body!, template.requiredSections)
        : [];
      if (missing.length) {
        throw new ProblemException(
          422,
          'missing-sections',
          `Required sections missing: ${missing.join(', ')}`,
          {
            errors: missing.map((s) => ({
              field: 'body',
              message: `missing required section: ${s}`,
            })),
          },
        );
      }
      // uuid[] stores ids in lower case: compare them so, or a signer could be told apart from themself.
      const reviewerIds = (dto.reviewerIds ?? []).map((uid) => uid.toLowerCase());
      const approverIds = dto.approverIds.map((uid) => uid.toLowerCase());
      const effectiveFrom = dto.effectiveFrom ? utcInstant(dto.effectiveFrom) : null;
      await this.assertSigners(em, 'approverIds', approverIds, rev.author_ids);
      await this.assertSigners(em, 'reviewerIds', reviewerIds, rev.author_ids);
      await em.query(
        `UPDATE revisions SET status = 'in_review', review_round = review_round + 1, submitted_at = now(),
                reviewer_ids = $2::uuid[], approver_ids = $3::uuid[], effective_from = $4::timestamptz,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, reviewerIds, approverIds, effectiveFrom],
      );
      await this.audit.append(em, {
        actor: p.actor,
        action: DocumentAction.RevisionSubmitted,
        entityType: 'revision',
        entityId: id,
        data: {
          documentId: rev.document_id,
          reviewerIds,
          approverIds,
          effectiveFrom,
          contentSha256: rev.content_sha256,
        },
      });
      const request = { revisionId: id, documentId: rev.document_id, submittedBy: p.userId };
      await this.notifications.notify(em, reviewerIds, 'revision.review_requested', request);
      await this.notifications.notify(em, approverIds, 'revision.approval_requested', request);
      return toRevisionResponse(await loadRevision(em, id), []);
    });
  }

  /**
   * Applies an e-signature after the signer re-enters their password (§11.200),
   * recording printed name, meaning, time and the hash of the signed body (§11.50,
   * §11.70). The revision row is locked, so two approvers signing at the same
   * moment are serialised and the last one alone approves it.
   */
  async sign(
    p: Principal,
    id: string,
    dto: SignRevisionDto,
    address: string,
  ): Promise<SignatureResponse> {
    if (dto.meaning === 'rejected' && !dto.comment) {
      throw badRequest('validation', 'A rejection needs a comment', [
        { field: 'comment', message: 'is required when rejecting' },
      ]);
    }
    await this.reauth.confirm(p, dto.password, address);
    return this.ds.transaction(async (em) => {
      const rev = await loadRevision(em, id, { lock: true });
      const assigned =
        dto.meaning === 'reviewed'
          ? rev.reviewer_ids.includes(p.userId)
          : dto.meaning === 'approved'
            ? rev.approver_ids.includes(p.userId)
            : rev.reviewer_ids.includes(p.userId) || rev.approver_ids.includes(p.userId);
      if (!assigned && !canSeeRevision(p, rev)) throw notFound('Revision');
      if (rev.status !== 'in_review') {
        throw conflict(
          'invalid-transition',
          `Only a revision in review can be signed; this one is ${rev.status}`,
        );
      }
      if (!assigned)
        throw forbidden(`You are not assigned to sign this revision as ${dto.meaning}`);
      // Separation of duties: whoever wrote any of the body may not sign it off (a trigger
      // on signatures enforces the same; this is the friendly answer).
      if (dto.meaning !== 'rejected' && rev.author_ids.includes(p.userId))
        throw forbidden(`An author of this revision cannot sign it as ${dto.meaning}`);
      const signerName = (await this.users.namesOf([p.userId], em)).get(p.userId);
      const inserted = await em.query<SignatureRow[]>(
        `INSERT INTO signatures (revision_id, review_round, signer_id, signer_name, meaning, comment, content_sha256)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (revision_id, review_round, signer_id, meaning) DO NOTHING
         RETURNING id, revision_id, review_round, signer_id, signer_name, meaning, comment, signed_at, content_sha256`,
        [
          id,
          rev.review_round,
          p.userId,
          signerName,
          dto.meaning,
          dto.comment ?? null,
          rev.content_sha256,
        ],
      );
      if (inserted.length === 0)
        throw conflict('already-signed', `You have already signed this revision as ${dto.meaning}`);
      const signature = inserted[0];
      await this.audit.append(em, {
        actor: p.actor,
        action: DocumentAction.SignatureApplied,
        entityType: 'revision',
        entityId: id,
        data: {
          signatureId: signature.id,
          documentId: rev.document_id,
          meaning: dto.meaning,
          signerName,
          contentSha256: rev.content_sha256,
          reviewRound: rev.review_round,
        },
      });
      if (dto.meaning === 'rejected') {
        assertRevisionTransition(rev.status, 'draft', 'reject');
        await em.query(
          `UPDATE revisions SET status = 'draft', version = version + 1, updated_at = now() WHERE id = $1`,
          [id],
        );
        await this.audit.append(em, {
          actor: p.actor,
          action: DocumentAction.RevisionRejected,
          entityType: 'revision',
          entityId: id,
          data: {
            documentId: rev.document_id,
            comment: dto.comment,
            reviewRound: rev.review_round,
          },
        });
      } else if (
        await this.complete(em, id, rev.review_round, rev.reviewer_ids, rev.approver_ids)
      ) {
        await this.activation.approve(em, rev, p.actor);
      }
      return toSignatureResponse(signature);
    });
  }

  /** Every assigned reviewer has reviewed and every approver approved (each counted once), in this round. */
  private async complete(
    em: EntityManager,
    id: string,
    round: number,
    reviewers: string[],
    approvers: string[],
  ) {
    const [row] = await em.query<{ reviewed: number; approved: number }[]>(
      `SELECT count(DISTINCT signer_id) FILTER (WHERE meaning = 'reviewed' AND signer_id = ANY($3::uuid[]))::int AS reviewed,
              count(DISTINCT signer_id) FILTER (WHERE meaning = 'approved' AND signer_id = ANY($4::uuid[]))::int AS approved
         FROM signatures WHERE revision_id = $1 AND review_round = $2`,
      [id, round, reviewers, approvers],
    );
    return row.reviewed === new Set(reviewers).size && row.approved === new Set(approvers).size;
  }

  private async assertSigners(
    em: EntityManager,
    field: string,
    ids: string[],
    authorIds: string[],
  ): Promise<void> {
    if (ids.length === 0) return;
    const byId = await this.users.rolesOf(ids, em);
    const errors = ids.flatMap((uid) => {
      const u = byId.get(uid);
      if (!u || !u.active) return [{ field, message: `${uid} is not an active user` }];
      if (!u.roles.some((r) => (SIGNER_ROLES as readonly string[]).includes(r))) {
        return [
          { field, message: `${uid} does not hold the approver, quality_lead or admin role` },
        ];
      }
      if (authorIds.includes(uid))
        return [
          {
            field,
            message: `${uid} is an author of this revision and cannot review or approve it`,
          },
        ];
      return [];
    });
    if (errors.length)
      throw badRequest(
        'invalid-signers',
        'Some assigned signers cannot sign this revision',
        errors,
      );
  }
}
