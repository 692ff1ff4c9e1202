// The attendance form: one radio group per person (mark_<id>), the marks as loaded (was_<id>), the topic
// and the topic as loaded. Keys carry the participant's id, so they are read against the roster.
import { z } from 'zod';
import type { Mark } from '../../lib/attendance.ts';
import { f } from '../../http/form.ts';
import { MARK_VALUES } from '../editions/labels.ts';
import type { SheetInput } from './attendance.service.ts';

const mark = z.enum(MARK_VALUES);
const topicField = f.optionalText(200);

/** Reads every mark_<id> / was_<id> pair in the body; an unknown value counts as no mark. */
export function readSheetForm(body: Record<string, unknown> | undefined): { input: SheetInput; errors: Record<string, string> } {
  const b = body ?? {};
  const marks = new Map<number, Mark>();
  const was = new Map<number, Mark | null>();
  for (const [key, value] of Object.entries(b)) {
    const m = /^(mark|was)_(\d{1,9})$/.exec(key);
    if (!m) continue;
    const id = Number(m[2]);
    const parsed = mark.safeParse(value);
    if (m[1] === 'mark') {
      if (parsed.success) marks.set(id, parsed.data);
    } else {
      was.set(id, parsed.success ? parsed.data : null);
    }
  }
  const topic = topicField.safeParse(b.topic);
  const topicWas = topicField.safeParse(b.topicWas);
  const errors: Record<string, string> = topic.success ? {} : { topic: topic.error.issues[0]?.message ?? 'Popraw temat.' };
  return {
    input: { marks, was, topic: topic.success ? topic.data : null, topicWas: topicWas.success ? topicWas.data : null },
    errors,
  };
}

/** The server-side "all present" (works without JavaScript): which mark to fill in, if asked. */
export function fillRequest(body: Record<string, unknown> | undefined): Mark | null {
  const r = mark.safeParse(body?.fill);
  return r.success ? r.data : null;
}
