import { Platform1764100000000 } from './1764100000000-platform';
import { Documents1764200000000 } from './1764200000000-documents';
import { Notifications1764300000000 } from './1764300000000-notifications';
import { Proposals1764400000000 } from './1764400000000-proposals';
import { Delivery1764500000000 } from './1764500000000-delivery';
import { Training1764600000000 } from './1764600000000-training';
import { AssignmentWithdrawn1764700000000 } from './1764700000000-assignment-withdrawn';
import { AcknowledgementLookup1764800000000 } from './1764800000000-acknowledgement-lookup';
import { AssignmentAssignedAt1764900000000 } from './1764900000000-assignment-assigned-at';
import { AssignmentUserIndex1765000000000 } from './1765000000000-assignment-user-index';
import { RevisionAuthors1765200000000 } from './1765200000000-revision-authors';
import { Sessions1765300000000 } from './1765300000000-sessions';
import { AuditCheckpoints1765400000000 } from './1765400000000-audit-checkpoints';
import { Evidence1765500000000 } from './1765500000000-evidence';
import { PasswordMustChange1766100000000 } from './1766100000000-password-must-change';
import { TrainingReportCounts1766400000000 } from './1766400000000-training-report-counts';
import { AuthChangeNotify1766500000000 } from './1766500000000-auth-change-notify';
import { RenderedHtml1766510000000 } from './1766510000000-rendered-html';
import { TimeOrderedIds1766520000000 } from './1766520000000-time-ordered-ids';
import { AuditAppendIndexes1766600000000 } from './1766600000000-audit-append-indexes';
import { AcknowledgementRevisionKey1766600000001 } from './1766600000001-acknowledgement-revision-key';
import { AssignmentRevisionKey1766700000000 } from './1766700000000-assignment-revision-key';
import { AssignmentKeyOrder1766800000000 } from './1766800000000-assignment-key-order';
import { DocumentChangeNotify1766900000000 } from './1766900000000-document-change-notify';

/** Every migration, in order. Listed explicitly so the build and tests load the same set. */
export const MIGRATIONS = [
  Platform1764100000000,
  Documents1764200000000,
  Notifications1764300000000,
  Proposals1764400000000,
  Delivery1764500000000,
  Training1764600000000,
  AssignmentWithdrawn1764700000000,
  AcknowledgementLookup1764800000000,
  AssignmentAssignedAt1764900000000,
  AssignmentUserIndex1765000000000,
  RevisionAuthors1765200000000,
  Sessions1765300000000,
  AuditCheckpoints1765400000000,
  Evidence1765500000000,
  PasswordMustChange1766100000000,
  TrainingReportCounts1766400000000,
  AuthChangeNotify1766500000000,
  RenderedHtml1766510000000,
  TimeOrderedIds1766520000000,
  AuditAppendIndexes1766600000000,
  AcknowledgementRevisionKey1766600000001,
  AssignmentRevisionKey1766700000000,
  AssignmentKeyOrder1766800000000,
  DocumentChangeNotify1766900000000,
];
