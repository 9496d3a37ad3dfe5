/**
 * Whether the user gave node one of `flags` (as `--name`, spelt with `-` or
 * `_`, with or without `=value`): a V8 setting of their own wins over the one
 * `annexa` would set on itself at start-up.
 */
export function givenToNode(execArgv: readonly string[], ...flags: string[]): boolean {
  return execArgv.some((arg) => flags.includes(arg.replace(/=.*$/, '').replaceAll('_', '-')));
}
