import { Injectable } from '@nestjs/common';
import { hasAnyRole, Principal } from '../common/principal';
import { SigningQueueService } from '../documents/signing-queue.service';
import { NotificationsService } from '../notifications/notifications.service';
import { TRIAGE_ROLES } from '../proposals/proposal-lifecycle';
import { ProposalsService } from '../proposals/proposals.service';
import { MyAssignmentsService } from '../training/my-assignments.service';
import { TrainingOverdueService } from '../training/training-overdue.service';
import { REQUIREMENT_WRITE_ROLES } from '../training/training-roles';
import { MeSummary } from './dto/me.dto';

/** The counts of the Home page, each from the module that owns them. */
@Injectable()
export class MeSummaryService {
  constructor(
    private readonly assignments: MyAssignmentsService,
    private readonly signing: SigningQueueService,
    private readonly notifications: NotificationsService,
    private readonly proposals: ProposalsService,
    private readonly overdue: TrainingOverdueService,
  ) {}

  async summary(p: Principal): Promise<MeSummary> {
    // Organisation-wide counts for those who act on them: triagers, and who manages training.
    const [reading, signing, unread, triage, late] = await Promise.all([
      this.assignments.counts(p.userId),
      this.signing.count(p),
      this.notifications.unreadCount(p.userId),
      hasAnyRole(p, TRIAGE_ROLES) ? this.proposals.triageCounts() : null,
      hasAnyRole(p, REQUIREMENT_WRITE_ROLES) ? this.overdue.lateCount() : null,
    ]);
    return {
      reading,
      signing,
      notifications: { unread },
      ...(triage && {
        triage: { proposalsToTriage: triage.toTriage, proposalsOverdue: triage.overdue },
      }),
      ...(late !== null && { training: { overdueAssignments: late } }),
    };
  }
}
