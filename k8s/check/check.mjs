// Renders every overlay with `kubectl kustomize` and checks what it makes, offline: each object against the
// Kubernetes API schemas (kubernetes-models), then our policies (probes, resources, security, pinned images, a PDB
// and a Service per Deployment, lane label = Dubbo tag). Exit code 0 only when everything passed.
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments } from 'yaml'

const root = fileURLToPath(new URL('..', import.meta.url))
const overlays = readdirSync(`${root}/overlays`)
const problems = []

function kustomize(dir) {
  try {
    return execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' })
  } catch (e) {
    if (e.code === 'ENOENT') throw new Error('kubectl is needed to render the overlays (kubectl 1.32 with kustomize 5.5)')
    throw e
  }
}

async function model(obj) {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion]
  const path = group === '' ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`
  const mod = await import(path)
  return mod[obj.kind]
}

function selects(selector, labels) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v)
}

for (const overlay of overlays) {
  const objects = parseAllDocuments(kustomize(`${root}/overlays/${overlay}`)).map((d) => d.toJSON()).filter(Boolean)
  const where = (o) => `${overlay}: ${o.kind}/${o.metadata?.name}`
  for (const o of objects) {
    const Kind = await model(o)
    if (!Kind) { problems.push(`${where(o)}: no schema for ${o.apiVersion} ${o.kind}`); continue }
    try { new Kind(o).validate() } catch (e) { problems.push(`${where(o)}: ${e.message}`) }
  }
  const deployments = objects.filter((o) => o.kind === 'Deployment')
  for (const d of deployments) {
    const pod = d.spec.template
    const labels = pod.metadata.labels
    if (!objects.some((o) => o.kind === 'PodDisruptionBudget' && selects(o.spec.selector.matchLabels, labels))) problems.push(`${where(d)}: no PodDisruptionBudget selects it`)
    if (!objects.some((o) => o.kind === 'Service' && selects(o.spec.selector, labels))) problems.push(`${where(d)}: no Service selects it`)
    if (!pod.spec.securityContext?.runAsNonRoot) problems.push(`${where(d)}: not runAsNonRoot`)
    for (const c of pod.spec.containers) {
      for (const p of ['startupProbe', 'livenessProbe', 'readinessProbe']) if (!c[p]) problems.push(`${where(d)}/${c.name}: no ${p}`)
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory) problems.push(`${where(d)}/${c.name}: requests and limits`)
      if (!c.securityContext?.readOnlyRootFilesystem || c.securityContext?.allowPrivilegeEscalation !== false
          || !(c.securityContext?.capabilities?.drop ?? []).includes('ALL')) problems.push(`${where(d)}/${c.name}: security context`)
      if (!/:[0-9][\w.-]*$/.test(c.image) || c.image.endsWith(':latest')) problems.push(`${where(d)}/${c.name}: image tag not pinned (${c.image})`)
      if (!c.lifecycle?.preStop) problems.push(`${where(d)}/${c.name}: no preStop drain`)
      const portNames = new Set((c.ports ?? []).map((p) => p.name))
      for (const p of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        const port = c[p]?.httpGet?.port
        if (typeof port === 'string' && !portNames.has(port)) problems.push(`${where(d)}/${c.name}: ${p} on unknown port ${port}`)
      }
      const lane = labels['checkup/lane']
      const tag = (c.env ?? []).find((e) => e.name === 'DUBBO_PROVIDER_TAG')?.value
      if (lane && lane !== 'baseline' && tag !== lane) problems.push(`${where(d)}: lane label ${lane} but Dubbo tag ${tag ?? '(none)'}`)
      if (lane === 'baseline' && tag) problems.push(`${where(d)}: a baseline Deployment with Dubbo tag ${tag}`)
    }
    if (pod.spec.terminationGracePeriodSeconds < 35) problems.push(`${where(d)}: grace period shorter than the drain`)
  }
  console.log(`${overlay}: ${objects.length} objects, ${deployments.length} Deployments`)
}
if (problems.length) {
  console.log(`${problems.length} problems:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log('all overlays valid and within policy')
