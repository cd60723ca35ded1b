// WeChat's <rich-text nodes> for miniprogram-simulate, which registers it as an empty box: the
// nodes are rendered into the page the way the WeChat runtime does (developers.weixin.qq.com/
// miniprogram/dev/component/rich-text.html): an element per {name, attrs, children} node with its
// class and style, text nodes as text with HTML entities decoded, anything else dropped.
import simulate from 'miniprogram-simulate';

/** The tags rich-text renders (its documented whitelist); other element nodes are dropped. */
const TAGS = new Set(
  'a abbr address article aside b bdi bdo big blockquote br caption center cite code col colgroup dd del div dl dt em fieldset font footer h1 h2 h3 h4 h5 h6 header hr i img ins label legend li mark nav ol p pre q rt ruby s section small span strong sub sup table tbody td tfoot th thead tr tt u ul'.split(' '),
);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' };

interface Node {
  type?: string;
  text?: string;
  name?: string;
  attrs?: Record<string, string>;
  children?: Node[];
}

function build(nodes: Node[], doc: Document): ChildNode[] {
  return nodes.flatMap((node): ChildNode[] => {
    if (node.type === 'text') return [doc.createTextNode(String(node.text ?? '').replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e]!))];
    if (!node.name || !TAGS.has(node.name)) return [];
    const el = doc.createElement(node.name);
    for (const [key, value] of Object.entries(node.attrs ?? {})) el.setAttribute(key, value);
    el.append(...build(node.children ?? [], doc));
    return [el];
  });
}

/** Registers the rendering rich-text; call before loading a page that uses it. */
export function useRichText(): void {
  // (load's object overload is typed against WeChat's globals, which Node's test types leave out.)
  const register = simulate.load as unknown as (definition: object) => string;
  register({
    id: 'rich-text',
    tagName: 'wx-rich-text',
    template: '<slot/>',
    properties: {
      nodes: {
        type: Array,
        value: [],
        observer(this: { _exparserNode: { $$: HTMLElement } }, nodes: Node[]) {
          const host = this._exparserNode.$$;
          host.replaceChildren(...build(nodes ?? [], host.ownerDocument));
        },
      },
    },
  });
}
