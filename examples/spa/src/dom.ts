/**
 * A dozen lines instead of a framework. Text always goes in as text nodes (never innerHTML), so nothing the
 * server or a user typed can become markup.
 */
type Child = Node | string | number | null | undefined | false;
type Props = Record<string, string | boolean | ((event: Event) => void) | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** A labelled input. */
export function field(label: string, name: string, type = 'text', extra: Props = {}): HTMLLabelElement {
  return h('label', {}, label, h('input', { name, type, required: true, ...extra }));
}

/** The form's named inputs as strings. */
export function valuesOf(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, key) => (values[key] = String(value)));
  return values;
}

/**
 * Submit handler that disables the form while the action runs, so a double click cannot send twice, and
 * hands any error to `onError`.
 */
export function onSubmit(form: HTMLFormElement, action: (values: Record<string, string>) => Promise<void>, onError: (error: unknown) => void): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // Read before disabling: disabled inputs are left out of FormData.
    const values = valuesOf(form);
    const controls = [...form.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input')];
    controls.forEach((control) => (control.disabled = true));
    action(values)
      .catch(onError)
      .finally(() => controls.forEach((control) => (control.disabled = false)));
  });
}

export function when(value: string | null | undefined): string {
  return value ? new Date(value).toLocaleString() : '—';
}
