import { Injectable, Logger } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import { Principal } from '../common/principal';
import { DocumentsService } from '../documents/documents.service';
import { DocumentResponse } from '../documents/dto/document.dto';
import { RevisionReviewService } from '../documents/revision-review.service';
import { RevisionsService } from '../documents/revisions.service';
import { TrainingRequirementsService } from '../training/training-requirements.service';
import { UsersDirectory } from '../users/users-directory.service';
import { DEMO_DOCUMENTS, DemoDocument, DemoRevision } from './demo-documents';
import { DEMO_PASSWORD } from './demo-organisation';

/** Where the seeding "signs in" from, as the re-authentication records it. */
const SEED_ADDRESS = 'demo-seed';

const PLACEHOLDER = /\{\{\s*(number|department|ref:([a-z-]+))\s*\}\}/g;

/**
 * The demo organisation's documents, written, reviewed and signed through the same
 * services the API uses, so numbers, labels, signatures and audit events are real:
 * the quality lead writes and submits, the approver signs with their password, then
 * sets who must read what (the fan-out gives demo staff their assignments).
 */
@Injectable()
export class DemoDocumentsService {
  private readonly log = new Logger('DemoDocuments');

  constructor(
    private readonly users: UsersDirectory,
    private readonly auth: AuthService,
    private readonly documents: DocumentsService,
    private readonly revisions: RevisionsService,
    private readonly review: RevisionReviewService,
    private readonly requirements: TrainingRequirementsService,
  ) {}

  async seed(): Promise<{ effective: number; inReview: number; requirements: number }> {
    const lead = await this.principal('lead@demo.local');
    const approver = await this.principal('approver@demo.local');
    const departments = await this.departments();

    // Number every document first, so that each body can name the others by number.
    const created = new Map<string, { doc: DocumentResponse; department: string }>();
    for (const d of DEMO_DOCUMENTS) {
      const department = departments.get(d.department);
      if (!department) throw new Error(`demo department ${d.department} is missing`);
      const owner = d.owner ? await this.principal(d.owner) : lead;
      const doc = await this.documents.create(lead, {
        title: d.title,
        type: 'sop',
        templateKey: 'sop',
        departmentId: department.id,
        ownerId: owner.userId,
        category: d.category,
        reviewIntervalMonths: d.reviewIntervalMonths,
      });
      created.set(d.key, { doc, department: department.name });
    }
    const fill = (d: DemoDocument, body: string) =>
      body.replace(PLACEHOLDER, (_m, field: string, ref?: string) => {
        if (ref) {
          const other = created.get(ref)?.doc;
          if (!other) throw new Error(`demo document ${d.key} refers to unknown ${ref}`);
          return `${other.number} ${other.title}`;
        }
        const own = created.get(d.key)!;
        return field === 'number' ? own.doc.number : own.department;
      });

    let inReview = 0;
    for (const d of DEMO_DOCUMENTS) {
      const { doc } = created.get(d.key)!;
      for (const [i, rev] of d.revisions.entries()) {
        const id = i === 0 ? doc.draftRevisionId! : await this.newDraft(lead, doc.id, rev);
        await this.write(lead, id, { ...rev, body: fill(d, rev.body) });
        await this.review.submit(lead, id, { approverIds: [approver.userId] });
        await this.review.sign(
          approver,
          id,
          { meaning: 'approved', password: DEMO_PASSWORD, comment: rev.approvalComment },
          SEED_ADDRESS,
        );
      }
      if (d.inReview) {
        const id = await this.newDraft(lead, doc.id, d.inReview);
        await this.write(lead, id, { ...d.inReview, body: fill(d, d.inReview.body) });
        await this.review.submit(lead, id, { approverIds: [approver.userId] });
        inReview++;
      }
    }

    let requirements = 0;
    for (const d of DEMO_DOCUMENTS) {
      if (!d.training) continue;
      await this.requirements.put(lead, created.get(d.key)!.doc.id, {
        departmentIds: d.training.departments.map((code) => departments.get(code)!.id),
        roles: d.training.roles,
        userIds: [],
        dueInDays: d.training.dueInDays,
        retrainOnMinor: d.training.retrainOnMinor,
      });
      requirements++;
    }
    this.log.log(
      `seeded ${DEMO_DOCUMENTS.length} effective demo documents, ${inReview} revision(s) in review, ` +
        `${requirements} training requirement(s)`,
    );
    return { effective: DEMO_DOCUMENTS.length, inReview, requirements };
  }

  private async newDraft(lead: Principal, documentId: string, rev: DemoRevision): Promise<string> {
    const draft = await this.revisions.createDraft(lead, documentId, {
      changeLevel: rev.changeLevel,
      changeSummary: rev.changeSummary,
      reason: rev.reason,
    });
    return draft.id;
  }

  /** Saves the body, summary and reason, as an author would: with the draft's current ETag. */
  private async write(lead: Principal, id: string, rev: DemoRevision): Promise<void> {
    const { etag } = await this.revisions.get(lead, id);
    await this.revisions.update(lead, id, etag, {
      body: rev.body,
      changeSummary: rev.changeSummary,
      reason: rev.reason,
    });
  }

  private async principal(email: string): Promise<Principal> {
    const userId = await this.users.idByEmail(email);
    const p = userId ? await this.auth.principalFor(userId) : null;
    if (!p) throw new Error(`demo user ${email} is missing or inactive`);
    return p;
  }

  private departments(): Promise<Map<string, { id: string; name: string }>> {
    return this.users.departmentsByCode([
      ...new Set(DEMO_DOCUMENTS.flatMap((d) => [d.department, ...(d.training?.departments ?? [])])),
    ]);
  }
}
