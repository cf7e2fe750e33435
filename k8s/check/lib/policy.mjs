// What every Deployment and StatefulSet must have (and, where it applies, a Job): three probes, requests and limits,
// a locked-down security context, a pinned image, exactly one PodDisruptionBudget, a Service selecting it, a selector no
// other workload's pods match; for Checkup's own Deployments also the drain before SIGTERM and a grace period longer
// than it. Third-party images that cannot meet a rule are listed in EXCEPTIONS with the reason, and nowhere else.
import { WORKLOAD_KINDS, allContainersOf, selects, where } from './objects.mjs'

/** Justified exceptions for third-party images: kind, name, container, the rules waived and why. */
export const EXCEPTIONS = [
  {
    kind: 'StatefulSet', name: 'nacos', container: 'nacos', rules: ['runAsNonRoot', 'readOnlyRootFilesystem'],
    why: 'the nacos/nacos-server image runs Nacos as root and writes conf/cluster.conf (from NACOS_SERVERS), logs and '
      + "Tomcat's work files under /home/nacos at start; it is not built to run as another user (privilege escalation "
      + 'and every capability are still dropped)',
  },
]

const PROBES = ['startupProbe', 'livenessProbe', 'readinessProbe']
// Spring's graceful shutdown (spring.lifecycle.timeout-per-shutdown-phase) after the preStop drain
const SPRING_SHUTDOWN_SECONDS = 20

export function pinned(image) {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true
  const slash = image.lastIndexOf('/')
  const colon = image.lastIndexOf(':')
  if (colon <= slash) return false
  // a release, not a moving name: at least major.minor (17.0.15_6-jre-jammy, v2.5.1, 8.4.5; not 17-jre or latest)
  return /[0-9]+\.[0-9]+/.test(image.slice(colon + 1))
}

function exceptionFor(o, container, rule, used) {
  const e = EXCEPTIONS.find((x) => x.kind === o.kind && x.name === o.metadata.name && x.container === container && x.rules.includes(rule))
  if (e) used.add(`${e.kind}/${e.name}/${e.container}/${rule}`)
  return !!e
}

export function checkWorkloads(render, objects, problems, usedExceptions) {
  const workloads = objects.filter((o) => WORKLOAD_KINDS.has(o.kind))
  const serviceAccounts = objects.filter((o) => o.kind === 'ServiceAccount')
  for (const w of workloads) {
    const at = where(render, w)
    const pod = w.spec.template
    const labels = pod.metadata?.labels ?? {}
    const spec = pod.spec
    const longRunning = w.kind !== 'Job'
    const checkup = w.metadata.labels?.['app.kubernetes.io/part-of'] === 'checkup'

    if (w.spec.selector && !selects(w.spec.selector, labels)) problems.push(`${at}: its selector does not select its own pod template`)
    if (longRunning) {
      const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget' && o.metadata.namespace === w.metadata.namespace && selects(o.spec.selector, labels))
      if (pdbs.length === 0) problems.push(`${at}: no PodDisruptionBudget selects it`)
      if (pdbs.length > 1) problems.push(`${at}: ${pdbs.length} PodDisruptionBudgets select its pods (${pdbs.map((p) => p.metadata.name).join(', ')}): eviction refuses pods with more than one`)
      if (!objects.some((o) => o.kind === 'Service' && o.metadata.namespace === w.metadata.namespace && o.spec.selector && selects(o.spec.selector, labels))) problems.push(`${at}: no Service selects it`)
      for (const other of workloads) {
        if (other !== w && WORKLOAD_KINDS.has(other.kind) && other.kind !== 'Job' && other.metadata.namespace === w.metadata.namespace && selects(other.spec.selector, labels)) {
          problems.push(`${at}: its pods are also selected by ${other.kind}/${other.metadata.name} (controllers would fight over them)`)
        }
      }
    }

    // service account: no API token in pods that never call the API
    const sa = serviceAccounts.find((s) => s.metadata.name === (spec.serviceAccountName ?? 'default') && s.metadata.namespace === w.metadata.namespace)
    const automount = spec.automountServiceAccountToken ?? sa?.automountServiceAccountToken
    if (automount !== false) problems.push(`${at}: mounts a service account token (automountServiceAccountToken: false on its ServiceAccount ${spec.serviceAccountName ?? 'default'})`)

    const podSecurity = spec.securityContext ?? {}
    for (const k of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[k]) problems.push(`${at}: ${k}`)
    if (podSecurity.seccompProfile?.type !== 'RuntimeDefault') problems.push(`${at}: no seccompProfile RuntimeDefault`)
    for (const c of allContainersOf(spec)) {
      const cat = `${at}/${c.name}`
      const init = (spec.initContainers ?? []).includes(c)
      const sc = c.securityContext ?? {}
      if (!(sc.runAsNonRoot ?? podSecurity.runAsNonRoot) && !exceptionFor(w, c.name, 'runAsNonRoot', usedExceptions)) problems.push(`${cat}: not runAsNonRoot`)
      if (sc.allowPrivilegeEscalation !== false) problems.push(`${cat}: allowPrivilegeEscalation is not false`)
      if (!(sc.capabilities?.drop ?? []).includes('ALL') || (sc.capabilities?.add ?? []).length) problems.push(`${cat}: capabilities not dropped (drop: [ALL], add none)`)
      if (sc.privileged) problems.push(`${cat}: privileged`)
      if (!sc.readOnlyRootFilesystem && !exceptionFor(w, c.name, 'readOnlyRootFilesystem', usedExceptions)) problems.push(`${cat}: root filesystem not read-only`)
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory) problems.push(`${cat}: needs requests (cpu, memory) and a memory limit`)
      if (!pinned(c.image)) problems.push(`${cat}: image tag not pinned (${c.image})`)
      if (init || !longRunning) continue
      for (const p of PROBES) if (!c[p]) problems.push(`${cat}: no ${p}`)
      if (checkup) {
        const preStop = c.lifecycle?.preStop?.exec?.command?.join(' ') ?? ''
        const drain = Number(/sleep (\d+)/.exec(preStop)?.[1])
        if (!drain) problems.push(`${cat}: no preStop drain (take the instance offline, then sleep)`)
        else if (!/offline/.test(preStop)) problems.push(`${cat}: the preStop does not take the instance offline in the registry`)
        else if ((spec.terminationGracePeriodSeconds ?? 30) < drain + SPRING_SHUTDOWN_SECONDS) {
          problems.push(`${cat}: grace period ${spec.terminationGracePeriodSeconds ?? 30} s is shorter than the drain (${drain} s) plus Spring's shutdown (${SPRING_SHUTDOWN_SECONDS} s)`)
        }
      }
    }
  }

  for (const pdb of objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
    if (!workloads.some((w) => w.metadata.namespace === pdb.metadata.namespace && selects(pdb.spec.selector, w.spec.template.metadata?.labels))) {
      problems.push(`${where(render, pdb)}: selects no workload`)
    }
  }
  for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const t = hpa.spec.scaleTargetRef
    if (!workloads.some((w) => w.kind === t.kind && w.metadata.name === t.name && w.metadata.namespace === hpa.metadata.namespace)) problems.push(`${where(render, hpa)}: scales ${t.kind}/${t.name}, which is not rendered`)
  }
}

export function staleExceptions(usedExceptions) {
  const stale = []
  for (const e of EXCEPTIONS) {
    for (const rule of e.rules) {
      if (!usedExceptions.has(`${e.kind}/${e.name}/${e.container}/${rule}`)) stale.push(`exception ${e.kind}/${e.name}/${e.container} ${rule} is no longer needed: remove it from EXCEPTIONS`)
    }
  }
  return stale
}
