// Every Secret and ConfigMap a pod refers to (env, envFrom, volumes) exists: a ConfigMap in the same render with the
// key, a Secret in the render or in k8s/operator-secrets.yaml (the Secrets the operator provides) with the key. Every
// listed Secret key is used by some render, and every rendered ConfigMap is read by something.
import { allContainersOf, pods, where } from './objects.mjs'

export function loadOperatorSecrets(entries) {
  const secrets = new Map()
  for (const e of entries ?? []) {
    const keys = new Map()
    for (const [k, v] of Object.entries(e.keys ?? {})) keys.set(k, { optional: typeof v === 'object' && v?.optional === true })
    secrets.set(`${e.namespace}/${e.name}`, keys)
  }
  return secrets
}

function references(podSpec) {
  const refs = []
  for (const c of allContainersOf(podSpec)) {
    for (const e of c.env ?? []) {
      const s = e.valueFrom?.secretKeyRef
      const m = e.valueFrom?.configMapKeyRef
      if (s) refs.push({ kind: 'Secret', name: s.name, key: s.key, optional: !!s.optional, what: `${c.name} env ${e.name}` })
      if (m) refs.push({ kind: 'ConfigMap', name: m.name, key: m.key, optional: !!m.optional, what: `${c.name} env ${e.name}` })
    }
    for (const src of c.envFrom ?? []) {
      if (src.secretRef) refs.push({ kind: 'Secret', name: src.secretRef.name, optional: !!src.secretRef.optional, what: `${c.name} envFrom` })
      if (src.configMapRef) refs.push({ kind: 'ConfigMap', name: src.configMapRef.name, optional: !!src.configMapRef.optional, what: `${c.name} envFrom` })
    }
  }
  for (const v of podSpec.volumes ?? []) {
    const sources = [v, ...(v.projected?.sources ?? [])]
    for (const s of sources) {
      if (s.secret) refs.push(...volumeRefs('Secret', s.secret.secretName ?? s.secret.name, s.secret, `volume ${v.name}`))
      if (s.configMap) refs.push(...volumeRefs('ConfigMap', s.configMap.name, s.configMap, `volume ${v.name}`))
    }
  }
  return refs
}

function volumeRefs(kind, name, src, what) {
  if (src.items?.length) return src.items.map((i) => ({ kind, name, key: i.key, optional: !!src.optional, what }))
  return [{ kind, name, optional: !!src.optional, what }]
}

/** used: Map "namespace/name" -> Set of keys ('*' = every key), filled across renders. */
export function checkRefs(render, objects, operatorSecrets, used, problems) {
  const readConfigMaps = new Set()
  for (const pod of pods(objects)) {
    for (const ref of references(pod.spec)) {
      const id = `${pod.namespace}/${ref.name}`
      const at = `${where(render, pod.owner)}: ${ref.what}`
      if (ref.kind === 'ConfigMap') {
        readConfigMaps.add(id)
        const cm = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.namespace === pod.namespace && o.metadata.name === ref.name)
        if (!cm) problems.push(`${at}: ConfigMap ${ref.name} is not rendered`)
        else if (ref.key !== undefined && !Object.hasOwn(cm.data ?? {}, ref.key)) problems.push(`${at}: ConfigMap ${ref.name} has no key ${ref.key}`)
        continue
      }
      const rendered = objects.find((o) => o.kind === 'Secret' && o.metadata.namespace === pod.namespace && o.metadata.name === ref.name)
      if (rendered) {
        if (ref.key !== undefined && !Object.hasOwn({ ...rendered.data, ...rendered.stringData }, ref.key)) problems.push(`${at}: Secret ${ref.name} has no key ${ref.key}`)
        continue
      }
      const listed = operatorSecrets.get(id)
      if (!listed) { problems.push(`${at}: Secret ${pod.namespace}/${ref.name} is neither rendered nor in operator-secrets.yaml`); continue }
      if (!used.has(id)) used.set(id, new Set())
      if (ref.key === undefined) { used.get(id).add('*'); continue }
      used.get(id).add(ref.key)
      const key = listed.get(ref.key)
      if (!key) problems.push(`${at}: Secret ${pod.namespace}/${ref.name} has no key ${ref.key} in operator-secrets.yaml`)
      else if (key.optional !== ref.optional) problems.push(`${at}: Secret ${pod.namespace}/${ref.name} key ${ref.key} is ${ref.optional ? 'optional' : 'required'} here but ${key.optional ? 'optional' : 'required'} in operator-secrets.yaml`)
    }
  }
  for (const cm of objects.filter((o) => o.kind === 'ConfigMap')) {
    if (!readConfigMaps.has(`${cm.metadata.namespace}/${cm.metadata.name}`)) problems.push(`${where(render, cm)}: no pod reads it`)
  }
}

export function unusedOperatorSecrets(operatorSecrets, used) {
  const out = []
  for (const [id, keys] of operatorSecrets) {
    const u = used.get(id)
    if (!u) { out.push(`operator-secrets.yaml: Secret ${id} is referred to by no render`); continue }
    if (u.has('*')) continue
    for (const k of keys.keys()) if (!u.has(k)) out.push(`operator-secrets.yaml: key ${k} of Secret ${id} is referred to by no render`)
  }
  return out
}
