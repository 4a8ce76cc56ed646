#!/usr/bin/env bash
# Prints a development JWT (HS256) that the services accept with their Development settings.
#   deploy/dev-token.sh [--role ROLE]... [--authority CODE]... [--team TEAM]... [--subject S] [--minutes N]
# --team limits the caller to those teams' worker- and case-level lists (a team manager).
# Signing key: the UTF-8 bytes of $WORKFORCE_DEV_SIGNING_KEY, else the development default that
# appsettings.Development.json carries. Never use this key outside development.
set -euo pipefail

usage() {
  echo "usage: $0 [--role ROLE]... [--authority CODE]... [--team TEAM]... [--subject S] [--minutes N]" >&2
  exit 2
}

ROLES=()
AUTHORITIES=()
TEAMS=()
SUBJECT=dev-user
MINUTES=60
while [[ $# -gt 0 ]]; do
  case "$1" in
    --role) ROLES+=("${2:?--role needs a value}"); shift 2 ;;
    --authority) AUTHORITIES+=("${2:?--authority needs a value}"); shift 2 ;;
    --team) TEAMS+=("${2:?--team needs a value}"); shift 2 ;;
    --subject) SUBJECT="${2:?--subject needs a value}"; shift 2 ;;
    --minutes) MINUTES="${2:?--minutes needs a value}"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[[ "$MINUTES" =~ ^[1-9][0-9]*$ ]] || { echo "--minutes must be a positive whole number" >&2; exit 2; }
[[ ${#ROLES[@]} -gt 0 ]] || ROLES=(hr-writer case-writer supervision-writer analyst operations)
[[ ${#AUTHORITIES[@]} -gt 0 ]] || AUTHORITIES=(841)

KEY="${WORKFORCE_DEV_SIGNING_KEY:-workforce-development-signing-key-change-me-0123456789}"

# JSON string literal; control characters have no business in these claims, so refuse them.
json_str() {
  local s="$1"
  if [[ "$s" =~ [[:cntrl:]] ]]; then echo "control characters are not allowed: $s" >&2; exit 2; fi
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  printf '"%s"' "$s"
}

json_array() {
  local out="" v
  for v in "$@"; do out+="${out:+,}$(json_str "$v")"; done
  printf '[%s]' "$out"
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

NOW="$(date +%s)"
HEADER='{"alg":"HS256","typ":"JWT"}'
PAYLOAD="{\"iss\":\"workforce-dev\",\"aud\":\"workforce\",\"sub\":$(json_str "$SUBJECT"),\"iat\":$NOW,\"nbf\":$NOW,\"exp\":$((NOW + MINUTES * 60)),\"role\":$(json_array "${ROLES[@]}"),\"authority\":$(json_array "${AUTHORITIES[@]}")${TEAMS[0]:+,\"team\":$(json_array "${TEAMS[@]}")}}"

SIGNING_INPUT="$(printf '%s' "$HEADER" | b64url).$(printf '%s' "$PAYLOAD" | b64url)"
# The key goes as hex so any byte in it reaches HMAC unchanged.
HEXKEY="$(printf '%s' "$KEY" | od -An -v -tx1 | tr -d ' \n')"
SIGNATURE="$(printf '%s' "$SIGNING_INPUT" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$HEXKEY" -binary | b64url)"
echo "$SIGNING_INPUT.$SIGNATURE"
