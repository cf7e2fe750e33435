// Ports agree: probe ports are ports of their container, a Service's target ports are ports of every pod it selects,
// a NetworkPolicy's ports are ports of every pod it selects and its peers are pods that exist. Dubbo QoS (22222) is
// neither declared nor admitted anywhere: it listens on 127.0.0.1 inside the pod.
import { allContainersOf, containersOf, hasPort, isEmptySelector, pods, selects, where } from './objects.mjs'

const QOS_PORT = 22222

function probePorts(c) {
  const out = []
  for (const p of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
    const port = c[p]?.httpGet?.port ?? c[p]?.tcpSocket?.port ?? c[p]?.grpc?.port
    if (port !== undefined) out.push([p, port])
  }
  return out
}

const podDeclares = (pod, port) => containersOf(pod.spec).some((c) => hasPort(c, port))

export function checkPorts(render, objects, problems) {
  const allPods = pods(objects)
  for (const pod of allPods) {
    for (const c of allContainersOf(pod.spec)) {
      for (const [probe, port] of probePorts(c)) {
        if (!hasPort(c, port)) problems.push(`${where(render, pod.owner)}/${c.name}: ${probe} on port ${port}, which the container does not declare`)
      }
      for (const p of c.ports ?? []) {
        if (p.containerPort === QOS_PORT || p.name === 'qos') problems.push(`${where(render, pod.owner)}/${c.name}: declares the Dubbo QoS port (${p.containerPort}); it listens on 127.0.0.1 only`)
      }
    }
  }

  for (const svc of objects.filter((o) => o.kind === 'Service' && o.spec.selector)) {
    const selected = allPods.filter((p) => p.namespace === svc.metadata.namespace && selects(svc.spec.selector, p.labels))
    if (!selected.length) { problems.push(`${where(render, svc)}: selects no pod`); continue }
    for (const sp of svc.spec.ports ?? []) {
      const target = sp.targetPort ?? sp.port
      for (const pod of selected) {
        if (!podDeclares(pod, target)) problems.push(`${where(render, svc)}: target port ${target} is not a port of ${where(render, pod.owner)}`)
      }
    }
  }

  for (const np of objects.filter((o) => o.kind === 'NetworkPolicy')) {
    const selected = allPods.filter((p) => p.namespace === np.metadata.namespace && selects(np.spec.podSelector, p.labels))
    if (!isEmptySelector(np.spec.podSelector) && !selected.length) problems.push(`${where(render, np)}: selects no pod`)
    for (const rule of [...(np.spec.ingress ?? []), ...(np.spec.egress ?? [])]) {
      for (const p of rule.ports ?? []) {
        if (p.port === QOS_PORT) problems.push(`${where(render, np)}: admits the Dubbo QoS port ${QOS_PORT}`)
        if (p.port === undefined || !(np.spec.ingress ?? []).includes(rule)) continue
        for (const pod of selected) {
          if (!podDeclares(pod, p.port)) problems.push(`${where(render, np)}: port ${p.port} is not a port of ${where(render, pod.owner)}, which it selects`)
        }
      }
    }
  }
}

/**
 * NetworkPolicy peers (from/to) name pods that exist: a podSelector, in the policy's namespace or the namespace its
 * namespaceSelector names by kubernetes.io/metadata.name, must select a pod of the renders of that namespace. Peers in
 * namespaces no render makes (e.g. monitoring) are the operator's and are not checked.
 */
export function checkPeers(renders, problems) {
  const podsByNamespace = new Map()
  for (const { objects } of renders) {
    for (const pod of pods(objects)) {
      if (!podsByNamespace.has(pod.namespace)) podsByNamespace.set(pod.namespace, [])
      podsByNamespace.get(pod.namespace).push(pod)
    }
  }
  for (const { name: render, objects } of renders) {
    for (const np of objects.filter((o) => o.kind === 'NetworkPolicy')) {
      for (const rule of [...(np.spec.ingress ?? []), ...(np.spec.egress ?? [])]) {
        for (const peer of [...(rule.from ?? []), ...(rule.to ?? [])]) {
          if (!peer.podSelector || isEmptySelector(peer.podSelector)) continue
          let namespace = np.metadata.namespace
          if (peer.namespaceSelector) {
            namespace = peer.namespaceSelector.matchLabels?.['kubernetes.io/metadata.name']
            if (!namespace) { problems.push(`${where(render, np)}: a peer's namespaceSelector does not name its namespace (kubernetes.io/metadata.name)`); continue }
          }
          if (!podsByNamespace.has(namespace)) continue
          if (!podsByNamespace.get(namespace).some((p) => selects(peer.podSelector, p.labels))) {
            problems.push(`${where(render, np)}: peer ${JSON.stringify(peer.podSelector.matchLabels ?? peer.podSelector)} in namespace ${namespace} selects no pod of any render`)
          }
        }
      }
    }
  }
}
