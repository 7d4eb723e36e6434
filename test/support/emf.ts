import { startOutputCapture } from './leak-guard';

/** A CloudWatch Embedded Metric Format line, as Powertools writes it to stdout. */
export interface EmfLine {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [field: string]: unknown;
}

/** The EMF lines in `output` (other lines ignored). */
export function emfLines(output: string): EmfLine[] {
  return output
    .split('\n')
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as EmfLine);
}

/** The EMF lines written to stdout while `act` runs; nothing of it reaches the terminal. */
export async function emfWrittenBy(act: () => unknown): Promise<EmfLine[]> {
  const capture = startOutputCapture({ forward: false });
  try {
    await act();
  } finally {
    capture.stop();
  }
  return emfLines(capture.text());
}

/** Values of a metric across the lines whose dimension sets are exactly `dimensions`. */
export function valuesOf(lines: EmfLine[], name: string, dimensions: string[] = ['service']): number[] {
  return lines
    .filter((line) => line._aws.CloudWatchMetrics.some((set) => set.Dimensions.some((dims) => dims.join() === dimensions.join())))
    .filter((line) => line._aws.CloudWatchMetrics.some((set) => set.Metrics.some((metric) => metric.Name === name)))
    .flatMap((line) => [line[name]].flat() as number[]);
}
