import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/principal';
import { NotificationsService } from '../notifications/notifications.service';
import { TimelineEntry } from './dto/proposal.dto';
import { ProposalAction } from './proposal-actions';
import { audienceOf } from './proposal-access';
import { PROPOSAL_EVENT_COLUMNS, ProposalEventRow, toTimelineEntry } from './proposal.mapper';
import { ProposalStatus } from './proposal-lifecycle';

/** Who acted: the audit actor, and the user behind it (null for the system). */
export interface ProposalActor {
  actor: Actor;
  userId: string | null;
}

export interface TransitionRecord {
  proposal: { id: string; number: string };
  from: ProposalStatus;
  to: ProposalStatus;
  comment: string | null;
  assigneeId: string | null;
  /** More audit data, e.g. the revision that implemented it. */
  extra?: Record<string, unknown>;
  /** Told too, though no longer in the audience (the assignee a proposal was taken from). */
  alsoTell?: (string | null)[];
}

/**
 * Every step of a proposal is written the same way, in the caller's transaction:
 * the timeline entry, the audit event, and a notification to the submitter, the
 * assignee and the watchers, but not to whoever acted.
 */
@Injectable()
export class ProposalEventsService {
  constructor(
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async created(
    em: EntityManager,
    by: ProposalActor,
    proposal: { id: string; number: string; assigneeId: string | null },
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.append(em, {
      actor: by.actor,
      action: ProposalAction.Created,
      entityType: 'proposal',
      entityId: proposal.id,
      data: { number: proposal.number, assigneeId: proposal.assigneeId, ...data },
    });
    await this.notifications.notify(
      em,
      [proposal.assigneeId],
      ProposalAction.Created,
      { proposalId: proposal.id, number: proposal.number },
      { except: by.userId },
    );
  }

  async transitioned(em: EntityManager, by: ProposalActor, t: TransitionRecord): Promise<void> {
    await em.query(
      `INSERT INTO proposal_events (proposal_id, type, actor_id, from_status, to_status, comment)
       VALUES ($1, 'transition', $2, $3, $4, $5)`,
      [t.proposal.id, by.userId, t.from, t.to, t.comment],
    );
    await this.audit.append(em, {
      actor: by.actor,
      action: ProposalAction.Transitioned,
      entityType: 'proposal',
      entityId: t.proposal.id,
      data: {
        number: t.proposal.number,
        from: t.from,
        to: t.to,
        comment: t.comment,
        assigneeId: t.assigneeId,
        ...t.extra,
      },
    });
    await this.notifications.notify(
      em,
      [...(await audienceOf(em, t.proposal.id)), ...(t.alsoTell ?? [])],
      ProposalAction.Transitioned,
      { proposalId: t.proposal.id, number: t.proposal.number, from: t.from, to: t.to },
      { except: by.userId },
    );
  }

  /** A new assignee, the status unchanged: audited, and both assignees told. */
  async assigned(
    em: EntityManager,
    by: ProposalActor,
    proposal: { id: string; number: string },
    change: { from: string | null; to: string },
  ): Promise<void> {
    await this.audit.append(em, {
      actor: by.actor,
      action: ProposalAction.Assigned,
      entityType: 'proposal',
      entityId: proposal.id,
      data: { number: proposal.number, from: change.from, assigneeId: change.to },
    });
    await this.notifications.notify(
      em,
      [change.to, change.from],
      ProposalAction.Assigned,
      { proposalId: proposal.id, number: proposal.number, assigneeId: change.to },
      { except: by.userId },
    );
  }

  /** A comment; its author watches the proposal from now on. */
  async commented(
    em: EntityManager,
    by: ProposalActor & { userId: string },
    proposal: { id: string; number: string },
    body: string,
  ): Promise<TimelineEntry> {
    const [row] = await em.query<ProposalEventRow[]>(
      `INSERT INTO proposal_events (proposal_id, type, actor_id, body) VALUES ($1, 'comment', $2, $3)
       RETURNING ${PROPOSAL_EVENT_COLUMNS}`,
      [proposal.id, by.userId, body],
    );
    await em.query(
      `INSERT INTO proposal_watchers (proposal_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [proposal.id, by.userId],
    );
    await this.audit.append(em, {
      actor: by.actor,
      action: ProposalAction.Commented,
      entityType: 'proposal',
      entityId: proposal.id,
      data: { number: proposal.number, commentId: row.id, body },
    });
    await this.notifications.notify(
      em,
      await audienceOf(em, proposal.id),
      ProposalAction.Commented,
      { proposalId: proposal.id, number: proposal.number, commentId: row.id },
      { except: by.userId },
    );
    return toTimelineEntry(row);
  }
}
