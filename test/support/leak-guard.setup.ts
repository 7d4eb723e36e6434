// Listed in vitest's `setupFiles`, this checks every test file of the run for printed credentials.
import { guardAgainstLeaks } from './leak-guard';

guardAgainstLeaks();
