/**
 * The scaffolder's public HTTP API as the portal's frontend uses it: dry-run, tasks, and the
 * task event stream (server-sent events).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { REPO_ROOT } from './backendProcess';

export const TEMPLATE_FILE = path.join(REPO_ROOT, 'templates', 'go-service', 'template.yaml');

export async function readTemplate(): Promise<any> {
  return parse(await fs.readFile(TEMPLATE_FILE, 'utf8'));
}

/**
 * The real template, ending without publishing: only the steps that need no Git host
 * (hardened-go:service:create and anything else not publish:* / catalog:register), and no
 * output that refers to a removed step. Served to the catalog like any template file.
 */
export async function localTemplateVariant(name: string): Promise<string> {
  const template = await readTemplate();
  const removed = new Set<string>();
  template.metadata.name = name;
  template.metadata.title = `${template.metadata.title ?? name} (local, no publishing)`;
  template.spec.steps = template.spec.steps.filter((step: { id: string; action: string }) => {
    const keep = !/^(publish:|catalog:register|github:)/.test(step.action);
    if (!keep) removed.add(step.id);
    return keep;
  });
  const refersToRemoved = (value: unknown) =>
    [...removed].some(id => JSON.stringify(value ?? null).includes(`steps['${id}']`) || JSON.stringify(value ?? null).includes(`steps.${id}.`));
  if (template.spec.output) {
    for (const [key, value] of Object.entries(template.spec.output)) {
      if (Array.isArray(value)) {
        template.spec.output[key] = value.filter(item => !refersToRemoved(item));
      } else if (refersToRemoved(value)) {
        delete template.spec.output[key];
      }
    }
  }
  // What the generation step reports, so a test can see the action ran inside the task.
  template.spec.output = {
    ...template.spec.output,
    text: [{ title: 'Generated', content: 'Dockerfile at ${{ steps.create.output.dockerfilePath }}, standard ${{ steps.create.output.standardVersion }}' }],
  };
  return stringify(template);
}

export interface TaskEvent {
  type: string;
  body: { message?: string; status?: string; stepId?: string; error?: unknown; output?: unknown };
}

/** Reads the task's event stream until its completion event (or the deadline). */
export async function followTaskEvents(backendUrl: string, taskId: string, timeoutMs: number): Promise<TaskEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: TaskEvent[] = [];
  try {
    const response = await fetch(`${backendUrl}/api/scaffolder/v2/tasks/${encodeURIComponent(taskId)}/eventstream`, {
      signal: controller.signal,
      headers: { accept: 'text/event-stream' },
    });
    if (!response.ok || !response.body) throw new Error(`eventstream answered ${response.status}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return events;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message
          .split('\n')
          .filter(line => line.startsWith('data:'))
          .map(line => line.slice(5).trim())
          .join('\n');
        if (!data) continue;
        const event = JSON.parse(data) as TaskEvent;
        events.push(event);
        if (event.type === 'completion') {
          await reader.cancel();
          return events;
        }
      }
    }
  } catch (error) {
    if (controller.signal.aborted) {
      throw new Error(`no completion event within ${timeoutMs} ms; events so far: ${JSON.stringify(events).slice(-2000)}`);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: response.status, body: parsed };
}
