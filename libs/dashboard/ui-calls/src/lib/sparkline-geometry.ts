/** A sparkline's drawing area, in SVG user units. */
export interface SparklineBox {
  readonly width: number;
  readonly height: number;
}

/**
 * The `points` of an SVG polyline drawing `values` (each from -1 to 1) left to right across `box`:
 * 1 at the top, -1 at the bottom, 0 in the middle. A single value is drawn as a flat line, so it
 * shows. Values beyond -1..1 are clamped.
 */
export function sparklinePoints(values: readonly number[], box: SparklineBox): string {
  if (values.length === 0) return '';
  const drawn = values.length === 1 ? [values[0], values[0]] : values;
  const step = box.width / (drawn.length - 1);
  return drawn.map((value, index) => `${round(index * step)},${round(sparklineY(value, box))}`).join(' ');
}

/** The height at which `value` (-1..1) is drawn in `box`. */
export function sparklineY(value: number, box: SparklineBox): number {
  const clamped = Math.max(-1, Math.min(1, value));
  return ((1 - clamped) / 2) * box.height;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
