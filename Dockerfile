# syntax=docker/dockerfile:1
#
# The tfgate container image, built by GoReleaser (dockers_v2 in
# .goreleaser.yaml) from the binaries it has already built: the build
# context holds linux/amd64/tfgate and linux/arm64/tfgate, never the source.
#
#   docker run --rm -v "$PWD:/src" -w /src ghcr.io/tfgate/tfgate check plan.json
#
# Terraform is optional: with --build-arg TERRAFORM_VERSION=1.11.4 the image
# also holds that Terraform release (sha256-checked against HashiCorp's
# SHA256SUMS), so `tfgate check tfplan` can read saved binary plans. Without
# it the image is the static tfgate binary on distroless and nothing else.

ARG TERRAFORM_VERSION=""

# Terraform, downloaded for the target platform only when asked for.
FROM --platform=$BUILDPLATFORM alpine:3.22 AS terraform
ARG TERRAFORM_VERSION
ARG TARGETOS
ARG TARGETARCH
RUN set -eu; mkdir -p /out; \
    if [ -n "$TERRAFORM_VERSION" ]; then \
      apk add --no-cache curl unzip >/dev/null; \
      base="https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}"; \
      zip="terraform_${TERRAFORM_VERSION}_${TARGETOS}_${TARGETARCH}.zip"; \
      cd /tmp; \
      curl -fsSLO "$base/$zip"; \
      curl -fsSLO "$base/terraform_${TERRAFORM_VERSION}_SHA256SUMS"; \
      grep " $zip\$" "terraform_${TERRAFORM_VERSION}_SHA256SUMS" | sha256sum -c -; \
      unzip -q "$zip" terraform -d /out; \
    fi

FROM gcr.io/distroless/static-debian12:nonroot
ARG TARGETPLATFORM
COPY $TARGETPLATFORM/tfgate /usr/local/bin/tfgate
# Empty unless TERRAFORM_VERSION was set.
COPY --from=terraform /out/ /usr/local/bin/
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/tfgate"]
CMD ["--help"]
