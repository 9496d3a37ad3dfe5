/** The `index`th item of a list a test expects to be there; a missing one fails the test with a clear message. */
export function nth<T>(list: readonly T[] | undefined, index: number): T {
  const item = list?.[index];
  if (item === undefined) throw new Error(`expected an item at index ${index} of ${list?.length ?? 'no'} items`);
  return item;
}
