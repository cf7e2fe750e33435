#!/usr/bin/env bash
# One-time set-up of a new Nacos cluster (infra/nacos), run by the operator once its pods are ready:
#   1. the admin user `nacos` gets a password (Nacos 2.4+ has none until someone sets it: until then anyone reaching
#      port 8848 could claim it, which the NetworkPolicy limits to Checkup pods);
#   2. the namespace the platform uses (NACOS_NAMESPACE of base's checkup-platform, `checkup`);
#   3. the services' user (Secret checkup-nacos in namespace checkup) with read-write on that namespace only.
# It talks to nacos-0 through `kubectl exec` (curl inside the pod, on 127.0.0.1): secrets reach the pod on stdin,
# never on this machine's command line; inside the pod curl gets them as arguments for the call's duration. Idempotent: what exists already is reported and left alone.
# NOT RUN on the machines this was written on (no cluster there): checked with `bash -n` only.
#
#   read -rs NACOS_ADMIN_PASSWORD && export NACOS_ADMIN_PASSWORD && k8s/infra/nacos/bootstrap.sh
#
# Environment: NACOS_ADMIN_PASSWORD (required: keep it in your vault, the platform never uses it), INFRA_NAMESPACE
# (checkup-infra), APP_NAMESPACE (checkup), NACOS_NAMESPACE (checkup), NACOS_POD (nacos-0).
set -euo pipefail

: "${NACOS_ADMIN_PASSWORD:?set NACOS_ADMIN_PASSWORD: the password the Nacos admin user nacos gets}"
infra_ns=${INFRA_NAMESPACE:-checkup-infra}
app_ns=${APP_NAMESPACE:-checkup}
nacos_ns=${NACOS_NAMESPACE:-checkup}
pod=${NACOS_POD:-nacos-0}

# nacos METHOD PATH: form fields (name=value, one a line) on stdin; the first line is the access token (or empty).
nacos() {
	kubectl -n "$infra_ns" exec -i "$pod" -c nacos -- sh -c '
		IFS= read -r token
		url="http://127.0.0.1:8848/nacos$2"; method=$1; set --
		while IFS= read -r field; do set -- "$@" --data-urlencode "$field"; done
		[ -n "$token" ] && set -- "$@" -H "Authorization: Bearer $token"
		exec curl -sS -X "$method" "$url" "$@"' sh "$1" "$2"
}

secret() {
	kubectl -n "$app_ns" get secret checkup-nacos -o "jsonpath={.data.$1}" | base64 -d
}

user=$(secret username)
password=$(secret password)
[ -n "$user" ] && [ -n "$password" ] || { echo "Secret $app_ns/checkup-nacos needs keys username and password" >&2; exit 1; }

echo "1. admin user"
printf '\npassword=%s\n' "$NACOS_ADMIN_PASSWORD" | nacos POST /v1/auth/users/admin | sed 's/"password":"[^"]*"/"password":"(hidden)"/'
echo

login=$(printf '\nusername=nacos\npassword=%s\n' "$NACOS_ADMIN_PASSWORD" | nacos POST /v1/auth/login)
token=$(printf '%s' "$login" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "Login as nacos failed (is NACOS_ADMIN_PASSWORD the admin password?)" >&2; exit 1; }

echo "2. namespace $nacos_ns"
printf '%s\ncustomNamespaceId=%s\nnamespaceName=%s\nnamespaceDesc=%s\n' "$token" "$nacos_ns" "$nacos_ns" \
	"Checkup platform" | nacos POST /v1/console/namespaces
echo " (false: it exists already)"

echo "3. user $user, role checkup, read-write on namespace $nacos_ns"
printf '%s\nusername=%s\npassword=%s\n' "$token" "$user" "$password" | nacos POST /v1/auth/users
echo
printf '%s\nrole=checkup\nusername=%s\n' "$token" "$user" | nacos POST /v1/auth/roles
echo
printf '%s\nrole=checkup\nresource=%s:*:*\naction=rw\n' "$token" "$nacos_ns" | nacos POST /v1/auth/permissions
echo
echo "Done. A changed password in checkup-nacos is not applied here: change it in the Nacos console (kubectl port-forward)."
