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

/**
 * Another tool's template of a Kubernetes manifest: `deployment.tpl` or `service.yaml.tmpl` that `envsubst`, a Jinja or
 * a Go template renders before `kubectl apply` (ministryofjustice's `config/kubernetes/<env>/deployment.tpl`). Its
 * objects are the application's too, though no target reads them: the relation rules must not conclude that what a
 * Service or an autoscaler names is missing. The name, less the template's extension, has no extension or a YAML one;
 * a Helm chart's named templates (`_helpers.tpl`, under `templates/`) are the chart's own, read with it.
 */
const MANIFEST_TEMPLATE_NAME = /^[^_.][^/]*\.(tpl|tmpl|gotmpl|j2|jinja|jinja2)$/i;
/** The same extensions, as a file watcher's globs (the language server watches them). */
export const MANIFEST_TEMPLATE_GLOBS = ['*.tpl', '*.tmpl', '*.gotmpl', '*.j2', '*.jinja', '*.jinja2'];

export function isManifestTemplatePath(path: string): boolean {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  if (!MANIFEST_TEMPLATE_NAME.test(name) || /(^|\/)templates\//.test(path)) return false;
  // The name less its template extension: `deployment` or `service.yaml`, not `user_data.sh` nor `Dockerfile`.
  const stem = name.slice(0, name.lastIndexOf('.'));
  return (!stem.includes('.') || /\.ya?ml$/i.test(stem)) && !/^(Dockerfile|Containerfile)$/i.test(stem);
}
