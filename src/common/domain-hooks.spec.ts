import { EntityManager } from 'typeorm';
import { DomainHooks } from './domain-hooks';
import { SYSTEM_ACTOR } from './principal';

const inTransaction = { queryRunner: { isTransactionActive: true } } as unknown as EntityManager;

describe('DomainHooks', () => {
  it('runs the listed subscribers in their order, then the others as they registered', async () => {
    const hooks = new DomainHooks();
    const ran: string[] = [];
    const as = (name: string) => () => Promise.resolve(void ran.push(name));
    hooks.on('revision.effective', 'test.first', as('test.first'));
    hooks.on('revision.effective', 'proposals.implementation', as('proposals'));
    hooks.on('revision.effective', 'test.second', as('test.second'));
    hooks.on('revision.effective', 'training.fanout', as('training'));
    await hooks.run('revision.effective', {
      em: inTransaction,
      actor: SYSTEM_ACTOR,
      documentId: 'd',
      revisionId: 'r',
      previousRevisionId: null,
      changeLevel: 'major',
      proposalIds: [],
      effectiveFrom: new Date(),
    });
    expect(ran).toEqual(['training', 'proposals', 'test.first', 'test.second']);
  });

  it('stops at the first failure, which the caller’s transaction then rolls back', async () => {
    const hooks = new DomainHooks();
    const ran: string[] = [];
    hooks.on('document.retired', 'training.withdrawal', () => Promise.reject(new Error('no')));
    hooks.on('document.retired', 'test', () => Promise.resolve(void ran.push('test')));
    const payload = { em: inTransaction, actor: SYSTEM_ACTOR, documentId: 'd' };
    await expect(hooks.run('document.retired', payload)).rejects.toThrow('no');
    expect(ran).toEqual([]);
  });

  it('refuses to run outside a transaction', async () => {
    const hooks = new DomainHooks();
    const em = { queryRunner: undefined } as unknown as EntityManager;
    await expect(
      hooks.run('coverage.changed', { em, actor: SYSTEM_ACTOR, userId: 'u' }),
    ).rejects.toThrow(/inside the caller’s transaction/);
  });
});
