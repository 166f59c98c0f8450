import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApiKeysService } from '../auth/api-keys.service';
import { Actor } from '../common/principal';
import { DomainHooks, RevisionEffectiveEvent } from '../common/domain-hooks';
import { revisionTitleSql } from '../documents/documents.sql';
import { ProposalEventsService } from './proposal-events.service';
import { ProposalStatus, proposalSourcesOf } from './proposal-lifecycle';

/**
 * When a revision becomes effective, the accepted proposals linked to it
 * (`proposalIds`) become implemented, in the same transaction, each with its
 * timeline entry, audit event and notifications. Linked proposals in any other
 * state are left alone.
 */
@Injectable()
export class ProposalImplementationService implements OnModuleInit {
  constructor(
    private readonly hooks: DomainHooks,
    private readonly events: ProposalEventsService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  onModuleInit(): void {
    this.hooks.on('revision.effective', 'proposals.implementation', async (e) => {
      await this.implementLinked(e);
    });
  }

  async implementLinked(e: RevisionEffectiveEvent): Promise<number> {
    if (e.proposalIds.length === 0) return 0;
    const { em } = e;
    const [moved] = await em.query<
      [
        { id: string; number: string; from_status: ProposalStatus; assignee_id: string | null }[],
        number,
      ]
    >(
      `UPDATE proposals p SET status = 'implemented', implemented_at = now(),
              implemented_by_revision_id = $3, updated_at = now()
         FROM (SELECT id, status FROM proposals
                WHERE id = ANY($1::uuid[]) AND document_id = $2 AND status = ANY($4::text[])
                ORDER BY id FOR UPDATE) old
        WHERE p.id = old.id
        RETURNING p.id, p.number, old.status AS from_status, p.assignee_id`,
      [e.proposalIds, e.documentId, e.revisionId, proposalSourcesOf('implemented')],
    );
    if (moved.length === 0) return 0;
    const [rev] = await em.query<{ label: string | null; number: string }[]>(revisionTitleSql(), [
      e.revisionId,
    ]);
    const by = { actor: e.actor, userId: await this.userBehind(em, e.actor) };
    for (const p of moved.sort((a, b) => a.number.localeCompare(b.number))) {
      await this.events.transitioned(em, by, {
        proposal: { id: p.id, number: p.number },
        from: p.from_status,
        to: 'implemented',
        comment: `Implemented by ${rev.number} revision ${rev.label ?? e.revisionId}`,
        assigneeId: p.assignee_id,
        extra: { revisionId: e.revisionId, documentId: e.documentId },
      });
    }
    return moved.length;
  }

  /** The user an actor stands for: an API key acts as its user; the system is nobody. */
  private async userBehind(em: EntityManager, actor: Actor): Promise<string | null> {
    if (actor.type === 'user') return actor.id;
    if (actor.type === 'system' || !actor.id) return null;
    return this.apiKeys.userOf(actor.id, em);
  }
}
