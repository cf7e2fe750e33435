// Proves that check.mjs catches what it claims to: copies k8s/ to a temporary directory, breaks one thing at a time,
// runs the check on the copy and expects it to fail with the right message; then the unbroken copy must pass.
//   node selftest.mjs            every breakage (the image ones run the jar checks of two modules only)
//   node selftest.mjs images     only those whose name contains "images"
// Needs the service jars (mvn -B package) for the image breakages.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const k8s = resolve(here, '..')
const repo = resolve(k8s, '..')
const copy = mkdtempSync(join(tmpdir(), 'checkup-k8s-selftest-'))
for (const p of ['base', 'components', 'overlays', 'infra', 'images', 'operator-secrets.yaml']) cpSync(join(k8s, p), join(copy, p), { recursive: true })

// [name, file, text to replace (a string: its first occurrence; a /g RegExp: every match), replacement, message
//  expected (substring), options]
const IMAGES = { images: ['order-service', 'bff-gateway'] }
const breakages = [
  // schema
  ['schema: a wrong type', 'base/order-service.yaml', 'replicas: 2', 'replicas: "2"', 'must be integer'],
  ['schema: an unknown field', 'components/hardened/workload.yaml', 'readinessProbe:', 'readinesProbe:', 'unknown field /spec/template/spec/containers/0/readinesProbe'],
  // workload policy
  ['policy: a missing probe', 'infra/rocketmq/namesrv.yaml', '          livenessProbe:\n            tcpSocket: { port: namesrv }\n            periodSeconds: 10\n            failureThreshold: 3\n', '', 'StatefulSet/rocketmq-namesrv/namesrv: no livenessProbe'],
  ['policy: no memory limit', 'infra/mysql/mysql.yaml', '            limits: { memory: 2Gi }\n', '', 'StatefulSet/mysql/mysql: needs requests (cpu, memory) and a memory limit'],
  ['policy: a writable root filesystem', 'infra/rocketmq/namesrv.yaml', 'readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false', 'rocketmq-namesrv/namesrv: root filesystem not read-only'],
  ['policy: root', 'infra/rocketmq/broker.yaml', 'runAsNonRoot: true', 'runAsNonRoot: false', 'StatefulSet/rocketmq-broker/broker: not runAsNonRoot'],
  ['policy: an unpinned image', 'infra/mysql/mysql.yaml', 'image: mysql:8.4.5', 'image: mysql:8', 'image tag not pinned (mysql:8)'],
  ['policy: a PDB selecting nothing', 'infra/nacos/nacos.yaml', 'maxUnavailable: 1\n  selector:\n    matchLabels: { app.kubernetes.io/name: nacos }', 'maxUnavailable: 1\n  selector:\n    matchLabels: { app.kubernetes.io/name: nacoss }', 'StatefulSet/nacos: no PodDisruptionBudget selects it'],
  ['policy: two PDBs over one pod', 'components/hospital-tier/hospital-sync-service-large.yaml', '  minAvailable: 1\n  selector:\n    matchLabels: { app.kubernetes.io/name: hospital-sync-service, checkup/lane: baseline, checkup/hospital-tier: large }', '  minAvailable: 1\n  selector:\n    matchLabels: { app.kubernetes.io/name: hospital-sync-service }', '2 PodDisruptionBudgets select its pods'],
  ['policy: no Service', 'base/order-service.yaml', 'selector: { app.kubernetes.io/name: order-service }', 'selector: { app.kubernetes.io/name: orders }', 'Deployment/order-service: no Service selects it'],
  ['policy: overlapping selectors', 'components/hospital-tier/hospital-sync-service-large.yaml', 'selector:\n    matchLabels: { app.kubernetes.io/name: hospital-sync-service, checkup/lane: baseline, checkup/hospital-tier: large }\n  template', 'selector:\n    matchLabels: { app.kubernetes.io/name: hospital-sync-service, checkup/lane: baseline }\n  template', 'its pods are also selected by Deployment/hospital-sync-service-large'],
  ['policy: a drain longer than the grace period', 'components/hardened/workload.yaml', 'sleep 15', 'sleep 40', 'is shorter than the drain (40 s)'],
  ['policy: a preStop that does not go offline', 'components/hardened/workload.yaml', "GET /offline", 'GET /ready', 'the preStop does not take the instance offline'],
  ['policy: a service account token', 'base/order-service.yaml', 'automountServiceAccountToken: false', 'automountServiceAccountToken: true', 'Deployment/order-service: mounts a service account token'],
  ['policy: a stale exception', 'infra/nacos/nacos.yaml', '          securityContext:\n            allowPrivilegeEscalation: false\n', '          securityContext:\n            readOnlyRootFilesystem: true\n            allowPrivilegeEscalation: false\n', 'exception StatefulSet/nacos/nacos readOnlyRootFilesystem is no longer needed'],
  // Secret and ConfigMap references
  ['refs: a Secret nobody provides', 'base/order-service.yaml', 'name: order-service-db', 'name: orders-db', 'Secret checkup/orders-db is neither rendered nor in operator-secrets.yaml'],
  ['refs: a Secret key nobody provides', 'base/order-service.yaml', 'name: order-service-db, key: password', 'name: order-service-db, key: pasword', 'has no key pasword in operator-secrets.yaml'],
  ['refs: a listed key nobody uses', 'operator-secrets.yaml', '    username: the Nacos user', '    spare: nothing reads it\n    username: the Nacos user', 'key spare of Secret checkup/checkup-nacos is referred to by no render'],
  ['refs: a listed Secret nobody uses', 'operator-secrets.yaml', '- namespace: checkup\n  name: checkup-nacos', '- namespace: checkup\n  name: checkup-unused\n  keys: { k: v }\n- namespace: checkup\n  name: checkup-nacos', 'Secret checkup/checkup-unused is referred to by no render'],
  ['refs: a ConfigMap key that does not exist', 'base/bff-gateway.yaml', 'key: CHECKUP_SYNC_CONNECTOR_HOSTS', 'key: CHECKUP_CONNECTOR_HOSTS', 'ConfigMap checkup-hospital-sync-'],
  ['refs: optional here, required in the list', 'base/payment-service.yaml', 'key: wechat-pay, optional: true', 'key: wechat-pay', 'key wechat-pay is required here but optional in operator-secrets.yaml'],
  ['refs: a ConfigMap nobody reads', 'infra/rocketmq/topics-job.yaml', '          envFrom:\n            - configMapRef: { name: rocketmq-topics }\n', '', 'ConfigMap/rocketmq-topics-'],
  // ports
  ['ports: a probe on an undeclared port', 'components/hardened/workload.yaml', 'httpGet: { path: /actuator/health/readiness, port: http }', 'httpGet: { path: /actuator/health/readiness, port: web }', 'readinessProbe on port web, which the container does not declare'],
  ['ports: a Service target port no pod has', 'base/order-service.yaml', 'targetPort: dubbo', 'targetPort: rpc', 'target port rpc is not a port of base: Deployment/order-service'],
  ['ports: a NetworkPolicy port the pods lack', 'base/network-policy.yaml', 'ports: [{ port: 20880 }, { port: 8080 }]', 'ports: [{ port: 20881 }, { port: 8080 }]', 'port 20881 is not a port of'],
  ['ports: a NetworkPolicy port of infra the pods lack', 'infra/rocketmq/broker.yaml', 'ports: [{ port: 10911 }]', 'ports: [{ port: 10909 }]', 'port 10909 is not a port of infra: StatefulSet/rocketmq-broker'],
  ['ports: a policy admitting Dubbo QoS', 'base/network-policy.yaml', 'ports: [{ port: 20880 }, { port: 8080 }]', 'ports: [{ port: 20880 }, { port: 8080 }, { port: 22222 }]', 'admits the Dubbo QoS port 22222'],
  ['ports: a declared QoS port', 'base/order-service.yaml', '            - { name: dubbo, containerPort: 20880 }\n', '            - { name: dubbo, containerPort: 20880 }\n            - { name: qos, containerPort: 22222 }\n', 'declares the Dubbo QoS port (22222)'],
  ['ports: a policy peer no pod matches', 'infra/mysql/mysql.yaml', 'matchLabels: { app.kubernetes.io/part-of: checkup, checkup/tier: service }', 'matchLabels: { app.kubernetes.io/part-of: checkup, checkup/tier: services }', 'in namespace checkup selects no pod of any render'],
  // lanes, copies, hospital tiers
  ['lanes: a tag that is not the lane', 'components/lane-gray/booking-service-gray.yaml', '{ name: DUBBO_PROVIDER_TAG, value: gray }', '{ name: DUBBO_PROVIDER_TAG, value: grey }', 'lane label gray but Dubbo tag grey'],
  ['lanes: CHECKUP_LANE again', 'components/lane-gray/booking-service-gray.yaml', '            - { name: DUBBO_PROVIDER_TAG, value: gray }\n', '            - { name: DUBBO_PROVIDER_TAG, value: gray }\n            - { name: CHECKUP_LANE, value: gray }\n', 'sets CHECKUP_LANE, which nothing reads any more'],
  ['copies: a lane copy missing env', 'components/lane-gray/booking-service-gray.yaml', '            - name: NACOS_PASSWORD\n              valueFrom: { secretKeyRef: { name: checkup-nacos, key: password } }\n', '', 'lacks env the baseline has: NACOS_PASSWORD'],
  ['copies: a lane copy on another image', 'components/lane-gray/booking-service-gray.yaml', 'booking-service:0.1.0', 'booking-service:0.1.1', 'the baseline runs registry.example.com/checkup/booking-service:0.1.0'],
  ['tiers: a tier not in the map', 'components/hospital-tier/hospital-sync-service-large.yaml', '{ name: CHECKUP_SYNC_TIER, value: large }', '{ name: CHECKUP_SYNC_TIER, value: big }', 'serves tier big, which CHECKUP_SYNC_TIERS does not name'],
  ['tiers: copies seeing different maps', 'components/hospital-tier/hospital-sync-service-large.yaml', '            - { name: CHECKUP_SYNC_TIER, value: large }\n', '            - { name: CHECKUP_SYNC_TIER, value: large }\n            - { name: CHECKUP_SYNC_TIERS, value: "large=H001" }\n', 'see different tiers maps'],
  ['tiers: a hospital in two tiers', 'components/hospital-tier/kustomization.yaml', 'CHECKUP_SYNC_TIERS=large=H001,H002', 'CHECKUP_SYNC_TIERS=large=H001,H002;north=H002', 'hospital H002 is in tier large and north'],
  ['tiers: a label that is not the tier', 'components/hospital-tier/hospital-sync-service-large.yaml', /checkup\/hospital-tier: large/g, 'checkup/hospital-tier: big', 'label checkup/hospital-tier=big but it serves large'],
  ['tiers: no default copy', 'base/hospital-sync-service.yaml', '{ name: CHECKUP_SYNC_TIER, value: "" }', '{ name: CHECKUP_SYNC_TIER, value: large }', 'no default copy of hospital-sync-service'],
  // infra against base
  ['infra: an address no Service has', 'base/kustomization.yaml', 'rocketmq-namesrv.checkup-infra.svc:9876', 'rocketmq-nameserver.checkup-infra.svc:9876', 'names Service checkup-infra/rocketmq-nameserver, which infra does not render'],
  ['infra: a port the Service lacks', 'base/kustomization.yaml', 'CHECKUP_DB_PORT=3306', 'CHECKUP_DB_PORT=3307', 'Service mysql has no port 3307'],
  ['infra: Nacos scaled without its member list', 'infra/nacos/nacos.yaml', 'replicas: 3', 'replicas: 4', 'nacos NACOS_SERVERS: does not list nacos-3'],
  ['infra: a name server the broker does not know', 'infra/rocketmq/namesrv.yaml', 'replicas: 2', 'replicas: 3', 'broker.conf namesrvAddr: does not list rocketmq-namesrv-2'],
  ['infra: a grant beyond the schema', 'infra/mysql/init-checkup.sh', 'GRANT ALL PRIVILEGES ON \\`$schema\\`.* TO', 'GRANT ALL PRIVILEGES ON *.* TO', 'privileges beyond its schema'],
  ['infra: a service logging in as a user nobody creates', 'base/order-service.yaml', 'value: order_service', 'value: orders', 'Deployment/order-service logs in as orders, which init-checkup.sh does not create'],
  ['infra: a schema the user is not granted', 'base/payment-service.yaml', 'value: checkup_payment', 'value: checkup_order', 'uses schema checkup_order, but init-checkup.sh grants payment_service checkup_payment'],
  ['infra: a password the script cannot get', 'infra/mysql/mysql.yaml', '            - name: DB_PASSWORD_NACOS\n              valueFrom: { secretKeyRef: { name: checkup-db-users, key: nacos } }\n', '', 'init-checkup.sh fails with the MySQL container\'s env: mysql_error: DB_PASSWORD_NACOS is empty'],
  ['infra: a topic not created', 'infra/rocketmq/kustomization.yaml', ' checkup-report ', ' ', 'topic checkup-report (api-contracts Topics) is not created'],
  ['infra: Nacos schema from another Nacos', 'infra/mysql/mysql.yaml', 'image: nacos/nacos-server:v2.5.1', 'image: nacos/nacos-server:v2.5.0', "MySQL loads Nacos's schema from nacos/nacos-server:v2.5.0 but Nacos runs nacos/nacos-server:v2.5.1"],
  ['infra: no SQL92 filters', 'infra/rocketmq/broker.conf', 'enablePropertyFilter=true', 'enablePropertyFilter=false', 'lacks enablePropertyFilter=true'],
  ['infra: Nacos without auth', 'infra/nacos/nacos.yaml', '{ name: NACOS_AUTH_ENABLE, value: "true" }', '{ name: NACOS_AUTH_ENABLE, value: "false" }', 'Nacos auth is not on'],
  // images (against the real jars)
  ['images: layers out of order', 'images/service.Dockerfile', 'COPY --from=build /build/extracted/dependencies/ ./\nCOPY --from=build /build/extracted/spring-boot-loader/ ./', 'COPY --from=build /build/extracted/spring-boot-loader/ ./\nCOPY --from=build /build/extracted/dependencies/ ./', 'copies layers [spring-boot-loader, dependencies, snapshot-dependencies, application] but order-service.jar has [dependencies, spring-boot-loader, snapshot-dependencies, application]', IMAGES],
  ['images: a layer not copied', 'images/gateway.Dockerfile', 'COPY --from=build /build/extracted/snapshot-dependencies/ ./\n', '', 'copies layers [dependencies, spring-boot-loader, application] but bff-gateway.jar has', IMAGES],
  ['images: a launcher of the other Boot generation', 'images/service.Dockerfile', '"org.springframework.boot.loader.launch.JarLauncher"', '"org.springframework.boot.loader.JarLauncher"', 'the launcher org.springframework.boot.loader.JarLauncher is in none of the copied layers of order-service.jar', IMAGES],
  ['images: a jar mode the jar lacks', 'images/gateway.Dockerfile', '-Djarmode=layertools', '-Djarmode=tools', 'bff-gateway.jar does not support -Djarmode=tools', IMAGES],
  ['images: no user.home on /tmp', 'images/service.Dockerfile', '"-Duser.home=/tmp", ', '', 'the ENTRYPOINT lacks -Duser.home=/tmp', IMAGES],
  ['images: running as root', 'images/gateway.Dockerfile', 'USER 10001:10001', 'USER root', 'must end with USER <numeric non-root uid>', IMAGES],
  ['images: a floating base tag', 'images/service.Dockerfile', 'FROM eclipse-temurin:17.0.15_6-jre-jammy\n# a numeric', 'FROM eclipse-temurin:17-jre\n# a numeric', 'FROM eclipse-temurin:17-jre is not pinned', IMAGES],
  ['images: a runtime too old for the classes', 'images/service.Dockerfile', 'FROM eclipse-temurin:17.0.15_6-jre-jammy\n# a numeric', 'FROM eclipse-temurin:11.0.27_6-jre-jammy\n# a numeric', 'is class file version 61, newer than Java 11', IMAGES],
  ['images: a deployed image nobody builds', 'images/build.sh', 'fulfillment-service      service.Dockerfile\n', '', 'runs registry.example.com/checkup/fulfillment-service:0.1.0, which images/build.sh does not build', IMAGES],
]

function run(env) {
  try {
    return { code: 0, out: execFileSync('node', [join(here, 'check.mjs')], { env: { ...process.env, CHECKUP_K8S_ROOT: copy, CHECKUP_REPO_ROOT: repo, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) }
  } catch (e) {
    return { code: e.status, out: `${e.stdout}${e.stderr}` }
  }
}

const filter = process.argv[2]
const failures = []
let ran = 0
try {
  for (const [name, file, from, to, expected, options] of breakages) {
    if (filter && !name.includes(filter)) continue
    const path = join(copy, file)
    const original = readFileSync(path, 'utf8')
    if (typeof from === 'string' ? !original.includes(from) : !from.test(original)) { failures.push(`${name}: '${from}' not found in ${file} (selftest out of date)`); continue }
    writeFileSync(path, original.replace(from, to))
    const env = options?.images ? { CHECKUP_K8S_IMAGE_MODULES: options.images.join(',') } : { CHECKUP_K8S_SKIP: 'images' }
    const { code, out } = run(env)
    writeFileSync(path, original)
    ran++
    if (code !== 1) failures.push(`${name}: the check did not fail (exit ${code})\n${out}`)
    else if (!out.includes(expected)) failures.push(`${name}: failed, but without '${expected}':\n${out.split('problems:')[1] ?? out}`)
    else console.log(`caught: ${name}`)
  }

  // missing jars: a failure, unless allowed
  if (!filter || 'images: missing jars'.includes(filter)) {
    const noJars = mkdtempSync(join(tmpdir(), 'checkup-k8s-selftest-repo-'))
    const topics = 'api-contracts/src/main/java/com/checkup/contracts/event/Topics.java'
    mkdirSync(dirname(join(noJars, topics)), { recursive: true })
    symlinkSync(join(repo, topics), join(noJars, topics))
    const strict = run({ CHECKUP_REPO_ROOT: noJars, CHECKUP_K8S_IMAGE_MODULES: 'order-service' })
    const allowed = run({ CHECKUP_REPO_ROOT: noJars, CHECKUP_K8S_IMAGE_MODULES: 'order-service', CHECKUP_K8S_ALLOW_MISSING_JARS: 'true' })
    rmSync(noJars, { recursive: true, force: true })
    ran += 2
    if (strict.code !== 1 || !strict.out.includes('order-service/target/order-service.jar is absent: build the module')) failures.push(`images: missing jars: not a failure:\n${strict.out}`)
    else console.log('caught: images: missing jars')
    if (allowed.code !== 0 || !allowed.out.includes('was not checked against it (CHECKUP_K8S_ALLOW_MISSING_JARS)')) failures.push(`images: missing jars allowed: not skipped with a message:\n${allowed.out}`)
    else console.log('skipped as asked: images: missing jars with CHECKUP_K8S_ALLOW_MISSING_JARS=true')
  }

  const clean = run(filter ? { CHECKUP_K8S_IMAGE_MODULES: IMAGES.images.join(',') } : {})
  ran++
  if (clean.code !== 0) failures.push(`the unbroken copy does not pass:\n${clean.out}`)
} finally {
  rmSync(copy, { recursive: true, force: true })
}

if (failures.length) {
  console.log(`\n${failures.length} of ${ran} runs wrong:\n\n${failures.join('\n\n')}`)
  process.exit(1)
}
console.log(`\nselftest: all ${ran} runs as expected (${ran - 1 - (filter ? 0 : 2)} breakages caught)`)
