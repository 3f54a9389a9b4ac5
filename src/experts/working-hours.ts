// Working hours: Monday to Friday, 09:00 to 17:00 UK time. A hand-off waits a number of these before the
// team is reminded and before it expires, so a question asked on Friday at 16:00 is not expired by Monday
// morning. Bank holidays are not known here and count as working days.
const ZONE = 'Europe/London';
const START_HOUR = 9;
const END_HOUR = 17;
const MINUTE = 60_000;

const format = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function local(at: Date): { weekday: string; minutes: number } {
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return { weekday: parts.weekday ?? '', minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const WORKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);

/** `start` plus `hours` working hours (fractions allowed), as an instant. */
export function addWorkingHours(start: Date, hours: number): Date {
  let at = new Date(Math.floor(start.getTime() / MINUTE) * MINUTE);
  let left = Math.round(hours * 60);
  // Each step either uses working time up to the end of the day or jumps to the next morning; a jump that
  // lands an hour out (a clock change at night) is corrected by the next step.
  for (let guard = 0; guard < 10_000 && left > 0; guard++) {
    const { weekday, minutes } = local(at);
    if (WORKDAYS.has(weekday) && minutes >= START_HOUR * 60 && minutes < END_HOUR * 60) {
      const use = Math.min(left, END_HOUR * 60 - minutes);
      at = new Date(at.getTime() + use * MINUTE);
      left -= use;
    } else {
      const toStart = minutes < START_HOUR * 60 ? START_HOUR * 60 - minutes : 24 * 60 - minutes + START_HOUR * 60;
      at = new Date(at.getTime() + toStart * MINUTE);
    }
  }
  return at;
}

/** "4 working hours", "1 working hour", "2.5 working hours". */
export function workingHoursText(hours: number): string {
  return `${hours} working hour${hours === 1 ? '' : 's'}`;
}
