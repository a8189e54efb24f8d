import rule from '../../../../server/src/core/rules/kubernetes/admin-processes/sshd-in-pod';
import { testRule } from '../../../helpers/rule-tester';
import { deploymentYaml } from '../../../helpers/manifests';

const pod = (image: string, extra = '') => deploymentYaml({ name: 'web', image }, extra);

testRule(rule, {
  valid: [
    { name: 'app image', code: pod('shop/web:1.4.2') },
    { name: 'ssh client use (git over ssh)', code: pod('alpine/git:2.45.2', '          command: ["ssh", "-o", "StrictHostKeyChecking=no", "git@example.com"]\n') },
    { name: 'image name merely containing ssh', code: pod('shop/sshkeys-sync:1.0.0') },
  ],
  invalid: [
    { name: 'openssh-server image', code: pod('lscr.io/linuxserver/openssh-server:9.7'), errors: [{ line: 10, column: 18, endLine: 10, endColumn: 56, messageId: 'image' }] },
    { name: 'sshd started next to the app', code: pod('shop/web:1.4.2', '          command: ["sh", "-c", "/usr/sbin/sshd && exec node server.js"]\n'), errors: [{ line: 11, column: 34, messageId: 'command' }] },
    { name: 'sshd image with tag', code: pod('panubo/sshd:1.9.0'), errors: [{ line: 10, column: 18 }] },
  ],
});
