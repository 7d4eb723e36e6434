import { AppError } from '../../src/errors';

/** The AppError `act` throws; fails the test if it throws nothing or something else. */
export function appErrorThrownBy(act: () => unknown): AppError {
  try {
    act();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError to be thrown');
}

/** The AppError `promise` rejects with; fails the test if it resolves or rejects with something else. */
export async function appErrorRejectedBy(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error,
  );
  if (outcome instanceof AppError) return outcome;
  throw outcome;
}
