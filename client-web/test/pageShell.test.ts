import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { expandShell } from "../pageShell";
import { pageHtml, pages } from "../src/pages";

const root = join(__dirname, "..", "..");

test("every page gets the shared head, top bar, sign-in card with its own title, and error toast", () => {
  for (const page of pages) {
    const html = expandShell(readFileSync(join(root, pageHtml(page)), "utf8"), pageHtml(page));
    for (const id of ['id="pages"', 'id="status"', 'id="reconnect"', 'id="signInForm"', 'id="userName"', 'id="error"']) {
      assert.equal(html.split(id).length - 1, 1, `${pageHtml(page)}: ${id} once`);
    }
    assert.match(html, /<meta name="viewport"/);
    assert.match(html, /<h2 id="signInTitle">Sign in[^<]*<\/h2>/);
    assert.doesNotMatch(html, /<!-- page-(head|shell)/);
  }
});

test("a page without its markers fails the build instead of shipping without the shell", () => {
  assert.throws(() => expandShell("<html><head></head><body></body></html>", "bare.html"), /bare\.html: a page needs/);
});

test("the sign-in title is text, not markup", () => {
  const html = expandShell("<head><!-- page-head --></head><body><!-- page-shell: Sign in <b>now</b> --></body>", "x.html");
  assert.match(html, /Sign in &lt;b&gt;now&lt;\/b&gt;/);
});
