// k8s/base and k8s/infra agree: the addresses base gives the services name Services (and ports) infra renders; the
// member lists infra spells out (Nacos's NACOS_SERVERS, the broker's namesrvAddr) name every replica of their
// StatefulSets; MySQL's init script makes, for every service, exactly the schema and user its Deployment logs in with
// and grants that user that schema only; the topics the Job creates are api-contracts' Topics.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { containersOf, resolveEnv } from './objects.mjs'

/** host[:port] of `<service>[.<namespace>.svc[.cluster.local]]` or `<pod>.<service>.<namespace>.svc[...]`. */
function serviceAddress(address, defaultNamespace) {
  const [host, port] = address.split(':')
  const parts = host.replace(/\.svc(\.cluster\.local)?$/, '').split('.')
  const qualified = parts.length < host.split('.').length
  if (!parts.every((p) => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(p))) return null
  const p = port === undefined ? undefined : Number(port)
  if (parts.length === 1 && !qualified) return { service: parts[0], namespace: defaultNamespace, port: p }
  if (parts.length === 2 && qualified) return { service: parts[0], namespace: parts[1], port: p }
  if (parts.length === 3 && qualified) return { pod: parts[0], service: parts[1], namespace: parts[2], port: p }
  return null
}

function checkAddress(what, address, defaultNamespace, infraObjects, problems) {
  const a = serviceAddress(address, defaultNamespace)
  if (!a) { problems.push(`${what}: '${address}' is not a Service address (<service>.<namespace>.svc)`); return }
  const svc = infraObjects.find((o) => o.kind === 'Service' && o.metadata.name === a.service && o.metadata.namespace === a.namespace)
  if (!svc) { problems.push(`${what}: '${address}' names Service ${a.namespace}/${a.service}, which infra does not render`); return }
  if (a.port && !svc.spec.ports.some((p) => p.port === a.port)) problems.push(`${what}: '${address}': Service ${a.service} has no port ${a.port}`)
  if (a.pod) {
    const sts = infraObjects.find((o) => o.kind === 'StatefulSet' && o.spec.serviceName === a.service && o.metadata.namespace === a.namespace)
    const ordinal = Number(/-(\d+)$/.exec(a.pod)?.[1])
    if (!sts || !a.pod.startsWith(`${sts.metadata.name}-`) || !(ordinal < sts.spec.replicas)) problems.push(`${what}: '${address}' names pod ${a.pod}, which no StatefulSet governed by ${a.service} has`)
    if (svc.spec.clusterIP !== 'None') problems.push(`${what}: '${address}' names a pod through Service ${a.service}, which is not headless`)
  }
}

/** A member list names every replica of the StatefulSet once, and nothing else. */
function checkMembers(what, addresses, sts, problems) {
  const pods = new Set(addresses.map((a) => a.split('.')[0]))
  for (let i = 0; i < sts.spec.replicas; i++) if (!pods.has(`${sts.metadata.name}-${i}`)) problems.push(`${what}: does not list ${sts.metadata.name}-${i} (${sts.spec.replicas} replicas)`)
  if (pods.size !== addresses.length || pods.size > sts.spec.replicas) problems.push(`${what}: lists ${addresses.length} members for ${sts.spec.replicas} replicas`)
}

const platformConfig = (objects) => objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('checkup-platform'))
const find = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name)

export function checkInfra({ baseRender, infraRender, k8sRoot, repoRoot }, problems) {
  const base = baseRender.objects
  const infra = infraRender.objects
  const at = `${baseRender.name} x ${infraRender.name}`

  // addresses in base name infra's Services
  const cm = platformConfig(base)?.data ?? {}
  for (const key of ['NACOS_ADDRESS', 'CHECKUP_ROCKETMQ_NAME_SERVER']) {
    if (!cm[key]) problems.push(`${at}: checkup-platform has no ${key}`)
    else checkAddress(`${at}: checkup-platform ${key}`, cm[key], 'checkup', infra, problems)
  }
  if (!cm.CHECKUP_DB_HOST) problems.push(`${at}: checkup-platform has no CHECKUP_DB_HOST`)
  else checkAddress(`${at}: checkup-platform CHECKUP_DB_HOST:CHECKUP_DB_PORT`, `${cm.CHECKUP_DB_HOST}:${cm.CHECKUP_DB_PORT}`, 'checkup', infra, problems)
  const nacosClients = find(infra, 'Service', serviceAddress(cm.NACOS_ADDRESS ?? '', 'checkup')?.service)
  if (nacosClients && !nacosClients.spec.ports.some((p) => p.port === Number(cm.NACOS_ADDRESS.split(':')[1]) + 1000)) {
    problems.push(`${at}: Service ${nacosClients.metadata.name} lacks the client gRPC port (NACOS_ADDRESS port + 1000)`)
  }

  // Nacos: members, database, schema image
  const nacos = find(infra, 'StatefulSet', 'nacos')
  const nacosC = nacos && containersOf(nacos.spec.template.spec)[0]
  if (!nacos) problems.push(`${infraRender.name}: no Nacos StatefulSet`)
  else {
    const servers = resolveEnv(infra, nacos.metadata.namespace, nacosC, 'NACOS_SERVERS').value ?? ''
    const members = servers.split(/\s+/).filter(Boolean)
    checkMembers(`${infraRender.name}: nacos NACOS_SERVERS`, members, nacos, problems)
    for (const m of members) checkAddress(`${infraRender.name}: nacos NACOS_SERVERS`, m, nacos.metadata.namespace, infra, problems)
    const host = resolveEnv(infra, nacos.metadata.namespace, nacosC, 'MYSQL_SERVICE_HOST').value
    const port = resolveEnv(infra, nacos.metadata.namespace, nacosC, 'MYSQL_SERVICE_PORT').value
    if (host) checkAddress(`${infraRender.name}: nacos MYSQL_SERVICE_HOST`, `${host}:${port}`, nacos.metadata.namespace, infra, problems)
    if (resolveEnv(infra, nacos.metadata.namespace, nacosC, 'NACOS_AUTH_ENABLE').value !== 'true') problems.push(`${infraRender.name}: Nacos auth is not on (NACOS_AUTH_ENABLE=true)`)
  }

  // RocketMQ: the broker registers with every name server
  const namesrv = find(infra, 'StatefulSet', 'rocketmq-namesrv')
  const brokerConf = find(infra, 'ConfigMap', infra.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('rocketmq-broker'))?.metadata.name)?.data?.['broker.conf']
  if (!namesrv || !brokerConf) problems.push(`${infraRender.name}: no rocketmq-namesrv StatefulSet or broker.conf`)
  else {
    const addr = /^namesrvAddr=(.*)$/m.exec(brokerConf)?.[1] ?? ''
    const members = addr.split(';').filter(Boolean)
    checkMembers(`${infraRender.name}: broker.conf namesrvAddr`, members, namesrv, problems)
    for (const m of members) checkAddress(`${infraRender.name}: broker.conf namesrvAddr`, m, namesrv.metadata.namespace, infra, problems)
    if (!/^enablePropertyFilter=true$/m.test(brokerConf)) problems.push(`${infraRender.name}: broker.conf lacks enablePropertyFilter=true (lanes subscribe with SQL92)`)
  }

  // MySQL: schemas, users, grants
  const mysql = find(infra, 'StatefulSet', 'mysql')
  if (!mysql) problems.push(`${infraRender.name}: no MySQL StatefulSet`)
  else {
    const mysqlC = containersOf(mysql.spec.template.spec).find((c) => c.name === 'mysql')
    const schemaInit = (mysql.spec.template.spec.initContainers ?? []).find((c) => c.name === 'nacos-schema')
    if (nacosC && schemaInit?.image !== nacosC.image) problems.push(`${infraRender.name}: MySQL loads Nacos's schema from ${schemaInit?.image ?? '(nothing)'} but Nacos runs ${nacosC.image}`)
    const grants = initGrants(join(k8sRoot, 'infra/mysql/init-checkup.sh'), mysqlC, problems, infraRender.name)
    const logins = []
    for (const d of base.filter((o) => o.kind === 'Deployment')) {
      const c = containersOf(d.spec.template.spec)[0]
      const db = resolveEnv(base, d.metadata.namespace, c, 'CHECKUP_DB_NAME').value
      const user = resolveEnv(base, d.metadata.namespace, c, 'CHECKUP_DB_USER').value
      if (db || user) logins.push({ who: `Deployment/${d.metadata.name}`, db, user })
    }
    if (nacos) {
      logins.push({
        who: 'StatefulSet/nacos',
        db: resolveEnv(infra, nacos.metadata.namespace, nacosC, 'MYSQL_SERVICE_DB_NAME').value,
        user: resolveEnv(infra, nacos.metadata.namespace, nacosC, 'MYSQL_SERVICE_USER').value,
      })
    }
    for (const l of logins) {
      const g = grants.get(l.user)
      if (!g) problems.push(`${at}: ${l.who} logs in as ${l.user}, which init-checkup.sh does not create`)
      else if (!g.schemas.has(l.db)) problems.push(`${at}: ${l.who} uses schema ${l.db}, but init-checkup.sh grants ${l.user} ${[...g.schemas].join(', ') || 'nothing'}`)
    }
    for (const [user, g] of grants) {
      if (g.schemas.size !== 1) problems.push(`${infraRender.name}: init-checkup.sh grants ${user} ${g.schemas.size} schemas (${[...g.schemas].join(', ')}): one user, one schema`)
      if (g.global) problems.push(`${infraRender.name}: init-checkup.sh grants ${user} privileges beyond its schema (${g.global})`)
      if (!logins.some((l) => l.user === user)) problems.push(`${infraRender.name}: init-checkup.sh creates ${user}, whom no Deployment or Nacos logs in as`)
    }
  }

  // RocketMQ topics = api-contracts Topics
  const topicsCm = infra.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('rocketmq-topics'))
  const topics = new Set((topicsCm?.data?.TOPICS ?? '').split(/\s+/).filter(Boolean))
  const javaFile = join(repoRoot, 'api-contracts/src/main/java/com/checkup/contracts/event/Topics.java')
  if (!existsSync(javaFile)) problems.push(`${infraRender.name}: ${javaFile} not found (CHECKUP_REPO_ROOT?)`)
  else {
    const declared = new Set([...readFileSync(javaFile, 'utf8').matchAll(/static final String \w+ = "([^"]+)"/g)].map((m) => m[1]))
    for (const t of declared) if (!topics.has(t)) problems.push(`${infraRender.name}: topic ${t} (api-contracts Topics) is not created by the rocketmq-topics Job`)
    for (const t of topics) if (!declared.has(t)) problems.push(`${infraRender.name}: the rocketmq-topics Job creates ${t}, which api-contracts Topics does not declare`)
  }
}

/**
 * Runs init-checkup.sh as the mysql image's entrypoint would source it, with its helper functions replaced by ones that
 * record the SQL, and the passwords its container gets (placeholders). Returns user -> { schemas, global }.
 */
function initGrants(script, container, problems, render) {
  const grants = new Map()
  const dir = mkdtempSync(join(tmpdir(), 'checkup-mysql-init-'))
  try {
    const sqlFile = join(dir, 'out.sql')
    const schema = join(dir, 'nacos-schema.sql')
    writeFileSync(schema, '-- the Nacos image supplies this\n')
    const env = { PATH: process.env.PATH, NACOS_SCHEMA_SQL: schema }
    for (const e of container?.env ?? []) {
      if (e.valueFrom?.secretKeyRef) env[e.name] = `pw-${e.name}'\\x`
      else if ('value' in e && e.name !== 'NACOS_SCHEMA_SQL') env[e.name] = e.value
    }
    const harness = `set -eo pipefail
mysql_note() { :; }
mysql_error() { echo "mysql_error: $*" >&2; exit 1; }
docker_process_sql() { echo "-- docker_process_sql $*" >> "${sqlFile}"; cat >> "${sqlFile}"; echo >> "${sqlFile}"; }
source "$1"`
    try {
      execFileSync('bash', ['-c', harness, 'harness', script], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    } catch (e) {
      problems.push(`${render}: init-checkup.sh fails with the MySQL container's env: ${(e.stderr || e.message).trim()}`)
      return grants
    }
    const sql = readFileSync(sqlFile, 'utf8')
    for (const m of sql.matchAll(/IDENTIFIED BY '((?:[^'\\]|\\.)*)'/g)) {
      if (!/^pw-DB_PASSWORD_\w+'\\x$/.test(m[1].replace(/\\(.)/g, '$1'))) problems.push(`${render}: init-checkup.sh does not quote a password as given (${m[1]})`)
    }
    for (const m of sql.matchAll(/CREATE USER IF NOT EXISTS '([^']+)'@'%'/g)) grants.set(m[1], { schemas: new Set(), global: null })
    for (const m of sql.matchAll(/GRANT (.+?) ON (\S+) TO '([^']+)'@'%'/g)) {
      const g = grants.get(m[3]) ?? { schemas: new Set(), global: null }
      grants.set(m[3], g)
      const on = /^`?([A-Za-z0-9_]+)`?\.\*$/.exec(m[2])
      if (on) g.schemas.add(on[1])
      else g.global = `${m[1]} ON ${m[2]}`
    }
    if (!/docker_process_sql --database=nacos_config/.test(sql)) problems.push(`${render}: init-checkup.sh does not load Nacos's schema into nacos_config`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return grants
}
