// How a cell's output parts land in the cell: one output per run of a stream, rich and error outputs of their own,
// clear_output now or (wait=True) just before the next output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OutputSink, type OutputFactory } from '../../src/jupyter/outputSink';

type Item = string;
interface Output { items: Item[]; metadata?: Record<string, unknown> }

const FACTORY: OutputFactory<Output, Item> = {
  stream: (name, text) => `${name}:${text}`,
  error: (e) => `error:${e.name}:${e.message}`,
  item: (data, mime) => `${mime}:${new TextDecoder().decode(data)}`,
  output: (items, metadata) => ({ items, ...(metadata ? { metadata } : {}) }),
};

/** A cell execution that keeps its outputs like the cell shows them. */
function cell() {
  const outputs: Output[] = [];
  return {
    outputs,
    async appendOutput(output: Output) { outputs.push(output); },
    async appendOutputItems(item: Item, output: Output) { output.items.push(item); },
    async clearOutput() { outputs.length = 0; },
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);

test('consecutive chunks of one stream share an output; another stream or a rich output starts a new one', async () => {
  const execution = cell();
  const sink = new OutputSink(execution, FACTORY);
  sink.push({ kind: 'stream', name: 'stdout', text: 'a' });
  sink.push({ kind: 'stream', name: 'stdout', text: 'b' });
  sink.push({ kind: 'stream', name: 'stderr', text: 'oops' });
  sink.push({ kind: 'rich', items: [{ mime: 'text/plain', data: bytes('2') }], metadata: { isolated: true } });
  sink.push({ kind: 'stream', name: 'stderr', text: 'again' });
  sink.push({ kind: 'error', name: 'ZeroDivisionError', message: 'division by zero', stack: '' });
  await sink.flushed();
  assert.deepEqual(execution.outputs, [
    { items: ['stdout:a', 'stdout:b'] },
    { items: ['stderr:oops'] },
    { items: ['text/plain:2'], metadata: { isolated: true } },
    { items: ['stderr:again'] },
    { items: ['error:ZeroDivisionError:division by zero'] },
  ]);
});

test('clear_output clears at once; with wait, only when the next output arrives', async () => {
  const execution = cell();
  const sink = new OutputSink(execution, FACTORY);
  sink.push({ kind: 'stream', name: 'stdout', text: '10%' });
  sink.push({ kind: 'clear', wait: true });
  await sink.flushed();
  assert.deepEqual(execution.outputs, [{ items: ['stdout:10%'] }], 'still shown while waiting');
  sink.push({ kind: 'stream', name: 'stdout', text: '20%' });
  await sink.flushed();
  assert.deepEqual(execution.outputs, [{ items: ['stdout:20%'] }]);
  sink.push({ kind: 'clear', wait: false });
  await sink.flushed();
  assert.deepEqual(execution.outputs, []);
});

test('a failing write does not stop the outputs after it', async () => {
  const execution = cell();
  let failOnce = true;
  const flaky = { ...execution, appendOutput: async (o: Output) => { if (failOnce) { failOnce = false; throw new Error('cell gone'); } await execution.appendOutput(o); } };
  const sink = new OutputSink(flaky, FACTORY);
  sink.push({ kind: 'rich', items: [{ mime: 'text/plain', data: bytes('lost') }] });
  sink.push({ kind: 'rich', items: [{ mime: 'text/plain', data: bytes('kept') }] });
  await sink.flushed();
  assert.deepEqual(execution.outputs, [{ items: ['text/plain:kept'] }]);
});
