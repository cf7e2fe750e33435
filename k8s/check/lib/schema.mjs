// Each object against the Kubernetes API schemas (kubernetes-models' validators), plus what those validators let pass:
// a field the schema does not know (a typo such as `readinesProbe` is otherwise silently ignored by the API server's
// lenient decoding and by the validators). Unknown fields are found by watching which properties the validator reads:
// it reads every property its schema defines and enumerates the keys of maps; whatever else an object holds is unknown.
import { where } from './objects.mjs'

async function modelClass(obj) {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion]
  const path = group === '' ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`
  try {
    return (await import(path))[obj.kind]
  } catch {
    return undefined
  }
}

function tracked(value, path, nodes) {
  if (value === null || typeof value !== 'object') return value
  const node = { path, value, read: new Set(), enumerated: false, touched: false }
  if (!Array.isArray(value)) nodes.push(node)
  const children = new Map()
  return new Proxy(value, {
    get(target, key) {
      node.touched = true
      if (typeof key !== 'string') return target[key]
      node.read.add(key)
      const v = target[key]
      if (v === null || typeof v !== 'object') return v
      if (!children.has(key)) children.set(key, tracked(v, `${path}/${key}`, nodes))
      return children.get(key)
    },
    has(target, key) {
      node.touched = true
      if (typeof key === 'string') node.read.add(key)
      return key in target
    },
    ownKeys(target) {
      node.touched = true
      node.enumerated = true
      return Reflect.ownKeys(target)
    },
  })
}

export async function checkSchemas(render, objects, problems) {
  for (const o of objects) {
    const Kind = await modelClass(o)
    if (!Kind) { problems.push(`${where(render, o)}: no schema for ${o.apiVersion} ${o.kind}`); continue }
    const nodes = []
    try {
      Kind.prototype.validate.call(tracked(o, '', nodes))
    } catch (e) {
      problems.push(`${where(render, o)}: ${e.message}`)
      continue
    }
    for (const n of nodes) {
      if (!n.touched || n.enumerated) continue
      for (const key of Object.keys(n.value)) {
        if (!n.read.has(key)) problems.push(`${where(render, o)}: unknown field ${n.path}/${key}`)
      }
    }
  }
}
