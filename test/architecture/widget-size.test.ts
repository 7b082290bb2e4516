import { describe, expect, it } from 'vitest';
import { WIDGET_GZIP_BUDGET, widgetSize } from '../../src/bench/bundle.js';

describe('the widget', () => {
  it('stays within its gzip budget, as /widget.js sends it (docs/bench.md states the size)', () => {
    expect(widgetSize().gzip).toBeLessThanOrEqual(WIDGET_GZIP_BUDGET);
  });
});
