# checkpointd's container image, from Debian 12 packages only
# (docs/deploy-kubernetes.md#the-image):
#   docker build -t registry.example.com/platform/checkpointd:0.1.0 .
# The builder compiles checkpointd and checkpointctl. The runtime image holds them, the
# shared libraries they link (tests/deploy checks this list against the binaries' ldd),
# psql for the migration Jobs and the CA certificates. It runs as the non-root user 65532,
# the daemon as its entrypoint in exec form: no shell is involved in running it.

FROM debian:12 AS builder
WORKDIR /src
COPY scripts/lib.sh scripts/lib.sh
RUN bash -c 'source scripts/lib.sh \
      && apt-get update -q \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${BUILD_PACKAGES[@]}"' \
 && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release \
 && cmake --build /build --target checkpointd checkpointctl \
 && strip /build/daemon/checkpointd /build/client/checkpointctl

FROM debian:12-slim
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      ca-certificates \
      libboost-json1.81.0 \
      libboost-program-options1.81.0 \
      libc6 \
      libfmt9 \
      libgcc-s1 \
      libpg-query1504.0 \
      libpqxx-6.4 \
      libprometheus-cpp-core1.0 \
      libspdlog1.10 \
      libssl3 \
      libstdc++6 \
      libsystemd0 \
      libyaml-cpp0.7 \
      postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 65532 --user-group --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin checkpointd
COPY --from=builder /build/daemon/checkpointd /build/client/checkpointctl /usr/bin/
USER 65532:65532
ENTRYPOINT ["/usr/bin/checkpointd"]
CMD ["--config", "/etc/checkpointd/config.yaml"]
