#!/usr/bin/env bash
# Builds and tags the image of every service and the gateway from the jars the Maven build made (run `mvn -B package`
# first), with docker. NOT RUNNABLE on the machines this was written on: they have a docker client but no Docker engine.
# k8s/check reads the table below (every Deployment's image must be built here) and checks each Dockerfile against
# the real jar (layers, launcher class).
#
#   k8s/images/build.sh                  builds registry.example.com/checkup/<module>:0.1.0 for every module
#   REGISTRY=my.registry/checkup TAG=1.2.3 PUSH=true k8s/images/build.sh
#
# The manifests name registry.example.com/checkup/<module>:0.1.0: an overlay's `images:` sets the real registry and tag.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
registry=${REGISTRY:-registry.example.com/checkup}
tag=${TAG:-0.1.0}

# module                 Dockerfile
images='
order-service            service.Dockerfile
payment-service          service.Dockerfile
message-service          service.Dockerfile
booking-service          service.Dockerfile
hospital-sync-service    service.Dockerfile
fulfillment-service      service.Dockerfile
bff-gateway              gateway.Dockerfile
'

while read -r module dockerfile; do
	[ -n "$module" ] || continue
	jar="$root/$module/target/$module.jar"
	[ -f "$jar" ] || { echo "$jar is missing: build it first (mvn -B package)" >&2; exit 1; }
	image="$registry/$module:$tag"
	echo "== $image"
	# the context is the module's target/ only (the jar), not the repository
	docker build --file "$here/$dockerfile" --build-arg "JAR=$module.jar" --tag "$image" "$root/$module/target"
	if [ "${PUSH:-false}" = true ]; then
		docker push "$image"
	fi
done <<<"$images"
