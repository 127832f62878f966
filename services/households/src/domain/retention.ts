// How long a household's personal data is kept once it is no longer needed (GDPR art. 5(1)(e)): periods that
// are configuration, counted from the household's last activity, and enforced by a daily job that erases the
// households past them.

export interface RetentionSettings {
  /**
   * Days a household is kept after its last case ended (closed, declined, withdrawn or cancelled) and its last
   * application was made, when it has no case in progress and no active application (RETENTION_DAYS_AFTER_CLOSE).
   */
  daysAfterClose: number;
  /**
   * Days a household that was never nominated (it has no case) is kept after it was registered and after its
   * last application was made, when it has no active application (RETENTION_DAYS_NO_CASE).
   */
  daysWithoutCase: number;
}

/**
 * Three years after the last case ended: the general limitation period for claims (forældelsesloven § 3), within
 * which complaints, a new nomination or a claim about the move may still need the case's facts. One year for a
 * registration that never led to a nomination. A municipality's own archive rules may ask for other periods:
 * both are configuration.
 */
export const DEFAULT_RETENTION: Readonly<RetentionSettings> = { daysAfterClose: 3 * 365, daysWithoutCase: 365 };

export const MAX_RETENTION_DAYS = 36_500;

/** What decides when a household's retention period ends. */
export interface RetentionSummary {
  registeredAt: Date;
  cases: number;
  /** Cases not closed, declined, withdrawn or cancelled. */
  activeCases: number;
  /** The last change of any of its cases. */
  lastCaseActivity: Date | null;
  activeApplications: number;
  /** When its last application for municipal allocation was made. */
  lastApplication: Date | null;
  restricted: boolean;
}

const DAY_MS = 86_400_000;
const latest = (...dates: (Date | null)[]) => new Date(Math.max(...dates.filter((d) => d !== null).map(Number)));

/**
 * When the household's retention period ends, or null while it has a case in progress, an active application,
 * or a restriction of processing (GDPR art. 18: a restricted household is kept, for the data subject may need
 * it for a legal claim or has asked for restriction instead of erasure).
 */
export function retentionEnds(summary: RetentionSummary, settings: RetentionSettings): Date | null {
  if (summary.activeCases > 0 || summary.activeApplications > 0 || summary.restricted) return null;
  if (summary.cases > 0) {
    return new Date(
      latest(summary.lastCaseActivity, summary.lastApplication).getTime() + settings.daysAfterClose * DAY_MS,
    );
  }
  return new Date(latest(summary.registeredAt, summary.lastApplication).getTime() + settings.daysWithoutCase * DAY_MS);
}

export function pastRetention(summary: RetentionSummary, settings: RetentionSettings, now: Date): boolean {
  const ends = retentionEnds(summary, settings);
  return ends !== null && ends.getTime() <= now.getTime();
}

/** The instants before which the last activity must lie: what the job's query selects candidates by. */
export function retentionCutoffs(settings: RetentionSettings, now: Date): { afterClose: Date; withoutCase: Date } {
  return {
    afterClose: new Date(now.getTime() - settings.daysAfterClose * DAY_MS),
    withoutCase: new Date(now.getTime() - settings.daysWithoutCase * DAY_MS),
  };
}

/** The reason an erasure by the retention job gives (no personal data: the audit log keeps it). */
export function retentionReason(summary: RetentionSummary, settings: RetentionSettings): string {
  return summary.cases > 0
    ? `retention period ended: no case in progress and no active application for ${settings.daysAfterClose} days ` +
        '(RETENTION_DAYS_AFTER_CLOSE)'
    : `retention period ended: never nominated and no active application for ${settings.daysWithoutCase} days ` +
        '(RETENTION_DAYS_NO_CASE)';
}
