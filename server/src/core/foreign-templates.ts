/** File names that mark another templating tool's source files, which no target analyses. */

/**
 * Names of another tool's templates (Jinja, ERB, Go templates, Mustache, Handlebars, EJS, Nunjucks, Liquid):
 * `Dockerfile.j2` or `deploy.yaml.tmpl` is the source of a file yet to be rendered, and its `{{ … }}`, `{% … %}`
 * or `<%= … %>` lines read as instructions or keys that are not there (`FROM <%= @distribution %>` was an image
 * `<%=` without a tag). `.template` is not among them: CloudFormation and balena name real files so.
 */
const FOREIGN_TEMPLATE_NAME = /\.(j2|jinja|jinja2|erb|tmpl|tpl|gotmpl|mustache|hbs|handlebars|ejs|njk|liquid)$/i;

/** True when the file's name marks it as a template of another templating tool, which is never analysed. */
export function isForeignTemplateName(path: string): boolean {
  return FOREIGN_TEMPLATE_NAME.test(path);
}
