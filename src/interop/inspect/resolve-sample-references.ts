import type { InspectChatMessage, InspectEvent, InspectSample } from "./inspect-log-types.js";

// Inspect condenses a sample before writing it: long strings become `attachment://<hash>`
// references into `sample.attachments` (`tc://<hash>` in logs before 0.3.4x), and since 0.3.206
// a model event's input is a list of ranges (`input_refs`) into `events_data.messages`.
// The importer undoes both, as Inspect's resolve_sample_attachments does on read.

const PREFIXES = ["attachment://", "tc://"];

export function resolveSampleReferences(sample: InspectSample): InspectSample {
  const attachments = sample.attachments ?? {};
  const resolveText = (text: string): string => {
    for (const prefix of PREFIXES) {
      if (text.startsWith(prefix)) return attachments[text.slice(prefix.length)] ?? text;
    }
    return text;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return resolveText(value);
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === "object" && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = walk(item);
      return out;
    }
    return value;
  };
  const pool = ((sample.events_data?.messages ?? []) as unknown[]).map(walk) as InspectChatMessage[];
  const events = (sample.events ?? []).map((event) => expandInputRefs(walk(event) as InspectEvent, pool));
  const { attachments: _attachments, events_data: _pool, events: _events, ...rest } = sample;
  return { ...(walk(rest) as InspectSample), events };
}

function expandInputRefs(event: InspectEvent, pool: InspectChatMessage[]): InspectEvent {
  const refs = event.input_refs;
  if (event.event !== "model" || !Array.isArray(refs)) {
    if (Array.isArray(event.events))
      return { ...event, events: (event.events as InspectEvent[]).map((inner) => expandInputRefs(inner, pool)) };
    return event;
  }
  const input: InspectChatMessage[] = [];
  for (const range of refs as [number, number][]) input.push(...pool.slice(range[0], range[1]));
  return { ...event, input, input_refs: null };
}
