/** A LoggerService that keeps what was logged, so tests can assert on log behaviour. */
import type { LoggerService } from '@backstage/backend-plugin-api';

export interface LogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
}

export function recordingLogger(): LoggerService & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = {
    lines,
    error: (message: string) => void lines.push({ level: 'error', message }),
    warn: (message: string) => void lines.push({ level: 'warn', message }),
    info: (message: string) => void lines.push({ level: 'info', message }),
    debug: (message: string) => void lines.push({ level: 'debug', message }),
    child: () => logger,
  };
  return logger;
}
