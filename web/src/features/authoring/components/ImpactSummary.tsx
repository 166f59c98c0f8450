import { ErrorState, Loading } from '../../../components/states';
import { useImpact } from '../queries/authoring-query';

/** How many people this revision will send to read, counted as the fan-out will count them. */
export function ImpactSummary({ revisionId }: { revisionId: string }) {
  const impact = useImpact(revisionId);
  return (
    <section className="impact" aria-labelledby="impact-title">
      <h2 id="impact-title">Who will have to read it</h2>
      {impact.isPending && <Loading what="The impact" />}
      {impact.isError && <ErrorState error={impact.error} onRetry={() => void impact.refetch()} />}
      {impact.data && (
        <>
          <p className="impact-total">
            <strong>
              {/* fixed wording that scripts look for: "N people", even for one */}
              {impact.data.total} people will have to read this
            </strong>{' '}
            when it becomes effective
            {impact.data.excusedMinor > 0 &&
              ` (${impact.data.excusedMinor} excused: a minor change, and they read the previous revision)`}
            .
          </p>
          {impact.data.departments.length > 0 && (
            <ul className="plain-list">
              {impact.data.departments.map((d) => (
                <li key={d.departmentId ?? 'none'}>
                  {d.name ?? 'No department'}: {d.count}
                </li>
              ))}
            </ul>
          )}
          {impact.data.total === 0 && impact.data.excusedMinor === 0 && (
            <p className="hint">
              Nobody yet: set the training requirement on the document page to say who must read it.
            </p>
          )}
        </>
      )}
    </section>
  );
}
