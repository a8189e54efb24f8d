/**
 * Small hand scanners that replace regexes whose backtracking would be quadratic on
 * crafted text (issue 9). Each walks the text once.
 */

const LINE_TERMINATORS = '\n\r\u2028\u2029';

/**
 * Whether `text` holds `{{` and, after it, `}}`: a template expression (Helm, Go, Jinja,
 * CloudFormation's `{{resolve:…}}`). With `sameLine`, both must be on one line, as `.`
 * in a regex would require. Same answer as `/\{\{[\s\S]*\}\}/` (or `/\{\{.*\}\}/`).
 */
export function hasTemplateBraces(text: string, sameLine = false): boolean {
  if (!sameLine) {
    const open = text.indexOf('{{');
    return open >= 0 && text.indexOf('}}', open + 2) >= 0;
  }
  let open = -1;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i];
    if (LINE_TERMINATORS.includes(c)) open = -1;
    else if (open < 0) {
      if (c === '{' && text[i + 1] === '{') {
        open = i;
        i++;
      }
    } else if (c === '}' && text[i + 1] === '}') return true;
  }
  return false;
}

/**
 * A `%%NAME%%` token that a build script replaces before the file is used (AWS Solutions templates: `%%VERSION%%`,
 * `%%BUCKET_NAME%%`, `%%SOLUTION_NAME%%`, filled in by `sed` in their `build-s3-dist.sh`): the value is not final.
 */
export function hasBuildPlaceholder(text: string): boolean {
  return BUILD_PLACEHOLDER.test(text);
}

const BUILD_PLACEHOLDER = /%%[A-Z][A-Z0-9_]*%%/;
