/** The emulator's /__admin call log, for workers in other processes than the emulator (admin calls are not counted). */
import type { RouteName } from '../emulator/model';

export type CallCounts = Record<RouteName, number>;

export async function callCounts(emulatorUrl: string): Promise<CallCounts> {
  const answer = await fetch(`${emulatorUrl}/__admin/calls`);
  if (!answer.ok) throw new Error(`GET /__admin/calls answered ${answer.status}`);
  return ((await answer.json()) as { counts: CallCounts }).counts;
}

export async function resetCalls(emulatorUrl: string): Promise<void> {
  const answer = await fetch(`${emulatorUrl}/__admin/calls/reset`, { method: 'POST' });
  if (!answer.ok) throw new Error(`POST /__admin/calls/reset answered ${answer.status}`);
}

/** Calls per route made while `work` ran, divided by `messages`. */
export async function callsPerMessage(emulatorUrl: string, messages: number, work: () => Promise<void>): Promise<CallCounts> {
  await resetCalls(emulatorUrl);
  await work();
  const counts = await callCounts(emulatorUrl);
  return Object.fromEntries(Object.entries(counts).map(([route, count]) => [route, count / messages])) as CallCounts;
}
