import { addDays } from '@checkup/shared'

/**
 * When a paid booking can last be cancelled or moved by the platform's default rule (6 hours before the exam day
 * starts: 18:00 the day before, at the hospital). A hospital may set another; the API decides and says so.
 */
export function defaultChangeDeadline(examDate: string): string {
  return `${addDays(examDate, -1)} 18:00`
}
