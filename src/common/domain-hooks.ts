import { Global, Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from './principal';

/** What every in-transaction hook gets: the caller's transaction and who acts. */
interface InTransaction {
  em: EntityManager;
  actor: Actor;
}

/**
 * The in-transaction domain hooks and their payloads. A module that owns a change raises
 * the hook inside the change's transaction; modules it must not depend on (training,
 * proposals) react to it there. Each hook lists its subscribers in the order they run.
 */
export interface DomainHookPayloads {
  /** A revision became effective (documents/revision-activation.service.ts makeEffective). */
  'revision.effective': InTransaction & {
    documentId: string;
    revisionId: string;
    previousRevisionId: string | null;
    changeLevel: 'major' | 'minor';
    proposalIds: string[];
    effectiveFrom: Date;
  };
  /** A document was retired (documents/documents.service.ts retire). */
  'document.retired': InTransaction & { documentId: string };
  /**
   * A user may now fall under something assigned by group: created, joined a department,
   * gained a role, re-activated (users/users.service.ts). Raised after coverage.shrank.
   */
  'coverage.changed': InTransaction & { userId: string };
  /** A user may no longer fall under it: left a department, lost a role, deactivated. */
  'coverage.shrank': InTransaction & { userId: string; deactivated: boolean };
}

export type DomainHook = keyof DomainHookPayloads;
export type RevisionEffectiveEvent = DomainHookPayloads['revision.effective'];

/**
 * Who reacts to each hook, in running order. A subscriber that is not listed (a test's)
 * runs after the listed ones, in the order it registered.
 */
const SUBSCRIBERS: { [H in DomainHook]: readonly string[] } = {
  'revision.effective': ['training.fanout', 'proposals.implementation'],
  'document.retired': ['training.withdrawal'],
  'coverage.changed': ['training.fanout'],
  'coverage.shrank': ['training.withdrawal'],
};

/** A committed outbox event (an audit event): its id, type (the audit action) and data. */
export interface CommittedEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

export type AfterCommitHandler = (em: EntityManager, event: CommittedEvent) => Promise<void>;

type Handler<H extends DomainHook> = (payload: DomainHookPayloads[H]) => Promise<unknown>;

/**
 * The one registry of cross-module reactions, of two kinds:
 *
 * - In-transaction hooks (`on` / `run`): run inside the transaction of the change, in the
 *   order SUBSCRIBERS gives, one after the other. A hook that throws fails the change: the
 *   whole transaction rolls back. For what must be true together with the change
 *   (assignments, withdrawals, implemented proposals).
 * - After-commit handlers (`afterCommit`), by outbox event type: run by the outbox
 *   dispatcher (notifications/outbox-dispatcher.service.ts) once the change has committed,
 *   in the dispatcher's transaction, each in a savepoint; one that fails is logged and
 *   skipped, and never undoes the change. For work a change implies that need not hold it
 *   up (a fan-out's 50,000 notifications).
 */
@Injectable()
export class DomainHooks {
  private readonly hooks = new Map<DomainHook, { subscriber: string; handler: unknown }[]>();
  private readonly afterCommitHandlers = new Map<string, AfterCommitHandler[]>();

  /** Subscribes to an in-transaction hook (from a provider's onModuleInit). */
  on<H extends DomainHook>(hook: H, subscriber: string, handler: Handler<H>): void {
    const rank = (s: string) => {
      const i = SUBSCRIBERS[hook].indexOf(s);
      return i < 0 ? SUBSCRIBERS[hook].length : i;
    };
    const list = [...(this.hooks.get(hook) ?? []), { subscriber, handler }];
    // A stable sort: unlisted subscribers keep their registration order.
    list.sort((a, b) => rank(a.subscriber) - rank(b.subscriber));
    this.hooks.set(hook, list);
  }

  /** Raises a hook in the caller's transaction (`payload.em`); the first failure throws. */
  async run<H extends DomainHook>(hook: H, payload: DomainHookPayloads[H]): Promise<void> {
    if (!payload.em.queryRunner?.isTransactionActive) {
      throw new Error(`Domain hook ${hook} must run inside the caller’s transaction`);
    }
    for (const { handler } of this.hooks.get(hook) ?? []) await (handler as Handler<H>)(payload);
  }

  /** Handles every committed outbox event of `type`, after its change committed. */
  afterCommit(type: string, handler: AfterCommitHandler): void {
    this.afterCommitHandlers.set(type, [...(this.afterCommitHandlers.get(type) ?? []), handler]);
  }

  /** The event types that have after-commit handlers. */
  afterCommitTypes(): string[] {
    return [...this.afterCommitHandlers.keys()];
  }

  /** The after-commit handlers of one event type, in registration order. */
  afterCommitHandlersOf(type: string): readonly AfterCommitHandler[] {
    return this.afterCommitHandlers.get(type) ?? [];
  }
}

/** Global, so any module can raise or subscribe without importing another's module. */
@Global()
@Module({ providers: [DomainHooks], exports: [DomainHooks] })
export class DomainHooksModule {}
