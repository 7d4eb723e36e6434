/** bench/results.svg: one panel of bars per comparison, each with its target's verdict; no dependencies. */
import type { ColdStart, ColdStarts } from '../cold-start/measure.mjs';
import type { BenchResults } from '../results.mjs';
import { type Row, type RowKey, totalCalls } from './rows.mjs';

interface Bar {
  label: string;
  /** Stacked left to right, each lighter than the one before; the label shows their sum. */
  segments: number[];
  ours?: boolean;
}

interface Panel {
  title: string;
  format: (value: number) => string;
  bars: Bar[];
  verdict?: RowKey;
  /** Explains the segments of stacked bars. */
  legend?: string;
}

const WIDTH = 820;
const LABEL_WIDTH = 200;
const BAR_AREA = 460;
const BAR_HEIGHT = 20;
const BAR_GAP = 6;
const SEGMENT_OPACITY = [1, 0.55, 0.25];
const COLORS = { ours: '#2563eb', other: '#9ca3af', pass: '#15803d', fail: '#b91c1c', text: '#111827', muted: '#6b7280' };

export function resultsChart(results: BenchResults, rows: Row[], subtitle: string): string {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const panels = panelsOf(results);
  const parts: string[] = [
    text(16, 28, 'genesys-canned-response: npm run bench', { size: 18, weight: 'bold' }),
    text(16, 48, subtitle, { size: 12, color: COLORS.muted }),
  ];
  let y = 76;
  for (const panel of panels) {
    const verdict = panel.verdict ? byKey.get(panel.verdict) : undefined;
    parts.push(text(16, y, panel.title, { size: 14, weight: 'bold' }));
    if (verdict?.pass !== undefined) parts.push(verdictText(WIDTH - 16, y, verdict, verdict.ratio || verdict.ours));
    y += 10;
    const total = (bar: Bar) => bar.segments.reduce((sum, value) => sum + value, 0);
    const scale = BAR_AREA / Math.max(...panel.bars.map(total));
    for (const bar of panel.bars) {
      parts.push(text(LABEL_WIDTH - 8, y + 15, bar.label, { size: 12, anchor: 'end', weight: bar.ours ? 'bold' : 'normal' }));
      let x = LABEL_WIDTH;
      bar.segments.forEach((value, index) => {
        const width = Math.max(1, value * scale);
        const fill = bar.ours ? COLORS.ours : COLORS.other;
        parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${fill}" fill-opacity="${SEGMENT_OPACITY[index]}"/>`);
        x += width;
      });
      parts.push(text(x + 6, y + 15, panel.format(total(bar)), { size: 12 }));
      y += BAR_HEIGHT + BAR_GAP;
    }
    if (panel.legend) {
      parts.push(text(LABEL_WIDTH, y + 8, panel.legend, { size: 11, color: COLORS.muted }));
      y += 16;
    }
    y += 22;
  }
  for (const key of ['burst', 'responseCache', 'throughput'] as const) {
    const row = byKey.get(key)!;
    parts.push(text(16, y, `${row.measure}: ${row.ours}`, { size: 13 }));
    if (row.pass !== undefined) parts.push(verdictText(WIDTH - 16, y, row));
    y += 22;
  }
  const height = y + 8;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

function panelsOf(r: BenchResults): Panel[] {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const node = (cold: ColdStarts) => `Node ${cold.node.slice(1)}`;
  // CPU: require() · first invocation. Wall: require() · the first invocation's own work · its upstream waits.
  const cpuPanel = (cold: ColdStarts, verdict?: RowKey): Panel => ({
    title: `Cold start on ${node(cold)}, CPU time, median: require() + first invocation`,
    format: ms,
    bars: [
      { label: 'ours', segments: [cold.ours.cpu.requireMs.median, cold.ours.cpu.ownWorkMs.median], ours: true },
      { label: 'official SDK', segments: [cold.sdk.cpu.requireMs.median, cold.sdk.cpu.ownWorkMs.median] },
    ],
    ...(verdict ? { verdict } : {}),
    legend: 'solid: require() · medium: first invocation',
  });
  const wallSegments = (cold: ColdStart) => [cold.requireMs.median, cold.ownWorkMs.median, cold.upstreamWaitMs.median];
  const wallPanel = (cold: ColdStarts): Panel => ({
    title: `Cold start on ${node(cold)}, wall time, median`,
    format: ms,
    bars: [
      { label: 'ours', segments: wallSegments(cold.ours), ours: true },
      { label: 'official SDK', segments: wallSegments(cold.sdk) },
    ],
    legend: `solid: require() · medium: first invocation, own work · light: waiting for its ${cold.ours.upstreamCalls} upstream calls`,
  });
  return [
    {
      title: 'Genesys calls per warm message',
      format: (value) => value.toFixed(value % 1 === 0 ? 0 : 2),
      bars: [
        { label: 'ours', segments: [totalCalls(r.callsPerMessage.ours)], ours: true },
        { label: 'naive pipeline', segments: [totalCalls(r.callsPerMessage.naive)] },
      ],
      verdict: 'calls',
    },
    {
      title: 'Warm latency, median',
      format: ms,
      bars: [
        { label: 'one raw upstream POST', segments: [r.latencyMs.floor.median] },
        { label: 'ours', segments: [r.latencyMs.ours.median], ours: true },
        { label: 'naive pipeline', segments: [r.latencyMs.naive.median] },
      ],
      verdict: 'overFloor',
    },
    {
      title: 'Warm latency, p99',
      format: ms,
      bars: [
        { label: 'one raw upstream POST', segments: [r.latencyMs.floor.p99] },
        { label: 'ours', segments: [r.latencyMs.ours.p99], ours: true },
        { label: 'naive pipeline', segments: [r.latencyMs.naive.p99] },
      ],
    },
    {
      title: 'Bundle size (minified)',
      format: (bytes) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KiB`,
      bars: [
        { label: 'ours', segments: [r.bundleBytes.ours], ours: true },
        { label: 'official SDK', segments: [r.bundleBytes.sdk] },
      ],
      verdict: 'bundle',
    },
    cpuPanel(r.coldStart.lambda, 'coldBeyondUpstream'),
    wallPanel(r.coldStart.lambda),
    cpuPanel(r.coldStart.machine),
    {
      title: 'Heap of a warm container (after GC)',
      format: (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`,
      bars: [
        { label: `after ${r.memory.baseline.toLocaleString('en-US')} invocations`, segments: [r.memory.heapBytesAtBaseline], ours: true },
        { label: `after ${r.memory.invocations.toLocaleString('en-US')}`, segments: [r.memory.heapBytesAtEnd], ours: true },
      ],
      verdict: 'heap',
    },
  ];
}

function verdictText(x: number, y: number, row: Row, actual?: string): string {
  const label = `${row.pass ? 'target met' : 'target missed'}: ${row.target}${actual ? ` (${actual})` : ''}`;
  return text(x, y, label, { size: 12, anchor: 'end', weight: 'bold', color: row.pass ? COLORS.pass : COLORS.fail });
}

interface TextStyle {
  size: number;
  weight?: 'bold' | 'normal';
  anchor?: 'start' | 'end';
  color?: string;
}

function text(x: number, y: number, content: string, style: TextStyle): string {
  return `<text x="${x.toFixed(1)}" y="${y}" font-size="${style.size}" font-weight="${style.weight ?? 'normal'}" text-anchor="${style.anchor ?? 'start'}" fill="${style.color ?? COLORS.text}">${escapeXml(content)}</text>`;
}

function escapeXml(value: string): string {
  return value.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!);
}
