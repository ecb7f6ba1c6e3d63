/**
 * A cited path must be relative to a workspace folder and must not climb out of it: cited paths
 * come from shared memory, which other people and assistants write.
 */
export function isSafeRelativePath(path: string): boolean {
  return path.length > 0 && !/^([a-z]:)?[\\/]/i.test(path) && !path.split(/[\\/]/).includes('..');
}

/** Only links a person would expect a citation to open: the web and Slack. */
export function isOpenableLink(link: string): boolean {
  return /^(https?|slack):/i.test(link);
}
