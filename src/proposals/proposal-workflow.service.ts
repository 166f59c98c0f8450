import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hasAnyRole, Principal } from '../common/principal';
import { badRequest, conflict, forbidden } from '../common/problem';
import {
  AssignProposalDto,
  CommentProposalDto,
  ProposalDetail,
  TimelineEntry,
  TransitionProposalDto,
} from './dto/proposal.dto';
import { loadVisibleProposal } from './proposal-access';
import { ProposalEventsService } from './proposal-events.service';
import { assertProposalTransition, PROPOSAL_TRANSITIONS, TRIAGE_ROLES } from './proposal-lifecycle';
import { ProposalsService } from './proposals.service';
import { UsersDirectory } from '../users/users-directory.service';

/** Moving a proposal through its lifecycle, and commenting on it. */
@Injectable()
export class ProposalWorkflowService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly proposals: ProposalsService,
    private readonly events: ProposalEventsService,
    private readonly users: UsersDirectory,
  ) {}

  /**
   * One step of the table. Only the submitter withdraws; every other step is
   * triage (quality lead or admin). Triaging an unassigned proposal makes the
   * triager its assignee; `assigneeId` hands it to someone else.
   */
  async transition(p: Principal, id: string, dto: TransitionProposalDto): Promise<ProposalDetail> {
    return this.ds.transaction(async (em) => {
      const row = await loadVisibleProposal(em, p, id, { lock: true });
      assertProposalTransition(row.status, dto.to);
      if (dto.to === 'withdrawn') {
        if (row.submitter_id !== p.userId)
          throw forbidden('Only the submitter may withdraw a proposal');
        if (dto.assigneeId)
          throw badRequest('validation', 'Withdrawing does not reassign', [
            { field: 'assigneeId', message: 'is not allowed when withdrawing' },
          ]);
      } else if (!hasAnyRole(p, TRIAGE_ROLES)) {
        throw forbidden(`Only a quality lead or an admin may move a proposal to ${dto.to}`);
      }
      const comment = dto.comment ? dto.comment : null;
      if (dto.to === 'rejected' && !comment) {
        throw badRequest('comment-required', 'Rejecting a proposal needs a comment saying why', [
          { field: 'comment', message: 'is required when rejecting' },
        ]);
      }
      let assigneeId = row.assignee_id;
      if (dto.assigneeId) {
        await this.assertActiveUser(em, dto.assigneeId);
        assigneeId = dto.assigneeId;
      } else if (dto.to === 'under_review' && !assigneeId) {
        assigneeId = p.userId;
      }
      await em.query(
        `UPDATE proposals SET status = $2, assignee_id = $3, updated_at = now(),
                decided_at = CASE WHEN $2 IN ('accepted','rejected') THEN now() ELSE decided_at END,
                implemented_at = CASE WHEN $2 = 'implemented' THEN now() ELSE implemented_at END,
                closed_at = CASE WHEN $2 IN ('closed','withdrawn') THEN now() ELSE closed_at END
          WHERE id = $1`,
        [id, dto.to, assigneeId],
      );
      await this.events.transitioned(
        em,
        { actor: p.actor, userId: p.userId },
        {
          proposal: { id, number: row.number },
          from: row.status,
          to: dto.to,
          comment,
          assigneeId,
          alsoTell: assigneeId !== row.assignee_id ? [row.assignee_id] : [],
        },
      );
      return this.proposals.detailFor(em, p, id);
    });
  }

  /**
   * Triage: hand the proposal to someone else without moving it. Any status but a
   * final one; the new and the previous assignee are told, not whoever acted.
   */
  async assign(p: Principal, id: string, dto: AssignProposalDto): Promise<ProposalDetail> {
    if (!hasAnyRole(p, TRIAGE_ROLES))
      throw forbidden('Only a quality lead or an admin may reassign a proposal');
    return this.ds.transaction(async (em) => {
      const row = await loadVisibleProposal(em, p, id, { lock: true });
      if (PROPOSAL_TRANSITIONS[row.status].length === 0)
        throw conflict('proposal-final', `The proposal is ${row.status}: it is final`);
      await this.assertActiveUser(em, dto.assigneeId);
      if (dto.assigneeId !== row.assignee_id) {
        await em.query('UPDATE proposals SET assignee_id = $2, updated_at = now() WHERE id = $1', [
          id,
          dto.assigneeId,
        ]);
        await this.events.assigned(
          em,
          { actor: p.actor, userId: p.userId },
          { id, number: row.number },
          { from: row.assignee_id, to: dto.assigneeId },
        );
      }
      return this.proposals.detailFor(em, p, id);
    });
  }

  /** Anyone who can see the proposal may comment (auditors write nothing); they then watch it. */
  async comment(p: Principal, id: string, dto: CommentProposalDto): Promise<TimelineEntry> {
    return this.ds.transaction(async (em) => {
      const row = await loadVisibleProposal(em, p, id);
      return this.events.commented(
        em,
        { actor: p.actor, userId: p.userId },
        { id, number: row.number },
        dto.body,
      );
    });
  }

  private async assertActiveUser(em: EntityManager, id: string): Promise<void> {
    if (!(await this.users.isActive(id, em))) {
      throw badRequest('unknown-assignee', 'The assignee must be an active user', [
        { field: 'assigneeId', message: 'unknown or inactive user' },
      ]);
    }
  }
}
