#!/usr/bin/env bash
# Builds the Teams app package (manifest + icons) to sideload or upload to the Teams admin center.
#   bash eng/teams/pack.sh BOT_APP_ID [PUBLISHER] [WEBSITE_URL]
# BOT_APP_ID is the Microsoft App ID of your Azure Bot (the same value as Bot__MicrosoftAppId).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app_id="${1:?usage: pack.sh BOT_APP_ID [PUBLISHER] [WEBSITE_URL]}"
publisher="${2:-BriefingBot}"
website="${3:-https://example.com}"
if ! [[ "$app_id" =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ ]]; then
  echo "pack.sh: BOT_APP_ID must be a GUID (the Azure Bot's Microsoft App ID), got '$app_id'" >&2
  exit 2
fi
out="$here/../../artifacts/teams"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed -e "s|{{BOT_APP_ID}}|$app_id|g" -e "s|{{PUBLISHER}}|$publisher|g" -e "s|{{WEBSITE_URL}}|${website%/}|g" "$here/manifest.json" > "$work/manifest.json"
cp "$here/color.png" "$here/outline.png" "$work/"
mkdir -p "$out"
rm -f "$out/briefingbot-teams.zip"
(cd "$work" && zip -q -X "$out/briefingbot-teams.zip" manifest.json color.png outline.png)
echo "$(cd "$out" && pwd)/briefingbot-teams.zip"
