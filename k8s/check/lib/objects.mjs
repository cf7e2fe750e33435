// Reading rendered objects: which pods a workload makes, what a selector selects, what a container's env resolves to.

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job'])

export const where = (render, o) => `${render}: ${o.kind}/${o.metadata?.name}`

/** Label selector (matchLabels + matchExpressions, or a Service's plain map) against labels. */
export function selects(selector, labels = {}) {
  if (!selector) return false
  const plain = !('matchLabels' in selector) && !('matchExpressions' in selector)
  const matchLabels = plain ? selector : selector.matchLabels ?? {}
  for (const [k, v] of Object.entries(matchLabels)) if (labels[k] !== v) return false
  for (const e of plain ? [] : selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key)
    if (e.operator === 'In' && !(has && e.values.includes(labels[e.key]))) return false
    if (e.operator === 'NotIn' && has && e.values.includes(labels[e.key])) return false
    if (e.operator === 'Exists' && !has) return false
    if (e.operator === 'DoesNotExist' && has) return false
  }
  return true
}

/** An empty selector ({} or no keys) selects everything. */
export const isEmptySelector = (s) => !s || (Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0)

/** Pods the rendered workloads make: { owner, namespace, labels, spec }. */
export function pods(objects) {
  return objects.filter((o) => WORKLOAD_KINDS.has(o.kind)).map((o) => ({
    owner: o,
    namespace: o.metadata.namespace,
    labels: o.spec.template.metadata?.labels ?? {},
    spec: o.spec.template.spec,
  }))
}

export const containersOf = (podSpec) => [...(podSpec.containers ?? [])]
export const allContainersOf = (podSpec) => [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])]

export function configMap(objects, namespace, name) {
  return objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name && o.metadata.namespace === namespace)
}

/**
 * What an env var resolves to in a container, as the kubelet would: `env` wins over `envFrom`, a later envFrom source
 * over an earlier one. Returns { found, value, from } (value undefined when it comes from a Secret or a field).
 */
export function resolveEnv(objects, namespace, container, name) {
  const entry = (container.env ?? []).find((e) => e.name === name)
  if (entry) {
    if ('value' in entry) return { found: true, value: entry.value ?? '', from: 'env' }
    const ref = entry.valueFrom?.configMapKeyRef
    if (ref) {
      const cm = configMap(objects, namespace, ref.name)
      return { found: !!cm && Object.hasOwn(cm.data ?? {}, ref.key), value: cm?.data?.[ref.key], from: `configMap ${ref.name}` }
    }
    return { found: true, value: undefined, from: 'secret or field' }
  }
  let result = { found: false }
  for (const src of container.envFrom ?? []) {
    if (src.configMapRef) {
      const cm = configMap(objects, namespace, src.configMapRef.name)
      const key = name.startsWith(src.prefix ?? '') ? name.slice((src.prefix ?? '').length) : null
      if (cm && key !== null && Object.hasOwn(cm.data ?? {}, key)) result = { found: true, value: cm.data[key], from: `configMap ${cm.metadata.name}` }
    }
  }
  return result
}

/** The names a container's env defines, explicit and (for ConfigMaps) through envFrom. */
export function envNames(objects, namespace, container) {
  const names = new Set((container.env ?? []).map((e) => e.name))
  for (const src of container.envFrom ?? []) {
    if (src.configMapRef) {
      const cm = configMap(objects, namespace, src.configMapRef.name)
      for (const k of Object.keys(cm?.data ?? {})) names.add((src.prefix ?? '') + k)
    }
    if (src.secretRef) names.add(`(every key of Secret ${src.secretRef.name})`)
  }
  return names
}

/** A container port by name or number. */
export function hasPort(container, port) {
  return (container.ports ?? []).some((p) => (typeof port === 'string' ? p.name === port : p.containerPort === port))
}
