import {
  type EnsembleConfig,
  EnsembleError,
  ErrorCode,
  type SpaceGrants,
  teamSpacesOf,
} from '@ensemble/core';

/**
 * A token for a person or space the config does not know is signed fine but useless: the person
 * owns nothing and the space has no team, assistant or index. When the config lists people or
 * teams, `token create` refuses such names and says what to add to the config file.
 */
export function assertKnownScope(
  config: EnsembleConfig,
  person: string,
  spaces: SpaceGrants,
  configFile: string,
): void {
  const people = config.people.map((p) => p.id);
  if (people.length > 0 && !people.includes(person)) {
    throw new EnsembleError(
      ErrorCode.InvalidInput,
      `--person ${person} is not under people in ${configFile}; use one of ${people.join(', ')}, or add { id: ${person}, name: ... } to people there first.`,
    );
  }
  if (config.teams.length === 0) return;
  const teamSpaces = teamSpacesOf(config);
  const orgWide = `${config.org}/*`;
  for (const [space, access] of Object.entries(spaces)) {
    if (space === orgWide || teamSpaces.includes(space)) continue;
    throw new EnsembleError(
      ErrorCode.InvalidInput,
      `--${access} ${space} is not the space of a team in ${configFile}; use one of ${[...teamSpaces, orgWide].join(', ')}, or add the team under teams there first.`,
    );
  }
}
