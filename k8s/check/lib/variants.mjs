// Copies of one service (a lane's Deployment, a hospital tier's) beside its baseline: the lane is in both the pod label
// and Dubbo's tag; a copy runs the same image with the same env as the baseline but for what makes it a copy; every
// hospital-sync-service copy sees the same tiers map and serves a tier of it.
import { containersOf, envNames, resolveEnv, where } from './objects.mjs'

const LANE = 'checkup/lane'
const HOSPITAL_TIER = 'checkup/hospital-tier'
// what a copy may set differently from its baseline
const VARIANT_ENV = new Set(['DUBBO_PROVIDER_TAG', 'CHECKUP_SYNC_TIER'])
// env no manifest may set: nothing reads it (the lane is the label plus DUBBO_PROVIDER_TAG)
const RETIRED_ENV = new Set(['CHECKUP_LANE', 'SPRING_DATASOURCE_PASSWORD'])
const TIER_NAME = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/
const HOSPITAL_ID = /^[A-Za-z0-9_-]{1,32}$/

const checkupDeployments = (objects) => objects.filter((o) => o.kind === 'Deployment' && o.metadata.labels?.['app.kubernetes.io/part-of'] === 'checkup')
const app = (d) => d.spec.template.metadata.labels['app.kubernetes.io/name']

export function checkLanes(render, objects, problems) {
  for (const d of checkupDeployments(objects)) {
    const labels = d.spec.template.metadata.labels
    const lane = labels[LANE]
    if (!lane) problems.push(`${where(render, d)}: no ${LANE} label`)
    if (d.metadata.labels?.[LANE] !== lane) problems.push(`${where(render, d)}: its ${LANE} label differs from its pods'`)
    for (const c of containersOf(d.spec.template.spec)) {
      for (const e of c.env ?? []) if (RETIRED_ENV.has(e.name)) problems.push(`${where(render, d)}/${c.name}: sets ${e.name}, which nothing reads any more`)
      const tag = resolveEnv(objects, d.metadata.namespace, c, 'DUBBO_PROVIDER_TAG')
      if (lane && lane !== 'baseline' && tag.value !== lane) problems.push(`${where(render, d)}: lane label ${lane} but Dubbo tag ${tag.value ?? '(none)'}`)
      if (lane === 'baseline' && tag.found) problems.push(`${where(render, d)}: a baseline Deployment with Dubbo tag ${tag.value}`)
    }
  }
}

export function checkCopies(render, objects, problems) {
  const byApp = new Map()
  for (const d of checkupDeployments(objects)) {
    if (!byApp.has(app(d))) byApp.set(app(d), [])
    byApp.get(app(d)).push(d)
  }
  for (const [name, deployments] of byApp) {
    const baseline = deployments.find((d) => d.metadata.name === name)
    if (!baseline) { problems.push(`${render}: copies of ${name} but no baseline Deployment named ${name}`); continue }
    for (const copy of deployments.filter((d) => d !== baseline)) {
      for (const bc of containersOf(baseline.spec.template.spec)) {
        const cc = containersOf(copy.spec.template.spec).find((c) => c.name === bc.name)
        if (!cc) { problems.push(`${where(render, copy)}: no container ${bc.name} (the baseline has one)`); continue }
        if (cc.image !== bc.image) problems.push(`${where(render, copy)}/${cc.name}: image ${cc.image}, the baseline runs ${bc.image}`)
        const b = envNames(objects, baseline.metadata.namespace, bc)
        const c = envNames(objects, copy.metadata.namespace, cc)
        const missing = [...b].filter((n) => !c.has(n) && !VARIANT_ENV.has(n))
        const extra = [...c].filter((n) => !b.has(n) && !VARIANT_ENV.has(n))
        if (missing.length) problems.push(`${where(render, copy)}/${cc.name}: lacks env the baseline has: ${missing.join(', ')}`)
        if (extra.length) problems.push(`${where(render, copy)}/${cc.name}: env the baseline lacks: ${extra.join(', ')}`)
        for (const n of [...b].filter((x) => c.has(x) && !VARIANT_ENV.has(x))) {
          const bv = JSON.stringify((bc.env ?? []).find((e) => e.name === n) ?? null)
          const cv = JSON.stringify((cc.env ?? []).find((e) => e.name === n) ?? null)
          if (bv !== cv) problems.push(`${where(render, copy)}/${cc.name}: env ${n} differs from the baseline's`)
        }
      }
    }
  }
}

/** Parses CHECKUP_SYNC_TIERS as hospital-sync-service does (HospitalTiers): `name=id,id;name=id`. */
export function parseTiers(spec) {
  const tiers = new Map()
  const errors = []
  if (!spec || !spec.trim()) return { tiers, errors }
  const seen = new Map()
  spec.split(';').forEach((entry, i) => {
    entry = entry.trim()
    const parts = entry.split('=')
    if (!entry) { errors.push(`entry ${i + 1} is empty`); return }
    if (parts.length !== 2) { errors.push(`'${entry}' is not <tier>=<hospital>,...`); return }
    const name = parts[0].trim()
    if (name === 'default') errors.push(`'default' is the copy serving every hospital in no tier, not a tier name`)
    else if (!TIER_NAME.test(name)) errors.push(`tier name '${name}' must be 1-32 lower-case letters, digits or inner '-'`)
    if (tiers.has(name)) errors.push(`tier ${name} is given twice`)
    const ids = parts[1].split(',').map((s) => s.trim())
    if (ids.some((id) => !id)) errors.push(`tier ${name} has an empty hospital id`)
    for (const id of ids.filter(Boolean)) {
      if (!HOSPITAL_ID.test(id)) errors.push(`'${id}' is not a hospital id`)
      if (seen.has(id)) errors.push(`hospital ${id} is in tier ${seen.get(id)} and ${name}`)
      seen.set(id, name)
    }
    tiers.set(name, ids.filter(Boolean))
  })
  return { tiers, errors }
}

export function checkHospitalTiers(render, objects, problems) {
  const copies = checkupDeployments(objects).filter((d) => app(d) === 'hospital-sync-service')
  if (!copies.length) return
  const maps = new Map()
  const perLane = new Map()
  for (const d of copies) {
    const c = containersOf(d.spec.template.spec).find((x) => x.name === 'app') ?? containersOf(d.spec.template.spec)[0]
    const tiers = resolveEnv(objects, d.metadata.namespace, c, 'CHECKUP_SYNC_TIERS')
    const tier = resolveEnv(objects, d.metadata.namespace, c, 'CHECKUP_SYNC_TIER')
    if (!tiers.found) { problems.push(`${where(render, d)}: does not see CHECKUP_SYNC_TIERS`); continue }
    if (tiers.value === undefined) { problems.push(`${where(render, d)}: CHECKUP_SYNC_TIERS comes from ${tiers.from}, not readable here: give every copy the same ConfigMap`); continue }
    maps.set(d.metadata.name, tiers.value)
    const { tiers: parsed, errors } = parseTiers(tiers.value)
    for (const e of errors) problems.push(`${where(render, d)}: CHECKUP_SYNC_TIERS '${tiers.value}': ${e}`)
    const name = tier.found ? tier.value ?? '' : ''
    if (tier.found && tier.value === undefined) problems.push(`${where(render, d)}: CHECKUP_SYNC_TIER comes from ${tier.from}, not readable here`)
    if (name && !parsed.has(name)) problems.push(`${where(render, d)}: serves tier ${name}, which CHECKUP_SYNC_TIERS does not name`)
    const label = d.spec.template.metadata.labels[HOSPITAL_TIER]
    if (label !== (name || 'default')) problems.push(`${where(render, d)}: label ${HOSPITAL_TIER}=${label ?? '(none)'} but it serves ${name || 'default'}`)
    const lane = d.spec.template.metadata.labels[LANE]
    const key = `${lane}/${name || 'default'}`
    if (perLane.has(key)) problems.push(`${where(render, d)}: ${perLane.get(key)} already serves tier ${name || 'default'} in lane ${lane}`)
    perLane.set(key, d.metadata.name)
  }
  if (new Set(maps.values()).size > 1) {
    problems.push(`${render}: the hospital-sync-service copies see different tiers maps: ${[...maps].map(([n, v]) => `${n}='${v}'`).join(', ')}`)
  }
  if (!perLane.has('baseline/default')) problems.push(`${render}: no default copy of hospital-sync-service (CHECKUP_SYNC_TIER empty) serves the hospitals in no tier`)
}
