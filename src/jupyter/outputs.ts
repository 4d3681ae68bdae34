// Jupyter IOPub messages turned into notebook outputs, as plain data (the VS Code adapter wraps them in
// NotebookCellOutput/NotebookCellOutputItem). Pure, so it is unit-tested without a workbench.

export interface OutputItemData {
  readonly mime: string;
  readonly data: Uint8Array;
}

export type CellOutputPart =
  | { readonly kind: 'stream'; readonly name: 'stdout' | 'stderr'; readonly text: string }
  | { readonly kind: 'rich'; readonly items: readonly OutputItemData[]; readonly metadata?: Record<string, unknown> }
  | { readonly kind: 'error'; readonly name: string; readonly message: string; readonly stack: string }
  | { readonly kind: 'clear'; readonly wait: boolean };

const encoder = new TextEncoder();

/** One IOPub message (`msg_type`, `content`) as an output part; undefined for messages that carry no output. */
export function outputFromMessage(msgType: string, content: unknown): CellOutputPart | undefined {
  const c = (content ?? {}) as Record<string, unknown>;
  switch (msgType) {
    case 'stream':
      return { kind: 'stream', name: c.name === 'stderr' ? 'stderr' : 'stdout', text: String(c.text ?? '') };
    case 'execute_result':
    case 'display_data':
    case 'update_display_data': {
      const items = mimeItems((c.data ?? {}) as Record<string, unknown>);
      if (!items.length) return undefined;
      const metadata = c.metadata && typeof c.metadata === 'object' ? (c.metadata as Record<string, unknown>) : undefined;
      return { kind: 'rich', items, ...(metadata && Object.keys(metadata).length ? { metadata } : {}) };
    }
    case 'error': {
      const traceback = Array.isArray(c.traceback) ? c.traceback.map(String) : [];
      return { kind: 'error', name: String(c.ename ?? 'Error'), message: String(c.evalue ?? ''), stack: traceback.join('\n') };
    }
    case 'clear_output':
      return { kind: 'clear', wait: c.wait === true };
    default:
      return undefined;
  }
}

/** A Jupyter MIME bundle as output items: base64 images decoded, JSON serialized, text as UTF-8. */
export function mimeItems(bundle: Record<string, unknown>): OutputItemData[] {
  const items: OutputItemData[] = [];
  for (const [mime, value] of Object.entries(bundle)) {
    if (value === undefined || value === null) continue;
    const text = Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.join('') : value;
    if (typeof text === 'string') {
      const binary = mime.startsWith('image/') && mime !== 'image/svg+xml';
      items.push({ mime, data: binary ? new Uint8Array(Buffer.from(text, 'base64')) : encoder.encode(text) });
    } else {
      items.push({ mime, data: encoder.encode(JSON.stringify(text)) });
    }
  }
  return items;
}
