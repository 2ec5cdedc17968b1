/**
 * The user's roles after an SSO login: every role the provider's mapping grants for the asserted groups,
 * plus the roles the mapping never mentions (granted here by an admin, kept). A role the mapping can grant
 * but the groups no longer give is removed: the provider is the source of truth for the roles it maps.
 */
export function rolesAfterMapping(current: readonly string[], mapping: Readonly<Record<string, readonly string[]>>, groups: readonly string[]): string[] {
  const mappable = new Set(Object.values(mapping).flat());
  const granted = groups.flatMap((group) => (Object.prototype.hasOwnProperty.call(mapping, group) ? mapping[group] : []));
  return [...new Set([...current.filter((role) => !mappable.has(role)), ...granted])].sort();
}
