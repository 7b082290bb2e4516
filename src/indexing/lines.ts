/**
 * Line numbers of offsets in a text, from a table of line starts built in one pass: each lookup is
 * a binary search, so reporting every dropped block of a large file stays linear, not quadratic.
 */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  /** 1-based line of an offset (a "\n" belongs to the line it ends). */
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    // The last line start at or before the offset.
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}
