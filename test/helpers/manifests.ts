/**
 * The Deployment most Kubernetes rule tests start from, so each test states only the
 * part it is about. `tail` is appended verbatim after the container's `image:` line
 * (indent it by ten spaces to add container keys).
 *
 *   apiVersion: apps/v1
 *   kind: Deployment
 *   metadata:
 *     name: <name>
 *   spec:
 *     selector:                       (with `selector: true`)
 *       matchLabels: {app: <name>}
 *     template:
 *       metadata:                     (with `selector: true` or `templateLabels: true`)
 *         labels: {app: <name>}
 *       spec:
 *         containers:
 *           - name: <container>
 *             image: <image>
 */
export interface DeploymentShape {
  name: string;
  image: string;
  /** The container's name; the Deployment's by default. */
  container?: string;
  /** Adds `spec.selector.matchLabels` and the pod template's labels. */
  selector?: boolean;
  /** Adds the pod template's labels without a selector. */
  templateLabels?: boolean;
}

export function deploymentYaml(shape: DeploymentShape, tail = ''): string {
  const { name, image, container = name, selector = false, templateLabels = selector } = shape;
  const lines = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    ...(selector ? ['  selector:', `    matchLabels: {app: ${name}}`] : []),
    '  template:',
    ...(templateLabels ? ['    metadata:', `      labels: {app: ${name}}`] : []),
    '    spec:',
    '      containers:',
    `        - name: ${container}`,
    `          image: ${image}`,
  ];
  return `${lines.join('\n')}\n${tail}`;
}
