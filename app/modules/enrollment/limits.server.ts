// Limits on the public application form, which anyone may post to without an account. Each can
// be set from the environment (README, "Configuration"); they are read when used, so a test or
// an operator's change to the environment applies without a code change.

/** A whole number of at least 1 from the environment, or the default when unset. */
function setting(name: string, fallback: number) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of 1 or more, not "${raw}".`);
  return value;
}

export const applicationLimits = () => ({
  /** Draft saves and submissions from one client address in one hour. */
  postsPerHour: setting('APPLY_POSTS_PER_HOUR', 30),
  /** A draft not saved again for this many days expires: its link stops working and it is deleted. */
  draftRetentionDays: setting('DRAFT_RETENTION_DAYS', 30),
  /** All documents of one application together, in MB. */
  documentsMaxMb: setting('APPLICATION_DOCUMENTS_MAX_MB', 12),
});
