// The image recipes, checked against the jars they package (images cannot be built here: no Docker engine). For every
// module of k8s/images/build.sh: its Dockerfile's build stage extraction is run on the real jar (same jar mode, same
// arguments); the COPY lines must be exactly the jar's layers in the jar's order, each an extracted directory; the
// ENTRYPOINT's launcher class must be among the extracted files and be the jar's Main-Class; the application's classes
// must run on the runtime's Java; the image runs as the user the manifests run as, with -Duser.home=/tmp and a
// container-aware heap; every FROM is pinned. Every Deployment image is built by build.sh, and every module it builds
// is deployed.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pinned } from './policy.mjs'
import { containersOf } from './objects.mjs'

const JAVA = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
// class file major version of each Java release a runtime image may carry
const CLASS_MAJOR = { 11: 55, 17: 61, 21: 65 }

export function buildTable(k8sRoot) {
  const script = readFileSync(join(k8sRoot, 'images/build.sh'), 'utf8')
  const block = /^images='\n([\s\S]*?)^'/m.exec(script)?.[1] ?? ''
  return block.split('\n').map((l) => l.trim().split(/\s+/)).filter((p) => p.length === 2).map(([module, dockerfile]) => ({ module, dockerfile }))
}

/** Dockerfile instructions, continuation lines joined, comments dropped, split into stages. */
export function parseDockerfile(text) {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
  const stages = []
  for (const line of lines) {
    const [, op, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? []
    if (!op) continue
    if (op.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest)
      stages.push({ image: m[1], name: m[2], instructions: [] })
    } else if (stages.length) {
      stages.at(-1).instructions.push({ op: op.toUpperCase(), args: rest })
    }
  }
  return stages
}

function run(args, cwd) {
  return execFileSync(JAVA, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

function shellWords(s) {
  return [...s.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3])
}

function classMajor(file) {
  const b = readFileSync(file)
  return b.readUInt16BE(6)
}

// CHECKUP_K8S_IMAGE_MODULES=a,b limits the jar checks to those modules (selftest.mjs, for speed)
export function checkImages({ k8sRoot, repoRoot, renders, allowMissingJars }, problems, notes) {
  const table = buildTable(k8sRoot)
  if (!table.length) { problems.push('images/build.sh: no image table (images=\'...\')'); return }
  const modules = new Set(table.map((t) => t.module))

  // every Deployment image is built, every built module deployed; Checkup pods run as the user of the images
  const deployed = new Set()
  const runAsUsers = new Set()
  for (const { name, objects } of renders) {
    for (const d of objects.filter((o) => o.kind === 'Deployment' && o.metadata.labels?.['app.kubernetes.io/part-of'] === 'checkup')) {
      runAsUsers.add(d.spec.template.spec.securityContext?.runAsUser)
      for (const c of containersOf(d.spec.template.spec)) {
        const module = /\/([^/:@]+)(?:[:@][^/]*)?$/.exec(c.image)?.[1]
        deployed.add(module)
        if (!modules.has(module)) problems.push(`${name}: Deployment/${d.metadata.name} runs ${c.image}, which images/build.sh does not build`)
      }
    }
  }
  for (const m of modules) if (!deployed.has(m)) problems.push(`images/build.sh: builds ${m}, which no Deployment runs`)

  const only = process.env.CHECKUP_K8S_IMAGE_MODULES?.split(',')
  const checkedDockerfiles = new Set()
  for (const { module, dockerfile } of table.filter((t) => !only || only.includes(t.module))) {
    const path = join(k8sRoot, 'images', dockerfile)
    const at = `images/${dockerfile} (${module})`
    if (!existsSync(path)) { problems.push(`images/build.sh: ${dockerfile} does not exist`); continue }
    const stages = parseDockerfile(readFileSync(path, 'utf8'))
    const build = stages.find((s) => s.name === 'build')
    const final = stages.at(-1)
    if (!build || final === build) { problems.push(`${at}: needs a stage named build and a runtime stage after it`); continue }

    if (!checkedDockerfiles.has(dockerfile)) {
      checkedDockerfiles.add(dockerfile)
      for (const s of stages) if (!pinned(s.image)) problems.push(`${at}: FROM ${s.image} is not pinned`)
      const user = final.instructions.filter((i) => i.op === 'USER').at(-1)?.args
      const uid = Number(user?.split(':')[0])
      if (!Number.isInteger(uid) || uid === 0) problems.push(`${at}: the runtime stage must end with USER <numeric non-root uid> (has ${user ?? 'none'})`)
      else for (const u of runAsUsers) if (u !== uid) problems.push(`${at}: runs as ${uid} but the Deployments run as ${u}`)
    }

    // the extraction the build stage runs
    const run_ = build.instructions.find((i) => i.op === 'RUN' && /-Djarmode=/.test(i.args))
    const words = run_ ? shellWords(run_.args) : []
    const mode = /^-Djarmode=(\S+)$/.exec(words.find((w) => w.startsWith('-Djarmode=')) ?? '')?.[1]
    const jarIndex = words.indexOf('-jar')
    const extractArgs = jarIndex >= 0 ? words.slice(jarIndex + 2) : []
    const destIndex = extractArgs.indexOf('--destination')
    if (!mode || jarIndex < 0 || extractArgs[0] !== 'extract' || destIndex < 0) {
      problems.push(`${at}: the build stage must RUN java -Djarmode=<mode> -jar <jar> extract ... --destination <dir>`)
      continue
    }
    const workdir = build.instructions.filter((i) => i.op === 'WORKDIR').at(-1)?.args ?? '/'
    const destination = extractArgs[destIndex + 1]
    const extracted = destination.startsWith('/') ? destination : `${workdir.replace(/\/$/, '')}/${destination}`

    const copies = final.instructions.filter((i) => i.op === 'COPY' && /--from=build\b/.test(i.args)).map((i) => shellWords(i.args).filter((w) => !w.startsWith('--')))
    const layersCopied = []
    for (const [src, dst] of copies) {
      const m = new RegExp(`^${extracted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/([^/]+)/?$`).exec(src)
      if (!m) { problems.push(`${at}: COPY --from=build ${src} is not a layer directory of ${extracted}`); continue }
      if (dst !== './' && dst !== '.') problems.push(`${at}: layer ${m[1]} is copied to ${dst}, not the working directory the launcher runs in`)
      layersCopied.push(m[1])
    }
    const entrypoint = final.instructions.filter((i) => i.op === 'ENTRYPOINT').at(-1)
    let argv = []
    try { argv = JSON.parse(entrypoint?.args ?? 'null') } catch { /* reported below */ }
    if (!Array.isArray(argv) || !argv.length) { problems.push(`${at}: needs an exec-form ENTRYPOINT ["java", ..., "<launcher class>"]`); continue }
    if (!argv.includes('-Duser.home=/tmp')) problems.push(`${at}: the ENTRYPOINT lacks -Duser.home=/tmp (the root filesystem is read-only; /tmp is the writable volume)`)
    if (!argv.some((a) => /^-XX:MaxRAMPercentage=|^-Xmx/.test(a))) problems.push(`${at}: the ENTRYPOINT sets no heap from the container's memory (-XX:MaxRAMPercentage)`)
    if (argv.includes('-jar')) problems.push(`${at}: the ENTRYPOINT runs a jar; the layers are exploded: run the launcher class`)
    const launcher = argv.at(-1)
    const runtimeJava = Number(/:(\d+)[._-]/.exec(final.image)?.[1])

    const jar = join(repoRoot, module, 'target', `${module}.jar`)
    if (!existsSync(jar)) {
      if (allowMissingJars) notes.push(`images: ${module}/target/${module}.jar is absent, so ${dockerfile} was not checked against it (CHECKUP_K8S_ALLOW_MISSING_JARS)`)
      else problems.push(`images: ${module}/target/${module}.jar is absent: build the module (mvn -B package) or set CHECKUP_K8S_ALLOW_MISSING_JARS=true to skip the image checks`)
      continue
    }
    const dir = mkdtempSync(join(tmpdir(), `checkup-image-${module}-`))
    try {
      let layers
      try {
        layers = run([`-Djarmode=${mode}`, '-jar', jar, mode === 'tools' ? 'list-layers' : 'list'], dir).split('\n').map((l) => l.trim()).filter(Boolean)
      } catch (e) {
        problems.push(`${at}: ${module}.jar does not support -Djarmode=${mode} (${(e.stderr || e.message).trim().split('\n')[0]}): is it layered, and the right Spring Boot generation for this Dockerfile?`)
        continue
      }
      if (JSON.stringify(layers) !== JSON.stringify(layersCopied)) {
        problems.push(`${at}: copies layers [${layersCopied.join(', ')}] but ${module}.jar has [${layers.join(', ')}] (same layers, same order)`)
      }
      const args = [...extractArgs]
      args[destIndex + 1] = join(dir, 'x')
      try {
        run([`-Djarmode=${mode}`, '-jar', jar, ...args], dir)
      } catch (e) {
        problems.push(`${at}: the extraction fails on ${module}.jar: ${(e.stderr || e.message).trim().split('\n')[0]}`)
        continue
      }
      for (const l of layersCopied) {
        if (!existsSync(join(dir, 'x', l)) || !statSync(join(dir, 'x', l)).isDirectory()) problems.push(`${at}: the extraction makes no directory ${l}, which the Dockerfile copies`)
      }
      const classFile = `${launcher.replaceAll('.', '/')}.class`
      if (!layersCopied.some((l) => existsSync(join(dir, 'x', l, classFile)))) problems.push(`${at}: the launcher ${launcher} is in none of the copied layers of ${module}.jar`)
      const manifestLayer = layersCopied.find((l) => existsSync(join(dir, 'x', l, 'META-INF/MANIFEST.MF')))
      const manifest = manifestLayer ? readFileSync(join(dir, 'x', manifestLayer, 'META-INF/MANIFEST.MF'), 'utf8') : ''
      const mainClass = /^Main-Class: (\S+)/m.exec(manifest)?.[1]
      const startClass = /^Start-Class: (\S+)/m.exec(manifest)?.[1]
      if (mainClass !== launcher) problems.push(`${at}: the ENTRYPOINT runs ${launcher} but ${module}.jar's Main-Class is ${mainClass ?? '(no manifest in the copied layers)'}`)
      const start = startClass && join(dir, 'x', manifestLayer, 'BOOT-INF/classes', `${startClass.replaceAll('.', '/')}.class`)
      if (!start || !existsSync(start)) problems.push(`${at}: ${module}.jar's Start-Class ${startClass ?? '(none)'} is not in its application layer`)
      else if (!CLASS_MAJOR[runtimeJava]) problems.push(`${at}: the runtime image ${final.image} names no Java release this check knows`)
      else if (classMajor(start) > CLASS_MAJOR[runtimeJava]) problems.push(`${at}: ${startClass} is class file version ${classMajor(start)}, newer than Java ${runtimeJava} of ${final.image} runs`)
      notes.push(`images: ${module}.jar -> ${dockerfile}: layers ${layers.join(', ')}; ${launcher}; ${startClass} (class file ${start && existsSync(start) ? classMajor(start) : '?'}) on Java ${runtimeJava}`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
