// Renders k8s/ with `kubectl kustomize` (base, every overlay, infra and each of its pieces) and checks what it makes,
// offline. Exit code 0 only when everything passed. Run by `mvn verify` (module checkup-k8s) or by hand:
//   cd k8s/check && npm ci && node check.mjs
// Environment: CHECKUP_K8S_ALLOW_MISSING_JARS=true skips the image checks of modules whose jar is not built (they fail
// otherwise); CHECKUP_K8S_SKIP=images skips the image checks altogether (selftest.mjs, for speed); CHECKUP_K8S_ROOT and
// CHECKUP_REPO_ROOT check another copy of k8s/ and the repository its jars and sources come from (selftest.mjs).
//
// What is checked (each in lib/):
//   schema.mjs   every object against the Kubernetes API schemas (kubernetes-models), unknown fields included
//   policy.mjs   Deployments and StatefulSets: three probes, requests and limits, security context, pinned images,
//                exactly one PDB, a Service, disjoint selectors, no service account token; Checkup's: the preStop drain
//                and a grace period longer than it; third-party exceptions with their reason (EXCEPTIONS)
//   refs.mjs     every Secret/ConfigMap key a pod refers to exists in the render or in operator-secrets.yaml, and
//                every listed key is used
//   network.mjs  probe ports, Service target ports and NetworkPolicy ports are ports of the pods; policy peers exist;
//                Dubbo QoS is neither declared nor admitted
//   variants.mjs lanes (label = Dubbo tag), copies in step with their baseline, hospital tiers
//   infra.mjs    base's addresses name infra's Services; member lists; MySQL schemas, users and grants; topics
//   images.mjs   the Dockerfiles against the real jars
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse, parseAllDocuments } from 'yaml'
import { checkImages } from './lib/images.mjs'
import { checkInfra } from './lib/infra.mjs'
import { checkPeers, checkPorts } from './lib/network.mjs'
import { checkWorkloads, staleExceptions } from './lib/policy.mjs'
import { checkRefs, loadOperatorSecrets, unusedOperatorSecrets } from './lib/refs.mjs'
import { checkSchemas } from './lib/schema.mjs'
import { checkCopies, checkHospitalTiers, checkLanes } from './lib/variants.mjs'

const k8sRoot = resolve(process.env.CHECKUP_K8S_ROOT ?? fileURLToPath(new URL('..', import.meta.url)))
const repoRoot = resolve(process.env.CHECKUP_REPO_ROOT ?? join(k8sRoot, '..'))
const skip = new Set((process.env.CHECKUP_K8S_SKIP ?? '').split(',').filter(Boolean))
const allowMissingJars = process.env.CHECKUP_K8S_ALLOW_MISSING_JARS === 'true'

function kustomize(dir) {
  try {
    return execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (e) {
    if (e.code === 'ENOENT') {
      console.error('kubectl is needed to render k8s/ (kubectl 1.32 with kustomize 5.5, /usr/bin/kubectl on the machine image); it is not on PATH')
      process.exit(2)
    }
    throw new Error(`kubectl kustomize ${dir} failed:\n${e.stderr || e.message}`)
  }
}

const kustomizations = (dir) => readdirSync(join(k8sRoot, dir), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(k8sRoot, dir, d.name, 'kustomization.yaml')))
  .map((d) => `${dir}/${d.name}`)
const targets = ['base', ...kustomizations('overlays'), 'infra', ...kustomizations('infra')]

const problems = []
const notes = []
const renders = []
for (const name of targets) {
  let objects
  try {
    objects = parseAllDocuments(kustomize(join(k8sRoot, name))).map((d) => d.toJSON()).filter(Boolean)
  } catch (e) {
    problems.push(`${name}: ${e.message}`)
    continue
  }
  renders.push({ name, objects })
}

const operatorSecrets = loadOperatorSecrets(parse(readFileSync(join(k8sRoot, 'operator-secrets.yaml'), 'utf8')))
const usedSecrets = new Map()
const usedExceptions = new Set()
for (const { name, objects } of renders) {
  const before = problems.length
  for (const o of objects) {
    if (o.kind !== 'Namespace' && !o.metadata?.namespace) problems.push(`${name}: ${o.kind}/${o.metadata?.name} has no namespace`)
  }
  await checkSchemas(name, objects, problems)
  checkWorkloads(name, objects, problems, usedExceptions)
  checkRefs(name, objects, operatorSecrets, usedSecrets, problems)
  checkPorts(name, objects, problems)
  checkLanes(name, objects, problems)
  checkCopies(name, objects, problems)
  checkHospitalTiers(name, objects, problems)
  const workloads = objects.filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind)).length
  console.log(`${name}: ${objects.length} objects, ${workloads} workloads${problems.length > before ? `, ${problems.length - before} problems` : ''}`)
}
checkPeers(renders, problems)
problems.push(...unusedOperatorSecrets(operatorSecrets, usedSecrets))
problems.push(...staleExceptions(usedExceptions))

const infraRender = renders.find((r) => r.name === 'infra')
for (const r of renders.filter((x) => x.name === 'base' || x.name.startsWith('overlays/'))) {
  if (infraRender) checkInfra({ baseRender: r, infraRender, k8sRoot, repoRoot }, problems)
}

if (skip.has('images')) notes.push('images: skipped (CHECKUP_K8S_SKIP=images)')
else checkImages({ k8sRoot, repoRoot, renders, allowMissingJars }, problems, notes)

for (const n of notes) console.log(n)
const unique = [...new Set(problems)]
if (unique.length) {
  console.log(`\n${unique.length} problems:\n  ${unique.join('\n  ')}`)
  process.exit(1)
}
console.log(`\nall ${renders.length} renders valid and within policy`)
