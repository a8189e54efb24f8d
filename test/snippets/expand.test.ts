import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expandSnippet } from './expand';

const text = (body: string | string[], variables?: Record<string, string>) => expandSnippet(body, variables).text;

describe('snippet expander', () => {
  it('uses placeholder defaults and mirrors them', () => {
    assert.equal(text('name: ${1:app}\nselector: $1 ${1}'), 'name: app\nselector: app app');
  });

  it('lets a mirror written before its placeholder take the placeholder text', () => {
    assert.equal(text('$2-${1:a}-${2:b}'), 'b-a-b');
  });

  it('expands nested placeholders and variables inside defaults', () => {
    assert.equal(text('image: ${1:${2:registry.example.com}/${3:team}/app}:${4:1.0.0} ($2)'), 'image: registry.example.com/team/app:1.0.0 (registry.example.com)');
    assert.equal(text('class ${1:${TM_FILENAME_BASE/(.*)/${1:/capitalize}/}} {}'), 'class Handler {}');
    assert.equal(text('${1:${UNKNOWN_VAR:fallback}}'), 'fallback');
  });

  it('takes the first choice', () => {
    assert.equal(text('level: ${1|info,debug\\,trace,warn|}'), 'level: info');
    assert.equal(text('${1|a\\,b,c|}'), 'a,b');
  });

  it('leaves $0 and bare tab stops empty, joins array bodies with newlines', () => {
    assert.equal(text(['a$0', 'b$3', '${5}c']), 'a\nb\nc');
  });

  it('resolves variables and reports unknown ones by name, like VS Code', () => {
    assert.equal(text('$TM_FILENAME_BASE.${TM_FILENAME_BASE}'), 'handler.handler');
    assert.equal(text('$TM_FILENAME_BASE', { TM_FILENAME_BASE: 'orders' }), 'orders');
    const expansion = expandSnippet('PATH=/opt/venv/bin:$PATH');
    assert.equal(expansion.text, 'PATH=/opt/venv/bin:PATH');
    assert.deepEqual(expansion.unknownVariables, ['PATH']);
  });

  it('handles escapes and literal dollars and braces', () => {
    assert.equal(text('PATH=\\$PATH \\${x\\} `\\${name}` \\\\ }'), 'PATH=$PATH ${x} `${name}` \\ }');
    assert.equal(text('cost: $ 5 and ${ not a placeholder'), 'cost: $ 5 and ${ not a placeholder');
    assert.equal(text('a\\nb'), 'a\\nb', 'a backslash before anything else stays');
  });

  it('applies transforms', () => {
    assert.equal(text('${1:orders-api} ${1/(.*)/${1:/upcase}/}'), 'orders-api ORDERS-API');
    assert.equal(text('${1:orders-api} ${1/-(.)/_$1/g}'), 'orders-api orders_api');
    assert.equal(text('${1:orders-api} ${1/(.*)/${1:/pascalcase}/}'), 'orders-api OrdersApi');
  });

  it('lists tab stops in visiting order with $0 last', () => {
    assert.deepEqual(expandSnippet('$0 ${2:b} ${1:a} $2').tabStops, [1, 2, 0]);
  });
});
