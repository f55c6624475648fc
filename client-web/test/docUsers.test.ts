import assert from "node:assert/strict";
import { test } from "node:test";
import { absolutePositionToRelativePosition, initProseMirrorDoc, prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { Schema } from "prosemirror-model";
import * as Y from "yjs";
import { blockIndexOf, colorOf, docUsersOf, type AwarenessView } from "../src/docs/docUsers";

// The node types of the page's editor that matter here: blocks, a nested list, text. (@tiptap/pm re-exports prosemirror-model.)
const schema = new Schema({
  nodes: {
    doc: { content: "block+" },
    paragraph: { group: "block", content: "inline*" },
    heading: { group: "block", content: "inline*", attrs: { level: { default: 1 } } },
    bulletList: { group: "block", content: "listItem+" },
    listItem: { content: "paragraph block*" },
    text: { group: "inline" },
  },
});

const paragraph = (text: string) => ({ type: "paragraph", content: text ? [{ type: "text", text }] : [] });

function document() {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment("default");
  prosemirrorJSONToYXmlFragment(
    schema,
    {
      type: "doc",
      content: [
        { type: "heading", content: [{ type: "text", text: "Title" }] },
        paragraph("first paragraph"),
        { type: "bulletList", content: [{ type: "listItem", content: [paragraph("one")] }, { type: "listItem", content: [paragraph("two")] }] },
        paragraph(""),
        paragraph("last"),
      ],
    },
    fragment,
  );
  return { doc, fragment };
}

/** A relative position as it reaches another screen: through awareness, as JSON. */
const overTheWire = (relative: Y.RelativePosition) => JSON.parse(JSON.stringify(Y.relativePositionToJSON(relative))) as unknown;

test("the block of every caret position is ProseMirror's own top-level index for it", () => {
  const { doc, fragment } = document();
  const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, schema);
  for (let pos = 0; pos <= pmDoc.content.size; pos++) {
    const relative = overTheWire(absolutePositionToRelativePosition(pos, fragment, mapping));
    const expected = Math.min(pmDoc.resolve(pos).index(0), pmDoc.childCount - 1);
    assert.equal(blockIndexOf(doc, fragment, relative), expected, `position ${pos}`);
  }
});

test("the block follows the caret when others insert or delete blocks above it", () => {
  const { doc, fragment } = document();
  const last = fragment.get(4) as Y.XmlElement;
  const relative = overTheWire(Y.createRelativePositionFromTypeIndex(last.get(0) as Y.XmlText, 2));
  assert.equal(blockIndexOf(doc, fragment, relative), 4);
  fragment.insert(0, [new Y.XmlElement("paragraph"), new Y.XmlElement("paragraph")]);
  assert.equal(blockIndexOf(doc, fragment, relative), 6);
  fragment.delete(0, 4);
  assert.equal(blockIndexOf(doc, fragment, relative), 2);
});

test("a caret nowhere, in another fragment or in garbage has no block", () => {
  const { doc, fragment } = document();
  const other = doc.getXmlFragment("other");
  other.insert(0, [new Y.XmlText("x")]);
  assert.equal(blockIndexOf(doc, fragment, null), null);
  assert.equal(blockIndexOf(doc, fragment, "3"), null);
  assert.equal(blockIndexOf(doc, fragment, overTheWire(Y.createRelativePositionFromTypeIndex(other.get(0) as Y.XmlText, 0))), null);
  assert.equal(blockIndexOf(doc, fragment, { item: { client: 1, clock: 999 } }), null);
  assert.equal(blockIndexOf(new Y.Doc(), new Y.Doc().getXmlFragment("default"), { tname: "default", assoc: 0 }), null);
});

function awarenessOf(clientID: number, states: [number, Record<string, unknown>, number][]): AwarenessView {
  return {
    clientID,
    getStates: () => new Map(states.map(([id, state]) => [id, state])),
    meta: new Map(states.map(([id, , lastUpdated]) => [id, { lastUpdated }])),
  };
}

test("one line per user: the newest tab's caret, the local user first, then by name; states without a user are not users", () => {
  const { doc, fragment } = document();
  const at = (block: number) => {
    const element = fragment.get(block) as Y.XmlElement;
    const relative = overTheWire(Y.createRelativePositionFromTypeIndex(element, 0));
    return { anchor: relative, head: relative };
  };
  const user = (id: string) => ({ id, name: id, color: colorOf(id) });
  const users = docUsersOf(
    awarenessOf(1, [
      [1, { user: user("carol"), cursor: at(1) }, 5],
      [2, { user: user("bob"), cursor: at(0) }, 10],
      [3, { user: user("bob"), cursor: at(3) }, 20],
      [4, { user: user("alice"), cursor: null, lastSelection: { default: at(4) } }, 1],
      [5, { user: user("dave") }, 1],
      [6, { cursor: at(2) }, 1],
    ]),
    doc,
    fragment,
  );
  assert.deepEqual(
    users.map((u) => [u.id, u.isSelf, u.block]),
    [
      ["carol", true, 1],
      ["alice", false, 4],
      ["bob", false, 3],
      ["dave", false, null],
    ],
  );
});

test("a user's colour is the same everywhere and a #rrggbb CollaborationCaret accepts", () => {
  assert.equal(colorOf("alice"), colorOf("alice"));
  for (const id of ["alice", "bob", "carol", "x"]) assert.match(colorOf(id), /^#[0-9a-f]{6}$/);
});
