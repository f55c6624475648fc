// Generates yjs-updates.json: Yjs v1 updates made by the real yjs package, each with what yjs itself reads from it,
// for Hub.Tests/Documents (the server's own reader of Yjs updates is compared against these answers).
//
//   cd Hub.Tests/Documents/Fixtures && npm ci && node make-fixtures.mjs
//
// Deterministic: fixed client ids and a seeded generator, so a rerun with the pinned yjs writes the same file.
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const MAX_SAFE = Number.MAX_SAFE_INTEGER

const b64 = update => Buffer.from(update).toString('base64')
const equalBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i])
const check = (condition, what) => { if (!condition) throw new Error(`fixture assumption failed: ${what}`) }

/** A doc with a fixed client id whose local updates (not the ones it receives) are collected in order. */
const newDoc = (clientID, opts = {}) => {
  const doc = new Y.Doc(opts)
  doc.clientID = clientID
  doc.localUpdates = []
  doc.on('update', (update, origin) => { if (origin !== 'remote') doc.localUpdates.push(update) })
  return doc
}
const receive = (doc, update) => Y.applyUpdate(doc, update, 'remote')
const sync = (...docs) => {
  for (const from of docs) for (const to of docs) if (from !== to) receive(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}
const lastUpdate = doc => doc.localUpdates[doc.localUpdates.length - 1]

/** Per client [start, end) ranges, sorted and merged; empty ranges dropped. */
const mergeRanges = triples => {
  const sorted = triples.filter(([, s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const out = []
  for (const [c, s, e] of sorted) {
    const last = out[out.length - 1]
    if (last && last[0] === c && s <= last[2]) last[2] = Math.max(last[2], e)
    else out.push([c, s, e])
  }
  return out
}

/** What yjs reads from an update: its structs (Items and GC; Skips apart), its delete set, its state vector. */
const summarize = update => {
  const { structs, ds } = Y.decodeUpdate(update)
  const range = s => [s.id.client, s.id.clock, s.id.clock + s.length]
  const deletes = []
  ds.clients.forEach((items, client) => items.forEach(d => deletes.push([client, d.clock, d.clock + d.len])))
  const meta = Y.parseUpdateMeta(update)
  return {
    structs: mergeRanges(structs.filter(s => !(s instanceof Y.Skip)).map(range)),
    skips: mergeRanges(structs.filter(s => s instanceof Y.Skip).map(range)),
    deletes: mergeRanges(deletes),
    stateVector: [...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))].sort((a, b) => a[0] - b[0]),
    from: [...meta.from].sort((a, b) => a[0] - b[0]),
    to: [...meta.to].sort((a, b) => a[0] - b[0]),
    kinds: [...new Set(structs.map(s => s instanceof Y.Item ? s.content.constructor.name : s.constructor.name))].sort()
  }
}

/** yjs's own answer to "does snapshot S contain update U": applying U to a doc loaded from S changes nothing. */
const yjsContains = (snapshot, update) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, snapshot)
  const before = Y.encodeStateAsUpdate(doc)
  Y.applyUpdate(doc, update)
  return equalBytes(before, Y.encodeStateAsUpdate(doc))
}

const updates = new Map()
const add = (name, update, why) => {
  check(!updates.has(name), `unique name ${name}`)
  updates.set(name, { name, why, update: new Uint8Array(update) })
  return update
}

// --- Scenarios -------------------------------------------------------------------------------------------------

// The empty document.
const empty = add('empty-doc', Y.encodeStateAsUpdate(new Y.Doc()), 'Y.encodeStateAsUpdate of an empty doc')
check(equalBytes(empty, [0, 0]), 'an empty doc encodes as [0, 0]')

// Text typed by one client, then three clients typing into one text and one map, each edit its own update.
const solo = newDoc(1)
solo.getText('body').insert(0, 'hello world')
add('text-one-client', lastUpdate(solo), 'one transaction inserting text')

const [c1, c2, c3] = [newDoc(101), newDoc(102), newDoc(3141592653)]
c1.getText('body').insert(0, 'The quick fox')
sync(c1, c2, c3)
c2.getText('body').insert(4, 'very ')
c3.getText('body').insert(13, ' brown')
c3.getMap('meta').set('title', 'Fox')
sync(c1, c2, c3)
c1.getText('body').insert(0, '> ')
c2.getMap('meta').set('words', 4)
c2.getText('body').insert(c2.getText('body').length, '.')
const team = [c1, c2, c3]
team.forEach(d => d.localUpdates.forEach((u, i) => add(`team-${d.clientID}-${i}`, u, 'one edit by one of three clients')))
const teamAll = team.flatMap(d => d.localUpdates)
const teamUpdateNames = team.flatMap(d => d.localUpdates.map((_, i) => `team-${d.clientID}-${i}`))
sync(c1, c2, c3)
add('team-snapshot', Y.encodeStateAsUpdate(c1), 'the three clients\' document after all their edits')
add('team-merged', Y.mergeUpdates(teamAll), 'Y.mergeUpdates of every edit')

// The same document missing c2's last edit (nothing depends on it).
const missing = newDoc(900)
const skipped = lastUpdate(c2)
teamAll.filter(u => u !== skipped).forEach(u => receive(missing, u))
add('team-snapshot-missing-one', Y.encodeStateAsUpdate(missing), 'the team document without c2\'s last edit')

// Concurrent edits at the same place, merged.
const [k1, k2] = [newDoc(201), newDoc(202)]
k1.getText('t').insert(0, 'left ')
k2.getText('t').insert(0, 'right ')
k1.getArray('list').push(['k1'])
k2.getArray('list').push(['k2'])
add('concurrent-merged', Y.mergeUpdates([...k1.localUpdates, ...k2.localUpdates]), 'two clients\' concurrent edits merged')

// Deletions in a live text: the deleted characters stay as Items with ContentDeleted.
const del = newDoc(301)
del.getText('t').insert(0, 'keep this, drop that')
const beforeDelete = Y.encodeStateAsUpdate(del)
add('text-insert', lastUpdate(del), 'insert later partly deleted')
del.getText('t').delete(10, 10)
add('text-delete', lastUpdate(del), 'a deletion: no structs, only a delete set')
add('text-before-delete', beforeDelete, 'snapshot before the deletion')
add('text-after-delete', Y.encodeStateAsUpdate(del), 'snapshot after the deletion: ContentDeleted items')
check(summarize(updates.get('text-after-delete').update).kinds.includes('ContentDeleted'), 'deleted text kept as ContentDeleted')
check(summarize(updates.get('text-delete').update).structs.length === 0, 'a deletion carries no structs')

// Deleting a nested type: its children are garbage collected into GC structs.
const gc = newDoc(401)
const note = new Y.Text()
gc.getMap('m').set('note', note)
note.insert(0, 'to be collected')
add('gc-nested-insert', lastUpdate(gc), 'text inside a map value, later collected')
const xml = gc.getXmlFragment('doc')
const para = new Y.XmlElement('paragraph')
xml.insert(0, [para])
para.insert(0, [new Y.XmlText('a paragraph that goes away')])
gc.getMap('m').delete('note')
xml.delete(0, 1)
add('gc-nested-delete', lastUpdate(gc), 'the deletion of a paragraph')
add('gc-snapshot', Y.encodeStateAsUpdate(gc), 'snapshot holding GC structs and ContentDeleted items')
check(summarize(updates.get('gc-snapshot').update).kinds.includes('GC'), 'nested deletions collected as GC')
gc.getText('later').insert(0, 'x')
add('gc-snapshot-later', Y.encodeStateAsUpdate(gc), 'the same document one edit later')

// gc: false keeps deleted content as deleted Items with their content.
const nogc = newDoc(501, { gc: false })
nogc.getText('t').insert(0, 'nothing is collected here')
const nogcInsert = lastUpdate(nogc)
nogc.getText('t').delete(0, 8)
nogc.getMap('m').set('a', [1, 2])
nogc.getMap('m').delete('a')
nogc.localUpdates.forEach((u, i) => add(`nogc-${i}`, u, 'an edit on a doc with gc: false'))
add('nogc-snapshot', Y.encodeStateAsUpdate(nogc), 'snapshot of a gc: false doc: deleted Items keep their content')
check(!summarize(updates.get('nogc-snapshot').update).kinds.includes('ContentDeleted'), 'gc: false keeps content')

// Map values of every Any kind, binary, arrays and nested types.
const any = newDoc(601)
const m = any.getMap('values')
any.transact(() => {
  m.set('int', 42); m.set('negative', -7); m.set('big-int', 2 ** 40); m.set('float32', 0.5); m.set('float64', 0.1)
  m.set('bigint', 12345678901234567890n); m.set('true', true); m.set('false', false); m.set('null', null)
  m.set('undefined', undefined); m.set('string', 'text ✓'); m.set('object', { a: [1, { b: 'c' }], d: null })
  m.set('array', [[], {}, '']); m.set('binary', new Uint8Array([0, 1, 2, 255]))
})
add('map-any', lastUpdate(any), 'map values of every lib0 Any kind and a binary')
const arr = any.getArray('items')
arr.push([1, 'two', { three: 3 }])
const nestedArray = new Y.Array()
const nestedMap = new Y.Map()
arr.insert(1, [nestedArray, nestedMap])
nestedArray.push(['inner'])
nestedMap.set('k', 'v')
any.localUpdates.slice(1).forEach((u, i) => add(`array-${i}`, u, 'arrays and nested types'))
add('any-snapshot', Y.encodeStateAsUpdate(any), 'snapshot of maps, arrays and nested types')

// ProseMirror-like XML, as Tiptap writes it: elements with attributes, formatted text, a hook.
const pm = newDoc(701)
const frag = pm.getXmlFragment('prosemirror')
pm.transact(() => {
  const heading = new Y.XmlElement('heading')
  heading.setAttribute('level', 1)
  heading.insert(0, [new Y.XmlText('Title')])
  const p = new Y.XmlElement('paragraph')
  p.setAttribute('textAlign', 'left')
  const t = new Y.XmlText()
  p.insert(0, [t])
  t.insert(0, 'plain ')
  t.insert(6, 'bold', { bold: true })
  t.insert(10, ' link', { link: { href: 'https://example.org' } })
  frag.insert(0, [heading, p, new Y.XmlHook('horizontalRule')])
})
add('xml-prosemirror', lastUpdate(pm), 'XmlFragment/XmlElement with attributes, formatted XmlText, an XmlHook')
frag.get(1).get(0).format(0, 5, { italic: true })
add('xml-format', lastUpdate(pm), 'formatting an existing range')
frag.delete(0, 1)
add('xml-delete-heading', lastUpdate(pm), 'deleting an element')
add('xml-snapshot', Y.encodeStateAsUpdate(pm), 'the ProseMirror document after edits')

// Rich text with an embed and formatting attributes whose values are JSON.
const rich = newDoc(801)
const rt = rich.getText('rich')
rt.insert(0, 'caption')
rt.insertEmbed(7, { image: 'cat.png', width: 320 })
rt.format(0, 7, { color: '#ff0000', font: { family: 'serif', size: 12 } })
rt.format(0, 1, { odd: '\ud800' }) // JSON.stringify escapes the lone surrogate; JSON.parse reads it back
rich.localUpdates.forEach((u, i) => add(`rich-${i}`, u, 'embed and formatting (ContentEmbed, ContentFormat)'))

// A subdocument (ContentDoc: guid and options).
const parent = newDoc(901)
parent.getMap('docs').set('child', new Y.Doc({ guid: 'child-guid-1', meta: { title: 'Child' } }))
add('subdoc', lastUpdate(parent), 'a subdocument in a map')

// Characters outside the BMP: lengths are UTF-16 code units, so an emoji is two.
const wide = newDoc(4294967295)
const wt = wide.getText('t')
wt.insert(0, 'a😀b𝄞c 漢字 é 🎉🎉')
add('non-bmp-insert', lastUpdate(wide), 'emoji and other 4-byte characters (2 UTF-16 units each)')
wt.insert(2, '👍')
wt.delete(1, 1) // half an emoji: yjs replaces the orphaned half with U+FFFD
wt.delete(5, 3)
wide.localUpdates.slice(1).forEach((u, i) => add(`non-bmp-${i}`, u, 'edits splitting surrogate pairs'))
add('non-bmp-snapshot', Y.encodeStateAsUpdate(wide), 'snapshot of a text with non-BMP characters and splits')

// A legacy ContentJSON item (old yjs wrote arrays with it; 13.x still reads it), written by hand with lib0.
const legacy = (() => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1) // one client
  encoding.writeVarUint(e, 1) // one struct
  encoding.writeVarUint(e, 77) // client
  encoding.writeVarUint(e, 0) // clock
  encoding.writeUint8(e, 2) // ContentJSON, no origins: parent follows
  encoding.writeVarUint(e, 1) // parent is a root type, by name
  encoding.writeVarString(e, 'legacy')
  encoding.writeVarUint(e, 3)
  ;['{"a":1}', 'undefined', '[1,"x"]'].forEach(s => encoding.writeVarString(e, s))
  encoding.writeVarUint(e, 0) // empty delete set
  return encoding.toUint8Array(e)
})()
const legacyDoc = new Y.Doc()
Y.applyUpdate(legacyDoc, legacy)
check(legacyDoc.getArray('legacy').length === 3, 'yjs reads the ContentJSON item')
add('content-json', legacy, 'a ContentJSON item of three values, one undefined')

// A snapshot holding a pending update: the gap before it is written as a Skip.
const pend = newDoc(1001)
const pt = pend.getText('t')
pt.insert(0, 'abc'); pt.insert(3, 'def'); pt.insert(6, 'ghi')
pend.localUpdates.forEach((u, i) => add(`pending-${i}`, u, 'one of three consecutive edits'))
const holder = newDoc(1002)
receive(holder, pend.localUpdates[0])
receive(holder, pend.localUpdates[2])
add('pending-snapshot', Y.encodeStateAsUpdate(holder), 'a snapshot whose doc waits for the middle edit: it holds a Skip')
check(summarize(updates.get('pending-snapshot').update).skips.length === 1, 'the pending snapshot holds a Skip')

// A large document: three clients making seeded random edits in rounds.
const gen = prng.create(20)
const big = [newDoc(1101), newDoc(1102), newDoc(1103)]
for (let round = 0; round < 40; round++) {
  for (const d of big) {
    const t = d.getText('big')
    for (let i = 0; i < 8; i++) {
      if (t.length > 20 && prng.bool(gen) && prng.bool(gen)) t.delete(prng.int32(gen, 0, t.length - 5), prng.int32(gen, 1, 4))
      else t.insert(prng.int32(gen, 0, t.length), prng.word(gen, 1, 12) + (prng.bool(gen) ? ' ' : '😀'))
    }
  }
  if (round % 3 === 0) sync(...big)
}
sync(...big)
add('large-snapshot', Y.encodeStateAsUpdate(big[0]), 'a large document: three clients, seeded random edits')
add('large-merged', Y.mergeUpdates(big.flatMap(d => d.localUpdates)), 'every edit of the large document merged')

// --- Containment -----------------------------------------------------------------------------------------------

const u = name => { check(updates.has(name), `known update ${name}`); return updates.get(name).update }
const containment = []
const pair = (snapshot, update, expected, why) => {
  const contains = yjsContains(u(snapshot), u(update))
  check(contains === expected, `${snapshot} contains ${update}: yjs says ${contains}, the scenario says ${expected}`)
  containment.push({ snapshot, update, contains, why })
}

teamUpdateNames.forEach(n => pair('team-snapshot', n, true, 'the full document holds every edit'))
pair('team-snapshot', 'team-merged', true, 'the full document holds the merged edits')
pair('team-merged', 'team-snapshot', true, 'the merged edits are the whole document')
const skippedName = teamUpdateNames[teamAll.indexOf(skipped)]
teamUpdateNames.filter(n => n !== skippedName).forEach(n => pair('team-snapshot-missing-one', n, true, 'an edit the snapshot got'))
pair('team-snapshot-missing-one', skippedName, false, 'the one edit the snapshot missed')
pair('team-snapshot-missing-one', 'team-snapshot', false, 'the full document holds more')
pair('text-before-delete', 'text-insert', true, 'the insert happened before the snapshot')
pair('text-before-delete', 'text-delete', false, 'a snapshot missing only a deletion')
pair('text-after-delete', 'text-delete', true, 'the deletion is in the snapshot\'s delete set')
pair('text-after-delete', 'text-insert', true, 'deleted characters are still structs (ContentDeleted)')
pair('gc-snapshot', 'gc-nested-insert', true, 'collected content counts: its range is a GC struct')
pair('gc-snapshot', 'gc-nested-delete', true, 'the deletion of collected content')
pair('gc-snapshot', 'gc-snapshot-later', false, 'an older snapshot lacks the later edit')
pair('gc-snapshot-later', 'gc-snapshot', true, 'a later snapshot holds an older one')
updates.forEach((_, n) => { if (n.startsWith('nogc-') && n !== 'nogc-snapshot') pair('nogc-snapshot', n, true, 'gc: false snapshot holds its edits') })
pair('xml-snapshot', 'xml-prosemirror', true, 'the document holds its first edit')
pair('xml-snapshot', 'xml-delete-heading', true, 'the document holds the deletion')
pair('pending-snapshot', 'pending-0', true, 'the edit before the gap')
pair('pending-snapshot', 'pending-1', false, 'the missing middle edit (a Skip is not content)')
pair('pending-snapshot', 'pending-2', true, 'the pending edit is carried in the snapshot')
pair('empty-doc', 'text-one-client', false, 'the empty document holds nothing')
pair('text-one-client', 'empty-doc', true, 'every document holds the empty update')
pair('empty-doc', 'empty-doc', true, 'the empty document holds itself')
pair('non-bmp-snapshot', 'non-bmp-insert', true, 'UTF-16 lengths line up')
pair('non-bmp-insert', 'non-bmp-snapshot', false, 'the later edits are missing')
pair('large-snapshot', 'large-merged', true, 'the large document holds all its edits')
pair('text-one-client', 'team-101-0', false, 'another document')

// --- Refused updates -------------------------------------------------------------------------------------------

const bytes = f => { const e = encoding.createEncoder(); f(e); return encoding.toUint8Array(e) }
/** A one-client update with one struct written by `struct`, then an empty delete set. */
const oneStruct = (struct, { client = 5, clock = 0 } = {}) => bytes(e => {
  encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 1); encoding.writeVarUint(e, client); encoding.writeVarUint(e, clock)
  struct(e)
  encoding.writeVarUint(e, 0)
})
const rootItem = (contentRef, content) => e => {
  encoding.writeUint8(e, contentRef); encoding.writeVarUint(e, 1); encoding.writeVarString(e, 'root'); content(e)
}
const raw = list => new Uint8Array(list)
const withTail = (update, tail) => new Uint8Array([...update, ...tail])
const invalid = []
const refuse = (name, update, error) => {
  let yjsRefuses = false
  try { Y.decodeUpdate(new Uint8Array(update)) } catch { yjsRefuses = true }
  invalid.push({ name, update: b64(update), error, yjsRefuses })
}

refuse('no bytes', raw([]), 'Truncated')
refuse('struct section count only', raw([0]), 'Truncated')
refuse('a trailing zero', raw([0, 0, 0]), 'TrailingBytes')
refuse('a real update with trailing bytes', withTail(u('xml-prosemirror'), [1, 2, 3]), 'TrailingBytes')
refuse('a varuint that never ends', raw([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]), 'IntegerOutOfRange')
refuse('a varuint above 2^53 - 1', bytes(e => { encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 1); encoding.writeUint8(e, 0xff); for (let i = 0; i < 6; i++) encoding.writeUint8(e, 0xff); encoding.writeUint8(e, 0x7f); encoding.writeVarUint(e, 0) }), 'IntegerOutOfRange')
refuse('four billion client sections', raw([0xff, 0xff, 0xff, 0xff, 0x0f, 0, 0]), 'LengthExceedsInput')
refuse('four billion structs', raw([1, 0xff, 0xff, 0xff, 0xff, 0x0f, 5, 0, 0, 1, 0]), 'LengthExceedsInput')
refuse('a string claiming a terabyte', oneStruct(e => { encoding.writeUint8(e, 4); encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 2 ** 40) }), 'LengthExceedsInput')
refuse('a binary longer than the update', oneStruct(rootItem(3, e => encoding.writeVarUint(e, 1000))), 'LengthExceedsInput')
refuse('an Any array of a million values', oneStruct(rootItem(8, e => { encoding.writeVarUint(e, 1); encoding.writeUint8(e, 117); encoding.writeVarUint(e, 1e6) })), 'LengthExceedsInput')
refuse('a delete set of a million clients', raw([0, 0xc0, 0x84, 0x3d]), 'LengthExceedsInput')
refuse('a delete set cut short', raw([0, 1, 5, 1, 0x85, 0x80]), 'Truncated')
refuse('content ref 11', oneStruct(rootItem(11, () => {})), 'UnknownStruct')
refuse('content ref 31', oneStruct(rootItem(31, () => {})), 'UnknownStruct')
refuse('a Skip with flag bits', oneStruct(e => { encoding.writeUint8(e, 0x4a); encoding.writeVarUint(e, 3) }), 'UnknownStruct')
refuse('type ref 7', oneStruct(rootItem(7, e => encoding.writeVarUint(e, 7))), 'UnknownTypeRef')
refuse('an Any tag below 116', oneStruct(rootItem(8, e => { encoding.writeVarUint(e, 1); encoding.writeUint8(e, 115) })), 'UnknownAnyTag')
refuse('an Any tag of zero', oneStruct(rootItem(8, e => { encoding.writeVarUint(e, 1); encoding.writeUint8(e, 0) })), 'UnknownAnyTag')
refuse('a float64 cut short', oneStruct(rootItem(8, e => { encoding.writeVarUint(e, 1); encoding.writeUint8(e, 123); encoding.writeUint8(e, 1) })).slice(0, -1), 'Truncated')
const badUtf8 = seq => oneStruct(e => { encoding.writeUint8(e, 4); encoding.writeVarUint(e, 1); encoding.writeVarString(e, 'root'); encoding.writeVarUint8Array(e, new Uint8Array(seq)) })
refuse('a string that is not UTF-8', badUtf8([0x61, 0xc3, 0x28]), 'InvalidUtf8')
refuse('an encoded surrogate', badUtf8([0xed, 0xa0, 0x80]), 'InvalidUtf8')
refuse('an overlong encoding', badUtf8([0xc0, 0xaf]), 'InvalidUtf8')
refuse('a root name that is not UTF-8', oneStruct(e => { encoding.writeUint8(e, 4); encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, new Uint8Array([0xff])); encoding.writeVarString(e, 'x') }), 'InvalidUtf8')
refuse('an embed that is not JSON', oneStruct(rootItem(5, e => encoding.writeVarString(e, '{image:'))), 'InvalidJson')
refuse('a format value that is not JSON', oneStruct(rootItem(6, e => { encoding.writeVarString(e, 'bold'); encoding.writeVarString(e, 'tru') })), 'InvalidJson')
refuse('a format value of undefined', oneStruct(rootItem(6, e => { encoding.writeVarString(e, 'bold'); encoding.writeVarString(e, 'undefined') })), 'InvalidJson')
refuse('a JSON value with a trailing comma', oneStruct(rootItem(2, e => { encoding.writeVarUint(e, 1); encoding.writeVarString(e, '[1,]') })), 'InvalidJson')
refuse('an Any nested 5000 deep', oneStruct(rootItem(8, e => { encoding.writeVarUint(e, 1); for (let i = 0; i < 5000; i++) { encoding.writeUint8(e, 117); encoding.writeVarUint(e, 1) } encoding.writeUint8(e, 126) })), 'NestingTooDeep')
refuse('JSON nested 1500 deep', oneStruct(rootItem(5, e => encoding.writeVarString(e, '['.repeat(1500) + ']'.repeat(1500)))), 'NestingTooDeep')
refuse('a GC running past 2^53', oneStruct(e => { encoding.writeUint8(e, 0); encoding.writeVarUint(e, 10) }, { clock: MAX_SAFE - 5 }), 'ClockOverflow')
refuse('a deletion running past 2^53', bytes(e => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 5); encoding.writeVarUint(e, 1); encoding.writeVarUint(e, MAX_SAFE - 1); encoding.writeVarUint(e, 2) }), 'ClockOverflow')
refuse('seeded random bytes', prng.uint8Array(prng.create(7), 96), null)

// --- Mutations, with yjs's verdict on each ---------------------------------------------------------------------

const mutationSources = ['text-one-client', 'map-any', 'xml-prosemirror', 'rich-3', 'subdoc', 'text-delete', 'gc-snapshot', 'content-json', 'pending-snapshot', 'non-bmp-1']
const mgen = prng.create(42)
const mutate = source => {
  const a = [...source]
  const at = prng.int32(mgen, 0, a.length - 1)
  switch (prng.int32(mgen, 0, 4)) {
    case 0: a[at] ^= 1 << prng.int32(mgen, 0, 7); break
    case 1: a[at] = prng.oneOf(mgen, [0, 1, 2, 10, 0x7f, 0x80, 0xff, prng.int32(mgen, 0, 255)]); break
    case 2: a.splice(at, 0, prng.int32(mgen, 0, 255)); break
    case 3: a.splice(at, 1); break
    default: a.splice(at, 0, ...a.slice(at, at + prng.int32(mgen, 1, 6)))
  }
  return new Uint8Array(a)
}
const mutations = []
for (const source of mutationSources) {
  for (let i = 0; i < 24; i++) {
    const update = mutate(u(source))
    let summary = null
    try {
      const s = summarize(update)
      summary = { structs: s.structs, deletes: s.deletes }
    } catch { }
    mutations.push({ source, update: b64(update), yjsRefuses: summary === null, summary })
  }
}

// --- Output ----------------------------------------------------------------------------------------------------

const out = {
  generatedBy: 'Hub.Tests/Documents/Fixtures/make-fixtures.mjs',
  yjs: JSON.parse((await import('node:fs')).readFileSync(new URL('./node_modules/yjs/package.json', import.meta.url))).version,
  updates: [...updates.values()].map(({ name, why, update }) => ({ name, why, update: b64(update), ...summarize(update) })),
  containment,
  invalid,
  mutations
}
const file = fileURLToPath(new URL('./yjs-updates.json', import.meta.url))
// One entry a line: small enough to commit, readable in a diff.
const lines = list => '[\n' + list.map(x => JSON.stringify(x)).join(',\n') + '\n]'
writeFileSync(file, `{"generatedBy":${JSON.stringify(out.generatedBy)},"yjs":${JSON.stringify(out.yjs)},\n` +
  ['updates', 'containment', 'invalid', 'mutations'].map(k => `"${k}":${lines(out[k])}`).join(',\n') + '}\n')
console.log(`${file}: ${out.updates.length} updates, ${containment.length} containment pairs, ${invalid.length} refused, ${mutations.length} mutations`)
