/** A pino destination that keeps every JSON line in memory, for assertions on what the service logs. */
export class LogCapture {
  private text = '';

  /** pino writes each line (terminated by a newline) through this. */
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }

  get raw(): string {
    return this.text;
  }

  lines(): Array<Record<string, unknown>> {
    return this.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  requestLines(): Array<Record<string, unknown>> {
    return this.lines().filter((l) => l.msg === 'request');
  }
}
