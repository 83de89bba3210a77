#!/usr/bin/env bash
# Builds a local stand-in for node:20-bookworm-slim when no image registry can be reached: a Debian
# bookworm minbase root (debootstrap, from the machine's Debian mirror), this machine's Node 20 with its
# headers and npm, a `node` user with uid 1000, and the machine's CA bundle (downloads may go through a
# TLS-inspecting proxy). The project's Dockerfile is unchanged: it builds FROM this image by name.
#   scripts/container-base-standin.sh ENGINE [IMAGE]     (ENGINE: docker or podman; needs root)
set -euo pipefail
engine="${1:?usage: container-base-standin.sh docker|podman [image]}"
image="${2:-docker.io/library/node:20-bookworm-slim}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
ca_bundle="${CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"
node_bin="$(command -v node)"
node_prefix="$(cd "$(dirname "$(readlink -f "$node_bin")")/.." && pwd)"

"$node_bin" -e 'process.exit(process.versions.node.split(".")[0] === "20" ? 0 : 1)' \
  || { echo "the stand-in needs Node 20 on this machine (found $("$node_bin" -v))" >&2; exit 1; }
for tool in debootstrap tar; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y debootstrap)" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
echo "stand-in base: debootstrap bookworm minbase from $mirror"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }

# Node where the official image has it (/usr/local), with headers so node-gyp builds offline.
install -D -m 0755 "$node_bin" "$root/usr/local/bin/node"
mkdir -p "$root/usr/local/include" "$root/usr/local/lib/node_modules"
cp -a "$node_prefix/include/node" "$root/usr/local/include/node"
cp -a "$node_prefix/lib/node_modules/npm" "$root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

# The machine's CA bundle, so npm and apt inside builds trust the same roots (and proxy) as the host.
install -D -m 0644 "$ca_bundle" "$root/etc/ssl/certs/ca-certificates.crt"
chroot "$root" groupadd --gid 1000 node
chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/usr/share/doc "$root"/usr/share/man

tar -C "$root" -cf "$work/root.tar" .
"$engine" import \
  --change 'ENV NODE_VERSION='"$("$node_bin" -p process.versions.node)" \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --change 'ENV npm_config_nodedir=/usr/local' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["node"]' \
  "$work/root.tar" "$image" >/dev/null
echo "stand-in base image $image created"
