import { Injectable } from '@nestjs/common';
import { hasAnyRole, Principal } from '../common/principal';
import { Role } from '../common/roles';
import { SigningQueueService } from '../documents/signing-queue.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ProposalsService } from '../proposals/proposals.service';
import { MyAssignmentsService } from '../training/my-assignments.service';
import { TrainingOverdueService } from '../training/training-overdue.service';
import { MeSummary } from './dto/me.dto';

/** Who sees the organisation-wide counts: those who triage proposals and manage training. */
const OVERSIGHT_ROLES: readonly Role[] = ['admin', 'quality_lead'];

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
    const oversight = hasAnyRole(p, OVERSIGHT_ROLES);
    const [reading, signing, unread, triage, late] = await Promise.all([
      this.assignments.counts(p.userId),
      this.signing.count(p),
      this.notifications.unreadCount(p.userId),
      oversight ? this.proposals.triageCounts() : null,
      oversight ? this.overdue.lateCount() : null,
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
