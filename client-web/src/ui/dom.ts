/** Builds an element whose text is set through textContent only: user data never becomes markup. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id}.`);
  return element as T;
}

/** One wanted child of a keyed list: kept while key and signature stay the same, rebuilt otherwise. */
export interface KeyedItem {
  key: string;
  signature: string;
  render(): HTMLElement;
}

/**
 * Makes the list's children match the items in order, reusing the elements it can. Untouched elements
 * stay in the DOM, so screen readers announce only what is really new in an aria-live list.
 */
export function reconcile(list: HTMLElement, items: readonly KeyedItem[]): void {
  const existing = new Map<string, HTMLElement>();
  for (const child of Array.from(list.children) as HTMLElement[]) {
    if (child.dataset.key) existing.set(child.dataset.key, child);
  }
  let cursor = list.firstElementChild;
  for (const item of items) {
    const old = existing.get(item.key);
    const element = old && old.dataset.signature === item.signature ? old : item.render();
    element.dataset.key = item.key;
    element.dataset.signature = item.signature;
    if (element === cursor) {
      cursor = cursor.nextElementSibling;
    } else {
      list.insertBefore(element, cursor);
    }
  }
  while (cursor) {
    const next = cursor.nextElementSibling;
    cursor.remove();
    cursor = next;
  }
}
